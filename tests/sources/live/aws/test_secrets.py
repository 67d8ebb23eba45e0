"""Secrets Manager secrets: rotation and whose key encrypts them, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ROT, KMS = "iam-secret-rotation-enabled", "enc-secret-kms"


def seed(session: boto3.Session) -> None:
    """phi-db-password: a customer key (by ARN), rotating every 30 days; partner-api-key: a customer key by
    alias, never rotated; legacy-token: the AWS-managed aws/secretsmanager key (no KmsKeyId), never rotated."""
    sm = session.client("secretsmanager")
    kms = session.client("kms")
    key = kms.create_key(Description="secrets")["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/partner-secrets", TargetKeyId=key)
    sm.create_secret(Name="phi-db-password", SecretString="s3cr3t-1", KmsKeyId=key)
    sm.rotate_secret(SecretId="phi-db-password", RotationRules={"AutomaticallyAfterDays": 30})
    sm.create_secret(Name="partner-api-key", SecretString="s3cr3t-2", KmsKeyId="alias/partner-secrets")
    sm.create_secret(Name="legacy-token", SecretString="s3cr3t-3")


CASES = [
    Case("baseline", table(f"""
        {ROT}  phi-db-password  PASS
        {ROT}  partner-api-key  FAIL
        {ROT}  legacy-token     FAIL
        {KMS}  phi-db-password  PASS
        {KMS}  partner-api-key  PASS
        {KMS}  legacy-token     FAIL
    """)),
    Case("describe-key-denied", table(f"""
        {KMS}  phi-db-password  UNKNOWN
        {KMS}  partner-api-key  PASS
        {KMS}  legacy-token     FAIL
    """), denied=(("kms", "DescribeKey"),), unknown_reason="AccessDenied: kms:DescribeKey"),
    Case("listing-denied", table(f"""
        {ROT}  secretsmanager-secrets in us-east-1  UNKNOWN
        {KMS}  secretsmanager-secrets in us-east-1  UNKNOWN
    """), denied=(("secretsmanager", "ListSecrets"),),
        unknown_reason="AccessDenied: secretsmanager:ListSecrets (secretsmanager-secrets in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_secrets(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "secretsmanager-secrets", CANARY), case)


def test_throttled_key_lookup_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): kms:DescribeKey")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "secretsmanager-secrets", CANARY), case)


def test_one_listing_no_per_secret_calls(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "secretsmanager-secrets", CANARY)
    assert result.calls["secretsmanager:ListSecrets"] == 1 and result.calls["kms:DescribeKey"] == 1
    [ref] = [r.ref for r in result.resources if r.ref.name == "legacy-token"]
    assert ref.native_type == "AWS::SecretsManager::Secret" and ref.native_id.startswith(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:legacy-token-")
