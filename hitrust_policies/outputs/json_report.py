"""The JSON report: a versioned, documented document for SIEM ingestion, baselines and scan-to-scan diffs.

Its shape is ``hitrust_policies/outputs/schemas/report.schema.json`` (JSON Schema 2020-12), versioned by
``schema_version``: a field is only ever added within a major version; renaming or removing one bumps it.
The document streams: the header (every key but ``findings``, keys sorted) comes first, then one finding
per line, each written with one ``json.dumps`` as it is reached, so 200,000 findings never sit in memory
as one dict. Same input, same bytes: findings come in the run's total order, every key is sorted, and the
run header's ``generated_at`` is the only time in the document.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii as _str  # type: ignore[attr-defined]
from typing import IO, Any

from hitrust_policies.findings import Finding
from hitrust_policies.outputs.json_stream import dumps_sorted, write_array_items
from hitrust_policies.outputs.run import ReportRun
from hitrust_policies.outputs.tally import (
    PerObject,
    counts,
    coverage_rows,
    references_dict,
    resource_dict,
    run_header,
    suppression_dict,
    suppression_rows,
)

SCHEMA_VERSION = "1.0"
SCHEMA_FILE = "report.schema.json"


def header(run: ReportRun) -> dict[str, Any]:
    """Everything but the findings: scan, coverage, summary, baseline changes, suppressions."""
    scan = run.scan
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hitrust-policies", "version": run.meta.tool_version},
        "generated_at": run.meta.generated_at,
        "run": run_header(run),
        "provider": scan.provider,
        "account": scan.account,
        "regions": sorted(scan.regions),
        "regions_read": list(scan.regions_read),
        "complete": scan.complete,
        "coverage": coverage_rows(scan),
        "api_calls": sum(scan.calls.values()),
        "summary": counts(run.findings),
    }
    if run.changes is not None:
        c = run.changes
        doc["since_baseline"] = {"new": len(c.new), "persisting": len(c.persisting), "resolved": list(c.resolved)}
    rows = suppression_rows(run)
    if rows is not None:
        doc["suppressions"] = rows
    return doc


def finding_row(f: Finding, changes: Any = None) -> dict[str, Any]:
    """One finding as the schema's ``finding`` object (the reference `write_json`'s fast path matches)."""
    row: dict[str, Any] = {
        "id": f.id, "rule_id": f.rule_id, "title": f.title, "domain": f.domain, "severity": f.severity,
        "status": f.status.value, "resource": resource_dict(f.resource), "message": f.message,
        "remediation": f.remediation, "references": references_dict(f.references),
        "suppression": suppression_dict(f.suppression), "suppressed": f.suppressed,
    }
    if changes is not None:
        row["change"] = changes.change_of(f)
    return row


class _Lines:
    """`finding_row` as JSON text, keys sorted, with everything a rule or a resource shares encoded once.

    Equivalent to ``json.dumps(finding_row(f), sort_keys=True)`` (tests hold it to that) and ~4x faster:
    the references of a rule are most of a row's bytes, and most rows share them with thousands of others.
    """

    def __init__(self, changes: Any) -> None:
        self.changes = changes
        self.rules: dict[tuple[str, str, str, str, str, int], tuple[str, str, str]] = {}
        self.resources = PerObject(lambda r: dumps_sorted(resource_dict(r)))
        self.suppressions = PerObject(lambda s: dumps_sorted(suppression_dict(s)))
        self.refs = PerObject(lambda refs: dumps_sorted(references_dict(refs)))

    def __call__(self, f: Finding) -> str:
        key = (f.rule_id, f.title, f.domain, f.severity, f.remediation, id(f.references))
        rule = self.rules.get(key)
        if rule is None:
            rule = self.rules[key] = (
                f'"domain": {_str(f.domain)}',
                f'"references": {self.refs(f.references)}, "remediation": {_str(f.remediation)}',
                f'"rule_id": {_str(f.rule_id)}, "severity": {_str(f.severity)}',
            )
        change = ""
        if self.changes is not None:
            value = self.changes.change_of(f)
            change = f'"change": {"null" if value is None else _str(value)}, '
        s = f.suppression
        return (f'{{{change}{rule[0]}, "id": {_str(f.id)}, "message": {_str(f.message)}, {rule[1]}, '
                f'"resource": {self.resources(f.resource)}, {rule[2]}, "status": "{f.status.value}", '
                f'"suppressed": {"true" if f.suppressed else "false"}, '
                f'"suppression": {"null" if s is None else self.suppressions(s)}, "title": {_str(f.title)}}}')


def write_json(fh: IO[str], run: ReportRun) -> None:
    """Stream the report: header, then ``"findings": [`` with one finding per line."""
    head = json.dumps(header(run), sort_keys=True, default=str)
    fh.write(head[:-1] + ', "findings": [')
    line = _Lines(run.changes)
    write_array_items(fh, map(line, run.findings))
    fh.write("]}\n")


def schema() -> dict[str, Any]:
    """The report's JSON Schema, as shipped in the package."""
    from importlib.resources import files

    return json.loads(files("hitrust_policies.outputs").joinpath("schemas", SCHEMA_FILE).read_text("utf-8"))
