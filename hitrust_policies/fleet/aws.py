"""AWS organization scans in units: what a worker runs for one account x region x service, and how an
account's units become its `ScanResult`.

A worker makes its own credentials: its environment (instance role, IRSA, a profile on the worker), then
``sts:AssumeRole`` into the member account's scanning role. The coordinator sends only the unit and
`AwsFleetOptions` (role name, endpoint, regions: no key, no token), so nothing secret enters a task graph.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.fleet.cluster import executor_for as executor_for  # the public name callers used
from hitrust_policies.fleet.plan import GLOBAL, Scope, Unit
from hitrust_policies.fleet.runner import UnitFailure
from hitrust_policies.sources.live.aws.collector import OrganizationView, all_collectors
from hitrust_policies.sources.live.aws.errors import describe_failure
from hitrust_policies.sources.live.aws.scan import (
    HOME_REGION,
    Collected,
    ScanError,
    ScanResult,
    client_pool,
    collect,
    finish,
    identify,
    profile_session,
    recorded_calls,
)


@dataclass(frozen=True)
class AwsFleetOptions:
    """How every worker reaches and reads member accounts. ``external_id`` is not a secret (AWS calls it an
    identifier the third party chooses, to prevent confused deputies); ``assume``: False scans with the
    worker's own credentials (its own account only)."""

    role_name: str = "hitrust-scanner"
    external_id: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    regions: tuple[str, ...] = ()
    home_region: str = HOME_REGION
    assume: bool = True
    max_workers: int = 8
    max_attempts: int = 5
    organization: OrganizationView | None = None
    scan_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # one scan's member sessions are its own


@dataclass
class UnitResult:
    """What one unit read (``collected``), the API calls it made and who it ran as."""

    unit: Unit
    collected: Collected
    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    principal: str = ""
    worker: str = ""  # host:pid; ``calls`` is that worker's running count for the account, not this unit's


@functools.lru_cache(maxsize=4)
def _worker_session(profile: str | None, home_region: str) -> tuple[Any, threading.Lock]:
    """This worker process's own session, made on its first unit and kept: every member session made from
    it shares its parsed service models, so a worker running hundreds of units parses each model once."""
    import boto3

    session = profile_session(profile)
    if session.region_name is None:
        session = boto3.Session(profile_name=profile, region_name=home_region)
    return session, threading.Lock()


MEMBER_TTL = 45 * 60.0  # assumed-role credentials last an hour by default; stop reusing them well before
MEMBERS_KEPT = 16  # accounts whose member session a worker keeps (a scan has few accounts open at once)
WORKER = f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class _Member:
    """One account as this worker reads it in one scan: its assumed-role session, its clients (created once
    per service and region however many units of the account land here), who it is, and every call made
    through it (a counter the session's clients feed from their first call)."""

    pool: Any = None
    principal: str = ""
    failure: str = ""
    made: float = field(default_factory=time.monotonic)
    calls: Counter[str] = field(default_factory=Counter)
    ready: threading.Event = field(default_factory=threading.Event)


_members: OrderedDict[tuple[str, str], _Member] = OrderedDict()
_members_lock = threading.Lock()


def _count_calls(session: Any, calls: Counter[str]) -> None:
    lock = threading.Lock()

    def on_call(model: Any, **_: Any) -> None:
        with lock:
            calls[f"{model.service_model.service_name}:{model.name}"] += 1

    session.events.register("before-call", on_call)  # before any client exists: every client copies it


def _open_member(member: _Member, unit: Unit, options: AwsFleetOptions) -> None:
    """Assume the member role, make its client pool and check whose credentials they are (once)."""
    from hitrust_policies.sources.live.aws.accounts import assumed_session

    base, lock = _worker_session(options.profile, options.home_region)
    account = unit.scope.id
    session = base
    if options.assume:
        with lock:  # a boto3 session is not thread-safe; the member session it makes is this account's own
            sts = base.client("sts", endpoint_url=options.endpoint_url)
        role_arn = f"arn:{sts.meta.partition}:iam::{account}:role/{options.role_name}"
        member.calls["sts:AssumeRole"] += 1
        try:
            with lock:
                session = assumed_session(base, role_arn, options.external_id, options.endpoint_url)
        except Exception as exc:
            member.failure = describe_failure(exc, f"sts:AssumeRole {role_arn}")
            return
        _count_calls(session, member.calls)
    else:
        with lock:
            _count_calls(session, member.calls)
    pool = client_pool(session, options.endpoint_url, options.max_workers, options.max_attempts)
    try:
        seen, member.principal = identify(pool, session.region_name or options.home_region)
    except ScanError as exc:
        member.failure = str(exc)
        return
    if seen != account:
        member.failure = f"the credentials are for account {seen}, not {account}"
        return
    member.pool = pool


def _member(unit: Unit, options: AwsFleetOptions) -> _Member:
    """This scan's member session for the unit's account on this worker: made by the first unit of the
    account here (the others wait for it), reused until it is old, then made again. A role that cannot be
    assumed is remembered for the scan too: one refusal per worker, not one per unit."""
    key = (options.scan_id, unit.scope.id)
    with _members_lock:
        member = _members.get(key)
        stale = member is not None and (time.monotonic() - member.made > MEMBER_TTL or (
            member.pool is not None and member.pool.cancelled))
        if member is None or stale:
            member = _members[key] = _Member()
            mine = True
            while len(_members) > MEMBERS_KEPT:
                _members.popitem(last=False)
        else:
            _members.move_to_end(key)
            mine = False
    if mine:
        try:
            _open_member(member, unit, options)
        except BaseException as exc:
            member.failure = f"{type(exc).__name__}: {exc}"[:300]
            with _members_lock:  # not remembered: the next unit tries again
                if _members.get(key) is member:
                    del _members[key]
            raise
        finally:
            member.ready.set()
    else:
        member.ready.wait()
    return member


def run_unit(unit: Unit, options: AwsFleetOptions) -> UnitResult | UnitFailure:
    """Run one unit where this function is called (a worker): credentials, clients and reads all made here.
    A role that cannot be assumed or an account that cannot be identified is a `UnitFailure` (not retried
    by raising: the answer will not change within a scan)."""
    started = time.perf_counter()
    member = _member(unit, options)
    if member.pool is None:
        return UnitFailure(unit, member.failure, 1)
    chosen = [c for c in all_collectors() if c.name in unit.steps]
    missing = sorted(set(unit.steps) - {c.name for c in chosen})
    if missing:
        return UnitFailure(unit, f"this worker has no collector named {', '.join(missing)} "
                                 "(workers and coordinator run different versions)", 1)
    region = options.home_region if unit.region == GLOBAL else unit.region
    collected = collect(member.pool, unit.scope.id, member.principal, [(c, region) for c in chosen],
                        list(options.regions), options.max_workers, None, options.organization)
    return UnitResult(unit, collected, Counter(member.calls), time.perf_counter() - started, member.principal,
                      WORKER)


def _failed_unit(failure: UnitFailure) -> Collected:
    """Every collector of a unit that never ran: failed coverage and a gap per kind (so UNKNOWN findings)."""
    out = Collected()
    by_name = {c.name: c for c in all_collectors()}
    account = failure.unit.scope.id
    for name in failure.unit.steps:
        c = by_name.get(name)
        if c is None:
            continue
        label = failure.unit.region if c.regional else "global"
        out.failed(c, account, label, f"{failure.reason} ({name} in {'all regions' if label == 'global' else label})")
    return out


def finish_account(scope: Scope, outcomes: Sequence[UnitResult | UnitFailure],
                   options: AwsFleetOptions, config: Collected | None = None,
                   config_steps: Sequence[str] = ()) -> ScanResult:
    """One account's `ScanResult` from all its units: what failed is UNKNOWN for exactly those collectors and
    regions; the account-wide joins run over what was read. ``config``: what the AWS Config path read for the
    account (``config_steps``: the collectors it stands for), next to the units' reads."""
    merged = Collected()
    per_worker: dict[str, Counter[str]] = {}  # each worker's running count for the account: its largest is last
    seconds, principal = 0.0, ""
    names: set[str] = set(config_steps)
    if config is not None:
        merged.extend(config)
    for outcome in outcomes:
        names.update(outcome.unit.steps)
        if isinstance(outcome, UnitFailure):
            merged.extend(_failed_unit(outcome))
        else:
            merged.extend(outcome.collected)
            seen = per_worker.get(outcome.worker)
            if seen is None or outcome.calls.total() > seen.total():
                per_worker[outcome.worker] = outcome.calls
            seconds += outcome.seconds
            principal = principal or outcome.principal
    calls = sum(per_worker.values(), Counter())
    chosen = [c for c in all_collectors() if c.name in names]
    regions = sorted(options.regions)
    try:
        return finish(scope.id, principal, chosen, regions, merged, calls, seconds)
    except ScanError as exc:
        reason = str(exc)
        failed = Collected()
        for c in chosen:
            for region in (regions if c.regional else ["global"]):
                failed.failed(c, scope.id, region, reason)
        return ScanResult("aws", scope.id, regions, [], failed.gaps, sorted(failed.coverage,
                          key=lambda c: (c.collector, c.region)), calls, seconds, principal=principal)


def merge_accounts(results: Sequence[ScanResult], own_calls: Counter[str] | None = None,
                   seconds: float = 0.0) -> ScanResult:
    """Many accounts' results as one (in account order, whatever order they completed in)."""
    from hitrust_policies.fleet.results import combine

    ordered = sorted(results, key=lambda r: r.account)
    c = combine(ordered, own_calls)
    return ScanResult("aws", ",".join(r.account for r in ordered), c.regions, c.resources, c.gaps, c.coverage,
                      c.calls, seconds)


def scan_organization(
    *,
    executor: Any,
    accounts: Sequence[str] = (),
    organization: bool = False,
    role_name: str = "hitrust-scanner",
    external_id: str | None = None,
    profile: str | None = None,
    regions: Sequence[str] | None = None,
    collectors: Sequence[Any] | None = None,
    endpoint_url: str | None = None,
    max_per_scope: int = 4,
    open_scopes: int = 8,
    retries: int = 1,
    timeout: float | None = None,
    progress: Any = None,
    sink: Callable[[ScanResult], None] | None = None,
    max_per_service: dict[str, int] | None = None,
    config_aggregator: str | None = None,
    config_region: str | None = None,
    config_endpoint_url: str | None = None,
) -> ScanResult:
    """Scan many accounts as units on ``executor`` (threads, or a Dask client's executor).

    With ``sink``, each account's `ScanResult` goes to it as soon as the account is finished and is not
    kept: the result returned then names the accounts, regions and calls but holds no resources, gaps or
    coverage (the sink has them), so memory is bounded by the open accounts, not the organization.

    The coordinator lists the accounts (``organizations:ListAccounts``), the regions when none are given
    (its own account's enabled regions) and, when the root-account collector runs, what only the
    management account can see; then it plans and hands out units. Each account's result is finished when
    its last unit is back; an account whose role cannot be assumed is UNKNOWN for every collector.

    ``config_aggregator``: read what an AWS Config aggregator (in ``config_region``, default the home region)
    holds with one paged query per resource type, and plan direct units only for the rest (`fleet.aws_config`).
    """
    from hitrust_policies.fleet.plan import plan_scan, steps_of
    from hitrust_policies.fleet.runner import run_plan
    from hitrust_policies.sources.live.aws.accounts import organization_accounts
    from hitrust_policies.sources.live.aws.iam import read_organization_view

    started = time.perf_counter()
    session = profile_session(profile)
    home = session.region_name or HOME_REGION
    chosen = list(collectors) if collectors is not None else all_collectors()
    with recorded_calls(session) as own_calls:
        targets = list(accounts)
        if organization:
            try:
                targets += organization_accounts(session, endpoint_url)
            except Exception as exc:
                raise ScanError(f"could not list the organization's accounts "
                                f"({describe_failure(exc, 'organizations:ListAccounts')})") from exc
        if not targets:
            raise ScanError("no accounts to scan")
        if regions is None:
            try:
                listed = session.client("ec2", region_name=home, endpoint_url=endpoint_url).describe_regions(
                    AllRegions=False)["Regions"]
            except Exception as exc:
                raise ScanError(f"could not list enabled regions ({describe_failure(exc, 'ec2:DescribeRegions')})"
                                "; pass --regions") from exc
            regions = [r["RegionName"] for r in listed if r.get("OptInStatus") != "not-opted-in"]
        view = None
        if any(c.name == "iam-root-account" for c in chosen):
            view = read_organization_view(session.client("iam", region_name=home, endpoint_url=endpoint_url))
        config_path = None
        if config_aggregator:
            from hitrust_policies.fleet.aws_config import read_config_path

            config_path, _ = read_config_path(session, config_aggregator, config_region or home,
                                              config_endpoint_url or endpoint_url, [c.name for c in chosen])
    options = AwsFleetOptions(role_name=role_name, external_id=external_id, profile=profile,
                              endpoint_url=endpoint_url, regions=tuple(sorted(set(regions))), home_region=home,
                              organization=view)
    plan = plan_scan([Scope("aws", a) for a in targets], steps_of(chosen), options.regions)
    if config_path is not None:
        from hitrust_policies.fleet.aws_config import without_replaced

        plan = without_replaced(plan, config_path)
    finished: list[ScanResult] = []

    def on_scope(scope: Scope, outcomes: list[Any]) -> None:
        from hitrust_policies.fleet.aws_config import config_part

        config, config_steps = config_part(config_path, scope.id, options.regions)
        result = finish_account(scope, outcomes, options, config, config_steps)
        if sink is not None:
            sink(result)
            result = ScanResult(result.provider, result.account, result.regions, [], [], [], result.calls,
                                result.seconds, principal=result.principal)
        finished.append(result)

    run_plan(plan, functools.partial(run_unit, options=options), executor, on_scope, max_per_scope=max_per_scope,
             open_scopes=open_scopes, retries=retries, timeout=timeout, progress=progress,
             max_per_service=max_per_service)
    return merge_accounts(finished, own_calls, time.perf_counter() - started)
