"""KMS keys and their rotation, through the live scanner against moto.

Only keys KMS can rotate automatically are judged (symmetric, material generated in KMS's own
key store): asymmetric, HMAC, imported-material and custom-key-store keys pass with nothing to
check, and are never asked GetKeyRotationStatus (real KMS refuses it for them).
"""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import CryptoKey
from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, deny, scan, table

RULE = "enc-crypto-key-rotation"
CANNOT_ROTATE = ("signing-rsa", "signing-ecc", "mac-hmac", "imported", "cloudhsm", "external-store")


def seed(session: boto3.Session) -> None:
    """phi-rotating: rotates; phi-static: does not; phi-disabled: disabled, not rotating (not in use, not
    judged); multi-region-static: a multi-Region key, which can rotate and does not; and one key of every
    kind KMS cannot rotate automatically."""
    kms = session.client("kms")

    def key(alias: str, **kwargs: object) -> str:
        kid = kms.create_key(Description=alias, **kwargs)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kid)
        return kid

    kms.enable_key_rotation(KeyId=key("phi-rotating"))
    key("phi-static")
    kms.disable_key(KeyId=key("phi-disabled"))
    key("multi-region-static", MultiRegion=True)
    key("signing-rsa", KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    key("signing-ecc", KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")
    key("mac-hmac", KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")
    key("imported", Origin="EXTERNAL")
    key("cloudhsm", Origin="AWS_CLOUDHSM", CustomKeyStoreId="cks-1234567890abcdef0")
    key("external-store", Origin="EXTERNAL_KEY_STORE", CustomKeyStoreId="cks-0fedcba0987654321", XksKeyId="xks-1")


NOT_JUDGED = "\n".join(f"{RULE}  {alias}  PASS" for alias in (*CANNOT_ROTATE, "phi-disabled"))

CASES = [
    Case("baseline", table(f"""
        {RULE}  phi-rotating         PASS
        {RULE}  phi-static           FAIL
        {RULE}  multi-region-static  FAIL
        {NOT_JUDGED}
    """)),
    Case(
        "rotation-status-denied",  # only keys that can rotate need the call
        table(f"""
            {RULE}  phi-rotating         UNKNOWN
            {RULE}  phi-static           UNKNOWN
            {RULE}  multi-region-static  UNKNOWN
            {NOT_JUDGED}
        """),
        denied=(("kms", "GetKeyRotationStatus"),),
        unknown_reason="AccessDenied: kms:GetKeyRotationStatus",
    ),
    Case(
        "describe-key-denied",
        table("\n".join(f"{RULE}  {alias}  UNKNOWN" for alias in (
            "phi-rotating", "phi-static", "phi-disabled", "multi-region-static", *CANNOT_ROTATE))),
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


def test_keys_that_cannot_rotate_are_not_asked(session: boto3.Session) -> None:
    """Rotatability comes from DescribeKey's Origin and KeySpec; GetKeyRotationStatus goes only to the four
    enabled keys that can rotate (moto answers it for any key; real KMS refuses the others)."""
    seed(session)
    result = scan(session, "kms-keys")
    keys = {k.ref.name: k for k in result.resources if isinstance(k, CryptoKey)}
    assert {name for name, k in keys.items() if k.rotation_supported is False} == set(CANNOT_ROTATE)
    assert result.calls["kms:GetKeyRotationStatus"] == 3  # phi-rotating, phi-static, multi-region-static
    assert result.complete


def test_unsupported_rotation_status_is_an_answer(session: boto3.Session) -> None:
    """KMS's UnsupportedOperationException on GetKeyRotationStatus means the key cannot rotate: PASS and a
    complete scan, never an UNKNOWN that no setting could ever clear."""
    kms = session.client("kms")
    kms.create_alias(AliasName="alias/odd-key", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    deny(session, "kms", "GetKeyRotationStatus", code="UnsupportedOperationException", status=400)
    result = scan(session, "kms-keys")
    check(result, Case("unsupported", table(f"{RULE}  odd-key  PASS")))
    assert result.complete
