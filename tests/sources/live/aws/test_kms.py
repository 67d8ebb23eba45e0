"""KMS keys and their rotation, through the live scanner against moto.

Only keys KMS can rotate automatically are judged (symmetric, material generated in KMS's own
key store): asymmetric, HMAC, imported-material and custom-key-store keys pass with nothing to
check, and are never asked GetKeyRotationStatus (real KMS refuses it for them).
"""

from __future__ import annotations

import json

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


PUBLIC = "net-crypto-key-not-public"
ACCOUNT = "123456789012"


def policy(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "owner", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": "kms:*", "Resource": "*"}, *statements]})


ANYONE = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}


def seed_policies(session: boto3.Session) -> None:
    """default-policy: KMS's default (the account only); open-key: decrypt for any principal; org-key: any
    principal of one organization; caller-key: any principal but one account's (a negated condition)."""
    kms = session.client("kms")

    def key(alias: str, key_policy: str | None = None) -> None:
        kid = kms.create_key(**({"Policy": key_policy} if key_policy else {}))["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kid)

    key("default-policy")
    key("open-key", policy(ANYONE))
    key("org-key", policy({**ANYONE, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}))
    key("caller-key", policy({**ANYONE, "Principal": "*",
                              "Condition": {"StringNotEquals": {"kms:CallerAccount": "210987654321"}}}))


PUBLIC_CASES = [
    Case("key-policies", table(f"""
        {PUBLIC}  default-policy  PASS
        {PUBLIC}  open-key        FAIL
        {PUBLIC}  org-key         PASS
        {PUBLIC}  caller-key      FAIL
    """)),
    Case("key-policy-denied",
         table("\n".join(f"{PUBLIC}  {a}  UNKNOWN" for a in ("default-policy", "open-key", "org-key", "caller-key"))),
         denied=(("kms", "GetKeyPolicy"),), unknown_reason="AccessDenied: kms:GetKeyPolicy"),
]


@pytest.mark.parametrize("case", PUBLIC_CASES, ids=lambda c: c.id)
def test_key_policies_open_to_anyone(session: boto3.Session, case: Case) -> None:
    """A key policy statement allowing any principal without a condition naming an organization, account
    or network is public; the policy unreadable is UNKNOWN."""
    seed_policies(session)
    apply_denials(session, case, code="AccessDeniedException", status=400)
    result = scan(session, "kms-keys")
    check(result, case)
    if not case.denied:
        assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == PUBLIC
                and f.status.value == "FAIL"} == {
            ("open-key", "the key's policy grants the public: * may kms:Decrypt, kms:DescribeKey"),
            ("caller-key", "the key's policy grants the public: * may kms:Decrypt, kms:DescribeKey")}
