# The Terraform twin of tests/pulumi_programs/terraform_twins.py data (resource names = Pulumi logical
# names; physical names, or Name tags where AWS has no name, the same): volumes, databases, instances.
resource "aws_ebs_volume" "enc-disk" {
  availability_zone = "us-east-1a"
  size              = 50
  encrypted         = true
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:alias/phi-disks"
  tags              = { Name = "enc-disk" }
}

resource "aws_ebs_volume" "plain-disk" {
  availability_zone = "us-east-1a"
  size              = 50
  encrypted         = false
  tags              = { Name = "plain-disk" }
}

resource "aws_db_instance" "patients-db" {
  identifier          = "patients-db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = false
  username            = "app"
  password            = "correct-horse-1"
}

resource "aws_db_instance" "reports-db" {
  identifier          = "reports-db"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = true
  username            = "app"
  password            = "correct-horse-2"
}

resource "aws_instance" "app-host" {
  ami                         = "ami-12c6146b"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  tags                        = { Name = "app-host" }
}

resource "aws_instance" "edge-host" {
  ami                         = "ami-12c6146b"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  source_dest_check           = false
  tags                        = { Name = "edge-host" }
}
