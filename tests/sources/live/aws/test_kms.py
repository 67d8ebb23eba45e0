"""KMS keys and their rotation, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

RULE = "enc-crypto-key-rotation"


def seed(session: boto3.Session) -> None:
    """phi-rotating: rotates; phi-static: does not; signing-rsa: asymmetric (cannot rotate, not judged);
    phi-disabled: disabled, not rotating (not in use, not judged)."""
    kms = session.client("kms")

    def key(alias: str, **kwargs: str) -> str:
        kid = kms.create_key(Description=alias, **kwargs)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kid)
        return kid

    kms.enable_key_rotation(KeyId=key("phi-rotating"))
    key("phi-static")
    key("signing-rsa", KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    kms.disable_key(KeyId=key("phi-disabled"))


CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-rotating  PASS
        {RULE}  phi-static    FAIL
        {RULE}  signing-rsa   PASS
        {RULE}  phi-disabled  PASS
    """)),
    Case(
        "rotation-status-denied",  # only keys that can rotate need the call
        table(f"""
            {RULE}  phi-rotating  UNKNOWN
            {RULE}  phi-static    UNKNOWN
            {RULE}  signing-rsa   PASS
            {RULE}  phi-disabled  PASS
        """),
        denied=(("kms", "GetKeyRotationStatus"),),
        unknown_reason="AccessDenied: kms:GetKeyRotationStatus",
    ),
    Case(
        "describe-key-denied",
        table(f"""
            {RULE}  phi-rotating  UNKNOWN
            {RULE}  phi-static    UNKNOWN
            {RULE}  signing-rsa   UNKNOWN
            {RULE}  phi-disabled  UNKNOWN
        """),
        denied=(("kms", "DescribeKey"),),
        unknown_reason="AccessDenied: kms:DescribeKey",
    ),
    Case(
        "listing-denied",
        table(f"{RULE}  kms-keys in us-east-1  UNKNOWN"),
        denied=(("kms", "ListKeys"),),
        unknown_reason="AccessDenied: kms:ListKeys (kms-keys in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_key_rotation(session: boto3.Session, case: Case) -> None:
    """Keys are named by alias; KMS's AccessDeniedException reads as AccessDenied."""
    seed(session)
    apply_denials(session, case, code="AccessDeniedException", status=400)
    check(scan(session, "kms-keys", CANARY), case)
