"""CloudTrail trails (per trail) and the account's audit coverage (joined across regions) against moto."""

from __future__ import annotations

from dataclasses import dataclass

import boto3
import pytest

from hitrust_policies.model import AuditTrail
from tests.sources.live.aws.conftest import ACCOUNT, CANARY, HOME, Case, apply_denials, check, scan, table

OTHER = "eu-west-1"
KMS_RULE, VALIDATION_RULE = "enc-audit-trail-kms", "log-audit-trail-validation"
COVERAGE_RULE = "log-audit-coverage-multi-region"
COVERAGE = f"cloudtrail-{ACCOUNT}"
KEY_ARN = f"arn:aws:kms:{HOME}:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"


@dataclass(frozen=True)
class Trail:
    name: str
    region: str = HOME
    multi_region: bool = True
    validation: bool = True
    kms: bool = True
    logging: bool = True


GOOD = Trail("org-trail")
LOCAL = Trail("local-trail", multi_region=False, validation=False, kms=False)


def seed(session: boto3.Session, *trails: Trail) -> None:
    session.client("s3").create_bucket(Bucket="audit-trail-bucket")
    for t in trails:
        ct = session.client("cloudtrail", region_name=t.region)
        extra = {"KmsKeyId": KEY_ARN} if t.kms else {}
        ct.create_trail(Name=t.name, S3BucketName="audit-trail-bucket", IsMultiRegionTrail=t.multi_region,
                        EnableLogFileValidation=t.validation, **extra)
        if t.logging:
            ct.start_logging(Name=t.name)


TRAIL_CASES = [
    Case("baseline", table(f"""
        {KMS_RULE}         org-trail    PASS
        {KMS_RULE}         local-trail  FAIL
        {VALIDATION_RULE}  org-trail    PASS
        {VALIDATION_RULE}  local-trail  FAIL
    """)),
    Case(
        "trails-denied",
        table(f"""
            {KMS_RULE}         cloudtrail-trails in us-east-1  UNKNOWN
            {VALIDATION_RULE}  cloudtrail-trails in us-east-1  UNKNOWN
        """),
        denied=(("cloudtrail", "DescribeTrails"),),
        unknown_reason="AccessDenied: cloudtrail:DescribeTrails (cloudtrail-trails in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", TRAIL_CASES, ids=lambda c: c.id)
def test_trail_rules(session: boto3.Session, case: Case) -> None:
    """Per trail: KMS key and log file validation come from DescribeTrails."""
    seed(session, GOOD, LOCAL)
    apply_denials(session, case)
    check(scan(session, "cloudtrail-trails", CANARY), case)


def test_multi_region_trail_reported_once(session: boto3.Session) -> None:
    """A multi-region trail appears in every region's listing as a shadow; it is reported once, at home."""
    seed(session, GOOD)
    result = scan(session, "cloudtrail-trails", regions=(HOME, OTHER))
    trails = [r for r in result.resources if isinstance(r, AuditTrail)]
    assert [(t.ref.name, t.ref.region) for t in trails] == [("org-trail", HOME)]


def coverage_case(case_id: str, status: str, trails: tuple[Trail, ...], *, denied_in: str | None = None,
                  reason: str | None = None, denied_op: str = "DescribeTrails") -> Case:
    return Case(case_id, table(f"{COVERAGE_RULE}  {COVERAGE}  {status}"),
                denied=(("cloudtrail", denied_op),) if denied_in else (), unknown_reason=reason,
                denied_in=(denied_in,) if denied_in else (), extra={"trails": trails})


COVERAGE_CASES = [
    coverage_case("good-multi-region-trail", "PASS", (GOOD, LOCAL)),
    coverage_case("good-trail-homed-in-other-region", "PASS", (Trail("eu-trail", region=OTHER),)),
    coverage_case("no-trail", "FAIL", ()),
    coverage_case("single-region-trail-only", "FAIL", (Trail("regional", multi_region=False),)),
    coverage_case("multi-region-not-logging", "FAIL", (Trail("stopped", logging=False),)),
    coverage_case("multi-region-without-validation", "FAIL", (Trail("unvalidated", validation=False),)),
    # a region whose trails could not be listed may hold the good trail: cannot say FAIL
    coverage_case("region-denied-no-good-trail-elsewhere", "UNKNOWN", (Trail("regional", multi_region=False),),
                  denied_in=OTHER, reason="AccessDenied: cloudtrail:DescribeTrails (cloudtrail-trails in eu-west-1)"),
    # ...but a good trail seen elsewhere settles it
    coverage_case("region-denied-good-trail-elsewhere", "PASS", (GOOD,), denied_in=OTHER),
    coverage_case("trail-status-denied", "UNKNOWN", (GOOD,), denied_in=HOME, denied_op="GetTrailStatus",
                  reason="AccessDenied: cloudtrail:GetTrailStatus"),
]


@pytest.mark.parametrize("case", COVERAGE_CASES, ids=lambda c: c.id)
def test_audit_coverage(session: boto3.Session, case: Case) -> None:
    """The account-level verdict: one multi-region, logging, validating trail anywhere is enough."""
    seed(session, *case.extra["trails"])
    apply_denials(session, case)
    result = scan(session, "cloudtrail-trails", regions=(HOME, OTHER))
    check(result, case)


def test_good_trail_homed_outside_scanned_regions(session: boto3.Session) -> None:
    """A multi-region trail covers every region, so scanning any one region must find it."""
    seed(session, Trail("eu-trail", region=OTHER))
    result = scan(session, "cloudtrail-trails", regions=(HOME,))
    assert (COVERAGE_RULE, COVERAGE, "PASS") in {(f.rule_id, f.resource.name, f.status.value)
                                                  for f in result.findings()}
