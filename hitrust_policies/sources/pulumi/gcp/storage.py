"""Cloud Storage buckets, joined with the IAM resources that grant on them.

A bucket's public grants are IAM bindings on the bucket, which pulumi-gcp writes as separate
resources naming it in ``bucket`` (its name, or ``b/<name>``): ``storage/bucketIAMMember`` (one
``member``), ``storage/bucketIAMBinding`` (``members`` of one role) and ``storage/bucketIAMPolicy``
(the whole policy as ``policyData`` JSON). Who "the public" is, and what public access prevention and
uniform bucket-level access block, is `gcp_semantics`' as for the live scanner. ACL resources add
nothing: while uniform access is off the bucket is already open through ACLs, and when it is on
ACLs do not apply. A link not known yet, from a resource with no dependency information, could name
this bucket: its grants are unknown, unless a known grant already opens the bucket.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, ObjectStore, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

BUCKET = "gcp:storage/bucket:Bucket"
MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember"
BINDING = "gcp:storage/bucketIAMBinding:BucketIAMBinding"
POLICY = "gcp:storage/bucketIAMPolicy:BucketIAMPolicy"
IAM = (MEMBER, BINDING, POLICY)




def _grants(bucket: PulumiResource, stack: Stack) -> list[str] | Unknown:
    sure, maybe = names.referrers(stack, bucket, IAM, "bucket")
    known: list[dict[str, Any]] = []
    pending: Unknown | None = None
    for grant in sure:
        bindings = names.iam_bindings(grant)
        if isinstance(bindings, Unknown):
            pending = bindings if pending is None else pending
        else:
            known += bindings
    if maybe and pending is None:
        pending = preview_unknown(f"bucket of {maybe[0].logical_name}")
    public = gcp.public_grants(known)
    return public if public or pending is None else pending


def _uniform(bucket: PulumiResource) -> Any:
    """pulumi-gcp leaves uniform bucket-level access off unless set (as the JSON API does)."""
    value = bucket.props.get("uniformBucketLevelAccess")
    return value if isinstance(value, Unknown) else bool(value)


@pulumi_adapter(BUCKET, produces=ObjectStore, joins=True)
def bucket(res: PulumiResource, stack: Stack) -> Iterator[ObjectStore]:
    p = res.props
    key = p.get("encryption.defaultKmsKeyName")
    if isinstance(key, Unknown):
        kind: Any = KMS
    else:
        kind, key = gcp.bucket_encryption(key)
    prevention = p.get("publicAccessPrevention")
    log_bucket = p.get("logging.logBucket")
    yield ObjectStore(
        ref=names.ref(res),
        encryption=kind,
        kms_key=key,
        kms_key_customer_managed=kind == KMS,  # a Cloud KMS key is always the customer's
        public_access_open=prevention if isinstance(prevention, Unknown) else gcp.bucket_public_access_open(
            prevention, _uniform(res), _grants(res, stack)),
        access_logging=log_bucket if isinstance(log_bucket, Unknown) else bool(log_bucket),
        tls_only=gcp.bucket_tls_only(),
    )
