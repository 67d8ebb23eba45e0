# Secrets Manager secrets: one on a key this plan creates with a rotation, one on an alias never rotated, one on
# the AWS-managed key (no kms_key_id).

resource "aws_kms_key" "secrets" {
  description         = "phi-secrets-tf"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "phi" {
  name       = "phi-db-password-tf"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret_rotation" "phi" {
  secret_id           = aws_secretsmanager_secret.phi.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "partner" {
  name       = "partner-api-key-tf"
  kms_key_id = "alias/partner-secrets"
}

resource "aws_secretsmanager_secret" "legacy" {
  name = "legacy-token-tf"
}
