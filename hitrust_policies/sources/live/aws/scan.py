"""Scan one AWS account: every collector in every region, concurrently, read-only.

Failures are data, not crashes: a listing that fails becomes a `CoverageGap` (UNKNOWN
findings for every rule over what it would have listed), a per-resource call that fails
becomes an `Unknown` fact, and the coverage table says which region/service was read.
Only two failures stop a scan: the account cannot be identified, or no region at all
could be read.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.engine import CoverageGap, evaluate
from hitrust_policies.findings import Finding
from hitrust_policies.model import AuditTrail, ResourceRef
from hitrust_policies.rules.registry import Rule
from hitrust_policies.sources.live.aws.cloudtrail import audit_coverage
from hitrust_policies.sources.live.aws.collector import ClientPool, Collector, Ctx, all_collectors
from hitrust_policies.sources.live.aws.errors import describe_failure

HOME_REGION = "us-east-1"


class ScanError(RuntimeError):
    """The scan could not produce a meaningful report (no identity, no region readable)."""


@dataclass(frozen=True)
class Coverage:
    """What one collector read in one region."""

    collector: str
    region: str
    status: str  # ok | partial | failed
    resources: int
    problems: tuple[str, ...] = ()


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

    @property
    def complete(self) -> bool:
        return all(c.status == "ok" for c in self.coverage)

    @property
    def regions_read(self) -> list[str]:
        return sorted({c.region for c in self.coverage if c.status != "failed" and c.region != "global"})

    def findings(self, rules: Iterable[Rule] | None = None) -> list[Finding]:
        return evaluate(self.resources, rules, gaps=self.gaps)


def record_calls(session: Any, calls: Counter[str]) -> None:
    """Count every API operation the session's clients make (botocore ``before-call``)."""
    lock = threading.Lock()

    def on_call(model: Any, **_: Any) -> None:
        with lock:
            calls[f"{model.service_model.service_name}:{model.name}"] += 1

    session.events.register("before-call", on_call)


def _gap_scope(account: str, region: str, c: Collector) -> ResourceRef:
    where = "all regions" if region == "global" else region
    return ResourceRef(
        provider="aws",
        native_type=f"scope:{c.name}",
        native_id=f"aws:{account}:{region}:{c.name}",
        name=f"{c.name} in {where}",
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
) -> ScanResult:
    import boto3
    from botocore.config import Config

    started = time.perf_counter()
    session = session or boto3.Session(profile_name=profile)
    calls: Counter[str] = Counter()
    record_calls(session, calls)
    config = Config(retries={"mode": "standard", "max_attempts": max_attempts}, connect_timeout=5,
                    read_timeout=20, max_pool_connections=max_workers)
    pool = ClientPool(session, config, endpoint_url)
    home = session.region_name or HOME_REGION

    try:
        account = pool.get("sts", home).get_caller_identity()["Account"]
    except Exception as exc:
        raise ScanError(f"could not identify the AWS account ({describe_failure(exc, 'sts:GetCallerIdentity')})"
                        ) from exc
    if regions is None:
        try:
            listed = pool.get("ec2", home).describe_regions(AllRegions=False)["Regions"]
        except Exception as exc:
            raise ScanError(f"could not list enabled regions ({describe_failure(exc, 'ec2:DescribeRegions')}); "
                            "pass --regions") from exc
        regions = [r["RegionName"] for r in listed if r.get("OptInStatus") != "not-opted-in"]
    region_list = sorted(dict.fromkeys(regions))
    if not region_list:
        raise ScanError("no regions to scan")
    chosen = list(collectors) if collectors is not None else all_collectors()
    tasks = [(c, r) for c in chosen for r in (region_list if c.regional else [home])]

    resources: list[Any] = []
    gaps: list[CoverageGap] = []
    coverage: list[Coverage] = []

    def run(c: Collector, region: str) -> tuple[list[Any], Ctx]:
        ctx = Ctx(pool, account, region)
        return list(c.fn(ctx)), ctx

    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        futures = {executor.submit(run, c, r): (c, r) for c, r in tasks}
        for done, future in enumerate(as_completed(futures), 1):
            c, region = futures[future]
            label = region if c.regional else "global"
            try:
                items, ctx = future.result()
            except Exception as exc:
                reason = describe_failure(exc, f"{c.name} in {label}")
                coverage.append(Coverage(c.name, label, "failed", 0, (reason,)))
                gaps.extend(CoverageGap(kind, _gap_scope(account, label, c), reason) for kind in c.kinds)
            else:
                resources.extend(items)
                status = "partial" if ctx.problems else "ok"
                coverage.append(Coverage(c.name, label, status, len(items), tuple(dict.fromkeys(ctx.problems))))
            if progress:
                progress(done, len(tasks), f"{c.name} {label}")

    if not any(c.status != "failed" and c.region != "global" for c in coverage) and any(
        c.regional for c in chosen
    ):
        failures = "; ".join(sorted({p for c in coverage for p in c.problems}))[:500]
        raise ScanError(f"no region could be read: {failures}")

    trail_failures = [c.problems[0] for c in coverage if c.collector == "cloudtrail-trails" and c.status == "failed"]
    if any(c.name == "cloudtrail-trails" for c in chosen):
        resources.append(audit_coverage(account, [r for r in resources if isinstance(r, AuditTrail)],
                                        trail_failures))
    coverage.sort(key=lambda c: (c.collector, c.region))
    return ScanResult("aws", account, region_list, resources, gaps, coverage, calls,
                      time.perf_counter() - started)
