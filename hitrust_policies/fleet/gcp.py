"""GCP projects as fleet scopes: what a worker runs for one project x family group, and how a project's units
become its result.

A worker makes its own credential from its own environment (Application Default Credentials: workload
identity, the metadata server, GOOGLE_APPLICATION_CREDENTIALS; or an access token file on the worker), once
per worker process. The coordinator sends only the unit and `GcpFleetOptions` (the endpoint, a token file's
path, retry settings: no secret, no token), so nothing secret enters a task graph; it lists the projects
below the folders and organizations itself (their project assets) and never reads a resource.

Each project is read at its own scope, as ``scan gcp --project`` reads it, except for the families that join
projects with their folders and organization (IAM policies and audit configs inherited down the hierarchy,
sinks that include children, sinks writing to another project's bucket): below a ``--folder`` /
``--organization`` those run once at that folder or organization, as ``scan gcp --organization`` runs them,
as a scope of their own. So the fleet reports what the thread scan reports, and a project's audit logging is
judged with its ancestors' configuration rather than UNKNOWN.
"""

from __future__ import annotations

import functools
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.fleet.plan import Grouping, ScanPlan, Scope, Unit
from hitrust_policies.fleet.results import combine
from hitrust_policies.fleet.runner import UnitFailure
from hitrust_policies.sources.live.aws.scan import Coverage, ScanError
from hitrust_policies.sources.live.gcp.families import PERMISSIONS, PROJECT_TYPE, RESOURCE, Family, all_families, data
from hitrust_policies.sources.live.gcp.scan import (
    FamilyRead,
    GcpScanResult,
    Lister,
    failed_family,
    read_family,
    read_project_names,
    result_of,
)

LIVE_STATES = {"", "ACTIVE"}  # a project pending deletion is not scanned (Cloud Asset still lists it)


@dataclass(frozen=True)
class GcpFleetOptions:
    """How every worker reaches Cloud Asset Inventory. ``access_token_file`` is a path on the worker (None:
    its Application Default Credentials); ``scan_id`` keys what a worker keeps within one scan (project
    names), so a long-lived cluster never answers tonight's scan with yesterday's reads."""

    access_token_file: str | None = None
    api_endpoint: str | None = None
    max_attempts: int = 5
    backoff: float = 1.0
    scan_id: str = ""


@dataclass
class GcpUnitResult:
    """What one unit read: one `FamilyRead` per family, the project-naming listing's failure if it failed,
    and how long it took."""

    unit: Unit
    reads: list[FamilyRead] = field(default_factory=list)
    naming: Coverage | None = None
    seconds: float = 0.0


def _token_stamp(path: str | None) -> float:
    """When the token file last changed: a refreshed token is picked up, a cached client is not reused."""
    try:
        return os.stat(path).st_mtime if path else 0.0
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=4)
def _worker_lister(access_token_file: str | None, stamp: float, api_endpoint: str | None, max_attempts: int,
                   backoff: float) -> Lister:
    """This worker process's credential and Cloud Asset client, made on its first unit and kept (ADC refresh
    themselves; a token file is read again once it changes)."""
    from hitrust_policies.sources.live.gcp.auth import asset_client, credentials

    return Lister(asset_client(credentials(access_token_file), api_endpoint), max_attempts, backoff)


def _lister(options: GcpFleetOptions) -> Lister:
    return _worker_lister(options.access_token_file, _token_stamp(options.access_token_file), options.api_endpoint,
                          options.max_attempts, options.backoff)


_NAMES: dict[tuple[GcpFleetOptions, str], tuple[dict[str, str], Coverage | None]] = {}
_NAMES_LOCK = threading.Lock()


def _project_names(options: GcpFleetOptions, scope: str) -> tuple[dict[str, str], Coverage | None, Counter[str]]:
    """A project's number -> id (its project asset), read once per worker and scan by whichever family's
    unit comes first (the calls are that unit's; later units get none). Kept for a few hundred projects."""
    key = (options, scope)
    with _NAMES_LOCK:
        if key in _NAMES:
            names, naming = _NAMES[key]
            return names, naming, Counter()
    names, naming, calls = read_project_names(_lister(options), scope)
    with _NAMES_LOCK:
        if len(_NAMES) >= 256:
            _NAMES.pop(next(iter(_NAMES)))
        _NAMES[key] = (names, naming)
    return names, naming, calls


def _listed_at(scope: Scope) -> str:
    """Where a scope's assets are listed: ``projects/ID`` for a project, a folder or organization as named."""
    return scope.id if "/" in scope.id else f"projects/{scope.id}"


def _joined(*plans: ScanPlan) -> ScanPlan:
    """One plan of several plans' disjoint scopes (projects read alone, folders / organizations read for their
    hierarchy), in scope order."""
    by_scope = {scope: plan.units_of(scope) for plan in plans for scope in plan.scopes}
    scopes = tuple(sorted(by_scope))
    return ScanPlan(scopes, (), tuple(u for scope in scopes for u in by_scope[scope]), by_scope)


def run_unit(unit: Unit, options: GcpFleetOptions) -> GcpUnitResult | UnitFailure:
    """Run one unit where this function is called (a worker): credential, client and listings all made here.
    A credential this worker cannot build is a `UnitFailure`; a family that cannot be read is failed
    coverage inside the result, as in the thread scan."""
    started = time.perf_counter()
    try:
        lister = _lister(options)
    except Exception as exc:
        return UnitFailure(unit, f"no Google credential on this worker: {exc}", 1)
    by_name = {f.name: f for f in all_families()}
    missing = sorted(set(unit.steps) - set(by_name))
    if missing:
        return UnitFailure(unit, f"this worker has no family named {', '.join(missing)} "
                                 "(workers and coordinator run different versions)", 1)
    scope = _listed_at(unit.scope)
    names, naming, calls = _project_names(options, scope)
    reads = [read_family(lister, by_name[name], scope, names) for name in unit.steps]
    if reads:
        reads[0].calls.update(calls)
    return GcpUnitResult(unit, reads, naming, time.perf_counter() - started)


def finish_project(scope: Scope, outcomes: Sequence[GcpUnitResult | UnitFailure]) -> GcpScanResult:
    """One project's (or a folder's / an organization's hierarchy) result from all its units: a unit that
    failed is UNKNOWN for exactly its families."""
    by_name = {f.name: f for f in all_families()}
    name = _listed_at(scope)
    reads: list[FamilyRead] = []
    naming: dict[str, Coverage] = {}
    seconds = 0.0
    for outcome in outcomes:
        if isinstance(outcome, UnitFailure):
            reads += [failed_family(by_name[step], name, f"{outcome.reason} ({step} in {name})")
                      for step in outcome.unit.steps if step in by_name]
        else:
            reads += outcome.reads
            seconds += outcome.seconds
            if outcome.naming is not None:
                naming.setdefault(outcome.naming.account, outcome.naming)
    return result_of(reads, [name], seconds, coverage=naming.values())


def merge_projects(results: Iterable[GcpScanResult], own_calls: Counter[str] | None = None,
                   seconds: float = 0.0) -> GcpScanResult:
    """Many projects' results as one, in project order whatever order they completed in."""
    ordered = sorted(results, key=lambda r: r.scopes)
    scopes = [s for r in ordered for s in r.scopes]
    c = combine(ordered, own_calls)
    account = scopes[0] if len(scopes) == 1 else f"{len(scopes)} scopes"
    return GcpScanResult("gcp", account, c.regions, c.resources, c.gaps, c.coverage, c.calls, seconds,
                         scopes=scopes)


def projects_below(lister: Lister, parents: Iterable[str], calls: Counter[str]) -> list[str]:
    """The ids of the live projects below folders / organizations (``folders/N``), from their project assets.
    A listing that fails, or a parent with no project, is a `ScanError`: a fleet scan of nothing would
    look clean."""
    from hitrust_policies.sources.live.gcp.errors import describe_failure

    found: list[str] = []
    for parent in parents:
        try:
            assets = lister.list(parent, [PROJECT_TYPE], RESOURCE, calls)
        except Exception as exc:
            raise ScanError(f"could not list the projects of {parent} "
                            f"({describe_failure(exc, PERMISSIONS[RESOURCE])})") from exc
        ids = [str(data(a).get("projectId")) for a in assets if data(a).get("projectId")
               and str(data(a).get("lifecycleState") or "") in LIVE_STATES]
        if not ids:
            raise ScanError(f"{parent} has no project this credential can list")
        found += ids
    return found


def scan_projects(
    *,
    executor: Any,
    credentials: Any = None,
    access_token_file: str | None = None,
    projects: Sequence[str] = (),
    folders: Sequence[str] = (),
    organizations: Sequence[str] = (),
    api_endpoint: str | None = None,
    families: Sequence[Family] | None = None,
    max_attempts: int = 5,
    backoff: float = 1.0,
    group_by: Grouping = "collector",
    max_per_scope: int = 4,
    open_scopes: int = 8,
    retries: int = 1,
    timeout: float | None = None,
    progress: Any = None,
    sink: Callable[[GcpScanResult], None] | None = None,
) -> GcpScanResult:
    """Scan many projects as units (project x family, by default) on ``executor``.

    The coordinator lists the projects below ``folders`` / ``organizations`` with ``credentials`` (its own;
    from ``access_token_file`` or ADC when not given and a listing is needed), plans, and hands out units
    that name only families: a project below them is read alone for every family but the hierarchy's, which
    run once at each folder / organization given (a scope of their own); a project given alone is read for
    every family. With ``sink``, each scope's result goes to it once finished and is not kept. A project that
    cannot be read (403) is UNKNOWN for exactly its families; the rest report."""
    from hitrust_policies.fleet.plan import plan_scan, steps_of
    from hitrust_policies.fleet.runner import run_plan
    from hitrust_policies.sources.live.gcp.scan import scope_names

    started = time.perf_counter()
    calls: Counter[str] = Counter()
    given = [s.split("/", 1)[1] for s in scope_names(projects)]
    parents = scope_names((), folders, organizations)
    below: list[str] = []
    if parents:
        from hitrust_policies.sources.live.gcp.auth import asset_client
        from hitrust_policies.sources.live.gcp.auth import credentials as make_credentials

        creds = credentials if credentials is not None else make_credentials(access_token_file)
        below = projects_below(Lister(asset_client(creds, api_endpoint), max_attempts, backoff), parents, calls)
    if not given and not below:
        raise ScanError("nothing to scan: give --project, --folder or --organization")
    chosen = list(families) if families is not None else all_families()
    alone = [f for f in chosen if not f.hierarchy]
    token_file = os.path.abspath(access_token_file) if access_token_file else None  # the same path on every worker
    options = GcpFleetOptions(access_token_file=token_file, api_endpoint=api_endpoint,
                              max_attempts=max_attempts, backoff=backoff, scan_id=uuid.uuid4().hex)
    plans = [plan_scan([Scope("gcp", p) for p in given if p not in below], steps_of(chosen), group_by=group_by)]
    if alone:
        plans.append(plan_scan([Scope("gcp", p) for p in below], steps_of(alone), group_by=group_by))
    if len(alone) < len(chosen):
        plans.append(plan_scan([Scope("gcp", p) for p in parents], steps_of([f for f in chosen if f.hierarchy]),
                               group_by=group_by))
    plan = _joined(*plans)
    finished: list[GcpScanResult] = []

    def on_scope(scope: Scope, outcomes: list[Any]) -> None:
        result = finish_project(scope, outcomes)
        if sink is not None:
            sink(result)
            result = GcpScanResult("gcp", result.account, result.regions, [], [], [], result.calls, result.seconds,
                                   scopes=result.scopes)
        finished.append(result)

    run_plan(plan, functools.partial(run_unit, options=options), executor, on_scope, max_per_scope=max_per_scope,
             open_scopes=open_scopes, retries=retries, timeout=timeout, progress=progress)
    return merge_projects(finished, calls, time.perf_counter() - started)
