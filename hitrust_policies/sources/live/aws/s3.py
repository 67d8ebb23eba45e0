"""Where an S3 bucket (and the account's S3 guards) become model values.

A bucket's public-access guards are joined here with the account's (S3 enforces, per guard,
the more restrictive of the two: see `aws_s3_public_access`), and its default-encryption key
is resolved to AWS- or customer-managed (``DescribeKey``, once per key: see `aws_kms`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, PROVIDER_MANAGED, AccountStorageSettings, ObjectStore, Unknown
from hitrust_policies.sources.aws_s3_policy import denies_plaintext
from hitrust_policies.sources.aws_s3_public_access import level, open_guards
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")  # SSE-KMS and dual-layer DSSE-KMS


def _encryption(result: Any) -> tuple[Any, Any]:
    """(encryption, kms key) from GetBucketEncryption's result (or an Unknown)."""
    if isinstance(result, Unknown):
        return result, result
    rules = result.get("ServerSideEncryptionConfiguration", {}).get("Rules", [])
    for r in rules:
        default = r.get("ApplyServerSideEncryptionByDefault", {})
        if default.get("SSEAlgorithm") in KMS_ALGORITHMS:
            return KMS, default.get("KMSMasterKeyID") or None
    # No rule, or AES256: SSE-S3. Since January 2023 S3 applies SSE-S3 to every bucket,
    # so a missing configuration means provider-managed keys, not plaintext.
    return PROVIDER_MANAGED, None


def _block_level(result: Any) -> Any:
    """One level's guards from GetPublicAccessBlock (``{}``: NoSuchPublicAccessBlockConfiguration)."""
    return result if isinstance(result, Unknown) else level(result.get("PublicAccessBlockConfiguration"))


def _account_block(ctx: Ctx) -> Any:
    return _block_level(ctx.account_fact(
        "s3control:GetPublicAccessBlock",
        lambda: ctx.client("s3control").get_public_access_block(AccountId=ctx.account),
        absent={"NoSuchPublicAccessBlockConfiguration": {}},
    ))


def _tls_only(result: Any, bucket: str, partition: str) -> Any:
    """From GetBucketPolicy's result (``{}``: NoSuchBucketPolicy, the bucket has none) or an Unknown."""
    if isinstance(result, Unknown):
        return result
    return denies_plaintext(result.get("Policy"), bucket, partition)


@collector(
    "s3-buckets",
    service="s3",
    regional=False,
    kinds=(ObjectStore,),
    calls=(
        "s3:ListBuckets",
        "s3:GetBucketLocation",
        "s3:GetBucketEncryption",
        "s3:GetPublicAccessBlock",
        "s3:GetBucketLogging",
        "s3:GetBucketPolicy",
        "s3control:GetPublicAccessBlock",
        "kms:DescribeKey",
    ),
)
def s3_buckets(ctx: Ctx) -> Iterator[ObjectStore]:
    s3 = ctx.client("s3")
    account_block = _account_block(ctx)
    keys = KeyManagers(ctx)

    def one(bucket: dict[str, Any]) -> ObjectStore:
        name = bucket["Name"]
        region = bucket.get("BucketRegion")
        if not region:
            location = ctx.fact("s3:GetBucketLocation", lambda: s3.get_bucket_location(Bucket=name))
            region = (
                None if isinstance(location, Unknown) else (location.get("LocationConstraint") or "us-east-1")
            )
        client = ctx.client("s3", region) if region else s3
        enc = ctx.fact(
            "s3:GetBucketEncryption",
            lambda: client.get_bucket_encryption(Bucket=name),
            absent={"ServerSideEncryptionConfigurationNotFoundError": {}},
        )
        pab = ctx.fact(
            "s3:GetPublicAccessBlock",
            lambda: client.get_public_access_block(Bucket=name),
            absent={"NoSuchPublicAccessBlockConfiguration": {}},
        )
        logging_ = ctx.fact("s3:GetBucketLogging", lambda: client.get_bucket_logging(Bucket=name))
        policy = ctx.fact(
            "s3:GetBucketPolicy",
            lambda: client.get_bucket_policy(Bucket=name),
            absent={"NoSuchBucketPolicy": {}},
        )
        encryption, kms_key = _encryption(enc)
        return ObjectStore(
            ref=ctx.ref("AWS::S3::Bucket", f"arn:{ctx.partition}:s3:::{name}", name, region=region or ""),
            encryption=encryption,
            kms_key=kms_key,
            kms_key_customer_managed=keys.customer_managed(encryption, kms_key, region),
            public_access_open=open_guards(_block_level(pab), account_block),
            access_logging=logging_ if isinstance(logging_, Unknown) else "LoggingEnabled" in logging_,
            tls_only=_tls_only(policy, name, ctx.partition),
        )

    yield from ctx.fan_out(one, ctx.paginate("s3", "ListBuckets", "Buckets"))


@collector(
    "s3-account-public-access-block",
    service="s3control",
    regional=False,
    kinds=(AccountStorageSettings,),
    calls=("s3control:GetPublicAccessBlock",),
)
def s3_account_public_access_block(ctx: Ctx) -> Iterator[AccountStorageSettings]:
    yield AccountStorageSettings(
        ref=ctx.ref("AWS::S3::AccountPublicAccessBlock", f"arn:{ctx.partition}:s3::{ctx.account}:account",
                    f"s3-account-{ctx.account}", region=""),
        public_access_open=open_guards(_account_block(ctx)),
    )
