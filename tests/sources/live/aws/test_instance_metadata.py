"""EC2 instances' metadata options (IMDSv2) through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

IMDS = "net-instance-metadata-tokens"
AMI = "ami-12c6146b"


def seed(session: boto3.Session) -> None:
    """v2-only requires tokens; default-launch leaves the options out (tokens optional); no-imds switches the
    endpoint off; fixed-later launches optional and is then switched to required."""
    ec2 = session.client("ec2")

    def launch(name: str, **kwargs: object) -> str:
        return ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="t3.micro", TagSpecifications=[
            {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}], **kwargs)["Instances"][0][
            "InstanceId"]

    launch("v2-only", MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"})
    launch("default-launch")
    launch("no-imds", MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "disabled"})
    later = launch("fixed-later", MetadataOptions={"HttpTokens": "optional"})
    ec2.modify_instance_metadata_options(InstanceId=later, HttpTokens="required")


CASES = [
    Case("options", table(f"""
        {IMDS}  v2-only         PASS
        {IMDS}  default-launch  FAIL
        {IMDS}  no-imds         PASS
        {IMDS}  fixed-later     PASS
    """)),
    Case("listing-denied", table(f"""
        {IMDS}  ec2-instances in us-east-1  UNKNOWN
    """), denied=(("ec2", "DescribeInstances"),),
        unknown_reason="AccessDenied: ec2:DescribeInstances (ec2-instances in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_instance_metadata_tokens(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "ec2-instances", CANARY), case)


def test_throttled_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("ec2", "DescribeInstances"),),
                unknown_reason="Throttled (retries exhausted): ec2:DescribeInstances (ec2-instances in us-east-1)")
    apply_denials(session, case, code="Throttling", status=400)
    check(scan(session, "ec2-instances", CANARY), case)
