"""What every output format says about a run in the same words: counts, per-finding JSON pieces, the scan header.

One place for these so the JSON report, SARIF, JUnit and the others never disagree on what "failing"
means: a suppressed finding keeps its status but is not failing; a lapsed suppression hides nothing.
The pieces shared by many findings (a rule's references) are built once per rule, not once per finding:
writers stream hundreds of thousands of findings and must not rebuild the same dict each time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hitrust_policies.findings import Finding, References, Status, Suppression
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.rules.registry import SEVERITIES


def counts(findings: Iterable[Finding]) -> dict[str, Any]:
    """Totals by status, failing by severity (suppressed left out), suppressed and lapsed suppressions.

    >>> counts([])["by_status"]
    {'PASS': 0, 'FAIL': 0, 'UNKNOWN': 0}
    """
    by_status = dict.fromkeys((s.value for s in Status), 0)
    failing = dict.fromkeys(reversed(SEVERITIES), 0)
    total = suppressed = expired = 0
    for f in findings:
        total += 1
        by_status[f.status.value] += 1
        if f.suppression is not None:
            if f.suppression.expired:
                expired += 1
            else:
                suppressed += 1
                continue
        if f.status is Status.FAIL:
            failing[f.severity] += 1
    return {"total": total, "by_status": by_status, "failing_by_severity": failing, "suppressed": suppressed,
            "expired_suppressions": expired}


def references_dict(refs: References) -> dict[str, Any]:
    """A rule's standards as plain JSON (the shape `Finding.to_dict` gives them)."""
    return {
        "csf": [{"id": c.id, "name": c.name} for c in refs.csf],
        "hipaa": [{"id": c.id, "name": c.name} for c in refs.hipaa],
        "nist": [{"id": c.id, "name": c.name} for c in refs.nist],
        "csf_basis": refs.csf_basis,
        "csf_sources": [{"policy": s.policy, "policy_id": s.policy_id, "initiative": s.initiative,
                         "initiative_version": s.initiative_version, "csf_version": s.csf_version,
                         "csf": list(s.csf)} for s in refs.csf_sources],
    }


def resource_dict(r: ResourceRef) -> dict[str, Any]:
    """A resource as JSON; ``observed_at`` only where a recorded inventory (AWS Config) supplied the facts."""
    out = {"provider": r.provider, "native_type": r.native_type, "native_id": r.native_id, "name": r.name,
           "account": r.account, "region": r.region, "source": r.source, "part": r.part}
    if r.observed_at is not None:
        out["observed_at"] = r.observed_at
    return out


def suppression_dict(s: Suppression | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"rule": s.rule, "resource": s.resource, "reason": s.reason, "owner": s.owner, "ticket": s.ticket,
            "expires": s.expires, "expired": s.expired, "source": s.source}


class PerObject:
    """``fn(obj)`` once per distinct object (a rule's `References`, a shared `ResourceRef`), reused after.

    Keyed on identity, not equality: hashing a frozen dataclass walks all its fields, which costs more
    than the work saved; the object is kept so its id cannot be reused while cached. At most ``limit``
    objects are kept: findings read back from disk (an organization's) each bring their own objects, and a
    cache of all of them would hold the organization in memory.
    """

    def __init__(self, fn: Callable[[Any], Any], limit: int = 20_000) -> None:
        self._fn = fn
        self._limit = limit
        self._by_id: dict[int, tuple[Any, Any]] = {}

    def __call__(self, obj: Any) -> Any:
        hit = self._by_id.get(id(obj))
        if hit is None or hit[0] is not obj:
            if len(self._by_id) >= self._limit:
                self._by_id.clear()
            hit = (obj, self._fn(obj))
            self._by_id[id(obj)] = hit
        return hit[1]


def coverage_rows(scan: Any) -> list[dict[str, Any]]:
    """The scan's coverage in a total order (account, collector, region), as JSON."""
    rows = [{"account": c.account, "collector": c.collector, "region": c.region, "status": c.status,
             "resources": c.resources, "problems": list(c.problems)} for c in scan.coverage]
    add_paths(rows, scan.coverage)
    return sorted(rows, key=lambda r: (r["account"], r["collector"], r["region"], r["status"]))


def add_paths(rows: list[dict[str, Any]], coverage: Any) -> None:
    """Say which path each coverage row took (``api``: the service's own calls; ``config``: an AWS Config
    inventory) when the scan used the Config path anywhere; other scans' rows stay as they were."""
    paths = [getattr(c, "path", "api") for c in coverage]
    if "config" in paths:
        for row, path in zip(rows, paths, strict=True):
            row["path"] = path


def run_header(run: Any) -> dict[str, Any]:
    """Who ran what over which scope: the one place ``generated_at`` appears."""
    m = run.meta
    return {"tool_version": m.tool_version, "generated_at": m.generated_at, "command": m.command,
            "principal": m.principal, "scope": list(m.scope), "filters": m.filters}


def suppression_rows(run: Any) -> list[dict[str, Any]] | None:
    """The suppressions report in file order (each entry with how many findings it matched), or None."""
    if run.suppressions is None:
        return None
    return list(run.suppressions.rows())
