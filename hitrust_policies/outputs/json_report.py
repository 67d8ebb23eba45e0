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
from typing import IO, Any

from hitrust_policies.outputs.run import ReportRun
from hitrust_policies.outputs.tally import (
    ReferenceCache,
    counts,
    coverage_rows,
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


def write_json(fh: IO[str], run: ReportRun) -> None:
    """Stream the report: header, then ``"findings": [`` with one finding per line."""
    head = json.dumps(header(run), sort_keys=True, default=str)
    fh.write(head[:-1] + ', "findings": [')
    refs = ReferenceCache()
    changes = run.changes
    dumps = json.dumps
    sep = "\n"
    for f in run.findings:
        row: dict[str, Any] = {
            "id": f.id, "rule_id": f.rule_id, "title": f.title, "domain": f.domain, "severity": f.severity,
            "status": f.status.value, "resource": resource_dict(f.resource), "message": f.message,
            "remediation": f.remediation, "references": refs(f.references),
            "suppression": suppression_dict(f.suppression), "suppressed": f.suppressed,
        }
        if changes is not None:
            row["change"] = changes.change_of(f)
        fh.write(sep)
        fh.write(dumps(row, sort_keys=True, default=str))
        sep = ",\n"
    fh.write("\n]}\n")


def schema() -> dict[str, Any]:
    """The report's JSON Schema, as shipped in the package."""
    from importlib.resources import files

    return json.loads(files("hitrust_policies.outputs").joinpath("schemas", SCHEMA_FILE).read_text("utf-8"))
