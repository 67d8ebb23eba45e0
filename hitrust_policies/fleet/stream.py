"""An organization's report, built scope by scope as scopes finish, held on disk, not in memory.

`ScopeReports` is the ``sink`` of an organization scan (`fleet.aws.scan_organization` and its Azure / GCP
counterparts): each finished account, subscription or project is evaluated at once, its findings annotated
with the accepted risks that cover them, and its findings, coverage and (for an evidence bundle) resources
written to sorted `Spill` runs; then the scope is forgotten. What the coordinator holds grows with the
number of scopes only by a few counters, so an organization of thousands scans in the memory of a few.

`StreamedScan` is what the report writers read: the attributes of a `ScanResult` they use (provider,
account, regions, regions read, complete, coverage, calls), with coverage and resources read back from
disk in one total order. The findings come out in `order_key` order and coverage in (account, collector,
region) order whichever scope finished first, so the same organization gives byte-identical reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hitrust_policies.findings import Finding, References
from hitrust_policies.outputs.run import order_key
from hitrust_policies.outputs.spill import Spill


class Evaluated(NamedTuple):
    """A model value with the ids of the findings on it, as the evidence bundle's resources file lists it."""

    value: Any
    finding_ids: tuple[str, ...]


def coverage_key(c: Any) -> tuple[str, str, str, str]:
    return (c.account or "", c.collector, c.region, c.status)


def resource_key(r: Evaluated) -> tuple[str, tuple[str, ...]]:
    """The evidence bundle's resource order (kind, then identity): `outputs.evidence.resource_order`."""
    from hitrust_policies.outputs.evidence import resource_order

    return resource_order(r.value)


@dataclass
class StreamedScan:
    """The scan as report writers see it, after the last scope; coverage and resources are on disk."""

    provider: str
    account: str
    regions: list[str]
    coverage: Spill[Any]
    resources: Spill[Evaluated] | Sequence[Any]
    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    principal: str = ""
    complete: bool = True
    regions_read: list[str] = field(default_factory=list)
    evaluated: Spill[Finding] | None = None  # the findings, evaluated and annotated scope by scope
    suppressions: Any = None  # the suppression report across scopes (None without a suppressions file)


class ScopeReports:
    """Evaluate and spill each finished scope (call it with the scope's `ScanResult`).

    ``rules``: the selected, configured rules (None: all); ``suppressions``: parsed accepted-risk entries
    (None: no file); ``resources``: keep each evaluated model value for an evidence bundle.
    """

    def __init__(self, rules: Iterable[Any] | None = None, suppressions: Sequence[Any] | None = None,
                 resources: bool = False, directory: str | None = None) -> None:
        self.rules = list(rules) if rules is not None else None
        self.entries = list(suppressions) if suppressions is not None else None
        self.findings: Spill[Finding] = Spill(order_key, directory, shared=(References,))
        self.coverage: Spill[Any] = Spill(coverage_key, directory)
        self.resources: Spill[Evaluated] | None = Spill(resource_key, directory) if resources else None
        self.report: Any = None
        self.complete = True
        self.regions_read: set[str] = set()
        self.scopes = 0

    def __call__(self, result: Any) -> None:
        findings = result.findings(self.rules)
        if self.entries is not None:
            from hitrust_policies.suppressions import apply

            findings, self.report = apply(findings, self.entries, report=self.report)
        self.findings.extend(findings)
        self.coverage.extend(result.coverage)
        self.complete = self.complete and result.complete
        self.regions_read.update(result.regions_read)
        if self.resources is not None:
            from hitrust_policies.outputs.evidence import ref_key

            ids: dict[Any, list[str]] = {}
            for f in findings:
                ids.setdefault(ref_key(f.resource), []).append(f.id)
            self.resources.extend(
                Evaluated(v, tuple(sorted(ids.get(ref_key(v.ref), ())) if hasattr(v, "ref") else ()))
                for v in result.resources)
        self.scopes += 1

    def suppression_report(self) -> Any:
        """What the accepted risks covered across every scope (None without a suppressions file)."""
        if self.entries is None:
            return None
        if self.report is None:  # no scope finished: every entry matched nothing
            from hitrust_policies.suppressions import apply

            _, self.report = apply([], self.entries)
        return self.report

    def scan(self, merged: Any) -> StreamedScan:
        """The report's scan: ``merged`` (the organization's result without resources) for its header."""
        return StreamedScan(merged.provider, merged.account, list(merged.regions), self.coverage,
                            self.resources if self.resources is not None else (), merged.calls, merged.seconds,
                            getattr(merged, "principal", ""), self.complete and bool(self.scopes),
                            sorted(self.regions_read), self.findings, self.suppression_report())

    def close(self) -> None:
        for spill in (self.findings, self.coverage, self.resources):
            if spill is not None:
                spill.close()
