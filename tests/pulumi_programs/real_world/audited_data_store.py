"""A records bucket and its audit trail built to pass: KMS, TLS-only policy, trail, flow logs, detector.

The TLS-only bucket policy and the key policy come from ``get_policy_document`` with
conditions and ARNs assembled from ``get_caller_identity`` / ``get_partition`` /
``get_region`` (through ``Output.all``); the rendered JSON is what the rules read.
"""

import pulumi


def program() -> None:
    import pulumi_aws as aws

    identity = aws.get_caller_identity()
    partition = aws.get_partition().partition
    region = aws.get_region().region
    account_root = f"arn:{partition}:iam::{identity.account_id}:root"

    key_policy = aws.iam.get_policy_document(statements=[{
        "sid": "AccountAdmin", "actions": ["kms:*"], "resources": ["*"],
        "principals": [{"type": "AWS", "identifiers": [account_root]}]}, {
        "sid": "CloudTrailEncrypt", "actions": ["kms:GenerateDataKey*", "kms:DescribeKey"], "resources": ["*"],
        "principals": [{"type": "Service", "identifiers": ["cloudtrail.amazonaws.com"]}]}])
    key = aws.kms.Key("records-key", enable_key_rotation=True, deletion_window_in_days=30, policy=key_policy.json)

    logs = aws.s3.Bucket("access-logs")
    records = aws.s3.Bucket("records")
    for bucket, label in ((logs, "access-logs"), (records, "records")):
        aws.s3.BucketServerSideEncryptionConfiguration(f"{label}-sse", bucket=bucket.id, rules=[{
            "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn},
            "bucket_key_enabled": True}])
        aws.s3.BucketPublicAccessBlock(f"{label}-pab", bucket=bucket.id, block_public_acls=True,
                                       block_public_policy=True, ignore_public_acls=True,
                                       restrict_public_buckets=True)
        tls_only = aws.iam.get_policy_document_output(statements=[{
            "sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"],
            "resources": [bucket.arn, bucket.arn.apply(lambda arn: f"{arn}/*")],
            "principals": [{"type": "*", "identifiers": ["*"]}],
            "conditions": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]}])
        aws.s3.BucketPolicy(f"{label}-policy", bucket=bucket.id, policy=tls_only.json)
    aws.s3.BucketLogging("records-logging", bucket=records.id, target_bucket=logs.id, target_prefix="records/")

    trail_group = aws.cloudwatch.LogGroup("trail-logs", retention_in_days=365, kms_key_id=key.arn)
    aws.cloudtrail.Trail(
        "audit", s3_bucket_name=logs.id, is_multi_region_trail=True, include_global_service_events=True,
        enable_log_file_validation=True, kms_key_id=key.arn,
        cloud_watch_logs_group_arn=trail_group.arn.apply(lambda arn: f"{arn}:*"))

    vpc = aws.ec2.Vpc("records-vpc", cidr_block="10.20.0.0/16")
    aws.ec2.DefaultSecurityGroup("records-vpc-default", vpc_id=vpc.id)  # no rules: closed
    aws.ec2.FlowLog("records-vpc-flow", vpc_id=vpc.id, traffic_type="ALL", log_destination_type="s3",
                    log_destination=logs.arn)
    aws.guardduty.Detector("detector", enable=True)
    aws.ebs.EncryptionByDefault("ebs-default", enabled=True)

    pulumi.export("records_bucket", pulumi.Output.all(records.bucket, region).apply(
        lambda parts: f"{parts[0]} in {parts[1]}"))
