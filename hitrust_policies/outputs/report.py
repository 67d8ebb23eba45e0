"""A scan's findings and coverage as a console table or JSON document."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.outputs.run import elapsed
from hitrust_policies.outputs.suppressions import render_suppressions, suppression_mark, suppression_note
from hitrust_policies.outputs.tally import add_paths
from hitrust_policies.rules.registry import SEVERITIES

STATUS_STYLE = {Status.FAIL: "bold red", Status.UNKNOWN: "yellow", Status.PASS: "green"}


def _order(f: Finding) -> tuple[int, int, str, str]:
    status_rank = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2}[f.status]
    return (status_rank, -SEVERITIES.index(f.severity), f.rule_id, f.resource.name)


def summary(findings: Iterable[Finding]) -> dict[str, Any]:
    findings = list(findings)
    by_status = Counter(f.status.value for f in findings)
    failing = Counter(f.severity for f in findings if f.status is Status.FAIL and not f.suppressed)
    doc = {
        "total": len(findings),
        "by_status": {s.value: by_status.get(s.value, 0) for s in Status},
        "failing_by_severity": {s: failing.get(s, 0) for s in reversed(SEVERITIES)},
    }
    suppressed = sum(f.suppressed for f in findings)
    if suppressed:
        doc["suppressed"] = suppressed  # kept in by_status; left out of failing_by_severity
    return doc


def to_document(scan: Any, findings: list[Finding], changes: Any = None, suppressions: Any = None) -> dict[str, Any]:
    """The JSON report: stable keys for SIEM ingestion and scan-to-scan diffs."""
    from hitrust_policies import __version__

    rows = []
    for f in sorted(findings, key=_order):
        row = f.to_dict()
        if changes is not None:
            row["change"] = changes.change_of(f)
        rows.append(row)
    coverage = [{"account": c.account, "collector": c.collector, "region": c.region, "status": c.status,
                 "resources": c.resources, "problems": list(c.problems)} for c in scan.coverage]
    add_paths(coverage, scan.coverage)
    doc = {
        "tool": {"name": "hitrust-policies", "version": __version__},
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "provider": scan.provider,
        "account": scan.account,
        "regions": scan.regions,
        "regions_read": scan.regions_read,
        "complete": scan.complete,
        "coverage": coverage,
        "api_calls": sum(scan.calls.values()),
        "summary": summary(findings),
        "findings": rows,
    }
    if changes is not None:
        doc["since_baseline"] = {"new": len(changes.new), "persisting": len(changes.persisting),
                                 "resolved": list(changes.resolved)}
    if suppressions is not None:
        doc["suppressions"] = suppressions.rows()
    return doc


def to_json(scan: Any, findings: list[Finding], changes: Any = None, suppressions: Any = None) -> str:
    return json.dumps(to_document(scan, findings, changes, suppressions), indent=2, default=str)


def _short_id(native_id: str) -> str:
    """The distinguishing tail of an ARN / URN / scope id, for a narrow column."""
    return native_id.rsplit("/", 1)[-1].rsplit(":", 1)[-1][:24]


STACK_BELOW = 120  # console columns under which findings are stacked, not tabulated


def _render_stacked(scan: Any, shown: list[Finding], console: Any, changes: Any, names: Counter[Any]) -> None:
    """One block per finding for a narrow terminal: status, severity, rule (and change) on one line, then the
    resource and the reason wrapped below with a hanging indent, so nothing is squeezed to a sliver."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(f"HITRUST findings: {scan.provider} account {scan.account}", style="italic"))
    for f in shown:
        head = Text.assemble((f.status.value, STATUS_STYLE[f.status]), " ", f.severity, " ", (f.rule_id, "bold"))
        if changes is not None and changes.change_of(f):
            head.append(f" ({changes.change_of(f)})")
        console.print(head, overflow="fold")
        ambiguous = names[(f.rule_id, f.resource.name, f.resource.region)] > 1
        where = f"{f.resource.name} [{f.resource.region or 'global'}]"
        if ambiguous:
            where += f" {f.resource.native_id}"
        console.print(Padding(Text(where, overflow="fold"), (0, 0, 0, 2), expand=False))
        console.print(Padding(Text(f.message or "-", style="dim", overflow="fold"), (0, 0, 0, 4), expand=False))


class _Stacked:
    """A table's rows for a narrow console, drawn with `rich.table.Table`'s add_column / add_row calls: per
    row, the first cell on its own line, then each other cell as ``column: value`` wrapped with an indent."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.columns: list[str] = []
        self.rows: list[tuple[str, ...]] = []

    def add_column(self, name: str, **_: Any) -> None:
        self.columns.append(name)

    def add_row(self, *cells: str) -> None:
        self.rows.append(cells)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.padding import Padding
        from rich.text import Text

        yield Text(self.title, style="italic")
        for first, *rest in self.rows:
            yield Text.from_markup(first, style="bold", overflow="fold")
            line = Text("; ".join(f"{col}: {cell}" for col, cell in zip(self.columns[1:], rest, strict=True)
                             if cell),
                        overflow="fold")
            yield Padding(line, (0, 0, 0, 2), expand=False)


def _region_summary(scan: Any) -> str:
    """``N/M regions read (...)``, counting only regions where every collector read everything; a region
    with a denied listing or a failed per-resource call is listed as partial, one nothing was read in is not
    counted. Scans whose coverage rows are not per region (subscriptions, projects, plan files) keep their
    own ``regions_read``.
    """
    statuses: dict[str, set[str]] = {}
    for c in scan.coverage:
        if c.region in scan.regions:
            statuses.setdefault(c.region, set()).add(c.status)
    if not statuses:
        full, partial = list(scan.regions_read), []
    else:
        full = sorted(r for r, st in statuses.items() if st == {"ok"})
        partial = sorted(r for r, st in statuses.items() if st != {"ok"} and st != {"failed"})
    text = f"{len(full)}/{len(scan.regions)} regions read ({', '.join(full) or 'none'})"
    if partial:
        text += f", {len(partial)} partial ({', '.join(partial)})"
    return text


def render_table(scan: Any, findings: list[Finding], console: Any, show_pass: bool = False,
                 changes: Any = None, suppressions: Any = None, quiet: bool = False) -> None:
    """Human report: what fails, what could not be seen, the standards at stake, and coverage.

    ``quiet``: the summary line only. Under `STACK_BELOW` columns findings are stacked, not tabulated.
    """
    from rich.table import Table

    if quiet:
        console.print(_summary_line(scan, findings))
        return
    shown = [f for f in sorted(findings, key=_order) if show_pass or f.status is not Status.PASS]
    narrow = console.width < STACK_BELOW
    if narrow:
        _render_stacked(scan, shown, console, changes,
                        Counter((f.rule_id, f.resource.name, f.resource.region) for f in shown))
    table = Table(title=f"HITRUST findings: {scan.provider} account {scan.account}")
    table.add_column("status", no_wrap=True)
    table.add_column("sev", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("resource", overflow="fold", max_width=40)
    table.add_column("region", no_wrap=True)
    table.add_column("why", overflow="fold", min_width=20)
    if changes is not None:
        table.add_column("change", no_wrap=True)
    names = Counter((f.rule_id, f.resource.name, f.resource.region) for f in shown)
    for f in shown:
        ambiguous = names[(f.rule_id, f.resource.name, f.resource.region)] > 1
        table.add_row(
            f"[{STATUS_STYLE[f.status]}]{f.status.value}[/]" + suppression_mark(f),
            f.severity,
            f.rule_id,
            f"{f.resource.name} [dim]{_short_id(f.resource.native_id)}[/]" if ambiguous else f.resource.name,
            f.resource.region or "global",
            (f.message or "-") + suppression_note(f),
            *([changes.change_of(f) or ""] if changes is not None else []),
        )
    if not narrow:
        console.print(table)
    per_rule: dict[str, list[Finding]] = {}
    for f in findings:
        if f.status is not Status.PASS:
            per_rule.setdefault(f.rule_id, []).append(f)
    if per_rule:
        refs = (_Stacked if narrow else Table)(title="Standards at stake (rules with FAIL or UNKNOWN findings)")
        refs.add_column("rule", no_wrap=True)
        refs.add_column("fail", justify="right")
        refs.add_column("unknown", justify="right")
        refs.add_column("HITRUST CSF", overflow="fold")
        refs.add_column("HIPAA", overflow="fold")
        for rule_id, items in sorted(per_rule.items()):
            r = items[0].references
            refs.add_row(rule_id, str(sum(f.status is Status.FAIL for f in items)),
                         str(sum(f.status is Status.UNKNOWN for f in items)),
                         ", ".join(c.id + ("¹" if c.id in r.vendor_csf_ids() else "") for c in r.csf),
                         ", ".join(c.id for c in r.hipaa))
        console.print(refs)
        if any(items[0].references.csf_sources for items in per_rule.values()):
            console.print("¹ as Microsoft's Azure Policy HITRUST initiatives map the equivalent check "
                          "(`hitrust rules --format json` names initiative and version); other CSF ids are derived.")
    failed = [c for c in scan.coverage if c.status != "ok"]
    if failed:
        cov = (_Stacked if narrow else Table)(title="Coverage problems (their rules report UNKNOWN)")
        for col in ("account", "collector", "region", "status", "reason"):
            cov.add_column(col, overflow="fold")
        for c in failed:
            cov.add_row(c.account, c.collector, c.region, c.status, "; ".join(c.problems))
        console.print(cov)
    note = config_note(scan, findings)
    if note:
        console.print(note)
    if changes is not None:
        console.print(f"Since baseline: {len(changes.new)} new, {len(changes.persisting)} persisting, "
                      f"{len(changes.resolved)} resolved")
        for r in changes.resolved:
            console.print(f"  resolved: {r['rule_id']} on {r['resource']} (was {r['previous_status']})")
    if suppressions is not None:
        render_suppressions(suppressions, console)
    console.print(_summary_line(scan, findings))


def config_note(scan: Any, findings: Iterable[Finding]) -> str | None:
    """Which coverage rows came from an AWS Config inventory and how old its facts are (None: no Config path).

    Config's facts are as fresh as its last recording, so a report read from it says so next to the coverage.
    """
    config = [c for c in scan.coverage if getattr(c, "path", "api") == "config"]
    if not config:
        return None
    times = sorted({f.resource.observed_at for f in findings if f.resource.observed_at})
    when = f"; facts captured {times[0]} to {times[-1]}" if times else ""
    collectors = ", ".join(sorted({c.collector for c in config}))
    return (f"Read through AWS Config: {len(config)} of {len(scan.coverage)} coverage rows ({collectors}){when}; "
            "the rest read directly.")


def _summary_line(scan: Any, findings: list[Finding], bold: bool = True) -> str:
    """Counts (suppressed findings apart: not failing, not unknown), regions read, calls, time.

    The elapsed time is left out under ``SOURCE_DATE_EPOCH`` (a pinned, reproducible run), as it is the one
    part of a table that differs between two runs over the same input.
    """
    s = summary(findings)
    held = Counter(f.status for f in findings if f.suppressed)
    failing = f"{s['by_status']['FAIL'] - held[Status.FAIL]} failing"
    unknown = s["by_status"]["UNKNOWN"] - held[Status.UNKNOWN]
    return (f"{f'[bold]{failing}[/]' if bold else failing}, {unknown} unknown, "
            + (f"{sum(held.values())} suppressed, " if held else "")
            + f"{s['by_status']['PASS']} passing; {_region_summary(scan)}, {sum(scan.calls.values())} API calls"
            + ("" if (took := elapsed(scan)) is None else f", {took:.1f}s"))


def suppressions_arg(run: Any) -> list[Any]:
    """``[run.suppressions]`` for `render_table` when there is a suppressions report and the table shows one."""
    import inspect

    if run.suppressions is None or "suppressions" not in inspect.signature(render_table).parameters:
        return []
    return [run.suppressions]


LARGE_TABLE = 2_000  # rows above which a table file is written plain (rich lays out ~3,000 rows a second)


def write_table(fh: Any, run: Any, show_pass: bool = False, width: int = 200) -> None:
    """The console table into a file (no colour, fixed width): the ``table`` entry of the format registry.

    Past `LARGE_TABLE` rows the findings are streamed plain and stacked (a line for status / severity /
    rule / region / resource, an indented line for why), then the same summary: a 200,000-row scan is
    written in seconds instead of minutes, and no column is squeezed.
    """
    from rich.console import Console

    shown = [f for f in run.findings if show_pass or f.status is not Status.PASS]
    if len(shown) <= LARGE_TABLE:
        render_table(run.scan, run.findings, Console(file=fh, width=width, no_color=True), show_pass, run.changes,
                     *suppressions_arg(run))
        return
    scan, changes = run.scan, run.changes
    fh.write(f"HITRUST findings: {scan.provider} account {scan.account} ({len(shown)} shown, one per block)\n\n")
    for f in shown:
        change = f"  [{changes.change_of(f)}]" if changes is not None and changes.change_of(f) else ""
        mark = "  [suppressed]" if f.suppressed else ""
        fh.write(f"{f.status.value:8} {f.severity:9} {f.rule_id}  {f.resource.region or 'global'}  "
                 f"{f.resource.name}  ({f.resource.native_id}){change}{mark}\n    {f.message or '-'}\n")
    per_rule: dict[str, list[int]] = {}
    for f in run.findings:
        if f.status is not Status.PASS:
            counts = per_rule.setdefault(f.rule_id, [0, 0])
            counts[f.status is Status.UNKNOWN] += 1
    refs = {f.rule_id: f.references for f in run.findings if f.rule_id in per_rule}
    fh.write("\nStandards at stake (rules with FAIL or UNKNOWN findings): rule, fail, unknown, HITRUST CSF, HIPAA\n")
    for rule_id, (fail, unknown) in sorted(per_rule.items()):
        r = refs[rule_id]
        fh.write(f"  {rule_id}  {fail}  {unknown}  {', '.join(c.id for c in r.csf)}  "
                 f"{', '.join(c.id for c in r.hipaa)}\n")
    failed = [c for c in scan.coverage if c.status != "ok"]
    if failed:
        fh.write("\nCoverage problems (their rules report UNKNOWN): account, collector, region, status, reason\n")
        for c in failed:
            fh.write(f"  {c.account}  {c.collector}  {c.region}  {c.status}  {'; '.join(c.problems)}\n")
    note = config_note(scan, run.findings)
    if note:
        fh.write(f"\n{note}\n")
    if changes is not None:
        fh.write(f"\nSince baseline: {len(changes.new)} new, {len(changes.persisting)} persisting, "
                 f"{len(changes.resolved)} resolved\n")
    fh.write(f"\n{_summary_line(scan, run.findings, bold=False)}\n")
