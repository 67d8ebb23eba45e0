"""``hitrust check terraform``: plan files (a file, a directory of them, or stdin) to one scan result.

A file that cannot be read is reported on one line and counted as a failed coverage entry (the exit
code says the check is incomplete); the other files are still evaluated. Findings never show a value
the plan marks sensitive: messages and resource ids, names and parts are masked (`redaction`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.findings import Finding
from hitrust_policies.rules.registry import Rule
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult
from hitrust_policies.sources.terraform import aws, azurerm, google
from hitrust_policies.sources.terraform.plan import PlanError, parse

# Each provider's translation, by the cloud it reports as: each keeps only its own provider's resources
# (by each resource's ``provider_name``), so a plan using several providers is read by each in turn.
PROVIDERS = {"aws": aws.to_model, "azure": azurerm.to_model, "gcp": google.to_model}

STDIN = "-"
SOURCE = "terraform-plan"


def plan_files(targets: Iterable[str]) -> list[str]:
    """Files named, and the ``*.json`` files of directories named (sorted, not recursive)."""
    out: list[str] = []
    for target in targets:
        path = Path(target)
        if target != STDIN and path.is_dir():
            out.extend(str(p) for p in sorted(path.glob("*.json")) if p.is_file())
        else:
            out.append(target)
    return out


def _read(target: str) -> bytes:
    if target == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(target).read_bytes()
    except OSError as exc:
        raise PlanError(f"{target}: cannot read: {exc.strerror or exc}") from None


@dataclass
class PlanScan(ScanResult):
    """A `ScanResult` of plan files: ``errors`` names the files that could not be read (each one a failed
    coverage row, named by its file), ``secrets`` the sensitive values masked out of every finding's message
    and resource identity."""

    errors: list[str] = field(default_factory=list)
    secrets: frozenset[str] = frozenset()

    @property
    def regions_read(self) -> list[str]:
        return []  # coverage rows are files, not regions

    def findings(self, rules: Iterable[Rule] | None = None) -> list[Finding]:
        from hitrust_policies.redaction import mask_findings

        return mask_findings(super().findings(rules), self.secrets)


def check_plans(targets: Iterable[str]) -> PlanScan:
    """Evaluate every plan file of ``targets``; unreadable ones become errors and failed coverage."""
    from collections import Counter

    started = time.perf_counter()
    resources: list[Any] = []
    gaps: list[CoverageGap] = []
    coverage: list[Coverage] = []
    errors: list[str] = []
    secrets: set[str] = set()
    clouds: set[str] = set()
    for target in plan_files(targets):
        name = "<stdin>" if target == STDIN else target
        try:
            doc = parse(_read(target), name)
            values: list[Any] = []
            failed: list[CoverageGap] = []
            hidden: set[str] = set()
            for cloud, to_model in PROVIDERS.items():
                found, missed, secret = to_model(doc)
                values += found
                failed += missed
                hidden |= secret
                if found or missed:
                    clouds.add(cloud)
        except PlanError as exc:
            errors.append(str(exc))
            coverage.append(Coverage(SOURCE, name, "failed", 0, (str(exc),)))
            continue
        resources.extend(values)
        gaps.extend(failed)
        secrets.update(hidden)
        coverage.append(Coverage(SOURCE, name, "partial" if failed else "ok", len(values)))
    return PlanScan("+".join(sorted(clouds)) if clouds - {"aws"} else "aws", "terraform plan", [], resources, gaps,
                    coverage, Counter(), time.perf_counter() - started, errors=errors, secrets=frozenset(secrets))
