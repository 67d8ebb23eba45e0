"""BigQuery datasets (``bigquery/dataset:Dataset``), joined with the resources that grant on them.

Who may read a dataset is its ACL: the dataset's ``accesses`` (left out, BigQuery gives the project's
owners, writers and readers), entries added one by one (``bigquery/datasetAccess``) and IAM resources
naming it in ``datasetId`` (``datasetIamMember`` / ``datasetIamBinding`` / ``datasetIamPolicy``).
Who "the public" is and how the access list names it is `gcp_semantics`' as for the live scanner. A
link or principal not known yet could be public: unknown, unless a known grant already is. Datasets
are named by their ``datasetId``, as Cloud Asset Inventory names them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AnalyticsDataset, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

DATASET = "gcp:bigquery/dataset:Dataset"
ACCESS = "gcp:bigquery/datasetAccess:DatasetAccess"
MEMBER = "gcp:bigquery/datasetIamMember:DatasetIamMember"
BINDING = "gcp:bigquery/datasetIamBinding:DatasetIamBinding"
POLICY = "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy"
GRANTS = (ACCESS, MEMBER, BINDING, POLICY)
_PRINCIPAL = ("role", "specialGroup", "iamMember")


def dataset_id(res: PulumiResource) -> str:
    return res.props.name_candidate("datasetId") or res.logical_name


def _entries(grant: PulumiResource) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | Unknown:
    """(access entries, IAM bindings) one resource sets, in the API's shapes."""
    p = grant.props
    if grant.type == ACCESS:
        entry = {k: p.get(k) for k in _PRINCIPAL}
        pending = names.first_unknown(*entry.values())
        return pending if pending is not None else ([entry], [])
    bindings = names.iam_bindings(grant)
    return bindings if isinstance(bindings, Unknown) else ([], bindings)


def _public(res: PulumiResource, stack: Stack) -> tuple[str, ...] | Unknown:
    pending: Unknown | None = None
    access: list[dict[str, Any]] = []
    listed = res.props.get("accesses")
    if isinstance(listed, Unknown):
        pending = listed
    for entry in listed if isinstance(listed, list) else ():
        unknown = names.first_unknown(*names.unknowns_in({k: entry.get(k) for k in _PRINCIPAL}))
        if unknown is not None:
            pending = unknown if pending is None else pending
        else:
            access.append(entry)
    bindings: list[dict[str, Any]] = []
    sure, maybe = stack.referrers(res, GRANTS, "datasetId", match=_names_dataset)
    for grant in sure:
        found = _entries(grant)
        if isinstance(found, Unknown):
            pending = found if pending is None else pending
        else:
            access += found[0]
            bindings += found[1]
    if maybe and pending is None:
        pending = preview_unknown(f"datasetId of {maybe[0].logical_name}")
    public = gcp.dataset_public_grants(access, bindings)
    return public if public or pending is None else pending


def _names_dataset(value: str, dataset: PulumiResource) -> bool:
    """``datasetId`` written as the id (``dataset.dataset_id``) or the resource id ``projects/P/datasets/D``."""
    return names.last_segment(value) == dataset_id(dataset)


@pulumi_adapter(DATASET, produces=AnalyticsDataset, joins=True)
def dataset(res: PulumiResource, stack: Stack) -> Iterator[AnalyticsDataset]:
    key = res.props.get("defaultEncryptionConfiguration.kmsKeyName")
    yield AnalyticsDataset(
        ref=names.ref(res, name=dataset_id(res)),
        public_grants=_public(res, stack),
        kms_key=key if isinstance(key, Unknown) else key or None,
    )
