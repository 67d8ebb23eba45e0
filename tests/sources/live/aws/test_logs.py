"""CloudWatch log groups: retention, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY_ALT, Case, apply_denials, check, scan, table

RULE = "log-log-group-retention"


def seed(session: boto3.Session) -> None:
    """Retention 400 and 365 days pass, never-expire passes, 30 days fails."""
    logs = session.client("logs")
    for name, days in (("/phi/app", 400), ("/phi/boundary", 365), ("/phi/audit", None), ("/tmp/debug", 30)):
        logs.create_log_group(logGroupName=name)
        if days is not None:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)


CASES = [
    Case("baseline", table(f"""
        {RULE}  /phi/app       PASS
        {RULE}  /phi/boundary  PASS
        {RULE}  /phi/audit     PASS
        {RULE}  /tmp/debug     FAIL
    """)),
    Case(
        "listing-denied",
        table(f"{RULE}  logs-log-groups in us-east-1  UNKNOWN"),
        denied=(("logs", "DescribeLogGroups"),),
        unknown_reason="AccessDenied: logs:DescribeLogGroups (logs-log-groups in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_log_retention(session: boto3.Session, case: Case) -> None:
    """Absent retentionInDays means never expire (a PASS), not an unknown."""
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=400)
    result = scan(session, "logs-log-groups", CANARY_ALT)
    check(result, case)
    if not case.denied:
        assert {f.message for f in result.findings() if f.status.value == "FAIL"} == {
            "retention is 30 days (min 365)"}
