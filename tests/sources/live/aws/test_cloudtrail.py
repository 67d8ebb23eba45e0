"""CloudTrail trails (per trail) and the account's audit coverage (joined across regions) against moto.

moto gaps, worked around here and nowhere in the scanner: GetEventSelectors on a trail that was
never given selectors answers empty lists (AWS answers its default selector; the scanner reads
"no selectors" as that documented default either way), and GetTrailStatus never reports a
CloudWatch Logs delivery (``cloudwatch_deliveries`` fills the field in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest

from hitrust_policies.model import AuditTrail
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    CANARY,
    HOME,
    Case,
    apply_denials,
    check,
    cloudwatch_deliveries,
    scan,
    table,
)

OTHER = "eu-west-1"
KMS_RULE, VALIDATION_RULE = "enc-audit-trail-kms", "log-audit-trail-validation"
COVERAGE_RULE, CLOUDWATCH_RULE = "log-audit-coverage-multi-region", "log-audit-trail-cloudwatch"
COVERAGE = f"cloudtrail-{ACCOUNT}"
KEY_ARN = f"arn:aws:kms:{HOME}:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
LOG_GROUP = f"arn:aws:logs:{HOME}:{ACCOUNT}:log-group:audit/trail:*"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/trail-to-logs"

ALL = [{"ReadWriteType": "All", "IncludeManagementEvents": True}]
WRITE_ONLY = [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}]
DATA_ONLY = [{"ReadWriteType": "All", "IncludeManagementEvents": False, "DataResources": [
    {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::phi-records/"]}]}]
NO_KMS = [{"ReadWriteType": "All", "IncludeManagementEvents": True,
           "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]
MANAGEMENT = {"Field": "eventCategory", "Equals": ["Management"]}
ADV_ALL = [{"Name": "Management events selector", "FieldSelectors": [MANAGEMENT]}]
ADV_READ_AND_WRITE = [{"Name": "reads", "FieldSelectors": [MANAGEMENT, {"Field": "readOnly", "Equals": ["true"]}]},
                      {"Name": "writes", "FieldSelectors": [MANAGEMENT, {"Field": "readOnly", "Equals": ["false"]}]}]
ADV_WRITES = [ADV_READ_AND_WRITE[1]]
ADV_NO_KMS = [{"Name": "no kms", "FieldSelectors": [
    MANAGEMENT, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}]


@dataclass(frozen=True)
class Trail:
    name: str
    region: str = HOME
    multi_region: bool = True
    validation: bool = True
    kms: bool = True
    logging: bool = True
    selectors: list[dict[str, Any]] | None = field(default_factory=lambda: ALL)  # None: never set
    advanced: list[dict[str, Any]] | None = None
    log_group: str | None = None


GOOD = Trail("org-trail")
LOCAL = Trail("local-trail", multi_region=False, validation=False, kms=False)


def seed(session: boto3.Session, *trails: Trail) -> None:
    session.client("s3").create_bucket(Bucket="audit-trail-bucket")
    for t in trails:
        ct = session.client("cloudtrail", region_name=t.region)
        extra: dict[str, Any] = {"KmsKeyId": KEY_ARN} if t.kms else {}
        if t.log_group:
            extra.update(CloudWatchLogsLogGroupArn=t.log_group, CloudWatchLogsRoleArn=ROLE)
        ct.create_trail(Name=t.name, S3BucketName="audit-trail-bucket", IsMultiRegionTrail=t.multi_region,
                        EnableLogFileValidation=t.validation, **extra)
        if t.advanced:
            ct.put_event_selectors(TrailName=t.name, AdvancedEventSelectors=t.advanced)
        elif t.selectors:
            ct.put_event_selectors(TrailName=t.name, EventSelectors=t.selectors)
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
    coverage_case("default-selectors", "PASS", (Trail("default-trail", selectors=None),)),
    coverage_case("good-trail-homed-in-other-region", "PASS", (Trail("eu-trail", region=OTHER),)),
    coverage_case("advanced-management-selector", "PASS", (Trail("adv-trail", advanced=ADV_ALL),)),
    coverage_case("advanced-reads-plus-writes", "PASS", (Trail("adv-trail", advanced=ADV_READ_AND_WRITE),)),
    # log file validation is its own rule, not a condition of coverage
    coverage_case("multi-region-without-validation", "PASS", (Trail("unvalidated", validation=False),)),
    coverage_case("no-trail", "FAIL", ()),
    coverage_case("single-region-trail-only", "FAIL", (Trail("regional", multi_region=False),)),
    coverage_case("multi-region-not-logging", "FAIL", (Trail("stopped", logging=False),)),
    coverage_case("write-only-management-events", "FAIL", (Trail("writes", selectors=WRITE_ONLY),)),
    coverage_case("data-events-only", "FAIL", (Trail("data", selectors=DATA_ONLY),)),
    coverage_case("kms-events-excluded", "FAIL", (Trail("no-kms", selectors=NO_KMS),)),
    coverage_case("advanced-writes-only", "FAIL", (Trail("adv-writes", advanced=ADV_WRITES),)),
    coverage_case("advanced-kms-excluded", "FAIL", (Trail("adv-no-kms", advanced=ADV_NO_KMS),)),
    # a region whose trails could not be listed may hold the good trail: cannot say FAIL
    coverage_case("region-denied-no-good-trail-elsewhere", "UNKNOWN", (Trail("regional", multi_region=False),),
                  denied_in=OTHER, reason="AccessDenied: cloudtrail:DescribeTrails (cloudtrail-trails in eu-west-1)"),
    # ...but a good trail seen elsewhere settles it
    coverage_case("region-denied-good-trail-elsewhere", "PASS", (GOOD,), denied_in=OTHER),
    coverage_case("trail-status-denied", "UNKNOWN", (GOOD,), denied_in=HOME, denied_op="GetTrailStatus",
                  reason="AccessDenied: cloudtrail:GetTrailStatus"),
    coverage_case("selectors-denied", "UNKNOWN", (GOOD,), denied_in=HOME, denied_op="GetEventSelectors",
                  reason="AccessDenied: cloudtrail:GetEventSelectors"),
    # selectors of a trail known not to count do not matter
    coverage_case("selectors-denied-single-region", "FAIL", (Trail("regional", multi_region=False),),
                  denied_in=HOME, denied_op="GetEventSelectors"),
]


@pytest.mark.parametrize("case", COVERAGE_CASES, ids=lambda c: c.id)
def test_audit_coverage(session: boto3.Session, case: Case) -> None:
    """The account-level verdict: one multi-region, logging trail recording all management events is enough."""
    seed(session, *case.extra["trails"])
    apply_denials(session, case)
    result = scan(session, "cloudtrail-trails", regions=(HOME, OTHER))
    check(result, case)


def test_coverage_failure_names_each_discarded_trail(session: boto3.Session) -> None:
    seed(session, Trail("regional", multi_region=False), Trail("writes", selectors=WRITE_ONLY),
         Trail("no-kms", advanced=ADV_NO_KMS), Trail("stopped", logging=False))
    (finding,) = [f for f in scan(session, "cloudtrail-trails").findings() if f.rule_id == COVERAGE_RULE]
    assert finding.message == (
        "no trail records every region's management events: "
        "no-kms (leaves out events from kms.amazonaws.com); regional (single-region); "
        "stopped (not logging); writes (records no read management events)")


def test_management_events_read_from_selectors(session: boto3.Session) -> None:
    """The model values themselves: each trail's selectors read through GetEventSelectors in its home region."""
    seed(session, GOOD, Trail("writes", selectors=WRITE_ONLY), Trail("adv-no-kms", advanced=ADV_NO_KMS),
         Trail("eu-data", region=OTHER, selectors=DATA_ONLY))
    trails = {t.ref.name: t for t in scan(session, "cloudtrail-trails", regions=(HOME, OTHER)).resources
              if isinstance(t, AuditTrail)}
    facts = {n: (t.management_reads, t.management_writes, t.management_exclusions) for n, t in trails.items()}
    assert facts == {
        "org-trail": (True, True, ()),
        "writes": (False, True, ()),
        "adv-no-kms": (True, True, ("events from kms.amazonaws.com",)),
        "eu-data": (False, False, ()),
    }


def test_good_trail_homed_outside_scanned_regions(session: boto3.Session) -> None:
    """A multi-region trail covers every region, so scanning any one region must find it."""
    seed(session, Trail("eu-trail", region=OTHER))
    result = scan(session, "cloudtrail-trails", regions=(HOME,))
    assert (COVERAGE_RULE, COVERAGE, "PASS") in {(f.rule_id, f.resource.name, f.status.value)
                                                  for f in result.findings()}


# ----------------------------------------------------------------- delivery to CloudWatch Logs

NOW = datetime.now(timezone.utc)
CLOUDWATCH_TRAILS = (Trail("fresh", log_group=LOG_GROUP), Trail("stale", log_group=LOG_GROUP),
                     Trail("never", log_group=LOG_GROUP), Trail("s3-only"))


def cloudwatch_case(case_id: str, rows: str, **kw: Any) -> Case:
    return Case(case_id, table(rows), **kw)


CLOUDWATCH_CASES = [
    cloudwatch_case("baseline", f"""
        {CLOUDWATCH_RULE}  fresh    PASS
        {CLOUDWATCH_RULE}  stale    FAIL
        {CLOUDWATCH_RULE}  never    FAIL
        {CLOUDWATCH_RULE}  s3-only  FAIL
    """),
    # without the status, delivery cannot be told; a trail with no log group fails regardless
    cloudwatch_case("status-denied", f"""
        {CLOUDWATCH_RULE}  fresh    UNKNOWN
        {CLOUDWATCH_RULE}  stale    UNKNOWN
        {CLOUDWATCH_RULE}  never    UNKNOWN
        {CLOUDWATCH_RULE}  s3-only  FAIL
    """, denied=(("cloudtrail", "GetTrailStatus"),), unknown_reason="AccessDenied: cloudtrail:GetTrailStatus"),
]


@pytest.mark.parametrize("case", CLOUDWATCH_CASES, ids=lambda c: c.id)
def test_trail_delivers_to_cloudwatch(session: boto3.Session, case: Case) -> None:
    """A log group set and, from GetTrailStatus, a delivery within the last 24 hours."""
    seed(session, *CLOUDWATCH_TRAILS)
    cloudwatch_deliveries(session, {"fresh": NOW - timedelta(hours=2), "stale": NOW - timedelta(days=3)})
    apply_denials(session, case)
    check(scan(session, "cloudtrail-trails"), case)


def test_cloudwatch_messages(session: boto3.Session) -> None:
    seed(session, *CLOUDWATCH_TRAILS)
    cloudwatch_deliveries(session, {"fresh": NOW - timedelta(hours=2), "stale": NOW - timedelta(days=3)})
    result = scan(session, "cloudtrail-trails")
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == CLOUDWATCH_RULE}
    assert messages == {
        "fresh": "",
        "stale": "no delivery to CloudWatch Logs in the last 24 hours (last 72 hours ago)",
        "never": "trail has never delivered to its CloudWatch Logs log group",
        "s3-only": "trail does not deliver to CloudWatch Logs",
    }
    trails = {t.ref.name: t for t in result.resources if isinstance(t, AuditTrail)}
    assert trails["fresh"].cloudwatch_logs == LOG_GROUP and 1.9 < trails["fresh"].cloudwatch_delivery_hours < 2.5
