"""Audit trails and log groups."""


def trails() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("trail-key", enable_key_rotation=True)
    aws.cloudtrail.Trail("org-trail", name="org-trail", s3_bucket_name="central-trail-logs",
                         is_multi_region_trail=True, enable_log_file_validation=True, kms_key_id=key.arn,
                         cloud_watch_logs_group_arn="arn:aws:logs:us-east-1:123456789012:log-group:audit/org:*",
                         cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs")
    aws.cloudtrail.Trail("dev-trail", name="dev-trail", s3_bucket_name="central-trail-logs")


def log_groups() -> None:
    import pulumi_aws as aws

    aws.cloudwatch.LogGroup("app-logs", name="/phi/app", retention_in_days=400)
    aws.cloudwatch.LogGroup("forever-logs", name="/phi/forever")
    aws.cloudwatch.LogGroup("zero-logs", name="/phi/zero", retention_in_days=0)
    aws.cloudwatch.LogGroup("short-logs", name="/phi/short", retention_in_days=30)


def audit_log_groups() -> None:
    """A trail and a VPC flow log deliver to log groups; only the trail's group has a KMS key."""
    import pulumi
    import pulumi_aws as aws

    key = "arn:aws:kms:us-east-1:123456789012:key/audit-logs"
    trail_logs = aws.cloudwatch.LogGroup("trail-logs", name="/audit/trail", retention_in_days=400, kms_key_id=key)
    flow_logs = aws.cloudwatch.LogGroup("flow-logs", name="/audit/flows", retention_in_days=400)
    aws.cloudwatch.LogGroup("app-logs", name="/app/web", retention_in_days=400)  # no audit source: no key needed
    aws.cloudtrail.Trail("audited-trail", name="audited-trail", s3_bucket_name="central-trail-logs",
                         is_multi_region_trail=True, enable_log_file_validation=True, kms_key_id=key,
                         cloud_watch_logs_group_arn=pulumi.Output.concat(trail_logs.arn, ":*"),
                         cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs")
    vpc = aws.ec2.Vpc("audited-vpc", cidr_block="10.40.0.0/16")
    aws.ec2.FlowLog("audited-vpc-flows", vpc_id=vpc.id, traffic_type="ALL", log_destination=flow_logs.arn,
                    iam_role_arn="arn:aws:iam::123456789012:role/flow-logs")


def trail_selectors() -> None:
    """Event selectors: a write-only trail and one excluding KMS events (coverage is live-only;
    the pack checks the per-trail rules on them)."""
    import pulumi_aws as aws

    for name, selector in (("writes-trail", {"read_write_type": "WriteOnly"}),
                           ("no-kms-trail", {"exclude_management_event_sources": ["kms.amazonaws.com"]})):
        aws.cloudtrail.Trail(name, name=name, s3_bucket_name="central-trail-logs", is_multi_region_trail=True,
                             enable_log_file_validation=True, kms_key_id="arn:aws:kms:us-east-1:123456789012:key/k",
                             cloud_watch_logs_group_arn="arn:aws:logs:us-east-1:123456789012:log-group:audit:*",
                             cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs",
                             event_selectors=[selector])


def trail_data_events() -> None:
    """S3 object-level data events: every bucket (advanced), one bucket (advanced), writes of every bucket
    (basic), and a selector computed at preview (the live-only account rule reads these per-trail facts)."""
    import pulumi_aws as aws

    data = {"field": "eventCategory", "equals": ["Data"]}
    objects = {"field": "resources.type", "equals": ["AWS::S3::Object"]}
    bucket = aws.s3.BucketV2("phi-records", bucket="phi-records")
    common = dict(s3_bucket_name="central-trail-logs", is_multi_region_trail=True)
    aws.cloudtrail.Trail("all-objects-trail", name="all-objects-trail", **common, advanced_event_selectors=[
        {"name": "all objects", "field_selectors": [data, objects]}])
    aws.cloudtrail.Trail("one-bucket-trail", name="one-bucket-trail", **common, advanced_event_selectors=[
        {"name": "phi only", "field_selectors": [data, objects, {"field": "resources.ARN",
                                                                 "starts_withs": ["arn:aws:s3:::phi-records/"]}]}])
    aws.cloudtrail.Trail("writes-trail", name="writes-trail", **common, event_selectors=[
        {"read_write_type": "WriteOnly", "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}])
    aws.cloudtrail.Trail("late-bucket-trail", name="late-bucket-trail", **common, event_selectors=[
        {"data_resources": [{"type": "AWS::S3::Object", "values": [bucket.arn.apply(lambda a: f"{a}/")]}]}])
