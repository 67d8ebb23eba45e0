"""VPC subnets' public IPv4 mapping through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table
from tests.verdicts import Verdicts

RULE = "net-subnet-no-auto-public-ip"


def seed(session: boto3.Session) -> list[str]:
    """private-a keeps the default (off); public-a maps public addresses. Returns the default VPC's subnet ids
    (moto creates them mapping public addresses, as AWS does)."""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    for name, cidr in (("private-a", "10.30.1.0/24"), ("public-a", "10.30.2.0/24")):
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}])["Subnet"]["SubnetId"]
        if name == "public-a":
            ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    return [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])[
        "Subnets"]]


CASES = [
    Case("mapping", table(f"""
        {RULE}  private-a  PASS
        {RULE}  public-a   FAIL
    """)),  # plus the default VPC's subnets, FAIL (named by id)
    Case("listing-denied", table(f"""
        {RULE}  ec2-subnets in us-east-1  UNKNOWN
    """), denied=(("ec2", "DescribeSubnets"),),
        unknown_reason="AccessDenied: ec2:DescribeSubnets (ec2-subnets in us-east-1)"),
]


def test_subnets_mapping_public_ips_fail(session: boto3.Session) -> None:
    defaults = seed(session)
    assert defaults
    expected = Verdicts({**CASES[0].expected, **{(RULE, sid, "FAIL"): 1 for sid in defaults}})
    check(scan(session, "ec2-subnets", CANARY), Case("mapping", expected))


@pytest.mark.parametrize("code, status, reason", [
    ("AccessDenied", 403, CASES[1].unknown_reason),
    ("Throttling", 400, "Throttled (retries exhausted): ec2:DescribeSubnets (ec2-subnets in us-east-1)"),
])
def test_unreadable_subnets_are_unknown(session: boto3.Session, code: str, status: int, reason: str) -> None:
    seed(session)
    case = Case(code, CASES[1].expected, denied=CASES[1].denied, unknown_reason=reason)
    apply_denials(session, case, code=code, status=status)
    check(scan(session, "ec2-subnets", CANARY), case)
