"""Many scopes' results as one, for every cloud: in scope order, whatever order the scopes finished in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Combined:
    """What every cloud's merged result holds: the scopes' resources, gaps and coverage one after the other,
    their calls added to the coordinator's own, and every region seen."""

    resources: list[Any] = field(default_factory=list)
    gaps: list[Any] = field(default_factory=list)
    coverage: list[Any] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    regions: list[str] = field(default_factory=list)


def combine(ordered: Iterable[Any], own_calls: Counter[str] | None = None) -> Combined:
    """``ordered``: per-scope `ScanResult` values, already in scope order."""
    out = Combined(calls=Counter(own_calls or {}))
    regions: set[str] = set()
    for r in ordered:
        out.resources += r.resources
        out.gaps += r.gaps
        out.coverage += r.coverage
        out.calls.update(r.calls)
        regions.update(r.regions)
    out.regions = sorted(regions)
    return out
