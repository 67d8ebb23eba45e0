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


def trails() -> None:
    """Twin of tests/terraform/aws/parity_trails: a rotated key and a legacy one, a multi-region trail with
    validation and KMS delivering to a KMS-encrypted log group, a trail with defaults, short and unbounded
    retention."""
    import pulumi_aws as aws

    key = aws.kms.Key("trail-key", enable_key_rotation=True)
    aws.kms.Key("legacy-key")
    trail_logs = aws.cloudwatch.LogGroup("trail-logs", name="/audit/org-trail", retention_in_days=400,
                                         kms_key_id=key.arn)
    aws.cloudwatch.LogGroup("api-logs", name="/app/api", retention_in_days=30)
    aws.cloudwatch.LogGroup("forever-logs", name="/app/forever")
    aws.cloudtrail.Trail("org-trail", name="org-trail", s3_bucket_name="audit-files", is_multi_region_trail=True,
                         enable_log_file_validation=True, kms_key_id=key.arn,
                         cloud_watch_logs_group_arn=trail_logs.arn.apply(lambda arn: f"{arn}:*"),
                         cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs")
    aws.cloudtrail.Trail("dev-trail", name="dev-trail", s3_bucket_name="audit-files")


def data() -> None:
    """Twin of tests/terraform/aws/parity_data: an encrypted and a plaintext volume, a private encrypted
    database and a public plaintext one, a private instance and a public forwarding one."""
    import pulumi_aws as aws

    aws.ebs.Volume("enc-disk", availability_zone="us-east-1a", size=50, encrypted=True,
                   kms_key_id="arn:aws:kms:us-east-1:123456789012:alias/phi-disks", tags={"Name": "enc-disk"})
    aws.ebs.Volume("plain-disk", availability_zone="us-east-1a", size=50, encrypted=False,
                   tags={"Name": "plain-disk"})
    aws.rds.Instance("patients-db", identifier="patients-db", engine="postgres", instance_class="db.t3.micro",
                     allocated_storage=20, storage_encrypted=True, publicly_accessible=False,
                     username="app", password="correct-horse-1")
    aws.rds.Instance("reports-db", identifier="reports-db", engine="mysql", instance_class="db.t3.micro",
                     allocated_storage=20, publicly_accessible=True, username="app", password="correct-horse-2")
    aws.ec2.Instance("app-host", ami="ami-12c6146b", instance_type="t3.micro", associate_public_ip_address=False,
                     tags={"Name": "app-host"})
    aws.ec2.Instance("edge-host", ami="ami-12c6146b", instance_type="t3.micro", associate_public_ip_address=True,
                     source_dest_check=False, tags={"Name": "edge-host"})
