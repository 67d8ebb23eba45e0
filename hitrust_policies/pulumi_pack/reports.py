"""Report files from a Pulumi policy pack: the same formats the scans write, from one `ReportRun` per run.

The engine only learns a pack's violations; an assessor wants the whole picture (passing resources too),
in the formats ``hitrust scan`` and ``hitrust check terraform`` write. A pack config asks for it under
``"all"``::

    "all": {"report": {"dir": "reports", "formats": ["sarif", "html", "json"], "evidence": "evidence.zip"}}

(``dir`` and ``evidence`` relative to the Pulumi program's directory, as ``suppressionsFile`` is; the
directories are created.) At ``AnalyzeStack`` (once per preview / up, every resource) the pack evaluates
every selected rule over the whole stack with the engine's `evaluate`, over the model values its policies
read (`RequestContext.values`: same adapters, same joins), skips what an exclusion skips, marks what a
suppression covers (the pack's matcher: URN, logical name, tags, the stack's account), and writes each
format with `write_reports` (and the evidence bundle). A non-PASS finding that is not suppressed is
exactly a violation the pack reports to the engine. Nothing is printed (stdout carries the pack's port);
a report that cannot be written is a WARNING in the engine's log, never a failed preview.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hitrust_policies.engine import CoverageGap, evaluate
from hitrust_policies.findings import Finding

REPORT_KEYS = ("dir", "formats", "evidence")
DEFAULT_DIR = "reports"
COLLECTOR = "pulumi-stack"
# Stack configuration keys naming where a stack deploys, by Pulumi package.
REGION_KEYS = {"aws": "aws:region", "azure-native": "azure-native:location", "gcp": "gcp:region"}
PROVIDERS = {"aws": "aws", "azure-native": "azure", "gcp": "gcp"}


class ReportConfigError(ValueError):
    """The ``report`` entry of the pack config is invalid; the message names the key."""


@dataclass(frozen=True)
class ReportRequest:
    """Which report files a pack writes after each run.

    >>> ReportRequest.from_config({"formats": ["sarif", "json"], "evidence": "evidence.zip"})
    ReportRequest(dir='reports', formats=('sarif', 'json'), evidence='evidence.zip')
    >>> ReportRequest.from_config({"formats": ["pdf"]})
    Traceback (most recent call last):
    ...
    hitrust_policies.pulumi_pack.reports.ReportConfigError: "all".report.formats[0]: unknown format 'pdf' \
(one of: table, json, sarif, junit, csv, ocsf, asff, markdown, html)
    """

    dir: str = DEFAULT_DIR
    formats: tuple[str, ...] = ()
    evidence: str | None = None

    @classmethod
    def from_config(cls, value: Any, where: str = '"all".report') -> ReportRequest:
        from hitrust_policies.outputs.formats import FORMATS

        if not isinstance(value, Mapping):
            raise ReportConfigError(f"{where}: expected an object with {', '.join(REPORT_KEYS)}, got {value!r}")
        unknown = sorted(set(value) - set(REPORT_KEYS))
        if unknown:
            raise ReportConfigError(f"{where}: unknown field(s) {unknown} (fields: {', '.join(REPORT_KEYS)})")
        for key in ("dir", "evidence"):
            if key in value and (not isinstance(value[key], str) or not value[key].strip()):
                raise ReportConfigError(f"{where}.{key}: expected a path, got {value[key]!r}")
        formats = value.get("formats", [])
        if isinstance(formats, str) or not isinstance(formats, list):
            raise ReportConfigError(f"{where}.formats: expected a list of format names, got {formats!r}")
        names: list[str] = []
        for i, name in enumerate(formats):
            if not isinstance(name, str) or name.strip().lower() not in FORMATS:
                raise ReportConfigError(f"{where}.formats[{i}]: unknown format {name!r} (one of: {', '.join(FORMATS)})")
            if name.strip().lower() not in names:
                names.append(name.strip().lower())
        if not names and not value.get("evidence"):
            raise ReportConfigError(f'{where}: names no "formats" and no "evidence": nothing to write')
        return cls(value.get("dir", DEFAULT_DIR).strip(), tuple(names),
                   value["evidence"].strip() if value.get("evidence") else None)


@dataclass
class StackScan:
    """What a report says about the run: one Pulumi stack, read whole from the engine (one coverage row).

    The attributes of a scan's `ScanResult` the report formats read (its module, the live AWS scanner, is not
    imported into the pack for this)."""

    provider: str
    account: str
    regions: list[str]
    resources: list[Any]
    coverage: list[Any]  # `Coverage` rows
    calls: Counter[str] = field(default_factory=Counter)  # no cloud API is called: the engine sent the stack
    seconds: float = 0.0
    secrets: frozenset[str] = field(default_factory=frozenset)  # plaintexts scrubbed from every output
    gaps: list[CoverageGap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(c.status == "ok" for c in self.coverage)

    @property
    def regions_read(self) -> list[str]:
        return list(self.regions)


def resolve(path: str, program_dir: str | None) -> Path:
    """``path`` as given if absolute, else relative to the Pulumi program's directory.

    >>> str(resolve("reports", "/src/infra")), str(resolve("/tmp/r", "/src/infra"))
    ('/src/infra/reports', '/tmp/r')
    """
    p = Path(path)
    return p if p.is_absolute() else Path(program_dir or os.getcwd()) / p


def _stack_config() -> Mapping[str, Any]:
    try:
        config = json.loads(os.environ.get("PULUMI_CONFIG") or "{}")
    except ValueError:
        return {}
    return config if isinstance(config, Mapping) else {}


def stack_findings(state: Any, ctx: Any, today: date | None = None) -> tuple[list[Finding], Any, list[object]]:
    """Every selected rule over the stack as the pack's policies judge it: (findings, suppression report or
    None, the model values evaluated). ``state``: `PackState`; ``ctx``: the request's `RequestContext`."""
    from hitrust_policies.pulumi_pack.runtime import scrub
    from hitrust_policies.pulumi_pack.suppressions import stack_account
    from hitrust_policies.sources.pulumi import AdapterFailure
    from hitrust_policies.suppressions import COVERED, SuppressionReport, utc_today

    settings = state.settings
    rules = [settings.rule(r) for r in state.rules if r.id in settings.selected]
    values: dict[int, object] = {}
    gaps: dict[tuple[type, str], CoverageGap] = {}
    for kind in dict.fromkeys(r.kind for r in rules):
        for v in ctx.values(kind):
            if isinstance(v, AdapterFailure):
                gaps.setdefault((kind, v.ref.native_id), CoverageGap(kind, v.ref, v.reason))
            else:
                values.setdefault(id(v), v)
    today = today or utc_today()
    account = stack_account(state.package)
    report = SuppressionReport(list(settings.suppressions), today) if settings.suppressions else None
    secrets = ctx.secrets
    findings: list[Finding] = []
    for f in evaluate(values.values(), rules, gaps=gaps.values()):
        ref = f.resource
        res = ctx.stack.by_urn.get(ref.native_id)
        tags = res.tags() if res is not None else {}
        logical = res.logical_name if res is not None else ref.name
        if settings.excluded(f.rule_id, ref, tags, logical):
            continue  # the pack skips it: neither a violation nor a verdict
        f = dataclasses.replace(f, message=scrub(f.message, secrets))
        if report is not None and f.status in COVERED:
            entry = settings.suppression(f.rule_id, ref, tags, logical, account, today)
            if entry is not None:
                report.count(entry)
                f = dataclasses.replace(f, suppression=entry.annotation(today))
        findings.append(f)
    return findings, report, list(values.values())


def build_run(state: Any, ctx: Any, started: float, today: date | None = None) -> tuple[Any, list[object]]:
    """The `ReportRun` of one ``AnalyzeStack`` (and the model values, for the evidence bundle)."""
    from hitrust_policies.outputs.destinations import meta_for
    from hitrust_policies.outputs.run import ReportRun
    from hitrust_policies.pulumi_pack.suppressions import stack_account
    from hitrust_policies.sources.live.aws.scan import Coverage

    findings, suppressions, values = stack_findings(state, ctx, today)
    project, stack = os.environ.get("PULUMI_PROJECT", ""), os.environ.get("PULUMI_STACK", "")
    config = _stack_config()
    region = config.get(REGION_KEYS.get(state.package, ""))
    regions = [region] if isinstance(region, str) and region else []
    account = stack_account(state.package, config) or stack
    # The engine sends the whole stack: the one coverage row is complete (what a resource hides from a
    # preview is an UNKNOWN finding on that resource, not a coverage gap).
    coverage = [Coverage(COLLECTOR, regions[0] if regions else "global", "ok", len(values), (), account)]
    # A pinned clock (SOURCE_DATE_EPOCH, reproducible builds) pins the duration too: same stack, same bytes.
    seconds = 0.0 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else time.perf_counter() - started
    scan = StackScan(PROVIDERS.get(state.package, state.package), account, regions, values, coverage,
                     seconds=seconds, secrets=ctx.secrets)
    dry_run = os.environ.get("PULUMI_DRY_RUN", "").strip().lower() in ("true", "1")
    meta = meta_for(scan, "pulumi preview" if dry_run else "pulumi up")
    meta = dataclasses.replace(meta, scope=(f"{project}/{stack}",))
    return ReportRun.of(scan, findings, meta, suppressions=suppressions), values


def write_stack_reports(state: Any, ctx: Any, started: float) -> list[Path]:
    """Write the report files the pack config asks for; a failure is logged to the engine, never raised."""
    request: ReportRequest | None = state.settings.report
    if request is None:
        return []
    try:
        run, values = build_run(state, ctx, started)
        written: list[Path] = []
        if request.formats:
            from hitrust_policies.outputs.destinations import write_reports

            directory = resolve(request.dir, state.program_dir)
            directory.mkdir(parents=True, exist_ok=True)
            written += write_reports(run, request.formats, directory)
        if request.evidence:
            from hitrust_policies.outputs.evidence import write_evidence

            target = resolve(request.evidence, state.program_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            written.append(write_evidence(target, run, values))
        return written
    except Exception as exc:  # noqa: BLE001 - a report must never sink the preview
        state.log.write(f"hitrust policy pack: could not write the report files ({type(exc).__name__}: {exc})",
                        severity="WARNING")
        return []
