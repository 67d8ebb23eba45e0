"""Azure subscriptions as fleet scopes: what a worker runs for one subscription x family group, and how a
subscription's units become its result.

A worker makes its own credential from its own environment (``--auth``: managed identity, workload identity,
AZURE_* service-principal variables, a token in AZURE_ACCESS_TOKEN), once per worker process. The coordinator
sends only the unit and `AzureFleetOptions` (the auth mode's name, the cloud, the ARM endpoint, retry
settings: no secret, no token), so nothing secret enters a task graph; it lists the subscriptions itself
(given, every one it sees, or below management groups) and never reads a resource.
"""

from __future__ import annotations

import functools
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.fleet.plan import Grouping, Scope, Unit
from hitrust_policies.fleet.results import combine
from hitrust_policies.fleet.runner import UnitFailure
from hitrust_policies.sources.live.azure.families import Family, SharedReads, all_families
from hitrust_policies.sources.live.azure.scan import (
    AzureScanResult,
    Clients,
    FamilyRead,
    failed_family,
    read_family,
    result_of,
)


@dataclass(frozen=True)
class AzureFleetOptions:
    """How every worker reaches ARM. ``auth`` is the name of a credential kind the worker builds from its own
    environment; ``scan_id`` keys what workers share within one scan (directory reads), so a long-lived
    cluster never answers tonight's scan with yesterday's reads."""

    auth: str = "default"
    cloud: str = "AzureCloud"
    arm_endpoint: str | None = None
    max_attempts: int = 5
    backoff: float = 0.8
    scan_id: str = ""


@dataclass
class AzureUnitResult:
    """What one unit read: one `FamilyRead` per family, and how long it took."""

    unit: Unit
    reads: list[FamilyRead] = field(default_factory=list)
    seconds: float = 0.0


@functools.lru_cache(maxsize=4)
def _worker_clients(auth: str, cloud: str, arm_endpoint: str | None, max_attempts: int, backoff: float) -> Clients:
    """This worker process's credential and clients, made on its first unit and kept: azure-identity caches
    tokens in the credential, so a worker running hundreds of units signs in once."""
    from hitrust_policies.sources.live.azure.auth import make_credential
    from hitrust_policies.sources.live.azure.clouds import cloud as resolve_cloud

    target = resolve_cloud(cloud, arm_endpoint)
    return Clients(make_credential(auth, target), target, max_attempts, backoff)


@functools.lru_cache(maxsize=2)
def _shared_reads(scan_id: str) -> SharedReads:
    """The directory reads this worker's units of one scan share (a user owning many subscriptions is read
    once per worker, not once per subscription)."""
    return SharedReads()


def run_unit(unit: Unit, options: AzureFleetOptions) -> AzureUnitResult | UnitFailure:
    """Run one unit where this function is called (a worker): credential, clients and reads all made here.
    A credential this worker cannot build is a `UnitFailure` (retrying on the same environment would not
    change it); a family that cannot be read is failed coverage inside the result, as in the thread scan."""
    started = time.perf_counter()
    try:
        clients = _worker_clients(options.auth, options.cloud, options.arm_endpoint, options.max_attempts,
                                  options.backoff)
    except Exception as exc:
        return UnitFailure(unit, f"no Azure credential on this worker (--auth {options.auth}): {exc}", 1)
    by_name = {f.name: f for f in all_families()}
    missing = sorted(set(unit.steps) - set(by_name))
    if missing:
        return UnitFailure(unit, f"this worker has no family named {', '.join(missing)} "
                                 "(workers and coordinator run different versions)", 1)
    shared = _shared_reads(options.scan_id)
    reads = [read_family(clients, by_name[name], unit.scope.id, shared) for name in unit.steps]
    return AzureUnitResult(unit, reads, time.perf_counter() - started)


def finish_subscription(scope: Scope, outcomes: Sequence[AzureUnitResult | UnitFailure]) -> AzureScanResult:
    """One subscription's result from all its units: a unit that failed is UNKNOWN for exactly its families."""
    by_name = {f.name: f for f in all_families()}
    reads: list[FamilyRead] = []
    seconds = 0.0
    for outcome in outcomes:
        if isinstance(outcome, UnitFailure):
            reads += [failed_family(by_name[name], scope.id, f"{outcome.reason} ({name} in subscription {scope.id})")
                      for name in outcome.unit.steps if name in by_name]
        else:
            reads += outcome.reads
            seconds += outcome.seconds
    return result_of(reads, [scope.id], None, seconds)


def merge_subscriptions(results: Iterable[AzureScanResult], tenant: str | None = None,
                        own_calls: Counter[str] | None = None, seconds: float = 0.0) -> AzureScanResult:
    """Many subscriptions' results as one, in subscription order whatever order they completed in."""
    ordered = sorted(results, key=lambda r: r.subscriptions)
    subs = [s for r in ordered for s in r.subscriptions]
    c = combine(ordered, own_calls)
    account = tenant or (subs[0] if len(subs) == 1 else f"{len(subs)} subscriptions")
    return AzureScanResult("azure", account, c.regions, c.resources, c.gaps, c.coverage, c.calls, seconds,
                           subscriptions=subs, tenant=tenant)


def scan_subscriptions(
    *,
    executor: Any,
    credential: Any = None,
    auth: str = "default",
    cloud: str = "AzureCloud",
    arm_endpoint: str | None = None,
    subscriptions: Sequence[str] = (),
    all_subscriptions: bool = False,
    management_groups: Sequence[str] = (),
    families: Sequence[Family] | None = None,
    max_attempts: int = 5,
    backoff: float = 0.8,
    group_by: Grouping = "collector",
    max_per_scope: int = 4,
    open_scopes: int = 8,
    retries: int = 1,
    timeout: float | None = None,
    progress: Any = None,
    sink: Callable[[AzureScanResult], None] | None = None,
) -> AzureScanResult:
    """Scan many subscriptions as units (subscription x family, by default) on ``executor``.

    The coordinator lists the subscriptions with ``credential`` (its own; made from ``auth`` when not given
    and a listing is needed), plans, and hands out units that name only families. With ``sink``, each
    subscription's result goes to it once finished and is not kept (the returned result then names the
    subscriptions and calls, but holds no resources, gaps or coverage). A subscription that cannot be read
    (403) is UNKNOWN for exactly its families; the rest report."""
    from hitrust_policies.fleet.plan import plan_scan, steps_of
    from hitrust_policies.fleet.runner import run_plan
    from hitrust_policies.sources.live.azure.clouds import cloud as resolve_cloud
    from hitrust_policies.sources.live.azure.scan import list_subscriptions

    started = time.perf_counter()
    calls: Counter[str] = Counter()
    target = resolve_cloud(cloud, arm_endpoint)
    clients: Any = None
    if all_subscriptions or management_groups:
        if credential is None:
            from hitrust_policies.sources.live.azure.auth import make_credential

            credential = make_credential(auth, target)
        clients = Clients(credential, target, max_attempts, backoff)
    chosen_subs, tenant = list_subscriptions(clients, subscriptions, all_subscriptions, management_groups, calls)
    chosen = list(families) if families is not None else all_families()
    options = AzureFleetOptions(auth=auth, cloud=cloud, arm_endpoint=arm_endpoint, max_attempts=max_attempts,
                                backoff=backoff, scan_id=uuid.uuid4().hex)
    plan = plan_scan([Scope("azure", s) for s in chosen_subs], steps_of(chosen), group_by=group_by)
    finished: list[AzureScanResult] = []

    def on_scope(scope: Scope, outcomes: list[Any]) -> None:
        result = finish_subscription(scope, outcomes)
        if sink is not None:
            sink(result)
            result = AzureScanResult("azure", result.account, result.regions, [], [], [], result.calls,
                                     result.seconds, subscriptions=result.subscriptions)
        finished.append(result)

    run_plan(plan, functools.partial(run_unit, options=options), executor, on_scope, max_per_scope=max_per_scope,
             open_scopes=open_scopes, retries=retries, timeout=timeout, progress=progress)
    return merge_subscriptions(finished, tenant, calls, time.perf_counter() - started)
