"""S3 object-level data events on the account's trails (log-audit-trail-object-data-events) against moto.

moto stores basic and advanced event selectors as given and answers them from GetEventSelectors, so the
selectors here are read back exactly as CloudTrail would answer them.
"""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import AuditTrail
from tests.sources.live.aws.conftest import ACCOUNT, HOME, Case, apply_denials, check, scan, table
from tests.sources.live.aws.test_cloudtrail import ALL, MANAGEMENT, OTHER, Trail, seed

RULE, COVERAGE = "log-audit-trail-object-data-events", f"cloudtrail-{ACCOUNT}"


def s3_objects(rw: str, *values: str) -> dict:
    return {"ReadWriteType": rw, "IncludeManagementEvents": True,
            "DataResources": [{"Type": "AWS::S3::Object", "Values": list(values)}]}


DATA = {"Field": "eventCategory", "Equals": ["Data"]}
OBJECTS = {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}
READS, WRITES = {"Field": "readOnly", "Equals": ["true"]}, {"Field": "readOnly", "Equals": ["false"]}
ADV_MGMT = {"Name": "management", "FieldSelectors": [MANAGEMENT]}
ADV_ALL_OBJECTS = [ADV_MGMT, {"Name": "all objects", "FieldSelectors": [DATA, OBJECTS]}]
ADV_ONE_BUCKET = [ADV_MGMT, {"Name": "phi only", "FieldSelectors": [
    DATA, OBJECTS, {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::phi-records/"]}]}]
ADV_WRITES = [ADV_MGMT, {"Name": "writes", "FieldSelectors": [DATA, OBJECTS, WRITES]}]
ADV_READS = [ADV_MGMT, {"Name": "reads", "FieldSelectors": [DATA, OBJECTS, READS]}]


def case(case_id: str, status: str, *trails: Trail, denied_op: str | None = None,
         reason: str | None = None) -> Case:
    return Case(case_id, table(f"{RULE}  {COVERAGE}  {status}"), denied=(("cloudtrail", denied_op),) if denied_op
                else (), unknown_reason=reason, denied_in=(HOME,) if denied_op else (), extra={"trails": trails})


CASES = [
    case("basic-all-buckets", "PASS", Trail("org-trail", selectors=[s3_objects("All", "arn:aws:s3")])),
    case("basic-partition-prefix", "PASS", Trail("org-trail", selectors=[s3_objects("All", "arn:aws:s3:::")])),
    case("advanced-all-objects", "PASS", Trail("org-trail", advanced=ADV_ALL_OBJECTS)),
    case("reads-and-writes-from-two-trails", "PASS", Trail("reads-trail", advanced=ADV_READS),
         Trail("writes-trail", region=OTHER, selectors=[s3_objects("WriteOnly", "arn:aws:s3")])),
    case("management-events-only", "FAIL", Trail("org-trail", selectors=ALL)),
    case("default-selectors", "FAIL", Trail("org-trail", selectors=None)),
    case("one-bucket-basic", "FAIL", Trail("org-trail", selectors=[s3_objects("All", "arn:aws:s3:::phi-records/")])),
    case("one-bucket-advanced", "FAIL", Trail("org-trail", advanced=ADV_ONE_BUCKET)),
    case("writes-only", "FAIL", Trail("org-trail", advanced=ADV_WRITES)),
    case("single-region-trail", "FAIL", Trail("org-trail", multi_region=False, advanced=ADV_ALL_OBJECTS)),
    case("not-logging", "FAIL", Trail("org-trail", logging=False, advanced=ADV_ALL_OBJECTS)),
    case("selectors-denied", "UNKNOWN", Trail("org-trail", advanced=ADV_ALL_OBJECTS), denied_op="GetEventSelectors",
         reason="AccessDenied: cloudtrail:GetEventSelectors"),
    case("trails-denied", "UNKNOWN", Trail("org-trail", advanced=ADV_ALL_OBJECTS), denied_op="DescribeTrails",
         reason="AccessDenied: cloudtrail:DescribeTrails (cloudtrail-trails in us-east-1)"),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_object_data_events(session: boto3.Session, c: Case) -> None:
    seed(session, *c.extra["trails"])
    apply_denials(session, c)
    check(scan(session, "cloudtrail-trails", regions=(HOME, OTHER)), c)


def test_object_data_facts_and_message(session: boto3.Session) -> None:
    """Each trail's own facts, and the account finding naming what no trail records."""
    seed(session, Trail("writes", advanced=ADV_WRITES), Trail("one-bucket", advanced=ADV_ONE_BUCKET),
         Trail("mgmt", selectors=ALL))
    result = scan(session, "cloudtrail-trails")
    trails = {t.ref.name: (t.object_data_reads, t.object_data_writes) for t in result.resources
              if isinstance(t, AuditTrail)}
    assert trails == {"writes": (False, True), "one-bucket": (False, False), "mgmt": (False, False)}
    (finding,) = [f for f in result.findings() if f.rule_id == RULE]
    assert finding.message == "no logging multi-region trail records every bucket's object-level read events"
