"""pulumi-aws programs for the AWS network and exposure checks: instance metadata options, ..."""

AMI = "ami-12c6146b"


def instance_metadata() -> None:
    """Instances requiring IMDSv2, leaving the options out, switching the endpoint off, and one whose token
    setting waits on another resource's id."""
    import pulumi_aws as aws

    aws.ec2.Instance("v2-only", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": "required", "http_endpoint": "enabled"})
    aws.ec2.Instance("default-launch", ami=AMI, instance_type="t3.micro")
    aws.ec2.Instance("no-imds", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": "optional", "http_endpoint": "disabled"})
    key = aws.kms.Key("late-imds-key", enable_key_rotation=True)
    aws.ec2.Instance("late-imds", ami=AMI, instance_type="t3.micro",
                     metadata_options={"http_tokens": key.key_id.apply(lambda _: "required")})
