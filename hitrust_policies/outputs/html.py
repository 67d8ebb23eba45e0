"""The assessor's HTML report: one self-contained file, readable offline, that shows posture before detail.

Everything is inline (CSS, SVG charts computed here; no script, no font, no image from anywhere) and a
Content-Security-Policy forbids the browser to fetch anything, so the file opens the same on an
air-gapped laptop and cannot be made to call home by a resource name. Every piece of text from a scan
(resource names, tags, messages) is attacker-controlled and goes through `html.escape`.

The writer streams: one pass over the findings aggregates every count and chart, then a second pass
writes the finding rows in chunks, so 200,000 findings never exist as one string. Nothing is capped:
passing findings sit in a collapsed section whose heading gives their number.

Posture counts put each finding in exactly one bucket: ``pass`` (PASS), ``fail`` (FAIL, not suppressed),
``unknown`` (UNKNOWN, not suppressed) and ``suppressed`` (FAIL or UNKNOWN covered by an accepted risk that
has not lapsed; the finding keeps its status, shown on its row). An expired suppression hides nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any, TextIO

from hitrust_policies.findings import Finding, References, Status
from hitrust_policies.outputs.run import ReportRun, elapsed
from hitrust_policies.rules.registry import DOMAINS, SEVERITIES

BUCKETS = ("pass", "fail", "unknown", "suppressed")
COLORS = {"pass": "#2e7d32", "fail": "#c62828", "unknown": "#ef8f00", "suppressed": "#6a4c93"}
EMPTY = "#d9d9d9"
CHUNK = 2000  # finding rows per write
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;margin:0;
background:#f6f7f9}
main{max-width:1220px;margin:0 auto;padding:20px 28px 60px;background:#fff}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:19px;margin:30px 0 8px;border-bottom:2px solid #e3e5e8;
padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #e0e2e6;padding:4px 6px;
vertical-align:top;text-align:left;overflow-wrap:anywhere}th{background:#f0f2f5;font-weight:600}
td.k{white-space:nowrap}#rules-table td:first-child{min-width:190px;overflow-wrap:normal}
#rules-table td:nth-child(2){white-space:nowrap}#rules-table td:nth-child(5){min-width:80px}
.findings tr>:nth-child(-n+2){white-space:nowrap}.findings tr>:nth-child(3){min-width:150px}
.findings tr>:nth-child(4){min-width:180px}.findings tr>:nth-child(5){min-width:100px;white-space:nowrap}
.findings tr>:nth-child(8){min-width:90px}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.meta td:first-child{width:170px;color:#555}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:10px 0}
.tile{border-radius:6px;padding:10px 16px;color:#fff;min-width:120px}.tile b{display:block;font-size:26px}
.t-pass{background:#2e7d32}.t-fail{background:#c62828}.t-unknown{background:#ef8f00}
.t-suppressed{background:#6a4c93}
.charts{display:flex;gap:28px;flex-wrap:wrap;align-items:flex-start}
.badge{display:inline-block;border-radius:3px;padding:0 5px;color:#fff;font-size:12px;font-weight:600}
.s-PASS{background:#2e7d32}.s-FAIL{background:#c62828}.s-UNKNOWN{background:#ef8f00}.sup{background:#6a4c93}
.exp{background:#000}.chg{background:#455a64}
.warn{background:#fff4e5;border-left:4px solid #ef8f00;padding:8px 12px;margin:10px 0}
.bad{background:#fdecea;border-left:4px solid #c62828;padding:8px 12px;margin:10px 0}
.id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#555}
details>summary{cursor:pointer;font-weight:600;margin:10px 0}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;height:11px;
margin-right:4px;vertical-align:-1px}
@media print{details{display:block}body{background:#fff}}
"""


@dataclass
class Tally:
    """pass / fail / unknown / suppressed counts of one group."""

    counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    rules: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts)


def bucket(f: Finding) -> int:
    """Index into `BUCKETS`: each finding counts once.

    >>> from hitrust_policies.model.ref import ResourceRef
    >>> BUCKETS[bucket(Finding("r", "t", "iam", "low", Status.FAIL, ResourceRef.manual("a"), "", ""))]
    'fail'
    """
    if f.status is Status.PASS:
        return 0
    if f.suppressed:
        return 3
    return 1 if f.status is Status.FAIL else 2


@dataclass
class Posture:
    """Every count the report shows, from one pass over the findings."""

    total: Tally = field(default_factory=Tally)
    domains: dict[str, Tally] = field(default_factory=dict)
    severities: dict[str, Tally] = field(default_factory=dict)
    categories: dict[str, Tally] = field(default_factory=dict)
    controls: dict[tuple[str, str], Tally] = field(default_factory=dict)
    hipaa: dict[tuple[str, str], Tally] = field(default_factory=dict)
    rules: dict[str, tuple[Finding, Tally]] = field(default_factory=dict)
    expired: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding], category_of: Any) -> Posture:
        p = cls()
        # id(references) -> (references, the control / citation tallies they feed); holding the object keeps
        # its id from being reused. Findings of one rule share one References, so this is one entry per rule.
        groups: dict[int, tuple[References, list[Tally]]] = {}
        for f in findings:
            b = bucket(f)
            if f.suppression is not None and f.suppression.expired:
                p.expired += 1
            group = groups.get(id(f.references))
            if group is None:
                group = groups[id(f.references)] = (f.references, _targets(p, f.references, category_of))
            targets = group[1]
            for t in targets:
                t.counts[b] += 1
                t.rules.add(f.rule_id)
            entry = p.rules.get(f.rule_id)
            if entry is None:
                entry = p.rules[f.rule_id] = (f, Tally())
            entry[1].counts[b] += 1
            p.total.counts[b] += 1
            p.domains.setdefault(f.domain, Tally()).counts[b] += 1
            p.severities.setdefault(f.severity, Tally()).counts[b] += 1
        return p


def _targets(p: Posture, refs: References, category_of: Any) -> list[Tally]:
    out = []
    for c in refs.csf:
        out.append(p.controls.setdefault((c.id, c.name), Tally()))
    for cat in sorted({category_of(c.id) for c in refs.csf}):
        out.append(p.categories.setdefault(cat, Tally()))
    for c in refs.hipaa:
        out.append(p.hipaa.setdefault((c.id, c.name), Tally()))
    return out


def _category_namer() -> Any:
    """CSF control id -> "01 Access Control" (category = the control's first two digits, name from the
    catalog); an id the catalog lacks still gets its number."""
    names: dict[str, str] = {}
    try:
        from hitrust_policies.mappings import default_mappings

        for cid, entry in default_mappings().catalogs["csf"].items():
            number, _, name = str(entry.get("category", "")).partition(" ")
            if number.isdigit() and name:
                names[cid[:2]] = name
    except Exception:  # noqa: BLE001 - a report of custom mappings still renders, with bare numbers
        pass

    def category(cid: str) -> str:
        prefix = cid[:2]
        return f"{prefix} {names[prefix]}" if prefix in names else f"{prefix}"

    return category


# -- charts: inline SVG computed here -------------------------------------------------------------------

def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def donut(t: Tally, label: str) -> str:
    """A status ring: one arc per non-empty bucket, the total in the middle."""
    size, r, width = 190, 70, 28
    circ = 2 * math.pi * r
    parts = [f'<svg class="chart donut" width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" '
             f'aria-label="{escape(label)}: {_counts_text(t)}"><title>{escape(label)}</title>',
             f'<circle cx="95" cy="95" r="{r}" fill="none" stroke="{EMPTY}" stroke-width="{width}"/>']
    offset = 0.0
    total = t.total
    for i, name in enumerate(BUCKETS):
        n = t.counts[i]
        if not n:
            continue
        length = circ * n / total
        parts.append(f'<circle class="arc-{name}" cx="95" cy="95" r="{r}" fill="none" stroke="{COLORS[name]}" '
                     f'stroke-width="{width}" stroke-dasharray="{_fmt(length)} {_fmt(circ - length)}" '
                     f'stroke-dashoffset="{_fmt(-offset)}" transform="rotate(-90 95 95)">'
                     f'<title>{name}: {n}</title></circle>')
        offset += length
    parts.append(f'<text x="95" y="92" text-anchor="middle" font-size="26" font-weight="700">{total}</text>'
                 f'<text x="95" y="114" text-anchor="middle" font-size="12" fill="#555">findings</text></svg>')
    return "".join(parts)


def bars(rows: list[tuple[str, Tally]], label: str, bar_width: int = 420, label_width: int = 270) -> str:
    """Horizontal stacked bars, one per group, each as wide as its group's share of the largest group."""
    height = 24 * len(rows) + 8
    width = label_width + bar_width + 330
    largest = max((t.total for _, t in rows), default=0) or 1
    parts = [f'<svg class="chart bars" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>']
    for row, (name, t) in enumerate(rows):
        y = 4 + 24 * row
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f'{escape(_clip(name, 34))}</text>')
        x = float(label_width)
        if not t.total:
            parts.append(f'<rect x="{label_width}" y="{y + 2}" width="2" height="16" fill="{EMPTY}"/>')
        for i, b in enumerate(BUCKETS):
            n = t.counts[i]
            if not n:
                continue
            w = bar_width * n / largest
            parts.append(f'<rect class="bar-{b}" x="{_fmt(x)}" y="{y + 2}" width="{_fmt(max(w, 1.0))}" '
                         f'height="16" fill="{COLORS[b]}"><title>{escape(name)}: {b} {n}</title></rect>')
            x += w
        parts.append(f'<text x="{_fmt(x + 6)}" y="{y + 15}" font-size="11" fill="#444">{_counts_text(t)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _counts_text(t: Tally) -> str:
    p, f, u, s = t.counts
    return f"{p} pass / {f} fail / {u} unknown / {s} suppressed"


def _legend() -> str:
    return '<p class="legend">' + "".join(f'<span><i style="background:{COLORS[b]}"></i>{b}</span>'
                                          for b in BUCKETS) + "</p>"


# -- sections -------------------------------------------------------------------------------------------

def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _tiles(t: Tally) -> str:
    return '<div class="tiles">' + "".join(
        f'<div class="tile t-{b}" id="tile-{b}"><b>{t.counts[i]}</b>{b}</div>' for i, b in enumerate(BUCKETS)
    ) + "</div>"


def _posture_table(rows: Iterable[tuple[str, str, Tally]], id_header: str, name_header: str, table_id: str) -> str:
    out = [f"<table id=\"{table_id}\"><thead><tr><th>{id_header}</th><th>{name_header}</th><th>rules</th>"
           + "".join(f'<th class="n">{b}</th>' for b in BUCKETS) + "</tr></thead><tbody>"]
    for cid, name, t in rows:
        out.append(f"<tr><td class=\"k\">{_e(cid)}</td><td>{_e(name)}</td><td>{_e(', '.join(sorted(t.rules)))}</td>"
                   + "".join(f'<td class="n">{n}</td>' for n in t.counts) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _header(run: ReportRun) -> str:
    scan, meta = run.scan, run.meta
    given = sorted((k, v) for k, v in meta.filters.items() if v not in (None, (), [], ""))
    filters = "; ".join(f"{k}={_filter_value(v)}" for k, v in given) or "none (every rule)"
    rows = [("tool", f"hitrust-policies {meta.tool_version}"), ("generated at", meta.generated_at),
            ("command", meta.command or "-"), ("provider", scan.provider), ("account", scan.account),
            ("scope", ", ".join(meta.scope) or scan.account), ("principal", meta.principal or "not recorded"),
            ("filters", filters),
            ("coverage", "complete" if scan.complete else "INCOMPLETE: some collectors could not read everything")]
    body = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
    return (f"<h1>HITRUST CSF / HIPAA assessor report: {_e(scan.provider)} {_e(scan.account)}</h1>"
            f'<table class="meta" id="meta"><tbody>{body}</tbody></table>')


def _filter_value(v: Any) -> str:
    return ",".join(map(str, v)) if isinstance(v, (list, tuple, set, frozenset)) else str(v)


def _summary(run: ReportRun, p: Posture) -> str:
    t = p.total
    notes = []
    if not run.scan.complete:
        notes.append('<p class="warn">The scan did not read everything: findings over what it could not read are '
                     'UNKNOWN, and evidence from a partial scan is partial evidence (see Coverage).</p>')
    if p.expired:
        notes.append(f'<p class="bad">{p.expired} finding(s) carry an EXPIRED suppression: they count as '
                     "fail / unknown again (see Suppressions).</p>")
    domain_rows = [(d, p.domains.get(d, Tally())) for d in DOMAINS if d in p.domains]
    domain_rows += [(d, t2) for d, t2 in sorted(p.domains.items()) if d not in DOMAINS]
    sev_rows = [(s, p.severities[s]) for s in reversed(SEVERITIES) if s in p.severities]
    return ("<section id=\"summary\"><h2>Summary</h2>" + "".join(notes) + _tiles(t)
            + '<p>Each finding counts once: <b>suppressed</b> = FAIL or UNKNOWN covered by an accepted risk '
              "that has not expired (its status is kept on its row).</p>"
            + _legend() + '<div class="charts">' + donut(t, "Findings by status")
            + "<div><h3>By domain</h3>" + bars(domain_rows, "Findings by domain", 300, 110) + "</div>"
            + "<div><h3>By severity</h3>" + bars(sev_rows, "Findings by severity", 300, 110) + "</div></div>"
            + "</section>")


def _standards(p: Posture) -> str:
    cats = sorted(p.categories.items())
    controls = [(cid, name, t) for (cid, name), t in sorted(p.controls.items())]
    hipaa = [(cid, name, t) for (cid, name), t in sorted(p.hipaa.items())]
    return ('<section id="csf"><h2>Posture by HITRUST CSF category</h2>' + _legend()
            + bars(cats, "Posture by HITRUST CSF category")
            + _posture_table(((c.split(" ", 1)[0], c.partition(" ")[2], t) for c, t in cats), "category", "name",
                             "csf-categories")
            + "<h3>By HITRUST CSF control</h3>" + _posture_table(controls, "control", "name", "csf-controls")
            + "</section>"
            + '<section id="hipaa"><h2>Posture by HIPAA Security Rule citation</h2>'
            + _posture_table(hipaa, "citation", "title", "hipaa-citations") + "</section>")


def _trend(changes: Any) -> str:
    if changes is None:
        return ""
    out = ['<section id="trend"><h2>Since the baseline</h2><div class="tiles">']
    for label, n in (("new", len(changes.new)), ("persisting", len(changes.persisting)),
                     ("resolved", len(changes.resolved))):
        out.append(f'<div class="tile chg" id="trend-{label}"><b>{n}</b>{label}</div>')
    out.append("</div><p>New and persisting findings are marked on their rows below.</p>")
    if changes.resolved:
        out.append("<h3>Resolved (open in the baseline, passing or gone now)</h3><table id=\"resolved-table\"><thead>"
                   "<tr><th>rule</th>"
                   "<th>resource</th><th>was</th><th>finding id</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(r.get('rule_id'))}</td><td>{_e(r.get('resource'))}</td>"
                f"<td>{_e(r.get('previous_status'))}</td><td class=\"id\">{_e(r.get('id'))}</td></tr>"
                for r in changes.resolved]
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def _suppressions(suppressions: Any) -> str:
    if suppressions is None:
        return ""
    rows = suppressions.rows()
    expired = [r for r in rows if r.get("expired")]
    unmatched = [r for r in rows if not r.get("matched")]
    out = ['<section id="suppressions"><h2>Suppressions (accepted risks)</h2>',
           f"<p>{len(rows)} suppression(s); {len(expired)} expired; {len(unmatched)} matched no finding.</p>"]
    if expired:
        out.append(f'<p class="bad">EXPIRED: {len(expired)} acceptance(s) lapsed; their findings count again: '
                   + _e(", ".join(f"{r.get('rule')} on {r.get('resource')} ({r.get('expires')})" for r in expired))
                   + "</p>")
    if unmatched:
        out.append('<p class="warn">Matched nothing (stale or mistyped): '
                   + _e(", ".join(f"{r.get('rule')} on {r.get('resource')}" for r in unmatched)) + "</p>")
    out.append("<table id=\"suppressions-table\"><thead><tr><th>rule</th><th>resource</th>"
               "<th>reason</th><th>owner</th><th>ticket</th>"
               '<th>expires</th><th>state</th><th class="n">matched</th><th>source</th></tr></thead><tbody>')
    for r in rows:
        state = '<span class="badge exp">EXPIRED</span>' if r.get("expired") else "active"
        out.append(f"<tr><td>{_e(r.get('rule'))}</td><td>{_e(r.get('resource'))}</td><td>{_e(r.get('reason'))}</td>"
                   f"<td>{_e(r.get('owner'))}</td><td>{_e(r.get('ticket'))}</td><td>{_e(r.get('expires'))}</td>"
                   f"<td>{state}</td><td class=\"n\">{_e(r.get('matched'))}</td><td>{_e(r.get('source'))}</td></tr>")
    out.append("</tbody></table></section>")
    return "".join(out)


def _write_coverage(fh: TextIO, scan: Any) -> None:
    coverage = list(scan.coverage)
    accounts = sorted({c.account or scan.account for c in coverage} or {scan.account})
    collectors = sorted({c.collector for c in coverage})
    problems = [c for c in coverage if c.status != "ok"]
    calls = sum(scan.calls.values()) if getattr(scan, "calls", None) else 0
    facts = [("accounts", ", ".join(accounts)), ("regions", ", ".join(scan.regions) or "-"),
             ("regions read", ", ".join(scan.regions_read) or "-"),
             ("collectors", f"{len(collectors)}: {', '.join(collectors)}"),
             ("coverage rows", f"{len(coverage)} ({len(problems)} not ok)"),
             ("API calls", str(calls))]
    if (took := elapsed(scan)) is not None:
        facts.append(("seconds", f"{took:.1f}"))
    fh.write('<section id="coverage"><h2>Coverage</h2><table class="meta" id="coverage-facts"><tbody>'
             + "".join(f"<tr><td>{k}</td><td>{_e(v)}</td></tr>" for k, v in facts) + "</tbody></table>")
    head = ("<table id=\"{}\"><thead><tr><th>account</th><th>collector</th><th>region</th><th>status</th>"
            '<th class="n">resources</th><th>why not read</th></tr></thead><tbody>')

    def rows(items: list[Any]) -> None:
        for i in range(0, len(items), CHUNK):
            fh.write("".join(f"<tr><td>{_e(c.account or scan.account)}</td><td>{_e(c.collector)}</td>"
                             f"<td>{_e(c.region)}</td><td>{_e(c.status)}</td><td class=\"n\">{c.resources}</td>"
                             f"<td>{_e('; '.join(c.problems))}</td></tr>" for c in items[i:i + CHUNK]))

    if problems:
        fh.write(f'<h3 id="unread">What could not be read ({len(problems)})</h3>' + head.format("unread-table"))
        rows(problems)
        fh.write("</tbody></table>")
    else:
        fh.write('<p id="unread">Every collector read everything it was asked to.</p>')
    fh.write(f"<details><summary>All {len(coverage)} coverage rows</summary>" + head.format("coverage-table"))
    rows(coverage)
    fh.write("</tbody></table></details></section>")


def _rules(p: Posture) -> str:
    out = ['<section id="rules"><h2>Rules: references and remediation</h2><table id="rules-table"><thead>'
           "<tr><th>rule</th><th>severity</th><th>HITRUST CSF</th><th>HIPAA</th><th>NIST 800-53</th>"
           "<th>remediation</th>" + "".join(f'<th class="n">{b}</th>' for b in BUCKETS) + "</tr></thead><tbody>"]
    for rule_id, (f, t) in sorted(p.rules.items()):
        r = f.references
        out.append(f'<tr id="rule-{_e(rule_id)}"><td><b>{_e(rule_id)}</b><br>{_e(f.title)}</td><td>{_e(f.severity)}'
                   f"</td><td>{_e(', '.join(f'{c.id} {c.name}' for c in r.csf))}<br><small>{_e(r.provenance())}"
                   f"</small></td><td>{_e(', '.join(f'{c.id} {c.name}' for c in r.hipaa))}</td>"
                   f"<td>{_e(', '.join(c.id for c in r.nist))}</td><td>{_e(f.remediation)}</td>"
                   + "".join(f'<td class="n">{n}</td>' for n in t.counts) + "</tr>")
    out.append("</tbody></table></section>")
    return "".join(out)


FINDINGS_HEAD = ("<table class=\"findings\" id=\"{}\"><thead><tr><th>status</th><th>severity</th><th>rule</th>"
                 "<th>resource</th><th>account / region</th><th>evidence</th><th>references</th><th>notes</th>"
                 "</tr></thead><tbody>")


class _Rows:
    """Finding rows as HTML; the cells findings share (rule, status, severity, references, place, type) are
    escaped once and reused, so a row costs the escaping of its own name, id and message only."""

    def __init__(self, changes: Any) -> None:
        self.changes = changes
        self.heads: dict[tuple[str, Status, str], str] = {}
        self.refs: dict[int, tuple[References, str]] = {}  # the References object keeps its id from reuse
        self.places: dict[tuple[str | None, str | None], str] = {}
        self.types: dict[str, str] = {}

    def row(self, f: Finding) -> str:
        r = f.resource
        head = self.heads.get((f.rule_id, f.status, f.severity))
        if head is None:
            rule = escape(f.rule_id)
            head = self.heads[(f.rule_id, f.status, f.severity)] = (
                f'<td><span class="badge s-{f.status.value}">{f.status.value}</span></td><td>{escape(f.severity)}'
                f'</td><td><a href="#rule-{rule}">{rule}</a></td>')
        refs = self.refs.get(id(f.references))
        if refs is None:
            refs = self.refs[id(f.references)] = (f.references, escape(f.references.summary()))
        place = self.places.get((r.account, r.region))
        if place is None:
            place = f"<td>{_e(r.account or '-')}<br>{_e(r.region or 'global')}</td>"
            self.places[(r.account, r.region)] = place
        kind = self.types.get(r.native_type)
        if kind is None:
            kind = self.types[r.native_type] = escape(r.native_type)
        notes = ""
        s = f.suppression
        if s is not None:
            label = '<span class="badge exp">SUPPRESSION EXPIRED</span>' if s.expired else \
                '<span class="badge sup">SUPPRESSED</span>'
            notes = f"{label} {_e(s.reason)} (owner {_e(s.owner)}, ticket {_e(s.ticket)}, expires {_e(s.expires)})"
        if self.changes is not None:
            change = self.changes.change_of(f)
            if change:
                notes += f' <span class="badge chg">{change}</span>'
        return (f'<tr id="f-{escape(f.id)}">{head}<td>{escape(r.name)}<br><span class="id">{escape(r.native_id)}'
                f'</span><br><span class="id">{kind}{" #" + escape(r.part) if r.part else ""}</span></td>{place}'
                f"<td>{escape(f.message) if f.message else '-'}</td><td>{refs[1]}</td><td>{notes}</td></tr>")


def _write_findings(fh: TextIO, run: ReportRun, p: Posture) -> None:
    t = p.total
    open_n = t.total - t.counts[0]
    fh.write(f'<section id="findings"><h2>Findings</h2><p>{open_n} FAIL / UNKNOWN finding(s) listed first, '
             f"worst first (suppressed ones included, marked); {t.counts[0]} passing finding(s) in the collapsed "
             "list below. Every finding is in this file; none is left out. Remediation per rule: see Rules.</p>"
             f'<h3 id="open-findings">Failing and unknown ({open_n})</h3>')
    fh.write(FINDINGS_HEAD.format("open-table"))
    rows = _Rows(run.changes)
    in_pass = False
    buf: list[str] = []
    for f in run.findings:
        if f.status is Status.PASS and not in_pass:
            fh.write("".join(buf))
            buf = []
            in_pass = True
            fh.write(f'</tbody></table><details id="passing"><summary>Passing ({t.counts[0]}), collapsed: '
                     "click to show</summary>" + FINDINGS_HEAD.format("pass-table"))
        buf.append(rows.row(f))
        if len(buf) >= CHUNK:
            fh.write("".join(buf))
            buf = []
    fh.write("".join(buf))
    if not in_pass:
        fh.write(f'</tbody></table><details id="passing"><summary>Passing ({t.counts[0]})</summary>'
                 + FINDINGS_HEAD.format("pass-table"))
    fh.write("</tbody></table></details></section>")


def write_html(fh: TextIO, run: ReportRun) -> None:
    """Write the assessor report of ``run`` to ``fh``, section by section."""
    posture = Posture.of(run.findings, _category_namer())
    fh.write(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
             '<meta name="viewport" content="width=device-width,initial-scale=1">'
             f"<title>HITRUST assessor report: {_e(run.scan.provider)} {_e(run.scan.account)}</title>"
             f"<style>{CSS}</style></head><body><main>")
    fh.write(_header(run))
    fh.write(_summary(run, posture))
    fh.write(_standards(posture))
    fh.write(_trend(run.changes))
    fh.write(_suppressions(run.suppressions))
    _write_coverage(fh, run.scan)
    fh.write(_rules(posture))
    _write_findings(fh, run, posture)
    fh.write("</main></body></html>\n")
