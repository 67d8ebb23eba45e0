"""Audit trails and log groups."""


def trails() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("trail-key", enable_key_rotation=True)
    aws.cloudtrail.Trail("org-trail", name="org-trail", s3_bucket_name="central-trail-logs",
                         is_multi_region_trail=True, enable_log_file_validation=True, kms_key_id=key.arn)
    aws.cloudtrail.Trail("dev-trail", name="dev-trail", s3_bucket_name="central-trail-logs")


def log_groups() -> None:
    import pulumi_aws as aws

    aws.cloudwatch.LogGroup("app-logs", name="/phi/app", retention_in_days=400)
    aws.cloudwatch.LogGroup("forever-logs", name="/phi/forever")
    aws.cloudwatch.LogGroup("zero-logs", name="/phi/zero", retention_in_days=0)
    aws.cloudwatch.LogGroup("short-logs", name="/phi/short", retention_in_days=30)
