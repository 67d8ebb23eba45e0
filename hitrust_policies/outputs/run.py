"""Everything a report writes, gathered once; each output format is a view of one `ReportRun`.

Formats never re-evaluate or re-sort: the run holds the findings in `order_key` order, so the same
input gives byte-identical output in every format (no timestamps inside findings; the run's own
``generated_at`` is the one moving part, and it can be pinned for reproducible evidence).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.rules.registry import SEVERITIES

STATUS_RANK = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2}


def order_key(f: Finding) -> tuple[int, int, str, str, str, str, str]:
    """Worst first, then a total order on identity, so ties never depend on collection order.

    >>> from hitrust_policies.model.ref import ResourceRef
    >>> a = Finding("r", "t", "iam", "low", Status.PASS, ResourceRef.manual("a"), "", "")
    >>> b = Finding("r", "t", "iam", "low", Status.FAIL, ResourceRef.manual("b"), "m", "")
    >>> [f.resource.name for f in sorted([a, b], key=order_key)]
    ['b', 'a']
    """
    r = f.resource
    return (STATUS_RANK[f.status], -SEVERITIES.index(f.severity), f.rule_id, r.name, r.account or "",
            r.native_id, r.part or "")


def elapsed(scan: Any) -> float | None:
    """The scan's wall time for a report, or None in a pinned run (``SOURCE_DATE_EPOCH`` set): besides
    ``generated_at``, the one part of a report that differs between two runs over the same input."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    return float(getattr(scan, "seconds", 0.0) or 0.0)


@dataclass(frozen=True, slots=True)
class RunMeta:
    """Who ran what, over which scope, with which filters: the scan metadata an assessor asks for."""

    tool_version: str
    generated_at: str  # ISO 8601, UTC, seconds
    command: str = ""  # "scan aws", "check terraform", "demo", "library"
    principal: str = ""  # the identity the scan ran as (ARN, object id, service account), if known
    scope: tuple[str, ...] = ()  # accounts / subscriptions / projects / plan files
    filters: dict[str, Any] = field(default_factory=dict)  # rule / domain / severity / csf / hipaa filters


@dataclass(slots=True)
class ReportRun:
    """One scan's findings (in `order_key` order) with what a report needs around them.

    ``scan`` is a `ScanResult` (live AWS / Azure / GCP) or a `PlanScan` (Terraform): provider, account,
    regions, regions_read, complete, coverage, calls, seconds. ``changes`` is the baseline comparison
    (`outputs.baseline.Changes`) or None; ``suppressions`` the suppression report or None.
    """

    scan: Any
    findings: list[Finding]
    meta: RunMeta
    changes: Any = None
    suppressions: Any = None

    @classmethod
    def of(cls, scan: Any, findings: list[Finding], meta: RunMeta, changes: Any = None,
           suppressions: Any = None) -> ReportRun:
        from hitrust_policies.outputs.spill import Spill

        ordered = findings if isinstance(findings, Spill) and findings.key is order_key else sorted(
            findings, key=order_key)  # a spill of findings is already in this order, and may not fit in memory
        return cls(scan, ordered, meta, changes, suppressions)
