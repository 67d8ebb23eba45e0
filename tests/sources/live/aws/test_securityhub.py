"""Security Hub per region, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

HUB = "log-posture-monitoring-enabled"
REGIONS = ("us-east-1", "eu-west-1")


def seed(session: boto3.Session) -> None:
    """Security Hub is on in us-east-1 only."""
    session.client("securityhub", region_name="us-east-1").enable_security_hub(EnableDefaultStandards=False)


CASES = [
    Case("regions", table(f"""
        {HUB}  securityhub/us-east-1  PASS
        {HUB}  securityhub/eu-west-1  FAIL
    """)),
    Case("denied", table(f"""
        {HUB}  securityhub/us-east-1  UNKNOWN
        {HUB}  securityhub/eu-west-1  UNKNOWN
    """), denied=(("securityhub", "DescribeHub"),), unknown_reason="AccessDenied: securityhub:DescribeHub"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_security_hub_per_region(session: boto3.Session, case: Case) -> None:
    """Not subscribed (InvalidAccessException) is a known FAIL; a denied read is UNKNOWN, never a FAIL."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "securityhub-hubs", CANARY, regions=REGIONS), case)


def test_throttled_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("securityhub", "DescribeHub"),), denied_in=("eu-west-1",),
                unknown_reason="Throttled (retries exhausted): securityhub:DescribeHub")
    apply_denials(session, case, code="TooManyRequestsException", status=429)
    expected = table(f"""
        {HUB}  securityhub/us-east-1  PASS
        {HUB}  securityhub/eu-west-1  UNKNOWN
    """)
    check(scan(session, "securityhub-hubs", CANARY, regions=REGIONS), Case("throttled", expected,
                                                                           unknown_reason=case.unknown_reason))
