"""Faults a real account produces: a denied service, throttling, an unreachable region, no identity.

The bar: the scan completes whenever anything can be read, every rule over what could not be seen
is UNKNOWN (with the reason), everything that was seen keeps its exact verdict, and nothing unseen
ever reads as PASS.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError

from hitrust_policies.findings import Finding
from hitrust_policies.sources.live.aws.scan import ScanError, scan_aws
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    HOME,
    PASS,
    UNKNOWN,
    Injected,
    deny,
    on_send,
    scan,
    table,
    verdicts,
)

OTHER = "eu-west-1"
REGIONS = (HOME, OTHER)


def seed(session: boto3.Session) -> None:
    """In both regions: an encrypted private database, a non-rotating key, a 400-day log group (all
    named after their region); a single-region trail in us-east-1; one bucket."""
    session.client("s3").create_bucket(Bucket="audit-trail-bucket")
    for region in REGIONS:
        kms = session.client("kms", region_name=region)
        key = kms.create_key()["KeyMetadata"]
        kms.create_alias(AliasName=f"alias/static-{region}", TargetKeyId=key["KeyId"])
        session.client("rds", region_name=region).create_db_instance(
            DBInstanceIdentifier=f"phi-db-{region}", Engine="postgres", DBInstanceClass="db.t3.micro",
            MasterUsername="admin_user", MasterUserPassword="Correct-Horse-9", AllocatedStorage=20,
            StorageEncrypted=True, KmsKeyId=key["Arn"], PubliclyAccessible=False)
        logs = session.client("logs", region_name=region)
        logs.create_log_group(logGroupName=f"/phi/{region}")
        logs.put_retention_policy(logGroupName=f"/phi/{region}", retentionInDays=400)
    session.client("cloudtrail").create_trail(Name="regional-trail", S3BucketName="audit-trail-bucket",
                                              EnableLogFileValidation=True)
    session.client("cloudtrail").start_logging(Name="regional-trail")


COLLECTORS = ("rds-instances", "kms-keys", "logs-log-groups", "cloudtrail-trails", "s3-buckets")
# The rules these scenarios are about (enc-log-group-audit-kms is UNKNOWN in scans that skip the trails'
# or flow logs' collectors, by design: see test_logs.test_audit_data_unknown_without_the_sources).
RULES = ("enc-database-storage-encrypted", "net-database-not-public", "enc-crypto-key-rotation",
         "log-log-group-retention", "log-audit-coverage-multi-region", "enc-object-store-kms")


def unseen_never_pass(findings: list[Finding], unseen: set[str]) -> None:
    """No finding names a resource the scan could not read, and nothing in a failed scope passes."""
    assert not {f.resource.name for f in findings} & unseen
    assert all(f.status is UNKNOWN for f in findings if f.resource.native_type.startswith("scope:"))


def test_denied_service(session: boto3.Session) -> None:
    """Every RDS call denied: RDS rules are UNKNOWN per region scope, the rest is evaluated exactly."""
    seed(session)
    denied = deny(session, "rds", code="AccessDenied")
    result = scan(session, *COLLECTORS, regions=REGIONS)

    assert denied.hits == 2 and sorted(denied.where) == sorted(REGIONS)
    assert result.calls["rds:DescribeDBInstances"] == 2  # the denied calls were made, and counted
    findings = result.findings()
    assert verdicts(findings, RULES) == table("""
        enc-database-storage-encrypted   rds-instances in us-east-1  UNKNOWN
        enc-database-storage-encrypted   rds-instances in eu-west-1  UNKNOWN
        net-database-not-public          rds-instances in us-east-1  UNKNOWN
        net-database-not-public          rds-instances in eu-west-1  UNKNOWN
        enc-crypto-key-rotation          static-us-east-1            FAIL
        enc-crypto-key-rotation          static-eu-west-1            FAIL
        log-log-group-retention          /phi/us-east-1              PASS
        log-log-group-retention          /phi/eu-west-1              PASS
        log-audit-coverage-multi-region  cloudtrail-123456789012     FAIL
        enc-object-store-kms             audit-trail-bucket          FAIL
    """)
    assert {f.message for f in findings if f.status is UNKNOWN and f.rule_id in RULES} == {
        "AccessDenied: rds:DescribeDBInstances (rds-instances in us-east-1)",
        "AccessDenied: rds:DescribeDBInstances (rds-instances in eu-west-1)"}
    failed = {(c.collector, c.region, c.problems) for c in result.coverage if c.status == "failed"}
    assert failed == {("rds-instances", r, (f"AccessDenied: rds:DescribeDBInstances (rds-instances in {r})",))
                      for r in REGIONS}
    assert {c.status for c in result.coverage if c.collector != "rds-instances"} == {"ok"}
    assert result.regions_read == sorted(REGIONS) and not result.complete
    unseen_never_pass(findings, {f"phi-db-{r}" for r in REGIONS})


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


def throttled(request: Any) -> AWSResponse:
    """The HTTP answer KMS (JSON protocol) gives when throttling: 400 with ThrottlingException."""
    body = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"}).encode()
    return AWSResponse(request.url, 400, {"Content-Type": "application/x-amz-json-1.1",
                                          "x-amzn-RequestId": "throttled"}, _Body(body))


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries still happen (and are counted); only botocore's jittered sleep between them is skipped."""
    from botocore.retries.standard import ExponentialBackoff

    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)


def test_throttled_service(session: boto3.Session, no_backoff: None) -> None:
    """kms:ListKeys throttled on every attempt: botocore retries (max_attempts=2), then the keys are a gap."""
    seed(session)
    attempts = on_send(session, "kms", "ListKeys", throttled)
    result = scan(session, "kms-keys", "logs-log-groups", regions=(HOME,), max_attempts=2)

    assert attempts.hits == 2  # the first try and one retry went out...
    assert result.calls["kms:ListKeys"] == 1  # ...for one API call
    findings = result.findings()
    assert verdicts(findings, RULES) == table("""
        enc-crypto-key-rotation  kms-keys in us-east-1  UNKNOWN
        log-log-group-retention  /phi/us-east-1         PASS
    """)
    [unknown] = [f for f in findings if f.status is UNKNOWN and f.rule_id in RULES]
    assert unknown.message == "Throttled (retries exhausted): kms:ListKeys (kms-keys in us-east-1)"
    [cov] = [c for c in result.coverage if c.collector == "kms-keys"]
    assert (cov.status, cov.problems) == (
        "failed", ("Throttled (retries exhausted): kms:ListKeys (kms-keys in us-east-1)",))


def test_throttled_per_resource_call(session: boto3.Session) -> None:
    """A per-key call throttled past its retries: that key's fact is UNKNOWN naming the call, not a gap."""
    seed(session)
    on_send(session, "kms", "GetKeyRotationStatus", throttled)
    result = scan(session, "kms-keys", regions=(HOME,), max_attempts=1)
    assert verdicts(result.findings(), RULES) == {("enc-crypto-key-rotation", "static-us-east-1", UNKNOWN)}
    assert [f.message for f in result.findings() if f.rule_id in RULES] == [
        "Throttled (retries exhausted): kms:GetKeyRotationStatus"]
    [cov] = result.coverage
    assert (cov.status, cov.problems) == ("partial", ("Throttled (retries exhausted): kms:GetKeyRotationStatus",))


def test_max_attempts_counts_the_first_try(session: boto3.Session) -> None:
    """``max_attempts`` is the total number of tries, as AWS_MAX_ATTEMPTS is: 1 means no retry."""
    attempts = on_send(session, "kms", "ListKeys", throttled)
    result = scan(session, "kms-keys", "logs-log-groups", regions=(HOME,), max_attempts=1)
    assert attempts.hits == 1
    assert [c.status for c in result.coverage if c.collector == "kms-keys"] == ["failed"]


def test_throttling_that_recovers_is_invisible(session: boto3.Session, no_backoff: None) -> None:
    """One throttled attempt then success: the retry absorbs it and the verdicts are exact."""
    seed(session)
    first = Injected()

    def once(request: Any) -> AWSResponse | None:
        return throttled(request) if first.hits == 1 else None

    attempts = on_send(session, "kms", "ListKeys", lambda r: (first.hit(""), once(r))[1])
    result = scan(session, "kms-keys", regions=(HOME,), max_attempts=2)
    assert attempts.hits == 2
    assert verdicts(result.findings(), RULES) == {("enc-crypto-key-rotation", "static-us-east-1", "FAIL")}
    assert result.complete


def unreachable(session: boto3.Session, regions: tuple[str, ...], *, spare: tuple[str, ...] = ("sts",)) -> Injected:
    """Every call to these regions fails to connect (the region is read from the request context)."""
    injected = Injected()

    def handler(model: Any, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        region = context.get("client_region", "")
        if region in regions and model.service_model.service_name not in spare:
            injected.hit(region)
            raise EndpointConnectionError(endpoint_url=params.get("url", region))

    session.events.register_last("before-call", handler)
    return injected


def test_failing_region(session: boto3.Session) -> None:
    """eu-west-1 unreachable: us-east-1 results are intact, eu-west-1 scopes are UNKNOWN, not read."""
    seed(session)
    down = unreachable(session, (OTHER,))
    result = scan(session, *COLLECTORS, regions=REGIONS)

    assert down.hits >= 3 and set(down.where) == {OTHER}
    findings = result.findings()
    why = "Unreachable (EndpointConnectionError): {} in eu-west-1"
    assert verdicts(findings, RULES) == table("""
        enc-database-storage-encrypted   phi-db-us-east-1               PASS
        enc-database-storage-encrypted   rds-instances in eu-west-1     UNKNOWN
        net-database-not-public          phi-db-us-east-1               PASS
        net-database-not-public          rds-instances in eu-west-1     UNKNOWN
        enc-crypto-key-rotation          static-us-east-1               FAIL
        enc-crypto-key-rotation          kms-keys in eu-west-1          UNKNOWN
        log-log-group-retention          /phi/us-east-1                 PASS
        log-log-group-retention          logs-log-groups in eu-west-1   UNKNOWN
        log-audit-coverage-multi-region  cloudtrail-123456789012        UNKNOWN
        enc-object-store-kms             audit-trail-bucket             FAIL
    """)
    assert {f.message for f in findings if f.status is UNKNOWN and f.rule_id in RULES} == {
        why.format(c) for c in ("rds-instances", "kms-keys", "logs-log-groups", "cloudtrail-trails")}
    assert result.regions_read == [HOME]
    assert result.regions == sorted(REGIONS)
    assert {c.status for c in result.coverage if c.region == OTHER} == {"failed"}
    assert {c.status for c in result.coverage if c.region != OTHER} == {"ok"}
    unseen_never_pass(findings, {f"phi-db-{OTHER}", f"static-{OTHER}", f"/phi/{OTHER}"})
    assert not [f for f in findings if f.resource.region == OTHER and f.status is PASS]


def test_every_region_failing(session: boto3.Session) -> None:
    """No region readable at all: a report of nothing but gaps would be noise, so the scan stops."""
    unreachable(session, REGIONS)
    with pytest.raises(ScanError, match=r"^no region could be read: Unreachable \(EndpointConnectionError\): "):
        scan(session, "kms-keys", "logs-log-groups", regions=REGIONS)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("InvalidClientTokenId", "could not identify the AWS account (AccessDenied: sts:GetCallerIdentity)"),
        ("ExpiredToken", "could not identify the AWS account (ExpiredToken: sts:GetCallerIdentity)"),
    ],
)
def test_sts_failing(session: boto3.Session, code: str, message: str) -> None:
    """Without the account id nothing can be attributed: ScanError, and no other call is made."""
    deny(session, "sts", "GetCallerIdentity", code=code)
    with pytest.raises(ScanError) as raised:
        scan(session, "kms-keys", regions=(HOME,))
    assert str(raised.value) == message


def test_sts_unreachable(session: boto3.Session) -> None:
    unreachable(session, (HOME,), spare=())
    with pytest.raises(ScanError, match=r"Unreachable \(EndpointConnectionError\): sts:GetCallerIdentity"):
        scan(session, "kms-keys", regions=(HOME,))


def test_region_listing_failing(session: boto3.Session) -> None:
    """regions=None needs ec2:DescribeRegions; if it fails the scan says so instead of scanning nothing."""
    deny(session, "ec2", "DescribeRegions", code="UnauthorizedOperation")
    with pytest.raises(ScanError, match=r"could not list enabled regions \(AccessDenied: ec2:DescribeRegions\)"):
        scan_aws(session=session, regions=None, collectors=[])


def test_only_collector_denied_is_a_gap_not_a_scan_error(session: boto3.Session) -> None:
    deny(session, "rds")
    result = scan(session, "rds-instances", regions=(HOME,))
    assert verdicts(result.findings(), ["net-database-not-public"]) == {
        ("net-database-not-public", "rds-instances in us-east-1", UNKNOWN)}


def test_account_attribution(session: boto3.Session) -> None:
    """Every finding of a faulty scan still carries the account, live source and a stable id."""
    seed(session)
    deny(session, "rds")
    findings = scan(session, *COLLECTORS, regions=REGIONS).findings()
    assert {(f.resource.account, f.resource.source) for f in findings} == {(ACCOUNT, "live")}
    assert len({f.id for f in findings}) == len(findings)
