# DynamoDB tables as databases: one on a key this plan creates, one on aws/dynamodb (KMS without a key), one on
# the default AWS owned key.

resource "aws_kms_key" "tables" {
  description         = "phi-claims-tf"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "phi" {
  name         = "phi-claims-tf"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.tables.arn
  }
}

resource "aws_dynamodb_table" "managed" {
  name         = "managed-claims-tf"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "plain" {
  name         = "plain-sessions-tf"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}
