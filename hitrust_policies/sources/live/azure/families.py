"""Resource families declared as data: one Resource Graph query each, plus the ARM reads it needs.

A family names the ARM types it lists (its query is derived from them), the model kinds its
adapter yields, and the permissions both need; the scanner's custom role
(``scanners/azure/custom-role.json``) and the read-only tests are derived from these
declarations, never kept apart from the code. Adapters turn the rows of one subscription into
model values; they never call an SDK themselves, only `Ctx.read` for a declared `ArmRead`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.live.registry import Declarations

T = TypeVar("T")
GRAPH_PERMISSION = "Microsoft.ResourceGraph/resources/read"
SUBSCRIPTIONS_PERMISSION = "Microsoft.Resources/subscriptions/read"
MANAGEMENT_GROUP_PERMISSION = "Microsoft.Management/managementGroups/read"  # --management-group only
FAN_OUT_WORKERS = 8
FAMILY_MODULES = ("storage", "network", "sql", "compute", "keyvault", "flexible_servers", "monitor", "defender",
                  "flow_logs", "authorization", "local_auth", "web", "messaging", "redis")
_READ_SUFFIXES = ("/read",)
GRAPH_TABLES = ("resources", "securityresources", "authorizationresources")


@dataclass(frozen=True)
class ArmRead:
    """One per-resource ARM GET a family makes where Resource Graph does not carry the fact."""

    name: str  # "blob-diagnostic-settings": also how reasons name it
    path: str  # appended to the resource id
    api_version: str
    permission: str  # the RBAC action that authorises the GET


@dataclass(frozen=True)
class GraphRead:
    """One Microsoft Graph GET a family makes for directory facts ARM does not hold (a user's type).

    ``permission`` is the Graph application permission the scanner's identity needs: Graph permissions are
    granted to the app registration / managed identity, not by an Azure role (scanners/azure/README.md).
    """

    name: str  # "graph-users": also how reasons name it
    path: str  # with ``{id}``: "/v1.0/users/{id}?$select=userType,userPrincipalName"
    permission: str  # "User.Read.All"


@dataclass(frozen=True)
class Family:
    name: str  # "storage-accounts": the coverage label
    types: tuple[str, ...]  # lower-cased ARM types, as Resource Graph spells them
    kinds: tuple[type, ...]
    permissions: tuple[str, ...]  # RBAC read actions on the listed types
    adapt: Callable[[Ctx, list[dict[str, Any]]], Iterable[Any]]
    reads: tuple[ArmRead, ...] = ()
    table: str = "resources"  # the Resource Graph table: resources | securityresources | authorizationresources
    graph_reads: tuple[GraphRead, ...] = ()  # Microsoft Graph GETs (directory objects)

    @property
    def query(self) -> str | None:
        """The Resource Graph query: full rows of the family's types, ordered so pages are stable.
        None for a subscription-level family (no types): its adapter only makes declared ARM reads
        on the subscription itself (``Ctx.read(read, ctx.scope)``)."""
        if not self.types:
            return None
        types = ", ".join(f"'{t}'" for t in self.types)
        return f"{self.table} | where type in~ ({types}) | order by id asc"


_FAMILIES: Declarations[Family] = Declarations("family", "hitrust_policies.sources.live.azure")


def family(name: str, *, types: tuple[str, ...], kinds: tuple[type, ...], permissions: tuple[str, ...],
           reads: tuple[ArmRead, ...] = (), table: str = "resources", graph_reads: tuple[GraphRead, ...] = ()
           ) -> Callable[[Callable[..., Iterable[Any]]], Family]:
    """Register an adapter as the family that lists ``types`` from Resource Graph ``table``; with
    ``types=()`` a subscription-level family whose adapter makes only its declared ARM reads."""

    def register(fn: Callable[..., Iterable[Any]]) -> Family:
        for action in (*permissions, *(r.permission for r in reads)):
            if not action.lower().endswith(_READ_SUFFIXES):
                raise ValueError(f"family {name}: {action} is not a read permission")
        if any(t != t.lower() for t in types):
            raise ValueError(f"family {name}: Resource Graph types are lower-case")
        if table not in GRAPH_TABLES:
            raise ValueError(f"family {name}: {table} is not a Resource Graph table ({', '.join(GRAPH_TABLES)})")
        if not types and not reads:
            raise ValueError(f"family {name}: neither Resource Graph types nor ARM reads")
        return _FAMILIES.add(Family(name, types, kinds, permissions, fn, reads, table, graph_reads))

    return register


def all_families() -> list[Family]:
    return _FAMILIES.all(FAMILY_MODULES)


class SharedReads:
    """Reads the contexts of one scan share: a directory user who owns several subscriptions is looked up
    once, not once per subscription. Each read is made once (concurrent askers wait for the first) and
    its answer, an Unknown included, serves every later asker."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Lock] = {}
        self._answers: dict[str, Any] = {}

    def get(self, key: str, read: Callable[[], Any]) -> tuple[Any, bool]:
        """(the answer, whether this call made the read)."""
        with self._lock:
            gate = self._gates.setdefault(key, threading.Lock())
        with gate:
            if key in self._answers:
                return self._answers[key], False
            self._answers[key] = read()
            return self._answers[key], True


@dataclass
class Ctx:
    """What an adapter gets: one subscription, a way to make its declared ARM reads, fact helpers.

    ``reader`` is None when rows come from an export: every ARM read is then an Unknown saying
    the export does not carry it.
    """

    subscription: str
    source: str = "live"  # live | export
    reader: Callable[[str], Any] | None = None  # GET a path (with api-version), JSON or raise
    problems: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    graph_reader: Callable[[str], Any] | None = None  # GET a Microsoft Graph path, JSON or raise
    shared: SharedReads | None = None  # directory reads shared by every context of the scan
    now: datetime = field(default_factory=lambda: datetime.now(UTC))  # when the scan observed the rows: ages

    def ref(self, row: dict[str, Any], name: str | None = None, part: str | None = None) -> ResourceRef:
        return ResourceRef(
            provider="azure",
            native_type=row.get("type", ""),
            native_id=row["id"],
            name=name or row.get("name") or row["id"].rsplit("/", 1)[-1],
            account=row.get("subscriptionId") or self.subscription,
            region=row.get("location") or "",
            source=self.source,
            part=part,
        )

    @property
    def scope(self) -> str:
        """The subscription's ARM id: where subscription-level reads (activity-log export, Defender
        plans, role assignments) are made."""
        return f"/subscriptions/{self.subscription}"

    def part(self, ref: ResourceRef, part: str) -> ResourceRef:
        return replace(ref, part=part)

    def read(self, read: ArmRead, resource_id: str) -> Any:
        """One declared ARM GET on a resource; a failure is an `Unknown` naming the call."""
        if self.reader is None:
            reason = f"not in a Resource Graph export: {read.name} ({read.permission})"
            self.problems.append(reason)
            return Unknown(reason)
        return self._get(read, f"{resource_id}{read.path}?api-version={read.api_version}")

    def read_list(self, read: ArmRead, resource_id: str) -> list[Any] | Unknown:
        """A declared ARM listing on a resource, every page (``nextLink``); a failure on any page is an
        `Unknown` naming the call: a partial list would pass what the missing pages hold."""
        document = self.read(read, resource_id)
        values: list[Any] = []
        while not isinstance(document, Unknown):
            values.extend(document.get("value") or [])
            link = document.get("nextLink")
            if not link:
                return values
            parts = urlsplit(link)
            document = self._get(read, f"{parts.path}?{parts.query}")
        return document

    def _get(self, read: ArmRead, path: str) -> Any:
        assert self.reader is not None
        self.calls.append(read.permission)
        try:
            return self.reader(path)
        except Exception as exc:
            from hitrust_policies.sources.live.azure.errors import describe_failure

            reason = describe_failure(exc, f"{read.permission} ({read.name})")
            self.problems.append(reason)
            return Unknown(reason)

    def graph(self, read: GraphRead, object_id: str) -> Any:
        """One declared Microsoft Graph GET of a directory object; a failure is an `Unknown` naming the call."""
        if self.graph_reader is None:
            reason = f"not in a Resource Graph export: {read.name} (Microsoft Graph {read.permission})"
            self.problems.append(reason)
            return Unknown(reason)
        path = read.path.format(id=object_id)
        if self.shared is None:
            return self._graph_get(read, path)
        answer, made = self.shared.get(path, lambda: self._graph_get(read, path))
        if not made and isinstance(answer, Unknown):
            self.problems.append(answer.reason)  # this family's coverage still says what it could not see
        return answer

    def _graph_get(self, read: GraphRead, path: str) -> Any:
        assert self.graph_reader is not None
        self.calls.append(f"Microsoft Graph {read.permission}")
        try:
            return self.graph_reader(path)
        except Exception as exc:
            from hitrust_policies.sources.live.azure.errors import describe_failure

            reason = describe_failure(exc, f"Microsoft Graph {read.permission} ({read.name})")
            self.problems.append(reason)
            return Unknown(reason)

    def fan_out(self, fn: Callable[[Any], T], items: Iterable[Any]) -> list[T]:
        """``fn`` over every item, a few at a time when ARM reads are made, results in order."""
        items = list(items)
        if len(items) < 2 or self.reader is None:
            return [fn(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(FAN_OUT_WORKERS, len(items))) as pool:
            return list(pool.map(fn, items))


def prop(row: dict[str, Any], *path: str) -> Any:
    """A nested value of a row (``None`` where any step is missing), matching keys case-insensitively
    as ARM does (``keyvaultproperties`` / ``keyVaultProperties``).

    >>> prop({"properties": {"encryption": {"keyvaultproperties": {"keyname": "k"}}}},
    ...      "properties", "encryption", "keyVaultProperties", "keyName")
    'k'
    """
    node: Any = row
    for key in path:
        if not isinstance(node, dict):
            return None
        if key in node:
            node = node[key]
            continue
        lowered = key.lower()
        node = next((v for k, v in node.items() if k.lower() == lowered), None)
    return node
