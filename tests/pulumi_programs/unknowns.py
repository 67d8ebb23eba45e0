"""Values a preview cannot know yet, and secrets."""

import pulumi

from tests.pulumi_programs.storage import deny_without_tls

SECRET_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/0000-SECRET-KEY"
SECRET_CIDR = "203.0.113.77/32"
SECRET_BUCKET = "secret-bucket-name-7731"
SECRET_POLICY_ARN = "arn:aws:iam::123456789012:policy/secret-policy-9911"


def unresolved_outputs() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("late-key", enable_key_rotation=True)
    bucket = aws.s3.Bucket("late-bucket", bucket="phi-late")
    aws.s3.BucketServerSideEncryptionConfiguration(
        "late-bucket-sse", bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms",
                                                           "kms_master_key_id": key.arn}}])
    aws.s3.BucketPolicy("late-bucket-policy", bucket=bucket.id, policy=deny_without_tls("phi-late"))
    algo_bucket = aws.s3.Bucket("algo-bucket", bucket="phi-algo")
    # built from the bucket's ARN, which a preview of a new bucket does not know
    aws.s3.BucketPolicy("algo-bucket-policy", bucket=algo_bucket.id,
                        policy=algo_bucket.arn.apply(lambda arn: deny_without_tls(arn.split(":::", 1)[-1])))
    aws.s3.BucketServerSideEncryptionConfiguration(
        "algo-bucket-sse", bucket=algo_bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": key.key_usage}}])
    eip = aws.ec2.Eip("nat-ip")
    aws.ec2.SecurityGroup(
        "nat-sg", name="nat-sg",
        ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22,
                  "cidr_blocks": [eip.public_ip.apply(lambda ip: f"{ip}/32")]}])
    # the trail's log group is created in the same preview: its ARN is unknown, but it is set
    trail_logs = aws.cloudwatch.LogGroup("late-trail-logs", name="/audit/late-trail", retention_in_days=400,
                                         kms_key_id=key.arn)
    aws.cloudtrail.Trail("late-trail", name="late-trail", s3_bucket_name="central-trail-logs",
                         is_multi_region_trail=True, enable_log_file_validation=True, kms_key_id=key.arn,
                         cloud_watch_logs_group_arn=pulumi.Output.concat(trail_logs.arn, ":*"),
                         cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs")


def secrets() -> None:
    import pulumi_aws as aws

    bucket = aws.s3.Bucket("hidden", bucket=pulumi.Output.secret(SECRET_BUCKET))
    aws.s3.BucketServerSideEncryptionConfiguration(
        "hidden-sse", bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {
            "sse_algorithm": "aws:kms", "kms_master_key_id": pulumi.Output.secret(SECRET_KEY_ARN)}}])
    aws.ec2.SecurityGroup(
        "hidden-sg", name="hidden-sg",
        ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22,
                  "cidr_blocks": [pulumi.Output.secret("0.0.0.0/0")]},
                 {"protocol": "tcp", "from_port": 3389, "to_port": 3389,
                  "cidr_blocks": [pulumi.Output.secret(SECRET_CIDR)]}])
    user = aws.iam.User("carol", name="carol")
    aws.iam.UserPolicyAttachment("carol-secret", user=user.name,
                                 policy_arn=pulumi.Output.secret(SECRET_POLICY_ARN))
    aws.cloudwatch.LogGroup("hidden-logs", name=pulumi.Output.secret("/secret/log-group-name"),
                            retention_in_days=pulumi.Output.secret(7))
