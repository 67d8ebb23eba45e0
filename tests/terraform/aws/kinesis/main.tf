# Kinesis streams as message queues: one on a key this plan creates, one on the AWS-managed key, one left at the
# default (NONE).

resource "aws_kms_key" "events" {
  description         = "phi-events-tf"
  enable_key_rotation = true
}

resource "aws_kinesis_stream" "phi" {
  name            = "phi-events-tf"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.events.arn
}

resource "aws_kinesis_stream" "managed" {
  name            = "claims-events-tf"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "plain" {
  name        = "raw-clicks-tf"
  shard_count = 1
}
