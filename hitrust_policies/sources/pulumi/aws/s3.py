"""S3 buckets, joined with v7's separate encryption, public-access-block, logging and policy resources.

A bucket with none of those resources still has facts: S3 has applied SSE-S3 to every
bucket since January 2023 (so PROVIDER_MANAGED, as the live scanner reports it) and has
created every bucket with all four Block Public Access guards on since April 2023; a bucket
without a logging or policy resource has neither. (A bucket created before April 2023 and
never given a block resource is open; only a live scan can tell its age.)

The account-level block joins in when the stack declares one (an
``AccountPublicAccessBlock``: the stack's own account is assumed, unless several such
resources name different accounts, which then count for nothing). An account setting made
outside the stack is invisible to a preview: the bucket's own settings decide there, and
the live scanner joins the real account setting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from hitrust_policies.model import KMS, PROVIDER_MANAGED, ObjectStore, Unknown
from hitrust_policies.sources import aws_kms
from hitrust_policies.sources.aws_s3_policy import denies_plaintext
from hitrust_policies.sources.aws_s3_public_access import ALL_OFF, ALL_ON, GUARDS, PULUMI_PROPS, Level, open_guards
from hitrust_policies.sources.pulumi.props import and3, preview_unknown, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource, urn_type
from hitrust_policies.sources.pulumi.stack import Stack

BUCKET = "aws:s3/bucket:Bucket"
SSE = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
)
PAB = ("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",)
ACCOUNT_PAB = ("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",)
KMS_KEYS = ("aws:kms/key:Key", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaKey:ReplicaKey",
            "aws:kms/replicaExternalKey:ReplicaExternalKey")
KMS_ALIAS = "aws:kms/alias:Alias"  # never an aws/ alias: those are AWS's, only customer keys get new ones
LOGGING = ("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2")
POLICY = ("aws:s3/bucketPolicy:BucketPolicy",)
MATCH = ("bucket", "arn")  # a child's ``bucket`` holds the bucket's name (= id) or, rarely, its ARN


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
    if isinstance(algorithm, str) and algorithm.startswith("aws:kms"):  # aws:kms, aws:kms:dsse
        return KMS, key if isinstance(key, Unknown) or key else None
    if algorithm == "AES256":
        return PROVIDER_MANAGED, None
    return Unknown(f"unrecognised sseAlgorithm {algorithm!r} at {path}"), key


def _stack_key_ids(stack: Stack) -> set[str]:
    """Known ids, ARNs and alias names of the KMS keys and aliases this stack creates."""
    ids = set()
    for res in stack.of_type(*KMS_KEYS, KMS_ALIAS):
        for prop in ("id", "arn", "keyId", "name"):
            value = res.props.get(prop)
            if isinstance(value, str) and value:
                ids.add(value)
    return ids


def key_customer_managed(encryption: Any, key: Any, deps: Sequence[str], stack: Stack) -> Any:
    """Is the default-encryption key customer-managed? ``deps``: URNs the encryption settings depend on."""
    if isinstance(encryption, Unknown) or encryption != KMS:
        return encryption if isinstance(encryption, Unknown) else False
    if not isinstance(key, Unknown):
        by_reference = aws_kms.customer_managed_by_reference(key)
        if by_reference is not None:
            return by_reference
    if any(urn_type(urn) in (*KMS_KEYS, KMS_ALIAS) for urn in deps):
        return True  # a key (or alias) this stack creates: customer-managed
    if isinstance(key, Unknown):
        return key
    if key in _stack_key_ids(stack):
        return True
    return Unknown(f"KMS key {key} is not created in this stack: whether it is customer-managed "
                   "is only visible in a live account")


def _encryption(bucket: PulumiResource, stack: Stack) -> tuple[Any, Any, Any]:
    """(encryption, kms_key, kms_key_customer_managed)."""
    sure, maybe = stack.referrers(bucket, SSE, "bucket", MATCH)
    if sure:
        config = sure[-1]
        rules = config.props.get("rules")
        if isinstance(rules, Unknown):
            return rules, rules, rules
        deps = config.property_dependencies.get("rules", ())
        for rule in rules or []:
            by_default = rule.get("applyServerSideEncryptionByDefault") if isinstance(rule, dict) else rule
            if by_default is not None:
                encryption, key = sse_default(by_default, f"{config.logical_name}.rules")
                return encryption, key, key_customer_managed(encryption, key, deps, stack)
        return PROVIDER_MANAGED, None, False
    if maybe:
        unattributed = _unattributed(maybe)
        return unattributed, unattributed, unattributed
    inline = bucket.props.get("serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault")
    if inline is not None:  # deprecated inline form, still accepted by v7
        encryption, key = sse_default(inline, "serverSideEncryptionConfiguration")
        deps = bucket.property_dependencies.get("serverSideEncryptionConfiguration", ())
        return encryption, key, key_customer_managed(encryption, key, deps, stack)
    return PROVIDER_MANAGED, None, False


def _block(resource: PulumiResource) -> Level:
    """One block resource's guards; pulumi-aws v7 leaves an omitted one off."""
    return {g: to_bool(resource.props.get(PULUMI_PROPS[g]), False) for g in GUARDS}


def _weakest(levels: list[Level]) -> Level:
    """Guards every one of several competing blocks turns on (which one is applied last is not known)."""
    return {g: and3(*(lvl if isinstance(lvl, Unknown) else lvl[g] for lvl in levels)) for g in GUARDS}


def _bucket_level(bucket: PulumiResource, stack: Stack) -> Level:
    sure, maybe = stack.referrers(bucket, PAB, "bucket", MATCH)
    if sure:
        return _weakest([_block(r) for r in sure])
    if maybe:  # a block of unknown bucket: the bucket has it (whatever it says) or the April 2023 default
        candidates = _weakest([ALL_ON, *(_block(r) for r in maybe)])
        return ALL_ON if all(v is True for v in candidates.values()) else _unattributed(maybe)
    return ALL_ON


def account_level(stack: Stack) -> Level:
    """The account-level block the stack declares (``ALL_OFF``: none, or blocks of different accounts)."""
    blocks = stack.of_type(*ACCOUNT_PAB)
    if not blocks:
        return ALL_OFF
    accounts = [b.props.get("accountId") for b in blocks]
    if len(blocks) > 1 and (any(isinstance(a, Unknown) for a in accounts) or len(set(accounts)) > 1):
        return ALL_OFF
    return _weakest([_block(b) for b in blocks])


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
    encryption, kms_key, customer_managed = _encryption(res, stack)
    yield ObjectStore(
        ref=res.ref("bucket"),
        encryption=encryption,
        kms_key=kms_key,
        kms_key_customer_managed=customer_managed,
        public_access_open=open_guards(_bucket_level(res, stack), account_level(stack)),
        access_logging=_access_logging(res, stack),
        tls_only=_tls_only(res, stack),
    )
