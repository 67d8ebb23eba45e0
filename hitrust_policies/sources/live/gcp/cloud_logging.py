"""Where Cloud Logging buckets become `LogGroup`s."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import LogGroup
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family

LOG_BUCKET = "logging.googleapis.com/LogBucket"


@family("log-buckets", asset_types=(LOG_BUCKET,), kinds=(LogGroup,))
def log_buckets(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[LogGroup]:
    """Log buckets (``projects/P/locations/L/buckets/B``), named ``P/L/B``: every project has its own
    ``global/_Required`` and ``global/_Default``, so the project is part of the name. Logs in a bucket
    always expire (``retentionDays``, 30 when unset); its Cloud KMS key is ``cmekSettings.kmsKeyName``."""
    for asset in assets:
        bucket = data(asset)
        parts = str(bucket.get("name") or asset["name"]).split("/")
        location, bucket_id = (parts[-3], parts[-1]) if len(parts) >= 3 else ("global", parts[-1])
        ref = ctx.ref(asset)
        yield LogGroup(
            ref=replace(ref, name=f"{ref.account}/{location}/{bucket_id}"),
            retention_days=gcp.log_bucket_retention(bucket.get("retentionDays")),
            kms_key=dig(bucket, "cmekSettings", "kmsKeyName") or None,
            holds_audit_data=gcp.log_bucket_holds_audit(bucket_id),
        )
