# The Terraform twin of tests/pulumi_programs/terraform_twins.py trails (resource names = Pulumi logical
# names; physical names the same): keys, a trail delivering to an encrypted log group, one with defaults.
resource "aws_kms_key" "trail-key" {
  enable_key_rotation = true
}

resource "aws_kms_key" "legacy-key" {
}

resource "aws_cloudwatch_log_group" "trail-logs" {
  name              = "/audit/org-trail"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.trail-key.arn
}

resource "aws_cloudwatch_log_group" "api-logs" {
  name              = "/app/api"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "forever-logs" {
  name = "/app/forever"
}

resource "aws_cloudtrail" "org-trail" {
  name                       = "org-trail"
  s3_bucket_name             = "audit-files"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail-key.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail-logs.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-logs"
}

resource "aws_cloudtrail" "dev-trail" {
  name           = "dev-trail"
  s3_bucket_name = "audit-files"
}
