"""Scan Azure subscriptions: one paged Resource Graph query per family and subscription, read-only.

Failures are data, as in the AWS scanner: a query that fails (403, throttled past its retries,
unreachable) becomes a `CoverageGap` for that family in that subscription (UNKNOWN findings for
every rule over its kinds, naming the call and the subscription); an ARM read that fails becomes
an `Unknown` fact; a truncated result keeps what it returned and adds a gap for the rest. A scan
that read nothing at all is an error, not an empty (clean-looking) report.

`scan_export` evaluates rows saved earlier (``az graph query -q ... -o json``) through the same
adapters, so an assessor gets the same findings offline; facts that need an ARM read Resource
Graph does not carry are UNKNOWN there, and say so.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model import ResourceRef
from hitrust_policies.sources.live.aws.scan import Coverage, ScanError, ScanResult
from hitrust_policies.sources.live.azure.clouds import Cloud
from hitrust_policies.sources.live.azure.clouds import cloud as resolve_cloud
from hitrust_policies.sources.live.azure.errors import describe_failure
from hitrust_policies.sources.live.azure.families import (
    GRAPH_PERMISSION,
    MANAGEMENT_GROUP_PERMISSION,
    SUBSCRIPTIONS_PERMISSION,
    Ctx,
    Family,
    SharedReads,
    all_families,
    prop,
)
from hitrust_policies.sources.live.cancelling import cancelling

PAGE_SIZE = 1000  # Resource Graph's maximum rows per page
READABLE_STATES = {"enabled", "warned", "pastdue"}


class ExportError(ValueError):
    """A file is not a Resource Graph export the scanner can read."""


@dataclass
class AzureScanResult(ScanResult):
    """A ScanResult whose scopes are subscriptions; ``regions`` are the locations resources were in."""

    subscriptions: list[str] = field(default_factory=list)
    tenant: str | None = None

    @property
    def regions_read(self) -> list[str]:
        return self.regions


class Clients:
    """The SDK clients of one scan, each on its own copy of the read-only pipeline."""

    def __init__(self, credential: Any, cloud: Cloud, max_attempts: int, backoff: float) -> None:
        from azure.core import PipelineClient
        from azure.mgmt.resource.subscriptions import SubscriptionClient
        from azure.mgmt.resourcegraph import ResourceGraphClient

        from hitrust_policies.sources.live.azure.auth import pipeline_policies

        def policies() -> list[Any]:
            return pipeline_policies(credential, cloud, max_attempts=max_attempts, backoff=backoff)

        self.cloud = cloud
        self.graph = ResourceGraphClient(credential, base_url=cloud.arm_endpoint, policies=policies(),
                                         credential_scopes=[cloud.scope])
        self.subscriptions = SubscriptionClient(credential, base_url=cloud.arm_endpoint, policies=policies(),
                                                credential_scopes=[cloud.scope])
        self.arm = PipelineClient(base_url=cloud.arm_endpoint, policies=policies())
        # Microsoft Graph: its own host and token audience, the same read-only pipeline
        graph = Cloud(cloud.name, cloud.graph_endpoint, cloud.authority_host, cloud.graph_scope, cloud.graph_endpoint)
        self.directory = PipelineClient(base_url=graph.arm_endpoint, policies=pipeline_policies(
            credential, graph, max_attempts=max_attempts, backoff=backoff))

    def get(self, path: str) -> Any:
        """GET an ARM path (``/subscriptions/...?api-version=...``); an error response raises."""
        from azure.core.exceptions import HttpResponseError
        from azure.core.rest import HttpRequest
        from azure.mgmt.core.exceptions import ARMErrorFormat

        response = self.arm.send_request(HttpRequest("GET", f"{self.cloud.arm_endpoint}{path}"))
        if response.status_code != 200:
            raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        return response.json()

    def query(self, family: Family, subscription: str, calls: Counter[str]) -> tuple[list[dict[str, Any]], str]:
        """Every row of a family in one subscription, page after page; and why it is incomplete
        ("" when complete: Resource Graph truncates without a $skipToken in some cases)."""
        from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

        rows: list[dict[str, Any]] = []
        if family.query is None:  # subscription-level: nothing to list, its adapter reads ARM
            return rows, ""
        token: str | None = None
        while True:
            options = QueryRequestOptions(skip_token=token, top=PAGE_SIZE, result_format="objectArray")
            calls[GRAPH_PERMISSION] += 1
            page = self.graph.resources(QueryRequest(subscriptions=[subscription], query=family.query,
                                                     options=options))
            rows.extend(page.data or [])
            if str(getattr(page.result_truncated, "value", page.result_truncated)).lower() == "true":
                return rows, (f"ResultTruncated: {GRAPH_PERMISSION} returned {len(rows)} of "
                              f"{page.total_records} rows ({family.name} in subscription {subscription})")
            token = page.skip_token
            if not token:
                return rows, ""

    def graph_get(self, path: str) -> Any:
        """GET a Microsoft Graph path (``/v1.0/users/{id}?$select=...``); an error response raises."""
        from azure.core.exceptions import HttpResponseError
        from azure.core.rest import HttpRequest
        from azure.mgmt.core.exceptions import ARMErrorFormat

        response = self.directory.send_request(HttpRequest("GET", f"{self.cloud.graph_endpoint}{path}"))
        if response.status_code != 200:
            raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        return response.json()

    def management_group_subscriptions(self, group: str, calls: Counter[str]) -> list[tuple[str, str | None]]:
        """(subscription id, tenant id) of every readable subscription below a management group."""
        from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

        query = "resourcecontainers | where type == 'microsoft.resources/subscriptions' | order by id asc"
        found: list[tuple[str, str | None]] = []
        token: str | None = None
        while True:
            calls[GRAPH_PERMISSION] += 1
            options = QueryRequestOptions(skip_token=token, top=PAGE_SIZE, result_format="objectArray")
            page = self.graph.resources(QueryRequest(management_groups=[group], query=query, options=options))
            found += [(r["subscriptionId"], r.get("tenantId")) for r in page.data or []
                      if str(prop(r, "properties", "state") or "Enabled").lower() in READABLE_STATES]
            token = page.skip_token
            if not token:
                return found

    def list_subscriptions(self, calls: Counter[str]) -> list[tuple[str, str | None]]:
        """(subscription id, tenant id) of every readable subscription the credential sees."""
        calls[SUBSCRIPTIONS_PERMISSION] += 1
        return [(s.subscription_id, s.tenant_id) for s in self.subscriptions.subscriptions.list()
                if str(getattr(s.state, "value", s.state) or "Enabled").lower() in READABLE_STATES]


def _scope(subscription: str, f: Family) -> ResourceRef:
    return ResourceRef(provider="azure", native_type=f"scope:{f.name}", native_id=f"azure:{subscription}:{f.name}",
                       name=f"{f.name} in subscription {subscription}", account=subscription, region="",
                       source="live")


def _adapt(f: Family, ctx: Ctx, rows: list[dict[str, Any]]) -> list[Any]:
    wanted = set(f.types)
    return list(f.adapt(ctx, [r for r in rows if str(r.get("type", "")).lower() in wanted]))


def scan_azure(
    *,
    credential: Any,
    cloud: str = "AzureCloud",
    arm_endpoint: str | None = None,
    subscriptions: Iterable[str] = (),
    all_subscriptions: bool = False,
    management_groups: Iterable[str] = (),
    families: Iterable[Family] | None = None,
    max_workers: int = 8,
    max_attempts: int = 5,
    backoff: float = 0.8,
    progress: Callable[[int, int, str], None] | None = None,
) -> AzureScanResult:
    """Scan the given subscriptions, those below the management groups, or every one the credential
    sees (``all_subscriptions``), with every family."""
    started = time.perf_counter()
    target = resolve_cloud(cloud, arm_endpoint)
    clients = Clients(credential, target, max_attempts, backoff)
    calls: Counter[str] = Counter()
    chosen_subs, tenant = list_subscriptions(clients, subscriptions, all_subscriptions, management_groups, calls)
    chosen = list(families) if families is not None else all_families()
    tasks = [(f, sub) for sub in chosen_subs for f in chosen]
    shared = SharedReads()
    reads: list[FamilyRead] = []
    with cancelling(ThreadPoolExecutor(max_workers=max_workers)) as executor:
        futures = {executor.submit(read_family, clients, f, sub, shared): (f, sub) for f, sub in tasks}
        for done, future in enumerate(as_completed(futures), 1):
            f, sub = futures[future]
            reads.append(future.result())
            if progress:
                progress(done, len(tasks), f"{f.name} {sub}")

    if reads and all(r.coverage.status == "failed" for r in reads):
        reasons = sorted({p for r in reads for p in r.coverage.problems})
        raise ScanError(f"nothing could be read: {'; '.join(reasons)[:500]}")
    return result_of(reads, chosen_subs, tenant, time.perf_counter() - started, calls)


def list_subscriptions(clients: Clients, subscriptions: Iterable[str], all_subscriptions: bool,
                       management_groups: Iterable[str], calls: Counter[str]) -> tuple[list[str], str | None]:
    """The subscriptions to scan, sorted, and their tenant when a listing named it: those given, every one
    the credential sees (``all_subscriptions``), those below the management groups. A listing that fails,
    a group with no readable subscription, or nothing at all is a `ScanError`."""
    tenant: str | None = None
    chosen = sorted(dict.fromkeys(s.strip().lower() for s in subscriptions if s.strip()))
    if all_subscriptions:
        try:
            listed = clients.list_subscriptions(calls)
        except Exception as exc:
            raise ScanError(f"could not list subscriptions ({describe_failure(exc, SUBSCRIPTIONS_PERMISSION)})"
                            ) from exc
        tenant = next((t for _, t in listed if t), None)
        chosen = sorted(dict.fromkeys([*chosen, *(s.lower() for s, _ in listed)]))
    for group in management_groups:
        try:
            below = clients.management_group_subscriptions(group, calls)
        except Exception as exc:
            raise ScanError(f"could not list the subscriptions of management group {group} "
                            f"({describe_failure(exc, MANAGEMENT_GROUP_PERMISSION)})") from exc
        if not below:
            raise ScanError(f"management group {group} has no subscription this credential can read")
        tenant = tenant or next((t for _, t in below if t), None)
        chosen = sorted(dict.fromkeys([*chosen, *(s.lower() for s, _ in below)]))
    if not chosen:
        raise ScanError("no subscription to scan: the credential sees none (give --subscription)")
    return chosen, tenant


@dataclass
class FamilyRead:
    """What one family read in one subscription: its model values, its coverage, the gaps that make its
    kinds UNKNOWN there, and the calls it made. The thread scan and the fleet's workers both make these,
    so a subscription's report is built the same way whichever ran it."""

    family: str
    subscription: str
    items: list[Any]
    coverage: Coverage
    gaps: list[CoverageGap]
    calls: Counter[str] = field(default_factory=Counter)


def failed_family(f: Family, subscription: str, reason: str, calls: Counter[str] | None = None) -> FamilyRead:
    """A family that read nothing in a subscription (denied, throttled out, its worker lost): failed
    coverage and a gap per kind, so every rule over those kinds is UNKNOWN there with ``reason``."""
    return FamilyRead(f.name, subscription, [], Coverage(f.name, "global", "failed", 0, (reason,), subscription),
                      [CoverageGap(kind, _scope(subscription, f), reason) for kind in f.kinds], calls or Counter())


def read_family(clients: Clients, f: Family, subscription: str, shared: SharedReads | None) -> FamilyRead:
    """One family in one subscription: its Resource Graph rows (every page), its adapter's ARM reads; a
    query that fails is `failed_family`, a truncated one keeps its rows and gaps the rest."""
    calls: Counter[str] = Counter()
    try:
        rows, truncated = clients.query(f, subscription, calls)
        ctx = Ctx(subscription, "live", clients.get, graph_reader=clients.graph_get, shared=shared)
        items = _adapt(f, ctx, rows)
    except Exception as exc:
        reason = f"{describe_failure(exc, GRAPH_PERMISSION)} ({f.name} in subscription {subscription})"
        return failed_family(f, subscription, reason, calls)
    calls.update(ctx.calls)
    problems = list(dict.fromkeys(ctx.problems))
    gaps: list[CoverageGap] = []
    if truncated:
        problems.insert(0, truncated)
        gaps = [CoverageGap(kind, _scope(subscription, f), truncated) for kind in f.kinds]
    status = "partial" if problems else "ok"
    if f.query is None and problems and len(problems) >= len(set(ctx.calls)):
        status = "failed"  # a subscription-level family whose every read failed read nothing
    return FamilyRead(f.name, subscription, items,
                      Coverage(f.name, "global", status, len(items), tuple(problems), subscription), gaps, calls)


def result_of(reads: Iterable[FamilyRead], subscriptions: list[str], tenant: str | None, seconds: float,
              calls: Counter[str] | None = None) -> AzureScanResult:
    """The result of some subscriptions from their family reads (``calls``: the listing calls made besides)."""
    resources: list[Any] = []
    gaps: list[CoverageGap] = []
    coverage: list[Coverage] = []
    total: Counter[str] = Counter(calls or {})
    for read in reads:
        resources.extend(read.items)
        gaps.extend(read.gaps)
        coverage.append(read.coverage)
        total.update(read.calls)
    return _result(resources, gaps, coverage, total, subscriptions, tenant, seconds)


def _result(resources: list[Any], gaps: list[CoverageGap], coverage: list[Coverage], calls: Counter[str],
            subs: list[str], tenant: str | None, seconds: float) -> AzureScanResult:
    coverage.sort(key=lambda c: (c.account, c.collector))
    regions = sorted({r.ref.region for r in resources if getattr(r.ref, "region", "")})
    account = tenant or (subs[0] if len(subs) == 1 else f"{len(subs)} subscriptions")
    return AzureScanResult("azure", account, regions, resources, gaps, coverage, calls,
                           seconds, subscriptions=subs, tenant=tenant)


def load_export(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a Resource Graph export: ``az graph query -o json`` output (``{"data": [...]}``),
    its bare ``data`` array, or the REST table format (``{"columns": [...], "rows": [...]}``)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"{path}: not a readable JSON file ({exc})") from None
    data = doc.get("data") if isinstance(doc, dict) else doc
    if isinstance(data, dict) and "columns" in data and "rows" in data:
        names = [c["name"] for c in data["columns"]]
        data = [dict(zip(names, row, strict=False)) for row in data["rows"]]
    if not isinstance(data, list):
        raise ExportError(f"{path}: expected a Resource Graph result (a 'data' array of rows)")
    bad = [i for i, row in enumerate(data) if not (isinstance(row, dict) and row.get("id") and row.get("type"))]
    if bad:
        raise ExportError(f"{path}: row {bad[0]} has no 'id' and 'type' (export full rows: project nothing "
                          "away, or keep id, type, name, location, subscriptionId and properties)")
    return data


def scan_export(rows: list[dict[str, Any]], families: Iterable[Family] | None = None) -> AzureScanResult:
    """Evaluate exported rows through the live adapters (no call is made)."""
    started = time.perf_counter()
    chosen = list(families) if families is not None else all_families()
    by_sub: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        sub = str(row.get("subscriptionId") or row["id"].split("/")[2]).lower()
        by_sub[sub].append(row)
    resources: list[Any] = []
    coverage: list[Coverage] = []
    for sub, sub_rows in sorted(by_sub.items()):
        for f in chosen:
            mine = [r for r in sub_rows if str(r.get("type", "")).lower() in f.types]
            if not mine:
                continue  # the export may have been filtered: nothing is claimed about this family
            ctx = Ctx(sub, "export", None)
            items = _adapt(f, ctx, mine)
            resources.extend(items)
            problems = tuple(dict.fromkeys(ctx.problems))
            coverage.append(Coverage(f.name, "global", "partial" if problems else "ok", len(items), problems, sub))
    if not resources:
        raise ScanError("the export holds no row of a type the scanner evaluates "
                        f"({', '.join(t for f in chosen for t in f.types)})")
    return _result(resources, [], coverage, Counter(), sorted(by_sub), None, time.perf_counter() - started)
