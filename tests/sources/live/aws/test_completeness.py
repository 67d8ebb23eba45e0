"""A scan is complete only if every call it made was answered: a per-resource call that was denied or
throttled to failure leaves its collector "partial", names the call, and the scan incomplete - even when
no selected rule reads the fact it would have given.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse

from hitrust_policies.rules.registry import select
from hitrust_policies.sources.live.aws.accounts import merge
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult
from tests.sources.live.aws.conftest import (
    FAIL,
    HOME,
    PASS,
    UNKNOWN,
    deny,
    on_send,
    scan,
    table,
    verdicts,
)
from tests.sources.live.aws.test_faults import _Body

OTHER = "eu-west-1"
BUCKETS = ("phi-logs", "phi-images", "phi-notes")


def seed(session: boto3.Session) -> None:
    """Three default buckets (no logging, no policy); in both regions a non-rotating customer key and a
    log group kept 400 days."""
    for name in BUCKETS:
        session.client("s3").create_bucket(Bucket=name)
    for region in (HOME, OTHER):
        kms = session.client("kms", region_name=region)
        kms.create_alias(AliasName=f"alias/static-{region}", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
        logs = session.client("logs", region_name=region)
        logs.create_log_group(logGroupName=f"/phi/{region}")
        logs.put_retention_policy(logGroupName=f"/phi/{region}", retentionInDays=400)


def coverage(result: Any) -> dict[tuple[str, str], tuple[str, int, tuple[str, ...]]]:
    return {(c.collector, c.region): (c.status, c.resources, c.problems) for c in result.coverage}


def test_a_denied_per_resource_call_makes_the_scan_incomplete(session: boto3.Session) -> None:
    """GetBucketLogging denied for every bucket: their logging verdict is UNKNOWN, everything else exact,
    the s3 collector partial (the reason once, not once per bucket) and the scan not complete."""
    seed(session)
    denied = deny(session, "s3", "GetBucketLogging")
    result = scan(session, "s3-buckets", "logs-log-groups")

    assert denied.hits == len(BUCKETS)
    assert verdicts(result.findings(), ["log-object-store-access-logging", "enc-object-store-default-encryption",
                                        "log-log-group-retention"]) == table("""
        log-object-store-access-logging      phi-logs     UNKNOWN
        log-object-store-access-logging      phi-images   UNKNOWN
        log-object-store-access-logging      phi-notes    UNKNOWN
        enc-object-store-default-encryption  phi-logs     PASS
        enc-object-store-default-encryption  phi-images   PASS
        enc-object-store-default-encryption  phi-notes    PASS
        log-log-group-retention              /phi/us-east-1  PASS
    """)
    # (enc-log-group-audit-kms is UNKNOWN too: this scan skipped the trails that say which groups hold audit data)
    assert {f.message for f in result.findings() if f.status is UNKNOWN and f.rule_id != "enc-log-group-audit-kms"} == {
        "AccessDenied: s3:GetBucketLogging"}
    assert coverage(result) == {
        ("s3-buckets", "global"): ("partial", 3, ("AccessDenied: s3:GetBucketLogging",)),
        ("logs-log-groups", HOME): ("ok", 1, ()),
    }
    assert result.complete is False
    assert result.regions_read == [HOME]  # a partial read is still a read


def test_incomplete_even_when_no_selected_rule_reads_the_unseen_fact(session: boto3.Session) -> None:
    """Only the log-group rule is reported, yet a key's rotation could not be read: not a complete scan."""
    seed(session)
    deny(session, "kms", "GetKeyRotationStatus")
    result = scan(session, "kms-keys", "logs-log-groups")
    findings = result.findings(select(ids=["log-log-group-retention"]))
    assert [(f.rule_id, f.resource.name, f.status) for f in findings] == [
        ("log-log-group-retention", "/phi/us-east-1", PASS)]
    assert coverage(result)[("kms-keys", HOME)] == ("partial", 1, ("AccessDenied: kms:GetKeyRotationStatus",))
    assert result.complete is False


def test_a_denial_in_one_region_leaves_the_other_complete(session: boto3.Session) -> None:
    seed(session)
    deny(session, "kms", "GetKeyRotationStatus", region=OTHER)
    result = scan(session, "kms-keys", regions=(HOME, OTHER))
    assert verdicts(result.findings(), ["enc-crypto-key-rotation"]) == {
        ("enc-crypto-key-rotation", f"static-{HOME}", FAIL), ("enc-crypto-key-rotation", f"static-{OTHER}", UNKNOWN)}
    assert coverage(result) == {
        ("kms-keys", HOME): ("ok", 1, ()),
        ("kms-keys", OTHER): ("partial", 1, ("AccessDenied: kms:GetKeyRotationStatus",)),
    }
    assert not result.complete and result.regions_read == [OTHER, HOME]


def test_every_call_answered_is_complete(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "s3-buckets", "kms-keys", regions=(HOME, OTHER))
    assert {status for status, _, _ in coverage(result).values()} == {"ok"}
    assert result.complete is True


def slow_down(request: Any) -> AWSResponse:
    """What S3 answers when a prefix is over its request rate: 503 with an XML SlowDown error."""
    body = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>'
            b"<Message>Please reduce your request rate.</Message></Error>")
    return AWSResponse(request.url, 503, {"Content-Type": "application/xml"}, _Body(body))


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    from botocore.retries.standard import ExponentialBackoff

    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)


def test_a_per_resource_call_throttled_to_failure_names_throttling_and_the_call(
        session: boto3.Session, no_backoff: None) -> None:
    """S3 SlowDown on GetBucketPolicy, on every attempt: botocore retries, gives up, and the bucket's
    TLS-only fact is UNKNOWN with the reason naming throttling and the call."""
    session.client("s3").create_bucket(Bucket="phi-busy")
    attempts = on_send(session, "s3", "GetBucketPolicy", slow_down)
    result = scan(session, "s3-buckets", max_attempts=3)
    assert attempts.hits == 3
    [tls] = [f for f in result.findings() if f.rule_id == "enc-object-store-tls-only"]
    assert (tls.resource.name, tls.status, tls.message) == (
        "phi-busy", UNKNOWN, "Throttled (retries exhausted): s3:GetBucketPolicy")
    assert coverage(result)[("s3-buckets", "global")] == (
        "partial", 1, ("Throttled (retries exhausted): s3:GetBucketPolicy",))
    assert not result.complete


def test_accounts_merge_keeps_a_partial_member_incomplete() -> None:
    """One member read in full, one with a per-resource denial, one unassumable: the merge is incomplete,
    and keeps every coverage row with its account."""
    def member(account: str, status: str, problems: tuple[str, ...] = ()) -> ScanResult:
        return ScanResult("aws", account, [HOME], [], [], [Coverage("kms-keys", HOME, status, 1, problems, account)],
                          Counter({"kms:ListKeys": 1}))

    unassumable = ([], Coverage("account", "global", "failed", 0, ("AccessDenied: sts:AssumeRole",), "333333333333"))
    complete = merge(["111111111111", "222222222222"], [member("111111111111", "ok"), member("222222222222", "ok")],
                     Counter({"sts:AssumeRole": 2}), 1.0)
    assert complete.complete is True and complete.calls == Counter({"sts:AssumeRole": 2, "kms:ListKeys": 2})
    partial = merge(["111111111111", "222222222222"],
                    [member("111111111111", "ok"),
                     member("222222222222", "partial", ("AccessDenied: kms:GetKeyRotationStatus",))],
                    Counter(), 1.0)
    assert partial.complete is False
    assert [(c.account, c.status, c.problems) for c in partial.coverage] == [
        ("111111111111", "ok", ()), ("222222222222", "partial", ("AccessDenied: kms:GetKeyRotationStatus",))]
    failed = merge(["111111111111", "333333333333"], [member("111111111111", "ok"), unassumable], Counter(), 1.0)
    assert failed.complete is False and failed.regions == [HOME] and failed.account == "111111111111,333333333333"
