"""Where a Cloud Storage bucket and its IAM policy become an `ObjectStore`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, ObjectStore, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family


@family("buckets", asset_types=("storage.googleapis.com/Bucket",), kinds=(ObjectStore,), iam=True)
def buckets(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[ObjectStore]:
    for asset in assets:
        bucket = data(asset)
        kind, key = gcp.bucket_encryption(dig(bucket, "encryption", "defaultKmsKeyName"))
        bindings = ctx.bindings(asset)
        grants = bindings if isinstance(bindings, Unknown) else gcp.public_grants(bindings)
        iam = bucket.get("iamConfiguration") or {}
        # bucketPolicyOnly is uniform bucket-level access's former name; the API still returns both
        setting = iam.get("uniformBucketLevelAccess") or iam.get("bucketPolicyOnly")
        uniform = (bool(setting.get("enabled")) if isinstance(setting, dict)
                   else Unknown("iamConfiguration.uniformBucketLevelAccess not in the asset"))
        yield ObjectStore(
            ref=ctx.ref(asset),
            encryption=kind,
            kms_key=key,
            kms_key_customer_managed=kind == KMS,
            public_access_open=gcp.bucket_public_access_open(iam.get("publicAccessPrevention"), uniform, grants),
            access_logging=bool(dig(bucket, "logging", "logBucket")),
            tls_only=gcp.bucket_tls_only(),
        )
