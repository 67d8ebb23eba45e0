# The Terraform twin of tests/pulumi_programs/terraform_twins.py buckets (resource names = Pulumi logical
# names; physical names the same).
resource "aws_kms_key" "bucket-key" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "records" {
  bucket = "phi-records"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "records-sse" {
  bucket = aws_s3_bucket.records.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.bucket-key.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "records-pab" {
  bucket                  = aws_s3_bucket.records.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "records-logging" {
  bucket        = aws_s3_bucket.records.id
  target_bucket = "central-access-logs"
  target_prefix = "phi-records/"
}

resource "aws_s3_bucket_policy" "records-policy" {
  bucket = aws_s3_bucket.records.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "partial" {
  bucket = "partial-bucket"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "partial-sse" {
  bucket = aws_s3_bucket.partial.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "partial-pab" {
  bucket              = aws_s3_bucket.partial.id
  block_public_acls   = true
  block_public_policy = true
}

resource "aws_s3_bucket_logging" "partial-logging" {
  bucket        = aws_s3_bucket.partial.id
  target_bucket = "central-access-logs"
  target_prefix = "partial-bucket/"
}

resource "aws_s3_bucket_policy" "partial-policy" {
  bucket = aws_s3_bucket.partial.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
