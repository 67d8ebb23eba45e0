"""Object stores, volumes, databases."""

import pulumi


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


def noncompliant_buckets() -> None:
    import pulumi_aws as aws

    aws.s3.Bucket("bare")  # SSE-S3 by default, no public access block, no logging
    partial = aws.s3.Bucket("partial", tags={"Name": "partial-bucket"})
    aws.s3.BucketServerSideEncryptionConfiguration(
        "partial-sse", bucket=partial.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketPublicAccessBlock("partial-pab", bucket=partial.id, block_public_acls=True,
                                   block_public_policy=True)


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

    aws.rds.Instance("good-db", identifier="phi-db", engine="postgres", instance_class="db.t3.micro",
                     allocated_storage=20, storage_encrypted=True, username="app",
                     password=pulumi.Output.secret("hunter2-db-password"))
    aws.rds.Instance("bad-db", identifier="legacy-db", engine="mysql", instance_class="db.t3.micro",
                     allocated_storage=20, publicly_accessible=True, username="app", password="plain")
