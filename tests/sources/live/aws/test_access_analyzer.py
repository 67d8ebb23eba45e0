"""IAM Access Analyzer per region, from the real boto3 client against a local fake (moto has no Access Analyzer)."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from hitrust_policies.testing.access_analyzer_fake import FakeAccessAnalyzer
from tests.sources.live.aws.conftest import PASS, Case, check, scan, table

COLLECTOR = "accessanalyzer-analyzers"
RULE = "iam-access-analyzer-enabled"
EU = "eu-west-1"
REGIONS = ("us-east-1", EU)


@pytest.fixture
def fake(session: boto3.Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAccessAnalyzer]:
    """The fake, as the account's Access Analyzer endpoint (botocore's service-specific endpoint variable)."""
    with FakeAccessAnalyzer() as server:
        monkeypatch.setenv("AWS_ENDPOINT_URL_ACCESSANALYZER", server.endpoint)
        yield server


CASES = [
    Case("every-region", table(f"""
        {RULE}  access-analyzer/us-east-1  PASS
        {RULE}  access-analyzer/eu-west-1  PASS
    """), extra={"us-east-1": [("external", "ACCOUNT", "ACTIVE")], EU: [("org", "ORGANIZATION", "ACTIVE")]}),
    Case("one-region-unwatched", table(f"""
        {RULE}  access-analyzer/us-east-1  PASS
        {RULE}  access-analyzer/eu-west-1  FAIL
    """), extra={"us-east-1": [("external", "ACCOUNT", "ACTIVE")]}),
    # unused-access analyzers report something else; a creating or disabled one watches nothing
    Case("not-external-or-not-active", table(f"""
        {RULE}  access-analyzer/us-east-1  FAIL
        {RULE}  access-analyzer/eu-west-1  FAIL
    """), extra={"us-east-1": [("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE"), ("new", "ACCOUNT", "CREATING")],
                 EU: [("off", "ORGANIZATION", "DISABLED"), ("broken", "ACCOUNT", "FAILED")]}),
    Case("denied-in-one-region", table(f"""
        {RULE}  access-analyzer/us-east-1  PASS
        {RULE}  access-analyzer/eu-west-1  UNKNOWN
    """), extra={"us-east-1": [("external", "ACCOUNT", "ACTIVE")], EU: [("external", "ACCOUNT", "ACTIVE")],
                 "deny": EU},
         unknown_reason="AccessDenied: accessanalyzer:ListAnalyzers"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_analyzers(session: boto3.Session, fake: FakeAccessAnalyzer, case: Case) -> None:
    for region in REGIONS:
        for name, type_, status in case.extra.get(region, []):
            fake.add(region, name, type_, status)
    if "deny" in case.extra:
        fake.fail(403, "AccessDeniedException", region=case.extra["deny"])
    result = scan(session, COLLECTOR, regions=REGIONS)
    check(result, case)
    assert sorted(fake.requests) == [("GET", "/analyzer", r) for r in sorted(REGIONS)]  # one listing per region


def test_an_active_analyzer_on_a_later_page_counts(session: boto3.Session, fake: FakeAccessAnalyzer) -> None:
    for n in range(150):
        fake.add("us-east-1", f"unused-{n}", "ACCOUNT_UNUSED_ACCESS")
    fake.add("us-east-1", "external", "ACCOUNT")
    result = scan(session, COLLECTOR)
    check(result, Case("paged", table(f"{RULE}  access-analyzer/us-east-1  PASS")))
    assert result.calls["accessanalyzer:ListAnalyzers"] == 2


def test_throttling_is_retried(session: boto3.Session, fake: FakeAccessAnalyzer) -> None:
    fake.add("us-east-1", "external", "ACCOUNT")
    fault = fake.fail(429, "ThrottlingException", times=1)
    result = scan(session, COLLECTOR)
    assert [(f.resource.name, f.status) for f in result.findings() if f.rule_id == RULE] == [
        ("access-analyzer/us-east-1", PASS)]
    assert fault.hits == 1 and len(fake.requests) == 2 and result.complete
