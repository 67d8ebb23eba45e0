# Snapshots: of an encrypted and an unencrypted instance (the latter shared with all accounts), of an instance
# outside this configuration, of two clusters (one shared with all), and of two volumes.

resource "aws_db_instance" "phi" {
  identifier          = "phi-db-tf"
  instance_class      = "db.t3.micro"
  engine              = "postgres"
  allocated_storage   = 20
  username            = "admin_user"
  password            = "Correct-Horse-9"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "plain" {
  identifier          = "plain-db-tf"
  instance_class      = "db.t3.micro"
  engine              = "postgres"
  allocated_storage   = 20
  username            = "admin_user"
  password            = "Correct-Horse-9"
  skip_final_snapshot = true
}

resource "aws_db_snapshot" "phi" {
  db_snapshot_identifier = "phi-db-snap-tf"
  db_instance_identifier = aws_db_instance.phi.identifier
}

resource "aws_db_snapshot" "shared" {
  db_snapshot_identifier = "shared-db-snap-tf"
  db_instance_identifier = aws_db_instance.plain.identifier
  shared_accounts        = ["all"]
}

resource "aws_db_snapshot" "outside" {
  db_snapshot_identifier = "outside-db-snap-tf"
  db_instance_identifier = "legacy-db"
  shared_accounts        = ["210987654321"]
}

resource "aws_rds_cluster" "phi" {
  cluster_identifier  = "phi-cluster-tf"
  engine              = "aurora-postgresql"
  master_username     = "admin_user"
  master_password     = "Correct-Horse-9"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "open" {
  cluster_identifier  = "open-cluster-tf"
  engine              = "aurora-postgresql"
  master_username     = "admin_user"
  master_password     = "Correct-Horse-9"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_db_cluster_snapshot" "phi" {
  db_cluster_snapshot_identifier = "phi-cluster-snap-tf"
  db_cluster_identifier          = aws_rds_cluster.phi.cluster_identifier
}

resource "aws_db_cluster_snapshot" "open" {
  db_cluster_snapshot_identifier = "open-cluster-snap-tf"
  db_cluster_identifier          = aws_rds_cluster.open.cluster_identifier
  shared_accounts                = ["all"]
}

resource "aws_ebs_volume" "phi" {
  availability_zone = "us-east-1a"
  size              = 8
  encrypted         = true
}

resource "aws_ebs_volume" "plain" {
  availability_zone = "us-east-1a"
  size              = 8
  encrypted         = false
}

resource "aws_ebs_snapshot" "phi" {
  volume_id = aws_ebs_volume.phi.id
  tags      = { Name = "phi-vol-snap-tf" }
}

resource "aws_ebs_snapshot" "plain" {
  volume_id = aws_ebs_volume.plain.id
  tags      = { Name = "plain-vol-snap-tf" }
}
