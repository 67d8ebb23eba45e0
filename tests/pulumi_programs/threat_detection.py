"""GuardDuty detectors: threat detection on, off, and left to the provider default."""


def detectors() -> None:
    import pulumi_aws as aws

    aws.guardduty.Detector("primary", enable=True, finding_publishing_frequency="FIFTEEN_MINUTES")
    aws.guardduty.Detector("defaulted")  # the provider enables a detector unless told not to
    aws.guardduty.Detector("paused", enable=False)
    aws.guardduty.Detector("eu-paused", enable=False, region="eu-west-1")


def detector_enabled() -> None:
    import pulumi_aws as aws

    aws.guardduty.Detector("threats", enable=True, region="us-east-1")


def detector_computed() -> None:
    """``enable`` known only after another resource is created: UNKNOWN at preview (advisory), never PASS."""
    import pulumi_aws as aws

    flag = aws.ssm.Parameter("guardduty-flag", type="String", value="true")
    aws.guardduty.Detector("threats", enable=flag.arn.apply(lambda arn: bool(arn)))
