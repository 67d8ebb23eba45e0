"""S3 buckets and the account's Block Public Access, through the live scanner against moto."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from hitrust_policies.model import KMS, PROVIDER_MANAGED, ObjectStore, Unknown
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    FAIL,
    PASS,
    UNKNOWN,
    Case,
    apply_denials,
    check,
    deny,
    scan,
    table,
    verdicts,
)

PAB_ALL = {f: True for f in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
BUCKET_RULES = (
    "enc-object-store-default-encryption",
    "enc-object-store-kms",
    "enc-object-store-tls-only",
    "log-object-store-access-logging",
    "net-object-store-public-access-blocked",
)
ACCOUNT_RULE = "net-account-storage-public-access-blocked"
TLS_RULE = "enc-object-store-tls-only"
ACCOUNT_NAME = f"s3-account-{ACCOUNT}"


def deny_without_tls(bucket: str) -> str:
    """The bucket policy refusing every request to the bucket and its objects not sent over TLS."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def seed(session: boto3.Session) -> None:
    """phi-kms-bucket: compliant everywhere; phi-aes-bucket: SSE-S3, partial BPA, no logging, a policy
    that does not deny plain HTTP; phi-plain-bucket: nothing configured (moto: no encryption configuration
    at all, no policy)."""
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
    s3.put_bucket_policy(Bucket="phi-kms-bucket", Policy=deny_without_tls("phi-kms-bucket"))
    s3.put_bucket_policy(Bucket="phi-aes-bucket", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::phi-aes-bucket/*"}]}))


BASELINE = table("""
    enc-object-store-default-encryption     phi-kms-bucket    PASS
    enc-object-store-default-encryption     phi-aes-bucket    PASS
    enc-object-store-default-encryption     phi-plain-bucket  PASS
    enc-object-store-kms                    phi-kms-bucket    PASS
    enc-object-store-kms                    phi-aes-bucket    FAIL
    enc-object-store-kms                    phi-plain-bucket  FAIL
    enc-object-store-tls-only               phi-kms-bucket    PASS
    enc-object-store-tls-only               phi-aes-bucket    FAIL
    enc-object-store-tls-only               phi-plain-bucket  FAIL
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
        "bucket-policy-denied",
        table("""
            enc-object-store-tls-only  phi-kms-bucket    UNKNOWN
            enc-object-store-tls-only  phi-aes-bucket    UNKNOWN
            enc-object-store-tls-only  phi-plain-bucket  UNKNOWN
        """),
        denied=(("s3", "GetBucketPolicy"),),
        unknown_reason="AccessDenied: s3:GetBucketPolicy",
    ),
    Case(
        "listing-denied",  # no bucket can be named: one UNKNOWN per rule for the whole scope
        table("""
            enc-object-store-default-encryption     s3-buckets in all regions  UNKNOWN
            enc-object-store-kms                    s3-buckets in all regions  UNKNOWN
            enc-object-store-tls-only               s3-buckets in all regions  UNKNOWN
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
        assert verdicts(result.findings(), untouched) == BASELINE.of_rules(untouched)


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
    assert verdicts(result.findings(), BUCKET_RULES) == BASELINE
    assert {r.ref.region for r in result.resources} == {""}  # region not guessed
    [cov] = result.coverage
    assert (cov.status, cov.problems) == ("partial", ("AccessDenied: s3:GetBucketLocation",))


TLS_BUCKET = "phi-tls-bucket"
TLS_ARNS = [f"arn:aws:s3:::{TLS_BUCKET}", f"arn:aws:s3:::{TLS_BUCKET}/*"]
SECURE_FALSE = {"Bool": {"aws:SecureTransport": "false"}}


def _policy_case(case_id: str, status: str, **statement: object) -> Case:
    base = {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": TLS_ARNS, "Condition": SECURE_FALSE}
    document = {"Version": "2012-10-17", "Statement": [{**base, **statement}]}
    return Case(case_id, table(f"{TLS_RULE}  {TLS_BUCKET}  {status}"), extra={"policy": json.dumps(document)})


TLS_POLICY_CASES = [
    _policy_case("secure-transport-json-false", "PASS", Condition={"Bool": {"aws:SecureTransport": False}}),
    _policy_case("secure-transport-if-exists-list", "PASS",
                 Condition={"BoolIfExists": {"aws:SecureTransport": ["false"]}}),
    _policy_case("any-aws-principal-every-resource", "PASS", Principal={"AWS": ["*"]}, Action=["*"], Resource="*"),
    _policy_case("tls-version-if-exists", "PASS", Condition={"NumericLessThanIfExists": {"s3:TlsVersion": "1.2"}}),
    _policy_case("objects-only", "FAIL", Resource=f"arn:aws:s3:::{TLS_BUCKET}/*"),
    _policy_case("some-actions-only", "FAIL", Action=["s3:GetObject", "s3:PutObject"]),
    _policy_case("one-principal-only", "FAIL", Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
    _policy_case("narrowed-by-source-ip", "FAIL",
                 Condition={**SECURE_FALSE, "NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
    # a plain request carries no s3:TlsVersion, and IAM reads a condition on an absent key as false
    _policy_case("tls-version-without-if-exists", "FAIL", Condition={"NumericLessThan": {"s3:TlsVersion": "1.2"}}),
    _policy_case("allow-on-secure-transport", "FAIL", Effect="Allow", Action="s3:GetObject",
                 Condition={"Bool": {"aws:SecureTransport": "true"}}),
]


@pytest.mark.parametrize("case", TLS_POLICY_CASES, ids=lambda c: c.id)
def test_tls_only_policy_shapes(session: boto3.Session, case: Case) -> None:
    """Only a deny that covers every plain-HTTP request to the bucket and its objects makes it TLS-only."""
    s3 = session.client("s3")
    s3.create_bucket(Bucket=TLS_BUCKET)
    s3.put_bucket_policy(Bucket=TLS_BUCKET, Policy=case.extra["policy"])
    check(scan(session, "s3-buckets"), case)


def test_missing_bucket_policy_is_an_answer_not_a_problem(session: boto3.Session) -> None:
    """NoSuchBucketPolicy means the bucket has no policy (tls_only False), not a gap in the scan."""
    seed(session)
    with pytest.raises(ClientError) as raised:
        session.client("s3").get_bucket_policy(Bucket="phi-plain-bucket")
    assert raised.value.response["Error"]["Code"] == "NoSuchBucketPolicy"
    result = scan(session, "s3-buckets")
    stores = {r.ref.name: r for r in result.resources if isinstance(r, ObjectStore)}
    assert {name: store.tls_only for name, store in stores.items()} == {
        "phi-kms-bucket": True, "phi-aes-bucket": False, "phi-plain-bucket": False}
    assert result.complete


def test_bucket_policy_throttled_is_unknown_for_that_rule_only(session: boto3.Session) -> None:
    """A GetBucketPolicy that keeps failing after retries leaves tls_only Unknown, the other facts read."""
    seed(session)
    deny(session, "s3", "GetBucketPolicy", code="SlowDown", status=503)
    result = scan(session, "s3-buckets")
    stores = {r.ref.name: r for r in result.resources if isinstance(r, ObjectStore)}
    assert all(isinstance(store.tls_only, Unknown) for store in stores.values())
    untouched = set(BUCKET_RULES) - {TLS_RULE}
    assert verdicts(result.findings(), untouched) == BASELINE.of_rules(untouched)
    assert {status for _, _, status in verdicts(result.findings(), [TLS_RULE])} == {UNKNOWN}


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
