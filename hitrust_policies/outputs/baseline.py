"""New vs resolved since a previous scan, keyed on stable finding ids.

A finding id is a hash of rule + resource, so the same problem has the same id in every
scan; comparing two reports is then set arithmetic, done on the JSON a scheduler keeps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hitrust_policies.findings import Finding, Status

OPEN = ("FAIL", "UNKNOWN")


class BaselineError(ValueError):
    """The baseline file is not a report this tool wrote."""


@dataclass(frozen=True)
class Changes:
    new: frozenset[str]  # open now, not open in the baseline
    persisting: frozenset[str]  # open in both
    resolved: tuple[dict[str, Any], ...]  # open in the baseline, passing or gone now

    def change_of(self, finding: Finding) -> str | None:
        if finding.id in self.new:
            return "new"
        if finding.id in self.persisting:
            return "persisting"
        return None


def load_baseline(path: str | Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not JSON ({exc})") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a UTF-8 text file (byte {exc.start}: {exc.reason}); a baseline is a "
                            "JSON report written with --format json") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: is a directory, not a JSON report") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(isinstance(f, dict) and "id" in f and "status" in f
                                                 for f in findings):
        raise BaselineError(f"{path}: not a hitrust JSON report (no findings[].id / status)")
    return findings


def compare(baseline: list[dict[str, Any]], findings: list[Finding]) -> Changes:
    """
    >>> from hitrust_policies import ResourceRef
    >>> f = Finding("r", "t", "iam", "low", Status.FAIL, ResourceRef.manual("x"), "m", "fix", id="a")
    >>> c = compare([{"id": "a", "status": "FAIL"}, {"id": "b", "status": "FAIL", "rule_id": "r"}], [f])
    >>> sorted(c.persisting), [r["id"] for r in c.resolved]
    (['a'], ['b'])
    """
    before = {f["id"]: f for f in baseline if f["status"] in OPEN}
    now = {f.id for f in findings if f.status is not Status.PASS}
    resolved = tuple(
        {"id": fid, "rule_id": f.get("rule_id"), "resource": (f.get("resource") or {}).get("name"),
         "previous_status": f["status"]}
        for fid, f in sorted(before.items()) if fid not in now
    )
    return Changes(new=frozenset(now - set(before)), persisting=frozenset(now & set(before)), resolved=resolved)
