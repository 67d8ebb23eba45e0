"""pulumi-aws programs whose Terraform twins live in tests/terraform/aws/<scenario>/main.tf: the same
resources under the same logical names (a plan address without its type) and physical names."""

import json


def buckets() -> None:
    """Twin of tests/terraform/aws/parity_buckets: a compliant bucket, and one with SSE-S3, two guards
    off and a policy refusing plaintext downloads only. (Every bucket has a logging resource: a v5 plan
    cannot tell a bucket without one from a dynamic ``logging`` block, see sources/terraform/aws.py.)"""
    import pulumi_aws as aws

    key = aws.kms.Key("bucket-key", enable_key_rotation=True)
    records = aws.s3.Bucket("records", bucket="phi-records")
    aws.s3.BucketServerSideEncryptionConfiguration(
        "records-sse", bucket=records.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}])
    aws.s3.BucketPublicAccessBlock("records-pab", bucket=records.id, block_public_acls=True, block_public_policy=True,
                                   ignore_public_acls=True, restrict_public_buckets=True)
    aws.s3.BucketLogging("records-logging", bucket=records.id, target_bucket="central-access-logs",
                         target_prefix="phi-records/")
    aws.s3.BucketPolicy("records-policy", bucket=records.id, policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    partial = aws.s3.Bucket("partial", bucket="partial-bucket")
    aws.s3.BucketServerSideEncryptionConfiguration(
        "partial-sse", bucket=partial.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}])
    aws.s3.BucketPublicAccessBlock("partial-pab", bucket=partial.id, block_public_acls=True, block_public_policy=True)
    aws.s3.BucketLogging("partial-logging", bucket=partial.id, target_bucket="central-access-logs",
                         target_prefix="partial-bucket/")
    aws.s3.BucketPolicy("partial-policy", bucket=partial.id, policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
