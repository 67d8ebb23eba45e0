# A trail delivering to a log group in the plan, one with defaults, keys and log groups.
resource "aws_kms_key" "trail" {
  description         = "trail logs"
  enable_key_rotation = true
}

# a key whose separate policy resource lets anyone decrypt with it
resource "aws_kms_key" "shared" {
  description         = "shared exports"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "shared" {
  key_id = aws_kms_key.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Admin", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Anyone", Effect = "Allow", Principal = "*", Action = ["kms:Decrypt"], Resource = "*" },
    ]
  })
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/audit/trail-tf"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.trail.arn
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "/app/short-tf"
  retention_in_days = 30
}

resource "aws_cloudtrail" "org" {
  name                          = "org-trail-tf"
  s3_bucket_name                = "central-trail-logs"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::123456789012:role/trail-to-logs"
}

resource "aws_cloudtrail" "dev" {
  name           = "dev-trail-tf"
  s3_bucket_name = "central-trail-logs"
}
