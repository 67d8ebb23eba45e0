"""S3 buckets and the account's Block Public Access, through the live scanner against moto."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from hitrust_policies.model import KMS, PROVIDER_MANAGED, ObjectStore, Unknown
from hitrust_policies.sources.aws_s3_public_access import GUARDS
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    FAIL,
    PASS,
    UNKNOWN,
    Case,
    apply_denials,
    check,
    deny,
    respond,
    scan,
    table,
    verdicts,
)

PAB_ALL = {guard: True for guard in GUARDS}
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


def seed(session: boto3.Session) -> str:
    """phi-kms-bucket: compliant everywhere (a customer-managed key); phi-aes-bucket: SSE-S3, partial BPA, no
    logging, a policy that does not deny plain HTTP; phi-plain-bucket: nothing configured (moto, like S3 for a
    bucket created before 2023: no encryption configuration at all, no public access block, no policy).
    Returns the key's ARN."""
    s3 = session.client("s3")
    key_arn = session.client("kms").create_key(Description="phi records")["KeyMetadata"]["Arn"]
    for name in ("phi-kms-bucket", "phi-aes-bucket", "phi-plain-bucket"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_encryption(Bucket="phi-kms-bucket", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}}]})
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
    return key_arn


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
    key_arn = seed(session)
    with pytest.raises(ClientError) as raised:
        session.client("s3").get_bucket_encryption(Bucket="phi-plain-bucket")
    assert raised.value.response["Error"]["Code"] == "ServerSideEncryptionConfigurationNotFoundError"

    result = scan(session, "s3-buckets")
    stores = {r.ref.name: r for r in result.resources if isinstance(r, ObjectStore)}
    assert (stores["phi-plain-bucket"].encryption, stores["phi-plain-bucket"].kms_key) == (PROVIDER_MANAGED, None)
    assert (stores["phi-kms-bucket"].encryption, stores["phi-kms-bucket"].kms_key) == (KMS, key_arn)
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
    *(Case(f"account-block-{guard}-off", table(f"{ACCOUNT_RULE}  {ACCOUNT_NAME}  FAIL"),
           extra={"config": {**PAB_ALL, guard: False}, "message": f"account-level public access guards off: {guard}"})
      for guard in GUARDS),
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
    result = scan(session, "s3-account-public-access-block")
    check(result, case)
    if "message" in case.extra:
        assert [f.message for f in result.findings()] == [case.extra["message"]]


def test_bucket_findings_only_for_scanned_collectors(session: boto3.Session) -> None:
    """Scoping ``collectors=`` really scopes: only S3 rules are evaluated, nothing else is invented."""
    seed(session)
    result = scan(session, "s3-buckets")
    assert {f.rule_id for f in result.findings()} == set(BUCKET_RULES)
    assert FAIL in {f.status for f in result.findings()} and PASS in {f.status for f in result.findings()}


# ------------------------------------------------------------------ Block Public Access: each guard, both levels

BPA_RULE = "net-object-store-public-access-blocked"
BPA_BUCKET = "phi-bpa-bucket"
BUCKET_PAB_DENIED = (("s3", "GetPublicAccessBlock"),)
ACCOUNT_PAB_DENIED = (("s3control", "GetPublicAccessBlock"),)


def _without(*guards: str) -> dict[str, bool]:
    return {g: g not in guards for g in GUARDS}


def _only(*guards: str) -> dict[str, bool]:
    return {g: g in guards for g in GUARDS}


def _open_message(*guards: str) -> str:
    return f"public access guards off on the store and account-wide: {', '.join(guards)}"


def _bpa_case(case_id: str, status: str, *, bucket: dict[str, bool] | None = None,
              account: dict[str, bool] | None = None, denied: tuple[tuple[str, str], ...] = (),
              reason: str | None = None, message: str | None = None) -> Case:
    """``bucket`` / ``account``: the configuration put at that level (None: none, as on a bucket made before
    April 2023 and an account that never set one)."""
    return Case(case_id, table(f"{BPA_RULE}  {BPA_BUCKET}  {status}"), denied=denied, unknown_reason=reason,
                extra={"bucket": bucket, "account": account, "message": message})


BPA_CASES = [
    *(_bpa_case(f"bucket-{g}-off", "FAIL", bucket=_without(g), message=_open_message(g)) for g in GUARDS),
    *(_bpa_case(f"bucket-{g}-off-account-blocks-it", "PASS", bucket=_without(g), account=_only(g)) for g in GUARDS),
    *(_bpa_case(f"{g}-off-at-both-levels", "FAIL", bucket=_without(g), account=_without(g), message=_open_message(g))
      for g in GUARDS),
    _bpa_case("no-block-anywhere", "FAIL", message=_open_message(*GUARDS)),
    _bpa_case("account-alone-blocks-all", "PASS", account=PAB_ALL),
    _bpa_case("split-acls-on-bucket-policies-on-account", "PASS", bucket=_only("BlockPublicAcls", "IgnorePublicAcls"),
              account=_only("BlockPublicPolicy", "RestrictPublicBuckets")),
    _bpa_case("account-denied-bucket-blocks-all", "PASS", bucket=PAB_ALL, denied=ACCOUNT_PAB_DENIED),
    _bpa_case("account-denied-bucket-partial", "UNKNOWN", bucket=_without("RestrictPublicBuckets"),
              denied=ACCOUNT_PAB_DENIED, reason="AccessDenied: s3control:GetPublicAccessBlock"),
    _bpa_case("account-denied-bucket-unset", "UNKNOWN", denied=ACCOUNT_PAB_DENIED,
              reason="AccessDenied: s3control:GetPublicAccessBlock"),
    _bpa_case("bucket-denied-account-blocks-all", "PASS", bucket=_without(*GUARDS), account=PAB_ALL,
              denied=BUCKET_PAB_DENIED),
    _bpa_case("bucket-denied-account-partial", "UNKNOWN", bucket=PAB_ALL, account=_without("IgnorePublicAcls"),
              denied=BUCKET_PAB_DENIED, reason="AccessDenied: s3:GetPublicAccessBlock"),
    _bpa_case("both-levels-denied", "UNKNOWN", bucket=PAB_ALL, account=PAB_ALL,
              denied=BUCKET_PAB_DENIED + ACCOUNT_PAB_DENIED, reason="AccessDenied: s3:GetPublicAccessBlock"),
]


@pytest.mark.parametrize("case", BPA_CASES, ids=lambda c: c.id)
def test_public_access_guards_join_bucket_and_account(session: boto3.Session, case: Case) -> None:
    """Per guard the more restrictive level wins; an unreadable level counts only if the other blocks all."""
    s3 = session.client("s3")
    s3.create_bucket(Bucket=BPA_BUCKET)
    if case.extra["bucket"] is not None:
        s3.put_public_access_block(Bucket=BPA_BUCKET, PublicAccessBlockConfiguration=case.extra["bucket"])
    if case.extra["account"] is not None:
        session.client("s3control").put_public_access_block(
            AccountId=ACCOUNT, PublicAccessBlockConfiguration=case.extra["account"])
    apply_denials(session, case)
    result = scan(session, "s3-buckets")
    check(result, case)
    if case.extra["message"]:
        [finding] = [f for f in result.findings() if f.rule_id == BPA_RULE]
        assert finding.message == case.extra["message"]


# ------------------------------------------------------------------ whose key encrypts by default

KMS_RULE = "enc-object-store-kms"
KEY_BUCKET = "phi-key-bucket"
ALIAS_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/phi-data"
AWS_S3_ALIAS_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/s3"


def _key_case(case_id: str, status: str, algorithm: str, key: str | None) -> Case:
    """``key``: the KMSMasterKeyID; ``{arn}`` / ``{id}`` stand for a customer-managed key made for the test."""
    return Case(case_id, table(f"{KMS_RULE}  {KEY_BUCKET}  {status}"), extra={"algorithm": algorithm, "key": key})


KEY_CASES = [
    _key_case("sse-kms-customer-key-arn", "PASS", "aws:kms", "{arn}"),
    _key_case("sse-kms-customer-key-id", "PASS", "aws:kms", "{id}"),
    _key_case("sse-kms-customer-alias", "PASS", "aws:kms", "alias/phi-data"),
    _key_case("sse-kms-customer-alias-arn", "PASS", "aws:kms", ALIAS_ARN),
    _key_case("sse-kms-default-aws-s3-key", "FAIL", "aws:kms", None),
    _key_case("sse-kms-aws-s3-alias", "FAIL", "aws:kms", "alias/aws/s3"),
    _key_case("sse-kms-aws-s3-alias-arn", "FAIL", "aws:kms", AWS_S3_ALIAS_ARN),
    _key_case("dsse-kms-customer-key-arn", "PASS", "aws:kms:dsse", "{arn}"),
    _key_case("dsse-kms-default-aws-s3-key", "FAIL", "aws:kms:dsse", None),
    _key_case("sse-s3", "FAIL", "AES256", None),
]


def _encrypt(session: boto3.Session, bucket: str, algorithm: str, key: str | None) -> None:
    default = {"SSEAlgorithm": algorithm, **({"KMSMasterKeyID": key} if key else {})}
    session.client("s3").put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": default}]})


def _customer_key(session: boto3.Session) -> dict[str, str]:
    kms = session.client("kms")
    meta = kms.create_key(Description="phi data")["KeyMetadata"]
    kms.create_alias(AliasName="alias/phi-data", TargetKeyId=meta["KeyId"])
    return {"arn": meta["Arn"], "id": meta["KeyId"]}


@pytest.mark.parametrize("case", KEY_CASES, ids=lambda c: c.id)
def test_default_encryption_key_must_be_customer_managed(session: boto3.Session, case: Case) -> None:
    """SSE-KMS and DSSE-KMS with a customer-managed key pass; the AWS-managed aws/s3 key (named, or implied by
    no key at all) fails like SSE-S3."""
    key = case.extra["key"]
    key = key.format(**_customer_key(session)) if key else None
    session.client("s3").create_bucket(Bucket=KEY_BUCKET)
    _encrypt(session, KEY_BUCKET, case.extra["algorithm"], key)
    result = scan(session, "s3-buckets")
    check(result, case)
    [store] = [r for r in result.resources if isinstance(r, ObjectStore)]
    assert store.kms_key_customer_managed is (case.expected == table(f"{KMS_RULE}  {KEY_BUCKET}  PASS"))


def test_key_arn_of_the_aws_managed_key_fails(session: boto3.Session) -> None:
    """Only DescribeKey tells that a key ARN is aws/s3's. moto reports every key as CUSTOMER: answer as S3 does."""
    kms = session.client("kms")
    target = next(a["TargetKeyId"] for a in kms.list_aliases()["Aliases"] if a["AliasName"] == "alias/aws/s3")
    arn = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{target}"
    session.client("s3").create_bucket(Bucket=KEY_BUCKET)
    _encrypt(session, KEY_BUCKET, "aws:kms", arn)
    respond(session, "kms", "DescribeKey", {"KeyMetadata": {"KeyId": target, "Arn": arn, "KeyManager": "AWS"}})
    result = scan(session, "s3-buckets")
    check(result, Case("aws-s3-key-arn", table(f"{KMS_RULE}  {KEY_BUCKET}  FAIL")))
    [finding] = [f for f in result.findings() if f.rule_id == KMS_RULE]
    assert finding.message == "default encryption uses a provider-managed KMS key, not a customer-managed one"


def test_key_that_cannot_be_described_is_unknown_not_pass(session: boto3.Session) -> None:
    """DescribeKey denied: a key ARN stays unresolved (UNKNOWN); what the reference alone settles does not."""
    keys = _customer_key(session)
    s3 = session.client("s3")
    for bucket, key in (("phi-by-arn", keys["arn"]), ("phi-by-alias", "alias/phi-data"), ("phi-by-default", None)):
        s3.create_bucket(Bucket=bucket)
        _encrypt(session, bucket, "aws:kms", key)
    deny(session, "kms", "DescribeKey", code="AccessDeniedException", status=400)
    result = scan(session, "s3-buckets")
    check(result, Case("describe-key-denied", table(f"""
        {KMS_RULE}  phi-by-arn      UNKNOWN
        {KMS_RULE}  phi-by-alias    PASS
        {KMS_RULE}  phi-by-default  FAIL
    """), unknown_reason="AccessDenied: kms:DescribeKey"))
    assert {f.rule_id for f in result.findings() if f.status is UNKNOWN} == {KMS_RULE}


def test_one_describe_key_per_key(session: boto3.Session) -> None:
    """Buckets sharing a key cost one DescribeKey, not one each."""
    keys = _customer_key(session)
    s3 = session.client("s3")
    for i in range(4):
        s3.create_bucket(Bucket=f"phi-shared-{i}")
        _encrypt(session, f"phi-shared-{i}", "aws:kms", keys["arn"])
    result = scan(session, "s3-buckets")
    assert {status for _, _, status in verdicts(result.findings(), [KMS_RULE])} == {PASS}
    assert result.calls["kms:DescribeKey"] == 1


def test_account_block_is_read_once_per_scan(session: boto3.Session) -> None:
    """The bucket join and the account-level value both need the account's Block Public Access: one
    call serves both, and a denial still shows in both collectors' coverage."""
    session.client("s3control").put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration=PAB_ALL)
    session.client("s3").create_bucket(Bucket="phi-once")
    result = scan(session, "s3-buckets", "s3-account-public-access-block")
    assert result.calls["s3control:GetPublicAccessBlock"] == 1
    assert {(f.rule_id, f.resource.name, f.status) for f in result.findings()
            if f.rule_id in (BPA_RULE, ACCOUNT_RULE)} == {(BPA_RULE, "phi-once", PASS),
                                                          (ACCOUNT_RULE, ACCOUNT_NAME, PASS)}


def test_account_block_denied_once_is_a_problem_of_both_collectors(session: boto3.Session) -> None:
    session.client("s3").create_bucket(Bucket="phi-once")
    apply_denials(session, Case("denied", frozenset(), denied=ACCOUNT_PAB_DENIED))
    result = scan(session, "s3-buckets", "s3-account-public-access-block")
    assert result.calls["s3control:GetPublicAccessBlock"] == 1
    reason = "AccessDenied: s3control:GetPublicAccessBlock"
    assert {c.collector for c in result.coverage if any(reason in p for p in c.problems)} == {
        "s3-buckets", "s3-account-public-access-block"}
