# Object stores (split S3 resources, a module with for_each), volumes (count), databases, keys,
# and values only known after apply (a key's ARN, a condition on a key id).
resource "aws_kms_key" "data" {
  description         = "phi data"
  enable_key_rotation = true
}

resource "aws_kms_key" "stale" {
  description         = "never rotated"
  enable_key_rotation = false
}

module "records" {
  source  = "./modules/bucket"
  buckets = { "phi" = "phi-records-tf", "scans" = "phi-scans-tf" }
  kms_key = aws_kms_key.data.arn
}

resource "aws_s3_bucket" "bare" {
  bucket = "bare-bucket-tf"
}

resource "aws_s3_bucket" "partial" {
  bucket = "partial-bucket-tf"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket              = aws_s3_bucket.partial.id
  block_public_acls   = true
  block_public_policy = false
}

resource "aws_ebs_volume" "disk" {
  count             = 2
  availability_zone = "us-east-1a"
  size              = 8
  encrypted         = count.index == 0
}

resource "aws_ebs_volume" "computed" {
  availability_zone = "us-east-1a"
  size              = 8
  encrypted         = aws_kms_key.data.key_id != ""
}

resource "aws_db_instance" "good" {
  identifier                          = "phi-db-tf"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data.arn
  iam_database_authentication_enabled = true
  username                            = "app"
  password                            = "hunter2-db-password"
  skip_final_snapshot                 = true
}

resource "aws_db_instance" "bad" {
  identifier          = "legacy-db-tf"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = true
  username            = "app"
  password            = "plain-password"
  skip_final_snapshot = true
}

resource "aws_db_instance" "pending" {
  identifier          = "pending-db-tf"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = aws_kms_key.stale.key_id != ""
  username            = "app"
  password            = "pending-password"
  skip_final_snapshot = true
}

# a data source computed locally (no API call): read by nothing, skipped by the reader
data "aws_iam_policy_document" "unused" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
