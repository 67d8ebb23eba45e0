"""How a ``hashicorp/google`` resource reads as the pulumi-gcp resource built from it.

pulumi-gcp is bridged from hashicorp/google-beta (the Pulumi registry: "based on the google-beta Terraform
Provider"), whose schema is hashicorp/google's plus beta-only fields, exactly as pulumi-aws is from
hashicorp/aws: one type token per Terraform type, each attribute under its camelCase name, a
list or multi-item block pluralised, a ``max_items: 1`` block flattened to its object. Here there is no
provider binary to dump the schema from, so the names come from the pulumi-gcp SDK itself
(``google_schema.json``, written by ``tests/terraform/google/extract_google_schema.py`` from each resource's
state class: its ``@pulumi.getter`` names, and whether each property is a sequence, a nested object or a
sequence of nested objects). Its Python names are the Terraform names, except where the bridge
pluralised a list (``allow`` -> ``allows``, ``access`` -> ``accesses``, ``lifecycle_rule`` ->
``lifecycleRules``); `pulumi_key` resolves those by the singular forms of the plural, only among
sequences, so a Terraform name resolves to exactly the property the SDK declares.

Renamed by the bridge, not by that rule: ``terraform_labels`` is ``pulumiLabels``. An attribute the SDK
does not know (a provider newer than the SDK) keeps its camelCase name.

>>> pulumi_key("allow", {"allows": {"name": "allows", "many": True}})
'allows'
>>> pulumi_key("source_ranges", {"source_ranges": {"name": "sourceRanges", "many": True}})
'source_ranges'
>>> pulumi_key("access", {"accesses": {"name": "accesses", "many": True}})
'accesses'
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TOKENS: dict[str, str] = {
    "google_bigquery_dataset": "gcp:bigquery/dataset:Dataset",
    "google_bigquery_dataset_access": "gcp:bigquery/datasetAccess:DatasetAccess",
    "google_bigquery_dataset_iam_binding": "gcp:bigquery/datasetIamBinding:DatasetIamBinding",
    "google_bigquery_dataset_iam_member": "gcp:bigquery/datasetIamMember:DatasetIamMember",
    "google_bigquery_dataset_iam_policy": "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy",
    "google_compute_disk": "gcp:compute/disk:Disk",
    "google_compute_firewall": "gcp:compute/firewall:Firewall",
    "google_compute_instance": "gcp:compute/instance:Instance",
    "google_compute_network": "gcp:compute/network:Network",
    "google_compute_project_metadata": "gcp:compute/projectMetadata:ProjectMetadata",
    "google_compute_project_metadata_item": "gcp:compute/projectMetadataItem:ProjectMetadataItem",
    "google_compute_region_disk": "gcp:compute/regionDisk:RegionDisk",
    "google_compute_ssl_policy": "gcp:compute/sSLPolicy:SSLPolicy",
    "google_compute_subnetwork": "gcp:compute/subnetwork:Subnetwork",
    "google_compute_target_http_proxy": "gcp:compute/targetHttpProxy:TargetHttpProxy",
    "google_compute_target_https_proxy": "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    "google_compute_target_ssl_proxy": "gcp:compute/targetSSLProxy:TargetSSLProxy",
    "google_compute_url_map": "gcp:compute/uRLMap:URLMap",
    "google_dns_managed_zone": "gcp:dns/managedZone:ManagedZone",
    "google_folder_iam_binding": "gcp:folder/iAMBinding:IAMBinding",
    "google_folder_iam_member": "gcp:folder/iAMMember:IAMMember",
    "google_folder_iam_policy": "gcp:folder/iAMPolicy:IAMPolicy",
    "google_kms_crypto_key": "gcp:kms/cryptoKey:CryptoKey",
    "google_kms_crypto_key_iam_binding": "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
    "google_kms_crypto_key_iam_member": "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "google_kms_crypto_key_iam_policy": "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy",
    "google_kms_key_ring": "gcp:kms/keyRing:KeyRing",
    "google_logging_folder_sink": "gcp:logging/folderSink:FolderSink",
    "google_logging_organization_sink": "gcp:logging/organizationSink:OrganizationSink",
    "google_logging_project_bucket_config": "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    "google_logging_project_sink": "gcp:logging/projectSink:ProjectSink",
    "google_organization_iam_binding": "gcp:organizations/iAMBinding:IAMBinding",
    "google_organization_iam_member": "gcp:organizations/iAMMember:IAMMember",
    "google_organization_iam_policy": "gcp:organizations/iAMPolicy:IAMPolicy",
    "google_project_iam_binding": "gcp:projects/iAMBinding:IAMBinding",
    "google_project_iam_member": "gcp:projects/iAMMember:IAMMember",
    "google_project_iam_policy": "gcp:projects/iAMPolicy:IAMPolicy",
    "google_pubsub_topic": "gcp:pubsub/topic:Topic",
    "google_service_account": "gcp:serviceaccount/account:Account",
    "google_service_account_key": "gcp:serviceaccount/key:Key",
    "google_sql_database_instance": "gcp:sql/databaseInstance:DatabaseInstance",
    "google_storage_bucket": "gcp:storage/bucket:Bucket",
    "google_storage_bucket_iam_binding": "gcp:storage/bucketIAMBinding:BucketIAMBinding",
    "google_storage_bucket_iam_member": "gcp:storage/bucketIAMMember:BucketIAMMember",
    "google_storage_bucket_iam_policy": "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
}

RENAMED = {"terraform_labels": "pulumiLabels"}  # the bridge's own renames (every labelled resource)

SCHEMA_FILE = Path(__file__).with_name("google_schema.json")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def singulars(plural: str) -> set[str]:
    """Names the bridge pluralises to ``plural`` (``policies`` <- ``policy``, ``accesses`` <- ``access``)."""
    out = {plural}
    if plural.endswith("ies"):
        out.add(plural[:-3] + "y")
    if plural.endswith("es"):
        out.add(plural[:-2])
    if plural.endswith("s"):
        out.add(plural[:-1])
    return out


@cache
def schema() -> dict[str, Any]:
    """Per resource type, its properties by Python (snake_case) name: ``name`` (the Pulumi name),
    ``many`` (a sequence), ``block`` (the nested object's properties, alike)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def pulumi_key(tf_name: str, props: dict[str, Any]) -> str | None:
    """The SDK property a Terraform attribute is: the same name, else the one sequence pluralised from it."""
    if tf_name in props:
        return tf_name
    found = [k for k, p in props.items() if p.get("many") and tf_name in singulars(k)]
    return found[0] if len(found) == 1 else None


def _prop(tf_name: str, props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    key = pulumi_key(tf_name, props)
    if key is None:
        return RENAMED.get(tf_name, camel(tf_name)), {}
    return props[key]["name"], props[key]


def translate(value: Any, props: dict[str, Any] | None) -> Any:
    """A resource's (or nested object's) attribute map under pulumi-gcp names and shapes."""
    if not isinstance(value, dict):
        return value
    props = props or {}
    out: dict[str, Any] = {}
    for key, item in value.items():
        name, spec = _prop(key, props)
        block = spec.get("block")
        if block is None:
            out[name] = item
        elif not spec.get("many"):
            first = item[0] if isinstance(item, list) and item else (None if isinstance(item, list) else item)
            out[name] = translate(first, block)
        else:
            out[name] = [translate(i, block) for i in item] if isinstance(item, list) else item
    return out


def key_path(path: tuple[Any, ...], props: dict[str, Any] | None) -> str:
    """The Pulumi dotted path of a Terraform attribute path (list indexes of one-item blocks dropped).

    >>> key_path(("settings", 0, "ip_configuration", 0, "ipv4_enabled"), {"settings": {"name": "settings",
    ...     "block": {"ip_configuration": {"name": "ipConfiguration", "block": {}}}}})
    'settings.ipConfiguration.ipv4Enabled'
    """
    out = ""
    props = props or {}
    skip_index = False
    for part in path:
        if isinstance(part, int):
            if not skip_index:
                out += f"[{part}]"
            skip_index = False
            continue
        name, spec = _prop(part, props)
        block = spec.get("block")
        skip_index = block is not None and not spec.get("many")
        props = block or {}
        out += f".{name}" if out else name
    return out
