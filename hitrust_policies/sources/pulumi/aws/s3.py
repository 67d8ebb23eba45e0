"""S3 buckets, joined with v7's separate encryption, public-access-block, logging and policy resources.

A bucket with none of those resources still has facts: S3 has applied SSE-S3 to every
bucket since January 2023 (so PROVIDER_MANAGED, as the live scanner reports it), and a
bucket without a public access block, logging or policy resource has none of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, PROVIDER_MANAGED, ObjectStore, Unknown
from hitrust_policies.sources.aws_s3_policy import denies_plaintext
from hitrust_policies.sources.pulumi.props import and3, preview_unknown, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

BUCKET = "aws:s3/bucket:Bucket"
SSE = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
)
PAB = ("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",)
LOGGING = ("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2")
POLICY = ("aws:s3/bucketPolicy:BucketPolicy",)
MATCH = ("bucket", "arn")  # a child's ``bucket`` holds the bucket's name (= id) or, rarely, its ARN
PAB_FLAGS = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")


def _unattributed(maybe: list[PulumiResource]) -> Unknown:
    return preview_unknown(f"bucket of {maybe[0].logical_name}")


def sse_default(by_default: Any, path: str) -> tuple[Any, Any]:
    """(encryption, kms_key) of one ``applyServerSideEncryptionByDefault`` block."""
    if isinstance(by_default, Unknown):
        return by_default, by_default
    if not isinstance(by_default, dict):
        return PROVIDER_MANAGED, None
    algorithm = by_default.get("sseAlgorithm")
    key = by_default.get("kmsMasterKeyId")
    if isinstance(algorithm, Unknown):
        return algorithm, key
    if isinstance(algorithm, str) and algorithm.startswith("aws:kms"):
        return KMS, key if isinstance(key, Unknown) or key else None
    if algorithm == "AES256":
        return PROVIDER_MANAGED, None
    return Unknown(f"unrecognised sseAlgorithm {algorithm!r} at {path}"), key


def _encryption(bucket: PulumiResource, stack: Stack) -> tuple[Any, Any]:
    sure, maybe = stack.referrers(bucket, SSE, "bucket", MATCH)
    if sure:
        config = sure[-1]
        rules = config.props.get("rules")
        if isinstance(rules, Unknown):
            return rules, rules
        for rule in rules or []:
            by_default = rule.get("applyServerSideEncryptionByDefault") if isinstance(rule, dict) else rule
            if by_default is not None:
                return sse_default(by_default, f"{config.logical_name}.rules")
        return PROVIDER_MANAGED, None
    if maybe:
        return _unattributed(maybe), _unattributed(maybe)
    inline = bucket.props.get("serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault")
    if inline is not None:  # deprecated inline form, still accepted by v7
        return sse_default(inline, "serverSideEncryptionConfiguration")
    return PROVIDER_MANAGED, None


def _public_access_blocked(bucket: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(bucket, PAB, "bucket", MATCH)
    if sure:
        block = sure[-1].props
        return and3(*(to_bool(block.get(flag), False) for flag in PAB_FLAGS))
    if maybe:
        return _unattributed(maybe)
    return False


def _access_logging(bucket: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(bucket, LOGGING, "bucket", MATCH)
    if sure:
        return True
    if maybe:
        return _unattributed(maybe)
    inline = bucket.props.get("logging")
    if isinstance(inline, Unknown):
        return inline
    target = inline.get("targetBucket") if isinstance(inline, dict) else None
    return target if isinstance(target, Unknown) else bool(target)


def _tls_only(bucket: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(bucket, POLICY, "bucket", MATCH)
    if sure:
        document = sure[-1].props.get("policy")
    elif maybe:
        return _unattributed(maybe)
    else:
        document = bucket.props.get("policy")  # deprecated inline form; None: the bucket has no policy
    name = bucket.props.get("bucket")
    return denies_plaintext(document, preview_unknown("bucket") if name is None else name)


@pulumi_adapter(BUCKET, produces=ObjectStore, joins=True)
def bucket(res: PulumiResource, stack: Stack) -> Iterator[ObjectStore]:
    encryption, kms_key = _encryption(res, stack)
    yield ObjectStore(
        ref=res.ref("bucket"),
        encryption=encryption,
        kms_key=kms_key,
        public_access_blocked=_public_access_blocked(res, stack),
        access_logging=_access_logging(res, stack),
        tls_only=_tls_only(res, stack),
    )
