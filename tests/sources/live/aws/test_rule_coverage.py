"""Meta-test: every rule the live AWS scanner evaluates has PASS, FAIL and UNKNOWN verdicts pinned.

It reads the named-case tables the service modules assert (``Case.expected``), so a rule that
loses its tests, or a new rule without them, fails here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from hitrust_policies.findings import Status
from hitrust_policies.rules import all_rules
from hitrust_policies.sources.live.aws.collector import all_collectors
from tests.clouds import AZURE_ONLY_KINDS, aws_rules
from tests.sources.live.aws.conftest import Case

# Verdicts the live source cannot produce, and why (each is asserted by a test in its module).
UNREACHABLE = {
    ("enc-object-store-default-encryption", Status.FAIL):
        "S3 encrypts every bucket with SSE-S3 since January 2023: a missing configuration is "
        "provider-managed (test_s3.test_missing_encryption_configuration_means_sse_s3)",
    ("net-network-default-absent", Status.FAIL):
        "an AWS default VPC comes with no rule admitting the internet, unlike GCP's default network: it passes "
        "(test_ec2 case default-vpc-not-pre-opened)",
}


def all_cases() -> list[Case]:
    """Every list of `Case` defined at module level by a sibling test module."""
    cases = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.stem != "test_rule_coverage":
            module = importlib.import_module(f"{__package__}.{path.stem}")
            for value in vars(module).values():
                if isinstance(value, list) and value and all(isinstance(c, Case) for c in value):
                    cases.extend(value)
    return cases


def test_every_rule_has_pass_fail_unknown() -> None:
    seen: dict[str, set[Status]] = {}
    for case in all_cases():
        for rule_id, _, status in case.expected:
            seen.setdefault(rule_id, set()).add(status)
    missing = {
        (r.id, status.value)
        for r in aws_rules()
        for status in Status
        if status not in seen.get(r.id, set()) and (r.id, status) not in UNREACHABLE
    }
    assert not missing
    assert set(seen) == {r.id for r in aws_rules()}  # every AWS rule is pinned by some table


def test_tables_name_real_rules() -> None:
    known = {r.id for r in all_rules()}
    assert {rule_id for case in all_cases() for rule_id, _, _ in case.expected} <= known


def test_every_rule_kind_is_collected() -> None:
    """Every registered rule is one the live scanner can evaluate: some collector yields its kind."""
    produced = {kind for c in all_collectors() for kind in c.kinds}
    # AuditCoverage is joined by the scan itself from the cloudtrail collector's trails
    from hitrust_policies.model import AuditCoverage

    assert {r.kind for r in aws_rules()} <= produced | {AuditCoverage}
    assert not AZURE_ONLY_KINDS & produced  # a kind AWS gains leaves AZURE_ONLY_KINDS
