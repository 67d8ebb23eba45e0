"""Where a BigQuery dataset and its IAM policy become an `AnalyticsDataset`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AnalyticsDataset
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family

DATASET = "bigquery.googleapis.com/Dataset"


@family("bigquery-datasets", asset_types=(DATASET,), kinds=(AnalyticsDataset,), iam=True)
def datasets(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[AnalyticsDataset]:
    """Datasets (``//bigquery.googleapis.com/projects/P/datasets/D``), named by their dataset id. Who may
    read one is its ``access`` list and its IAM policy, two views of one ACL; the default key of new
    tables is ``defaultEncryptionConfiguration.kmsKeyName`` (Google-managed keys without it)."""
    for asset in assets:
        dataset = data(asset)
        access = dataset.get("access")
        yield AnalyticsDataset(
            ref=ctx.ref(asset, name=str(asset["name"]).rsplit("/", 1)[-1]),
            public_grants=gcp.dataset_public_grants(access if isinstance(access, list) else None,
                                                    ctx.bindings(asset)),
            kms_key=dig(dataset, "defaultEncryptionConfiguration", "kmsKeyName") or None,
        )
