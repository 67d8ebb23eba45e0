"""S3 buckets and the account's Block Public Access, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from hitrust_policies.model import KMS, PROVIDER_MANAGED, ObjectStore
from tests.sources.live.aws.conftest import ACCOUNT, FAIL, PASS, Case, apply_denials, check, deny, scan, table, verdicts

PAB_ALL = {f: True for f in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
BUCKET_RULES = (
    "enc-object-store-default-encryption",
    "enc-object-store-kms",
    "log-object-store-access-logging",
    "net-object-store-public-access-blocked",
)
ACCOUNT_RULE = "net-account-storage-public-access-blocked"
ACCOUNT_NAME = f"s3-account-{ACCOUNT}"


def seed(session: boto3.Session) -> None:
    """phi-kms-bucket: compliant everywhere; phi-aes-bucket: SSE-S3, partial BPA, no logging;
    phi-plain-bucket: nothing configured (moto: no encryption configuration at all)."""
    s3 = session.client("s3")
    for name in ("phi-kms-bucket", "phi-aes-bucket", "phi-plain-bucket"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_encryption(Bucket="phi-kms-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": KEY_ARN}}]})
    s3.put_bucket_encryption(Bucket="phi-aes-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket="phi-kms-bucket", PublicAccessBlockConfiguration=PAB_ALL)
    s3.put_public_access_block(Bucket="phi-aes-bucket", PublicAccessBlockConfiguration={"BlockPublicAcls": True})
    s3.put_bucket_acl(Bucket="phi-aes-bucket", ACL="log-delivery-write")
    s3.put_bucket_logging(Bucket="phi-kms-bucket", BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": "phi-aes-bucket", "TargetPrefix": "kms/"}})


BASELINE = table("""
    enc-object-store-default-encryption     phi-kms-bucket    PASS
    enc-object-store-default-encryption     phi-aes-bucket    PASS
    enc-object-store-default-encryption     phi-plain-bucket  PASS
    enc-object-store-kms                    phi-kms-bucket    PASS
    enc-object-store-kms                    phi-aes-bucket    FAIL
    enc-object-store-kms                    phi-plain-bucket  FAIL
    log-object-store-access-logging         phi-kms-bucket    PASS
    log-object-store-access-logging         phi-aes-bucket    FAIL
    log-object-store-access-logging         phi-plain-bucket  FAIL
    net-object-store-public-access-blocked  phi-kms-bucket    PASS
    net-object-store-public-access-blocked  phi-aes-bucket    FAIL
    net-object-store-public-access-blocked  phi-plain-bucket  FAIL
""")

CASES = [
    Case("baseline", BASELINE),
    Case(
        "encryption-denied",
        table("""
            enc-object-store-default-encryption  phi-kms-bucket    UNKNOWN
            enc-object-store-default-encryption  phi-aes-bucket    UNKNOWN
            enc-object-store-default-encryption  phi-plain-bucket  UNKNOWN
            enc-object-store-kms                 phi-kms-bucket    UNKNOWN
            enc-object-store-kms                 phi-aes-bucket    UNKNOWN
            enc-object-store-kms                 phi-plain-bucket  UNKNOWN
        """),
        denied=(("s3", "GetBucketEncryption"),),
        unknown_reason="AccessDenied: s3:GetBucketEncryption",
    ),
    Case(
        "logging-denied",
        table("""
            log-object-store-access-logging  phi-kms-bucket    UNKNOWN
            log-object-store-access-logging  phi-aes-bucket    UNKNOWN
            log-object-store-access-logging  phi-plain-bucket  UNKNOWN
        """),
        denied=(("s3", "GetBucketLogging"),),
        unknown_reason="AccessDenied: s3:GetBucketLogging",
    ),
    Case(
        "public-access-block-denied",
        table("""
            net-object-store-public-access-blocked  phi-kms-bucket    UNKNOWN
            net-object-store-public-access-blocked  phi-aes-bucket    UNKNOWN
            net-object-store-public-access-blocked  phi-plain-bucket  UNKNOWN
        """),
        denied=(("s3", "GetPublicAccessBlock"),),
        unknown_reason="AccessDenied: s3:GetPublicAccessBlock",
    ),
    Case(
        "listing-denied",  # no bucket can be named: one UNKNOWN per rule for the whole scope
        table("""
            enc-object-store-default-encryption     s3-buckets in all regions  UNKNOWN
            enc-object-store-kms                    s3-buckets in all regions  UNKNOWN
            log-object-store-access-logging         s3-buckets in all regions  UNKNOWN
            net-object-store-public-access-blocked  s3-buckets in all regions  UNKNOWN
        """),
        denied=(("s3", "ListBuckets"),),
        unknown_reason="AccessDenied: s3:ListBuckets (s3-buckets in all regions)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bucket_rules(session: boto3.Session, case: Case) -> None:
    """Each bucket gets its exact verdict; a denied read makes only the rules needing it UNKNOWN."""
    seed(session)
    apply_denials(session, case)
    result = scan(session, "s3-buckets")
    check(result, case)
    if case.denied:  # the rules the fault does not touch keep their baseline verdicts
        untouched = set(BUCKET_RULES) - {r for r, _, _ in case.expected}
        assert verdicts(result.findings(), untouched) == {t for t in BASELINE if t[0] in untouched}


def test_missing_encryption_configuration_means_sse_s3(session: boto3.Session) -> None:
    """moto (like pre-2023 S3) answers NotFound for a bucket without configuration; real S3 encrypts
    such a bucket with SSE-S3, so the collector must map NotFound to provider-managed, not plaintext."""
    seed(session)
    with pytest.raises(ClientError) as raised:
        session.client("s3").get_bucket_encryption(Bucket="phi-plain-bucket")
    assert raised.value.response["Error"]["Code"] == "ServerSideEncryptionConfigurationNotFoundError"

    result = scan(session, "s3-buckets")
    stores = {r.ref.name: r for r in result.resources if isinstance(r, ObjectStore)}
    assert (stores["phi-plain-bucket"].encryption, stores["phi-plain-bucket"].kms_key) == (PROVIDER_MANAGED, None)
    assert (stores["phi-kms-bucket"].encryption, stores["phi-kms-bucket"].kms_key) == (KMS, KEY_ARN)
    messages = {(f.rule_id, f.resource.name): f.message for f in result.findings()}
    assert messages["enc-object-store-kms", "phi-plain-bucket"] == (
        "default encryption is provider-managed, not a KMS key")
    assert result.complete  # NotFound is an answer, not a problem


def test_bucket_location_denied_still_reads_facts(session: boto3.Session) -> None:
    """Without GetBucketLocation the bucket's region is unknown, but its settings are still read."""
    seed(session)
    deny(session, "s3", "GetBucketLocation")
    result = scan(session, "s3-buckets")
    assert verdicts(result.findings(), BUCKET_RULES) == set(BASELINE)
    assert {r.ref.region for r in result.resources} == {""}  # region not guessed
    [cov] = result.coverage
    assert (cov.status, cov.problems) == ("partial", ("AccessDenied: s3:GetBucketLocation",))


ACCOUNT_CASES = [
    Case("account-block-all", table(f"{ACCOUNT_RULE}  {ACCOUNT_NAME}  PASS"), extra={"config": PAB_ALL}),
    Case("account-block-partial", table(f"{ACCOUNT_RULE}  {ACCOUNT_NAME}  FAIL"),
         extra={"config": {**PAB_ALL, "RestrictPublicBuckets": False}}),
    Case("account-block-unset", table(f"{ACCOUNT_RULE}  {ACCOUNT_NAME}  FAIL")),
    Case("account-block-denied", table(f"{ACCOUNT_RULE}  {ACCOUNT_NAME}  UNKNOWN"), extra={"config": PAB_ALL},
         denied=(("s3control", "GetPublicAccessBlock"),),
         unknown_reason="AccessDenied: s3control:GetPublicAccessBlock"),
]


@pytest.mark.parametrize("case", ACCOUNT_CASES, ids=lambda c: c.id)
def test_account_public_access_block(session: boto3.Session, case: Case) -> None:
    """Account BPA: all four flags PASS, any missing FAIL, unset (NoSuchPublicAccessBlock) FAIL, denied UNKNOWN."""
    if "config" in case.extra:
        session.client("s3control").put_public_access_block(
            AccountId=ACCOUNT, PublicAccessBlockConfiguration=case.extra["config"])
    apply_denials(session, case)
    check(scan(session, "s3-account-public-access-block"), case)


def test_bucket_findings_only_for_scanned_collectors(session: boto3.Session) -> None:
    """Scoping ``collectors=`` really scopes: only S3 rules are evaluated, nothing else is invented."""
    seed(session)
    result = scan(session, "s3-buckets")
    assert {f.rule_id for f in result.findings()} == set(BUCKET_RULES)
    assert FAIL in {f.status for f in result.findings()} and PASS in {f.status for f in result.findings()}
