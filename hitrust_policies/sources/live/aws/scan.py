"""Scan one AWS account: every collector in every region, concurrently, read-only.

Failures are data, not crashes: a listing that fails becomes a `CoverageGap` (UNKNOWN
findings for every rule over what it would have listed), a per-resource call that fails
becomes an `Unknown` fact, and the coverage table says which region/service was read.
Only two failures stop a scan: the account cannot be identified, or no region at all
could be read.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.engine import CoverageGap, evaluate
from hitrust_policies.findings import Finding
from hitrust_policies.model import AuditTrail, ResourceRef
from hitrust_policies.rules.registry import Rule
from hitrust_policies.sources.live.aws.audit_logs import LOG_GROUPS, AuditLogDestination, join_audit_log_groups
from hitrust_policies.sources.live.aws.change_alarms import CHANGE_ALARMS, join_change_alerting
from hitrust_policies.sources.live.aws.cloudtrail import audit_coverage
from hitrust_policies.sources.live.aws.collector import ClientPool, Collector, Ctx, OrganizationView, all_collectors
from hitrust_policies.sources.live.aws.errors import describe_failure

HOME_REGION = "us-east-1"
log = logging.getLogger(__name__)


class ScanError(RuntimeError):
    """The scan could not produce a meaningful report (no identity, no region readable)."""


class ScanConfigError(ValueError):
    """The scan was asked for something that does not exist (an unknown profile or region): a usage error.
    ``param`` names the option (or environment variable) that asked for it."""

    def __init__(self, message: str, param: str = "--profile") -> None:
        super().__init__(message)
        self.param = param


def profile_session(profile: str | None) -> Any:
    """A boto3 session on ``profile``, else on the standard chain; a profile that does not exist is a
    usage error attributed to where it was named: ``--profile``, or the ``AWS_PROFILE`` variable."""
    import os

    import boto3
    from botocore.exceptions import ProfileNotFound

    try:
        return boto3.Session(profile_name=profile)
    except ProfileNotFound as exc:
        if profile:
            raise ScanConfigError(str(exc), param="--profile") from None
        source = "AWS_PROFILE" if os.environ.get("AWS_PROFILE") else "AWS_DEFAULT_PROFILE"
        raise ScanConfigError(f"{exc} (named by the {source} environment variable)", param=source) from None


def _check_regions_exist(ec2: Any, account: str, regions: list[str]) -> None:
    """Regions asked for by name must be regions of this account's partition (ec2:DescribeRegions with
    AllRegions): a typo such as us-east-9 is a usage error, not a region whose every listing "failed".
    If the listing itself is denied, the scan goes on and each region's coverage tells what was read."""
    if not regions:
        return  # nothing to check: the scan says "no regions to scan"
    try:
        known = {r["RegionName"] for r in ec2.describe_regions(AllRegions=True)["Regions"]}
    except Exception as exc:
        log.warning("could not check the region names (%s); scanning them as given",
                    describe_failure(exc, "ec2:DescribeRegions"))
        return
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise ScanConfigError(f"no such region in account {account}: {', '.join(unknown)} (regions: "
                              f"{', '.join(sorted(known))})", param="--regions")


@dataclass(frozen=True)
class Coverage:
    """What one collector read in one region."""

    collector: str
    region: str
    status: str  # ok | partial | failed
    resources: int
    problems: tuple[str, ...] = ()
    account: str = ""
    path: str = "api"  # how it was read: "api" (the service's own calls) or "config" (an AWS Config inventory)


@dataclass
class ScanResult:
    provider: str
    account: str
    regions: list[str]
    resources: list[Any]
    gaps: list[CoverageGap]
    coverage: list[Coverage]
    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    principal: str = ""  # the identity the scan ran as (caller ARN), for the report's run header

    @property
    def complete(self) -> bool:
        return all(c.status == "ok" for c in self.coverage)

    @property
    def regions_read(self) -> list[str]:
        return sorted({c.region for c in self.coverage if c.status != "failed" and c.region != "global"})

    def findings(self, rules: Iterable[Rule] | None = None) -> list[Finding]:
        return evaluate(self.resources, rules, gaps=self.gaps)


@contextmanager
def recorded_calls(session: Any) -> Iterator[Counter[str]]:
    """Count every API operation the session's clients make (botocore ``before-call``), until exit.

    A session may run several scans; each scan's counter is the evidence of that scan alone.
    """
    calls: Counter[str] = Counter()
    lock = threading.Lock()
    unique_id = f"hitrust-record-calls-{id(calls)}"

    def on_call(model: Any, **_: Any) -> None:
        with lock:
            calls[f"{model.service_model.service_name}:{model.name}"] += 1

    session.events.register("before-call", on_call, unique_id=unique_id)
    try:
        yield calls
    finally:
        session.events.unregister("before-call", unique_id=unique_id)


def _partition(arn: str) -> str:
    """``aws``, ``aws-us-gov``, ``aws-cn``... from the caller's ARN (ARNs built by collectors must match).

    >>> _partition("arn:aws-us-gov:iam::123456789012:user/x"), _partition("")
    ('aws-us-gov', 'aws')
    """
    parts = arn.split(":")
    return parts[1] if len(parts) > 2 and parts[0] == "arn" and parts[1] else "aws"


def _where(c: Collector, label: str) -> str:
    return f"{c.name} in {'all regions' if label == 'global' else label}"


def _listing_failure(exc: BaseException, c: Collector, label: str) -> str:
    """Why a whole listing is missing: the failed call when botocore names it, and where.

    >>> from botocore.exceptions import ClientError
    >>> err = ClientError({"Error": {"Code": "AccessDenied"}}, "DescribeDBInstances")
    >>> _listing_failure(err, Collector("rds-instances", "rds", True, (), (), list), "eu-west-1")
    'AccessDenied: rds:DescribeDBInstances (rds-instances in eu-west-1)'
    """
    where = _where(c, label)
    operation = getattr(exc, "operation_name", None)
    if operation:
        return f"{describe_failure(exc, f'{c.service}:{operation}')} ({where})"
    return describe_failure(exc, where)


def _gap_scope(account: str, region: str, c: Collector) -> ResourceRef:
    return ResourceRef(
        provider="aws",
        native_type=f"scope:{c.name}",
        native_id=f"aws:{account}:{region}:{c.name}",
        name=_where(c, region),
        account=account,
        region="" if region == "global" else region,
        source="live",
    )


def scan_aws(
    *,
    session: Any = None,
    profile: str | None = None,
    regions: Iterable[str] | None = None,
    collectors: Iterable[Collector] | None = None,
    endpoint_url: str | None = None,
    max_workers: int = 16,
    max_attempts: int = 5,
    progress: Callable[[int, int, str], None] | None = None,
    organization: OrganizationView | None = None,
    check_regions: bool = False,
) -> ScanResult:
    """Scan one account. ``organization``: what an organization scan's principal read for its members.
    ``check_regions``: regions given by name must exist in the account (one ec2:DescribeRegions), else
    `ScanConfigError` (the command line asks for it; a region that does not exist is a usage error there)."""

    started = time.perf_counter()
    if session is None:
        session = profile_session(profile)
    with recorded_calls(session) as calls:
        return _scan(session, calls, regions, collectors, endpoint_url, max_workers, max_attempts, progress,
                     started, organization, check_regions)


def client_pool(session: Any, endpoint_url: str | None, max_workers: int = 16, max_attempts: int = 5) -> ClientPool:
    """The clients one account's scan shares: standard retries with backoff, bounded timeouts."""
    return ClientPool(session, client_config(max_attempts, max_workers), endpoint_url)


def client_config(max_attempts: int = 5, max_workers: int = 10) -> Any:
    """What every scan client gets: standard retries with backoff, bounded timeouts, a pool per thread."""
    from botocore.config import Config

    return Config(retries={"mode": "standard", "total_max_attempts": max_attempts}, connect_timeout=5,
                  read_timeout=20, max_pool_connections=max_workers)


def identify(pool: ClientPool, home: str) -> tuple[str, str]:
    """(account id, caller ARN) of the pool's credentials; `ScanError` naming the call if it fails."""
    try:
        identity = pool.get("sts", home).get_caller_identity()
    except Exception as exc:
        raise ScanError(f"could not identify the AWS account ({describe_failure(exc, 'sts:GetCallerIdentity')})"
                        ) from exc
    return identity["Account"], identity.get("Arn", "")


def _scan(
    session: Any,
    calls: Counter[str],
    regions: Iterable[str] | None,
    collectors: Iterable[Collector] | None,
    endpoint_url: str | None,
    max_workers: int,
    max_attempts: int,
    progress: Callable[[int, int, str], None] | None,
    started: float,
    organization: OrganizationView | None = None,
    check_regions: bool = False,
) -> ScanResult:
    pool = client_pool(session, endpoint_url, max_workers, max_attempts)
    home = session.region_name or HOME_REGION
    account, caller_arn = identify(pool, home)
    if regions is None:
        try:
            listed = pool.get("ec2", home).describe_regions(AllRegions=False)["Regions"]
        except Exception as exc:
            raise ScanError(f"could not list enabled regions ({describe_failure(exc, 'ec2:DescribeRegions')}); "
                            "pass --regions") from exc
        regions = [r["RegionName"] for r in listed if r.get("OptInStatus") != "not-opted-in"]
    else:
        regions = list(regions)
        if check_regions:
            _check_regions_exist(pool.get("ec2", home), account, regions)
    region_list = sorted(dict.fromkeys(regions))
    if not region_list:
        raise ScanError("no regions to scan")
    chosen = list(collectors) if collectors is not None else all_collectors()
    tasks = [(c, r) for c in chosen for r in (region_list if c.regional else [home])]
    log.info("scanning account %s: %d collectors in %d regions (%d tasks)", account, len(chosen),
             len(region_list), len(tasks))
    collected = collect(pool, account, caller_arn, tasks, region_list, max_workers, progress, organization)
    return finish(account, caller_arn, chosen, region_list, collected, calls, time.perf_counter() - started)


@dataclass
class Collected:
    """What some collectors read in one account, before the account-wide joins (`finish`)."""

    resources: list[Any] = field(default_factory=list)
    gaps: list[CoverageGap] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)

    def extend(self, other: Collected) -> None:
        self.resources += other.resources
        self.gaps += other.gaps
        self.coverage += other.coverage

    def failed(self, c: Collector, account: str, label: str, reason: str) -> None:
        """``c`` read nothing in ``label`` (a region, or "global"): failed coverage, and a gap per kind it yields,
        so every rule over those kinds is UNKNOWN with ``reason``."""
        self.coverage.append(Coverage(c.name, label, "failed", 0, (reason,), account))
        self.gaps.extend(CoverageGap(kind, _gap_scope(account, label, c), reason) for kind in c.kinds)


def collect(
    pool: ClientPool,
    account: str,
    caller_arn: str,
    tasks: list[tuple[Collector, str]],
    region_list: list[str],
    max_workers: int,
    progress: Callable[[int, int, str], None] | None = None,
    organization: OrganizationView | None = None,
) -> Collected:
    """Run ``tasks`` (collector, region) concurrently; a listing that fails is a gap, never an exception.
    ``region_list``: every region the account's scan covers (collectors that look across regions read it)."""
    out = Collected()

    def run(c: Collector, region: str) -> tuple[list[Any], Ctx]:
        ctx = Ctx(pool, account, region, partition=_partition(caller_arn), scan_regions=tuple(region_list),
                  organization=organization)
        return list(c.fn(ctx)), ctx

    executor = ThreadPoolExecutor(max_workers=max_workers)
    futures: dict[Any, tuple[Collector, str]] = {}
    try:
        for c, r in tasks:
            futures[executor.submit(run, c, r)] = (c, r)
        for done, future in enumerate(as_completed(futures), 1):
            c, region = futures[future]
            label = region if c.regional else "global"
            try:
                items, ctx = future.result()
            except Exception as exc:
                out.failed(c, account, label, _listing_failure(exc, c, label))
            else:
                out.resources.extend(items)
                status = "partial" if ctx.problems else "ok"
                count = sum(not isinstance(i, AuditLogDestination) for i in items)
                out.coverage.append(Coverage(c.name, label, status, count, tuple(dict.fromkeys(ctx.problems)),
                                             account))
            log.info("%s %s: %s (%d of %d)", c.name, label, out.coverage[-1].status, done, len(tasks))
            if progress:
                progress(done, len(tasks), f"{c.name} {label}")
    except BaseException:
        # Ctrl-C (or a crash) in the main thread: queued tasks never start, running ones stop at their next call.
        pool.cancel()
        cancelled = sum(f.cancel() for f in futures)
        executor.shutdown(wait=False, cancel_futures=True)
        log.info("scan interrupted: %d queued collector tasks cancelled, %d running ones stop at their next call",
                 cancelled, sum(f.running() for f in futures))
        raise
    executor.shutdown()
    return out


def finish(
    account: str,
    caller_arn: str,
    chosen: list[Collector],
    region_list: list[str],
    collected: Collected,
    calls: Counter[str],
    seconds: float,
) -> ScanResult:
    """The account's result once every collector is back: account-wide joins (trails with their log groups,
    audit coverage across regions) need all of it. `ScanError` when no region could be read at all."""
    resources, gaps, coverage = list(collected.resources), list(collected.gaps), list(collected.coverage)
    regional = [c for c in coverage if c.region != "global"]
    if regional and all(c.status == "failed" for c in regional):
        reasons = sorted({p for c in regional for p in c.problems})
        # Denials are an answer from every region (the report shows them as UNKNOWN); an
        # unreachable or throttled-out account is not, and a report would pretend it was read.
        if not all(r.startswith("AccessDenied") for r in reasons):
            raise ScanError(f"no region could be read: {'; '.join(reasons)[:500]}")

    trail_failures = [c.problems[0] for c in coverage if c.collector == "cloudtrail-trails" and c.status == "failed"]
    if any(c.name == "cloudtrail-trails" for c in chosen):
        resources.append(audit_coverage(account, [r for r in resources if isinstance(r, AuditTrail)],
                                        trail_failures))
    records = [r for r in resources if isinstance(r, AuditLogDestination)]
    resources = [r for r in resources if not isinstance(r, AuditLogDestination)]
    if any(c.name == LOG_GROUPS for c in chosen):
        failures = [(c.collector, c.region, c.problems[0]) for c in coverage if c.status == "failed"]
        resources = join_audit_log_groups(resources, records, failures, {c.name for c in chosen}, account)
    if any(c.name == CHANGE_ALARMS for c in chosen):
        failed = [(c.collector, c.region, c.problems[0]) for c in coverage if c.status == "failed"]
        resources = join_change_alerting(resources, account, failed, {c.name for c in chosen}, region_list)
    coverage.sort(key=lambda c: (c.collector, c.region))
    return ScanResult("aws", account, region_list, resources, gaps, coverage, calls, seconds, principal=caller_arn)
