# Split S3 resources written next to a module that creates the bucket: joined through the module's output.
module "audit_logs" {
  source = "./modules/bucket"
  name   = "audit-logs-tf"
}

resource "aws_s3_bucket_public_access_block" "audit_logs" {
  bucket                  = module.audit_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit_logs" {
  bucket = module.audit_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_logging" "audit_logs" {
  bucket        = module.audit_logs.id
  target_bucket = "central-access-logs"
  target_prefix = "audit-logs-tf/"
}
