"""KMS keys scheduled for deletion, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

RULE = "enc-crypto-key-not-pending-deletion"


def seed(session: boto3.Session) -> None:
    """phi-active: in use; phi-disabled: disabled, kept; phi-doomed: scheduled for deletion in 7 days."""
    kms = session.client("kms")
    for alias in ("phi-active", "phi-disabled", "phi-doomed"):
        kid = kms.create_key(Description=alias)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kid)
        if alias == "phi-disabled":
            kms.disable_key(KeyId=kid)
        if alias == "phi-doomed":
            kms.schedule_key_deletion(KeyId=kid, PendingWindowInDays=7)


CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-active    PASS
        {RULE}  phi-disabled  PASS
        {RULE}  phi-doomed    FAIL
    """)),
    Case("describe-key-denied", table(f"""
        {RULE}  phi-active    UNKNOWN
        {RULE}  phi-disabled  UNKNOWN
        {RULE}  phi-doomed    UNKNOWN
    """), denied=(("kms", "DescribeKey"),), unknown_reason="AccessDenied: kms:DescribeKey"),
    Case("listing-denied", table(f"""
        {RULE}  kms-keys in us-east-1  UNKNOWN
    """), denied=(("kms", "ListKeys"),), unknown_reason="AccessDenied: kms:ListKeys (kms-keys in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_pending_deletion(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "kms-keys", CANARY), case)


def test_throttled_describe_key_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): kms:DescribeKey")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "kms-keys", CANARY), case)


def test_the_model_says_pending_deletion(session: boto3.Session) -> None:
    seed(session)
    keys = {r.ref.name: r for r in scan(session, "kms-keys", CANARY).resources if r.ref.native_type == "AWS::KMS::Key"}
    assert (keys["phi-doomed"].pending_deletion, keys["phi-doomed"].enabled) == (True, False)
    assert keys["phi-active"].pending_deletion is False and keys["phi-disabled"].pending_deletion is False
