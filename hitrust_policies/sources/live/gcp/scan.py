"""Scan Google Cloud projects, folders or organizations through Cloud Asset Inventory, read-only.

Per scope: one paged ``ListAssets`` of the project assets (to name each resource's project), then per
family one of its resources and, where it reads them, one of their IAM policies. Failures are data,
as in the AWS and Azure scanners: a resource listing that fails (403 PERMISSION_DENIED, 429
RESOURCE_EXHAUSTED past its retries, unreachable) becomes a `CoverageGap` for that family in that
scope (UNKNOWN findings for every rule over its kinds, naming the permission and the scope); an IAM
listing that fails makes the facts drawn from IAM policies `Unknown`. A scan that read nothing at all
is an error, not an empty (clean-looking) report.

`scan_export` evaluates a Cloud Asset Inventory export (JSON lines, one asset a line: ``gcloud asset
export --output-path=gs://...`` for ``--content-type=resource`` and ``iam-policy``) through the same
adapters, streaming the file and keeping only the asset types the scanner evaluates.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model import ResourceRef, Unknown
from hitrust_policies.sources.live.aws.scan import Coverage, ScanError, ScanResult
from hitrust_policies.sources.live.cancelling import cancelling
from hitrust_policies.sources.live.gcp.errors import describe_failure, is_retryable
from hitrust_policies.sources.live.gcp.families import (
    IAM_POLICY,
    PERMISSIONS,
    PROJECT_TYPE,
    RESOURCE,
    Ctx,
    Family,
    all_families,
    data,
    normalise,
    project_number,
)

PAGE_SIZE = 1000  # ListAssets' maximum page size
CONTENT_TYPE_NUMBER = {RESOURCE: 1, IAM_POLICY: 2}
NO_IAM_IN_EXPORT = ("not in the export: IAM policies (export them too: gcloud asset export "
                    "--content-type=iam-policy)")


class ExportError(ValueError):
    """A file is not a Cloud Asset Inventory export the scanner can read."""


@dataclass
class GcpScanResult(ScanResult):
    """A ScanResult whose scopes are projects / folders / organizations; ``regions`` are the locations seen."""

    scopes: list[str] = field(default_factory=list)

    @property
    def regions_read(self) -> list[str]:
        return self.regions


def scope_names(projects: Iterable[str] = (), folders: Iterable[str] = (),
                organizations: Iterable[str] = ()) -> list[str]:
    """``projects/ID``, ``folders/N``, ``organizations/N``, each once (a prefix given is kept).

    >>> scope_names(["phi-prod", "projects/phi-dev"], ["123"], ["organizations/456"])
    ['projects/phi-prod', 'projects/phi-dev', 'folders/123', 'organizations/456']
    """
    out: list[str] = []
    for kind, values in (("projects", projects), ("folders", folders), ("organizations", organizations)):
        for value in values:
            text = value.strip().strip("/")
            if text:
                out.append(text if text.startswith(f"{kind}/") else f"{kind}/{text}")
    return list(dict.fromkeys(out))


class Lister:
    """ListAssets through the real google-cloud-asset client: paging, retries with backoff, call counts."""

    def __init__(self, client: Any, max_attempts: int, backoff: float) -> None:
        self.client = client
        self.max_attempts = max(max_attempts, 1)
        self.backoff = backoff

    def list(self, scope: str, asset_types: Iterable[str], content: str, calls: Counter[str]) -> list[dict[str, Any]]:
        """Every asset of the types under a scope, page after page, in the export's snake_case shape."""
        from google.protobuf import json_format

        from hitrust_policies.sources.live.gcp.auth import asset_sdk

        asset_v1 = asset_sdk()

        assets: list[dict[str, Any]] = []
        token = ""
        while True:
            request = asset_v1.ListAssetsRequest(parent=scope, asset_types=list(asset_types),
                                                 content_type=CONTENT_TYPE_NUMBER[content], page_size=PAGE_SIZE,
                                                 page_token=token)
            page = self._page(request, PERMISSIONS[content], calls)
            doc = json_format.MessageToDict(asset_v1.ListAssetsResponse.pb(page), preserving_proto_field_name=True)
            assets.extend(normalise(a) for a in doc.get("assets", ()))
            token = page.next_page_token
            if not token:
                return assets

    def _page(self, request: Any, permission: str, calls: Counter[str]) -> Any:
        attempt = 0
        while True:
            attempt += 1
            calls[permission] += 1
            try:
                pager = self.client.list_assets(request=request, retry=None, timeout=120)
                return next(iter(pager.pages))  # the first page only: paging is ours, so retries are too
            except Exception as exc:
                if attempt >= self.max_attempts or not is_retryable(exc):
                    raise
                time.sleep(self.backoff * 2 ** (attempt - 1))


def project_ids(assets: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Project number -> project id, from project assets (Resource Manager v1 or v3 JSON)."""
    found: dict[str, str] = {}
    for asset in assets:
        body = data(asset)
        number = str(body.get("projectNumber") or "") or project_number(asset) or ""
        if not number and str(body.get("name", "")).startswith("projects/"):
            number = str(body["name"]).split("/", 1)[1]
        if number and body.get("projectId"):
            found[number] = str(body["projectId"])
    return found


def _scope_ref(scope: str, f: Family, source: str = "live") -> ResourceRef:
    account = scope.split("/", 1)[1] if scope.startswith("projects/") else scope
    return ResourceRef(provider="gcp", native_type=f"scope:{f.name}", native_id=f"gcp:{scope}:{f.name}",
                       name=f"{f.name} in {scope}", account=account, region="", source=source)


def _audit_configs(policies: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Asset name -> its IAM policy's audit configs, for the policies that set some."""
    found = {str(a["name"]): (a.get("iam_policy") or {}).get("audit_configs") or [] for a in policies}
    return {name: configs for name, configs in found.items() if configs}


def _adapt(f: Family, ctx: Ctx, assets: list[dict[str, Any]]) -> list[Any]:
    wanted = set(f.asset_types)
    return list(f.adapt(ctx, [a for a in assets if a.get("asset_type") in wanted]))


def scan_gcp(
    *,
    credentials: Any,
    projects: Iterable[str] = (),
    folders: Iterable[str] = (),
    organizations: Iterable[str] = (),
    api_endpoint: str | None = None,
    families: Iterable[Family] | None = None,
    max_workers: int = 8,
    max_attempts: int = 5,
    backoff: float = 1.0,
    progress: Callable[[int, int, str], None] | None = None,
) -> GcpScanResult:
    """Scan the given projects, folders and organizations (each listed at its own scope) with every family."""
    from hitrust_policies.sources.live.gcp.auth import asset_client

    started = time.perf_counter()
    scopes = scope_names(projects, folders, organizations)
    if not scopes:
        raise ScanError("nothing to scan: give --project, --folder or --organization")
    lister = Lister(asset_client(credentials, api_endpoint), max_attempts, backoff)
    chosen = list(families) if families is not None else all_families()
    calls: Counter[str] = Counter()
    coverage: list[Coverage] = []
    names: dict[str, str] = {}

    with cancelling(ThreadPoolExecutor(max_workers=max_workers)) as executor:
        futures = {executor.submit(read_project_names, lister, scope): scope for scope in scopes}
        for future in as_completed(futures):
            found, failed, used = future.result()
            names.update(found)
            calls.update(used)
            if failed is not None:
                coverage.append(failed)

    reads: list[FamilyRead] = []
    tasks = [(f, scope) for scope in scopes for f in chosen]
    with cancelling(ThreadPoolExecutor(max_workers=max_workers)) as executor:
        futures2 = {executor.submit(read_family, lister, f, scope, names): (f, scope) for f, scope in tasks}
        for done, future in enumerate(as_completed(futures2), 1):
            f, scope = futures2[future]
            reads.append(future.result())
            if progress:
                progress(done, len(tasks), f"{f.name} {scope}")

    if tasks and all(r.coverage.status == "failed" for r in reads):
        reasons = sorted({p for c in [*coverage, *(r.coverage for r in reads)] for p in c.problems})
        raise ScanError(f"nothing could be read: {'; '.join(reasons)[:500]}")
    return result_of(reads, scopes, time.perf_counter() - started, calls, coverage)


@dataclass
class FamilyRead:
    """What one family read in one scope: its model values, its coverage, the gaps that make its kinds
    UNKNOWN there, and the calls it made. The thread scan and the fleet's workers both make these, so a
    project's report is built the same way whichever ran it."""

    family: str
    scope: str
    items: list[Any]
    coverage: Coverage
    gaps: list[CoverageGap]
    calls: Counter[str] = field(default_factory=Counter)


def read_project_names(lister: Lister, scope: str) -> tuple[dict[str, str], Coverage | None, Counter[str]]:
    """Project number -> id of the projects under ``scope`` (resources named by number are renamed with
    it), the failed ``projects`` coverage when the listing failed, and the calls made."""
    calls: Counter[str] = Counter()
    try:
        return project_ids(lister.list(scope, [PROJECT_TYPE], RESOURCE, calls)), None, calls
    except Exception as exc:
        reason = f"{describe_failure(exc, PERMISSIONS[RESOURCE])} (projects in {scope})"
        return {}, Coverage("projects", "global", "failed", 0, (reason,), scope), calls


def failed_family(f: Family, scope: str, reason: str, calls: Counter[str] | None = None) -> FamilyRead:
    """A family that read nothing in a scope (denied, throttled out, its worker lost): failed coverage and
    a gap per kind, so every rule over those kinds is UNKNOWN there with ``reason``."""
    return FamilyRead(f.name, scope, [], Coverage(f.name, "global", "failed", 0, (reason,), scope),
                      [CoverageGap(kind, _scope_ref(scope, f), reason) for kind in f.kinds], calls or Counter())


def read_family(lister: Lister, f: Family, scope: str, names: dict[str, str]) -> FamilyRead:
    """One family in one scope: its resources and, where it reads them, their IAM policies (a failed IAM
    listing makes the facts drawn from them Unknown); a resource listing that fails is `failed_family`."""
    calls: Counter[str] = Counter()
    try:
        assets = lister.list(scope, f.asset_types, RESOURCE, calls)
        ctx = Ctx(scope, "live", names)
        if f.iam:
            try:
                listed_policies = lister.list(scope, f.asset_types, IAM_POLICY, calls)
                ctx.policies = {a["name"]: (a.get("iam_policy") or {}).get("bindings") or [] for a in listed_policies}
                ctx.audit_configs = _audit_configs(listed_policies)
            except Exception as exc:
                reason = f"{describe_failure(exc, PERMISSIONS[IAM_POLICY])} ({f.name} in {scope})"
                ctx.policies_missing = Unknown(reason)
                ctx.problems.append(reason)
        items = _adapt(f, ctx, assets)
    except Exception as exc:
        return failed_family(f, scope, f"{describe_failure(exc, PERMISSIONS[RESOURCE])} ({f.name} in {scope})",
                             calls)
    problems = tuple(dict.fromkeys(ctx.problems))
    return FamilyRead(f.name, scope, items,
                      Coverage(f.name, "global", "partial" if problems else "ok", len(items), problems, scope), [],
                      calls)


def result_of(reads: Iterable[FamilyRead], scopes: list[str], seconds: float, calls: Counter[str] | None = None,
              coverage: Iterable[Coverage] = ()) -> GcpScanResult:
    """The result of some scopes from their family reads (``calls`` and ``coverage``: the project-naming
    listings' own)."""
    resources: list[Any] = []
    gaps: list[CoverageGap] = []
    rows: list[Coverage] = list(coverage)
    total: Counter[str] = Counter(calls or {})
    for read in reads:
        resources.extend(read.items)
        gaps.extend(read.gaps)
        rows.append(read.coverage)
        total.update(read.calls)
    return _result(resources, gaps, rows, total, scopes, seconds)


def _result(resources: list[Any], gaps: list[CoverageGap], coverage: list[Coverage], calls: Counter[str],
            scopes: list[str], seconds: float) -> GcpScanResult:
    coverage.sort(key=lambda c: (c.account, c.collector))
    regions = sorted({r.ref.region for r in resources if getattr(r.ref, "region", "")})
    account = scopes[0] if len(scopes) == 1 else f"{len(scopes)} scopes"
    return GcpScanResult("gcp", account, regions, resources, gaps, coverage, calls, seconds, scopes=scopes)


# --- export files --------------------------------------------------------------------------------------


def iter_export(path: str | Path) -> Iterator[dict[str, Any]]:
    """The assets of one export file, one at a time: JSON lines as ``gcloud asset export`` writes them, or
    one JSON array (``gcloud asset list --format=json``, policy-library's validator fixtures)."""
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, after streaming
    except OSError as exc:
        raise ExportError(f"{path}: not readable ({exc})") from None
    with fh:
        head = fh.read(1)
        while head and head.isspace():
            head = fh.read(1)
        if head == "[":
            try:
                items = json.loads(head + fh.read())
            except ValueError as exc:
                raise ExportError(f"{path}: not a JSON array of assets ({exc})") from None
            for index, item in enumerate(items):
                yield _checked(item, path, f"item {index}")
            return
        for number, line in enumerate((head + fh.readline(), *fh), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                raise ExportError(f"{path}: line {number} is not JSON (expected one asset a line)") from None
            yield _checked(item, path, f"line {number}")


def _checked(item: Any, path: str | Path, where: str) -> dict[str, Any]:
    asset = normalise(item) if isinstance(item, dict) else {}
    if not (asset.get("name") and asset.get("asset_type")):
        raise ExportError(f"{path}: {where} has no 'name' and 'asset_type' (is this a Cloud Asset Inventory export?)")
    return asset


def scan_export(paths: Iterable[str | Path], families: Iterable[Family] | None = None) -> GcpScanResult:
    """Evaluate export files (RESOURCE and / or IAM_POLICY content) through the live adapters, no call made.

    The files are streamed: assets of a family that reads each asset alone are adapted as they are
    read and dropped; only the assets of joining families (buckets wait for their IAM policies,
    networks for their subnetworks), the IAM bindings of those types and the project names are held.
    Resources named by a project number are renamed with the project id at the end, as the project
    assets may come later in the files.
    """
    started = time.perf_counter()
    chosen = list(families) if families is not None else all_families()
    families_of: dict[str, list[Family]] = defaultdict(list)  # a type two families read goes to both
    for f in chosen:
        for t in f.asset_types:
            families_of[t].append(f)
    iam_types = {t for f in chosen if f.iam for t in f.asset_types}
    held: dict[str, dict[str, Any]] = {}
    policies: dict[str, list[dict[str, Any]]] = {}
    audit_configs: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, str] = {}
    streamed: list[tuple[Family, Any]] = []
    problems: list[str] = []
    listed: set[tuple[str, str]] = set()  # (family, project) of every evaluated asset read
    saw_iam = seen = False
    reader = Ctx("export", "export", names, problems=problems)
    for path in paths:
        for asset in iter_export(path):
            kind = asset["asset_type"]
            if asset.get("iam_policy") is not None:
                saw_iam = True
                if kind in iam_types:
                    policies[asset["name"]] = asset["iam_policy"].get("bindings") or []
                    audit_configs.update(_audit_configs([asset]))
            if asset.get("resource") is None:
                continue
            if kind == PROJECT_TYPE:
                names.update(project_ids([asset]))
            for f in families_of.get(kind, ()):
                seen = True
                listed.add((f.name, _export_scope(reader, asset)))
                if f.per_asset:
                    streamed.extend((f, item) for item in f.adapt(reader, [asset]))
                else:
                    held[asset["name"]] = {k: v for k, v in asset.items() if k != "iam_policy"}
    if not seen:
        raise ScanError("the export holds no asset of a type the scanner evaluates "
                        f"({', '.join(sorted(families_of))})")
    missing = None if saw_iam else Unknown(NO_IAM_IN_EXPORT)
    items = [(f, _renamed(item, names)) for f, item in streamed]
    by_project: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for asset in held.values():
        for f in families_of[asset["asset_type"]]:
            if not f.per_asset:
                by_project[(f.name, "" if f.hierarchy else _export_scope(reader, asset))].append(asset)
    partial: dict[tuple[str, str], tuple[str, ...]] = {}
    for f in chosen:
        for (name, project), assets in sorted(by_project.items()):
            if name != f.name:
                continue
            scope = "export" if not project else project if "/" in project else f"projects/{project}"
            ctx = Ctx(scope, "export", names, policies, missing if f.iam else None, audit_configs=audit_configs)
            items.extend((f, item) for item in f.adapt(ctx, assets))
            if f.iam and missing is not None:
                for where in [p for n, p in listed if n == f.name] if f.hierarchy else [project]:
                    partial[(f.name, names.get(where, where))] = (missing.reason,)
    counts: Counter[tuple[str, str]] = Counter({(name, names.get(project, project)): 0 for name, project in listed})
    counts.update((f.name, str(item.ref.account)) for f, item in items)
    coverage = [Coverage(name, "global", "partial" if partial.get((name, project)) else "ok", n,
                         partial.get((name, project), ()), project if "/" in project else f"projects/{project}")
                for (name, project), n in counts.items()]
    projects = sorted({c.account for c in coverage})
    return _result([item for _, item in items], [], coverage, Counter(), projects, time.perf_counter() - started)


def _export_scope(reader: Ctx, asset: dict[str, Any]) -> str:
    """The project id an exported asset belongs to, or ``folders/N`` / ``organizations/N`` for a folder's or
    an organization's own assets (the folder itself, its sinks)."""
    name = str(asset["name"])
    if "/projects/" not in name:
        for container in ("organizations", "folders"):
            if f"/{container}/" in name:
                return f"{container}/{name.split(f'/{container}/', 1)[1].split('/', 1)[0]}"
    return reader.account(asset)


def _renamed(item: Any, names: dict[str, str]) -> Any:
    """A model value whose account is a project number the export later named, with that name."""
    account = item.ref.account
    if account in names:
        return replace(item, ref=replace(item.ref, account=names[account]))
    return item
