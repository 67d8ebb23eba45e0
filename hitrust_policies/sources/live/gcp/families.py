"""Asset families declared as data: the Cloud Asset Inventory listings each one makes, the kinds it yields.

A family names the asset types it lists (one ``ListAssets`` call per scope and content type, paged),
whether it also lists their IAM policies, and the model kinds its adapter yields. The scanner's custom
role (``scanners/gcp/custom-role.yaml``) and the read-only tests are derived from these declarations.
Adapters turn the assets of one scope into model values; they never call an SDK.

Assets reach an adapter in one shape, whatever the source: `normalise` accepts the REST / client JSON
(camelCase: ``assetType``, ``iamPolicy``) and export files (snake_case: ``asset_type``,
``iam_policy``); ``resource.data`` is the service's own API JSON in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.live.registry import Declarations

RESOURCE, IAM_POLICY = "RESOURCE", "IAM_POLICY"
# The IAM permission each ListAssets content type needs (on the scope listed), and the one every
# Cloud Asset API call needs (the quota project's service usage).
PERMISSIONS = {RESOURCE: "cloudasset.assets.listResource", IAM_POLICY: "cloudasset.assets.listIamPolicy"}
SERVICE_USAGE_PERMISSION = "serviceusage.services.use"
PROJECT_TYPE = "cloudresourcemanager.googleapis.com/Project"
FAMILY_MODULES = ("compute", "storage", "sql", "kms", "iam", "cloud_logging", "load_balancing", "bigquery", "dns")


@dataclass(frozen=True)
class Family:
    name: str  # "firewalls": the coverage label
    asset_types: tuple[str, ...]
    kinds: tuple[type, ...]
    adapt: Callable[[Ctx, list[dict[str, Any]]], Iterable[Any]]
    iam: bool = False  # also list the assets' IAM policies
    joins: bool = False  # the adapter joins several assets (an export holds them until the end)
    hierarchy: bool = False  # it joins projects with their folders and organization: an export gives it all at once

    @property
    def per_asset(self) -> bool:
        """The adapter reads each asset alone: an export can be evaluated line by line."""
        return not (self.iam or self.joins)

    @property
    def content_types(self) -> tuple[str, ...]:
        return (RESOURCE, IAM_POLICY) if self.iam else (RESOURCE,)

    @property
    def permissions(self) -> tuple[str, ...]:
        return tuple(PERMISSIONS[c] for c in self.content_types)


_FAMILIES: Declarations[Family] = Declarations("family", "hitrust_policies.sources.live.gcp")


def family(name: str, *, asset_types: tuple[str, ...], kinds: tuple[type, ...],
           iam: bool = False, joins: bool = False,
           hierarchy: bool = False) -> Callable[[Callable[..., Iterable[Any]]], Family]:
    """Register an adapter as the family that lists ``asset_types``."""

    def register(fn: Callable[..., Iterable[Any]]) -> Family:
        bad = [t for t in asset_types if "/" not in t or not t.split("/", 1)[0].endswith(".googleapis.com")]
        if bad:
            raise ValueError(f"family {name}: not a Cloud Asset type: {', '.join(bad)}")
        return _FAMILIES.add(Family(name, asset_types, kinds, fn, iam, joins or hierarchy, hierarchy))

    return register


def all_families() -> list[Family]:
    return _FAMILIES.all(FAMILY_MODULES)


def all_asset_types() -> set[str]:
    return {t for f in all_families() for t in f.asset_types}


# --- one shape for every asset ---------------------------------------------------------------------

_TOP_LEVEL = {"assetType": "asset_type", "iamPolicy": "iam_policy", "updateTime": "update_time",
              "orgPolicy": "org_policy", "accessPolicy": "access_policy", "osInventory": "os_inventory"}
_RESOURCE = {"discoveryDocumentUri": "discovery_document_uri", "discoveryName": "discovery_name",
             "resourceUrl": "resource_url"}


def normalise(raw: Mapping[str, Any]) -> dict[str, Any]:
    """An asset with snake_case envelope keys (as exports write them); ``resource.data`` and the IAM
    policy's ``bindings`` are left as the service wrote them.

    >>> normalise({"name": "//x", "assetType": "storage.googleapis.com/Bucket", "iamPolicy": {"bindings": []}})
    {'name': '//x', 'asset_type': 'storage.googleapis.com/Bucket', 'iam_policy': {'bindings': []}}
    """
    asset = {_TOP_LEVEL.get(k, k): v for k, v in raw.items()}
    resource = asset.get("resource")
    if isinstance(resource, Mapping):
        asset["resource"] = {_RESOURCE.get(k, k): v for k, v in resource.items()}
    return asset


def data(asset: Mapping[str, Any]) -> dict[str, Any]:
    """The service's API JSON of a RESOURCE asset (empty when absent)."""
    return (asset.get("resource") or {}).get("data") or {}


def dig(node: Any, *path: str) -> Any:
    """A nested value (``None`` where any step is missing).

    >>> dig({"settings": {"ipConfiguration": {"ipv4Enabled": True}}}, "settings", "ipConfiguration", "ipv4Enabled")
    True
    """
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def project_number(asset: Mapping[str, Any]) -> str | None:
    """The number of the project an asset lives in, from its ancestors (or its resource's parent)."""
    for ancestor in asset.get("ancestors") or ():
        if str(ancestor).startswith("projects/"):
            return str(ancestor).split("/", 1)[1]
    parent = str(dig(asset, "resource", "parent") or "")
    if "/projects/" in parent:
        return parent.rsplit("/projects/", 1)[1].split("/", 1)[0]
    return None


def project_in_name(name: str) -> str | None:
    """
    >>> project_in_name("//compute.googleapis.com/projects/phi-prod/global/firewalls/ssh")
    'phi-prod'
    >>> project_in_name("//storage.googleapis.com/b") is None
    True
    """
    marker = "/projects/"
    if marker not in name:
        return None
    return name.split(marker, 1)[1].split("/", 1)[0]


@dataclass
class Ctx:
    """What an adapter gets: one scope's assets' context, its IAM policies, and fact helpers.

    ``policies`` maps asset name -> IAM bindings as listed; ``policies_missing`` is an `Unknown`
    when the IAM policies could not be read (denied, throttled, not in an export): every fact drawn
    from them is then that Unknown. ``audit_configs`` maps asset name -> the policy's ``auditConfigs``
    (projects, folders, organizations carry them). ``now`` is when the scan observed the assets: ages
    (of service-account keys) are measured then, so rules stay pure.
    """

    scope: str  # "projects/phi-prod", "folders/123", an export's project
    source: str = "live"  # live | export
    projects: Mapping[str, str] = field(default_factory=dict)  # project number -> project id
    policies: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    policies_missing: Unknown | None = None
    problems: list[str] = field(default_factory=list)
    audit_configs: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def account(self, asset: Mapping[str, Any]) -> str:
        """The project id of an asset: from its name where the name holds it, else its ancestors'
        project number resolved through the scope's project assets (the number if unresolved)."""
        named = project_in_name(str(asset.get("name", "")))
        if named and not named.isdigit():
            return named
        number = project_number(asset) or named
        return self.projects.get(number or "", number or self.scope)

    def ref(self, asset: Mapping[str, Any], name: str | None = None, part: str | None = None) -> ResourceRef:
        full = str(asset["name"])
        return ResourceRef(
            provider="gcp",
            native_type=str(asset.get("asset_type", "")),
            native_id=full,
            name=name or str(data(asset).get("name") or full.rsplit("/", 1)[-1]),
            account=self.account(asset),
            region=location(asset),
            source=self.source,
            part=part,
        )

    def bindings(self, asset: Mapping[str, Any]) -> list[dict[str, Any]] | Unknown:
        """The IAM bindings set on an asset (``[]`` when it has no policy of its own)."""
        if self.policies_missing is not None:
            return self.policies_missing
        return self.policies.get(str(asset["name"]), [])

    def audit_config(self, asset: Mapping[str, Any]) -> list[dict[str, Any]] | Unknown:
        """The ``auditConfigs`` of an asset's IAM policy (``[]`` when it sets none)."""
        if self.policies_missing is not None:
            return self.policies_missing
        return self.audit_configs.get(str(asset["name"]), [])


def location(asset: Mapping[str, Any]) -> str:
    """Where an asset lives: Cloud Asset's ``resource.location``, else the zone / region in its data."""
    where = dig(asset, "resource", "location")
    if where:
        return str(where).lower()
    body = data(asset)
    for key in ("zone", "region", "location"):
        if body.get(key):
            return str(body[key]).rsplit("/", 1)[-1].lower()
    return "global"
