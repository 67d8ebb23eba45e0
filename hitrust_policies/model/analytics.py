"""Analytics warehouses: the datasets that hold query-ready copies of records."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class AnalyticsDataset:
    """A dataset of an analytics warehouse: a container of tables that share access and a default key.

    Yielded by Google Cloud (BigQuery datasets) today; Amazon Redshift / Athena (Glue Data Catalog
    databases) and Azure Synapse (dedicated SQL pools) databases could yield it later.
    ``public_grants`` names every grant to the public (``allUsers`` / ``allAuthenticatedUsers``, as
    ``member (role)``), from the dataset's access list and IAM policy; ``()`` when there is none.
    ``kms_key`` is the customer-managed key new tables are encrypted with by default, None when they
    get the provider's own keys.
    """

    ref: ResourceRef
    public_grants: tuple[str, ...] | Unknown
    kms_key: str | None | Unknown
