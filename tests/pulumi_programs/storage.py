"""Object stores, volumes, databases."""

import json

import pulumi


def deny_without_tls(bucket: str) -> str:
    """The bucket policy that refuses every request to the bucket and its objects not sent over TLS."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def compliant_bucket() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("bucket-key", enable_key_rotation=True)
    bucket = aws.s3.Bucket("records", bucket="phi-records")
    aws.s3.BucketServerSideEncryptionConfiguration(
        "records-sse",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms",
                                                           "kms_master_key_id": key.arn}}],
    )
    aws.s3.BucketPublicAccessBlock(
        "records-pab", bucket=bucket.id, block_public_acls=True, block_public_policy=True,
        ignore_public_acls=True, restrict_public_buckets=True,
    )
    aws.s3.BucketLogging("records-logging", bucket=bucket.id, target_bucket="central-access-logs",
                         target_prefix="phi-records/")
    aws.s3.BucketPolicy("records-policy", bucket=bucket.id, policy=deny_without_tls("phi-records"))


def stock_template_bucket() -> None:
    """The stock ``aws-python`` template: one bucket, nothing else (blocked and SSE-S3 by AWS's defaults)."""
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("my-bucket")
    pulumi.export("bucket_name", bucket.id)


def bucket_one_guard_off() -> None:
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("website")
    aws.s3.BucketPublicAccessBlock("website-pab", bucket=bucket.id, block_public_acls=True, ignore_public_acls=True,
                                   block_public_policy=True, restrict_public_buckets=False)


def bucket_guard_covered_by_account_block() -> None:
    """The bucket's own block leaves policies open; the stack's account-level block closes them."""
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("shared")
    aws.s3.BucketPublicAccessBlock("shared-pab", bucket=bucket.id, block_public_acls=True, ignore_public_acls=True)
    aws.s3.AccountPublicAccessBlock("account-pab", block_public_acls=True, ignore_public_acls=True,
                                    block_public_policy=True, restrict_public_buckets=True)


def bucket_encryption_keys() -> None:
    """Default encryption with the AWS-managed key (implicit and named), a stack key (SSE-KMS, DSSE-KMS), and
    a key ARN from outside the stack."""
    import pulumi_aws as aws

    key = aws.kms.Key("data-key", enable_key_rotation=True)
    for name, algorithm, key_id in (
        ("default-key", "aws:kms", None),
        ("named-aws-key", "aws:kms", "alias/aws/s3"),
        ("stack-key", "aws:kms", key.arn),
        ("dsse-stack-key", "aws:kms:dsse", key.arn),
        ("dsse-default-key", "aws:kms:dsse", None),
        ("foreign-key", "aws:kms", "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
    ):
        bucket = aws.s3.Bucket(name)
        by_default = {"sse_algorithm": algorithm, **({"kms_master_key_id": key_id} if key_id else {})}
        aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-sse", bucket=bucket.id, rules=[{"apply_server_side_encryption_by_default": by_default}])


def noncompliant_buckets() -> None:
    import pulumi_aws as aws

    aws.s3.Bucket("bare")  # SSE-S3 and all public access guards on by default; no logging, no policy
    partial = aws.s3.Bucket("partial", tags={"Name": "partial-bucket"})
    aws.s3.BucketServerSideEncryptionConfiguration(
        "partial-sse", bucket=partial.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketPublicAccessBlock("partial-pab", bucket=partial.id, block_public_acls=True,
                                   block_public_policy=True)
    # a policy, but it refuses only downloads over plain HTTP, not uploads
    aws.s3.BucketPolicy("partial-policy", bucket=partial.id, policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))


def volumes() -> None:
    import pulumi_aws as aws

    aws.ebs.Volume("encrypted-disk", availability_zone="us-east-1a", size=8, encrypted=True)
    aws.ebs.Volume("plain-disk", availability_zone="us-east-1a", size=8, encrypted=False)
    aws.ebs.EncryptionByDefault("ebs-default-off", enabled=False)


def volumes_default_on() -> None:
    import pulumi_aws as aws

    aws.ebs.EncryptionByDefault("ebs-default-on", enabled=True)
    aws.ebs.Volume("implicit-disk", availability_zone="us-east-1a", size=8)


def volume_implicit() -> None:
    import pulumi_aws as aws

    aws.ebs.Volume("implicit-disk", availability_zone="us-east-1a", size=8)


def databases() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("phi-db-key", description="phi-db storage", enable_key_rotation=True)
    aws.rds.Instance("good-db", identifier="phi-db", engine="postgres", engine_version="16.3",
                     instance_class="db.t3.micro", allocated_storage=20, storage_encrypted=True, kms_key_id=key.arn,
                     iam_database_authentication_enabled=True, enabled_cloudwatch_logs_exports=["postgresql"],
                     username="app",
                     password=pulumi.Output.secret("hunter2-db-password"))
    aws.rds.Instance("bad-db", identifier="legacy-db", engine="mysql", instance_class="db.t3.micro",
                     allocated_storage=20, publicly_accessible=True, username="app", password="plain")
