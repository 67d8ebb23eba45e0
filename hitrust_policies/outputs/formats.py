"""Every report format, by name: what ``--format`` and ``--output-format`` offer and benchmarks measure.

Each format is a writer ``write(fh, run)`` over one `ReportRun` that streams: it writes as it walks
``run.findings`` (already in the run's total order) and never builds the whole document first, so a
200,000-finding scan is written in seconds and a few hundred MB. Same run in, same bytes out.
A format module that is not part of this checkout (html, written elsewhere) joins when it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import IO

from hitrust_policies.outputs.run import ReportRun

FILE_STEM = "hitrust-report"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str  # file name suffix after FILE_STEM, without the dot: "json", "sarif", "asff.json"
    write: Callable[[IO[str], ReportRun], None]
    description: str

    @property
    def file_name(self) -> str:
        """
        >>> FORMATS["sarif"].file_name
        'hitrust-report.sarif'
        """
        return f"{FILE_STEM}.{self.extension}"


def _lazy(module: str, function: str) -> Callable[[IO[str], ReportRun], None]:
    """The writer, imported when first called (rich, for the table, is slow to import)."""

    def write(fh: IO[str], run: ReportRun) -> None:
        getattr(import_module(module), function)(fh, run)

    write.__name__ = function
    write.__qualname__ = function
    return write


_TABLE: list[tuple[str, str, str, str, str]] = [
    ("table", "txt", "hitrust_policies.outputs.report", "write_table",
     "console table: failing and unknown findings, standards at stake, coverage problems"),
    ("json", "json", "hitrust_policies.outputs.json_report", "write_json",
     "versioned JSON report (schema_version; schema: hitrust_policies/outputs/schemas/report.schema.json)"),
    ("sarif", "sarif", "hitrust_policies.outputs.sarif", "write_sarif",
     "SARIF 2.1.0 for code-scanning dashboards; resources as logical locations"),
    ("junit", "junit.xml", "hitrust_policies.outputs.junit", "write_junit",
     "JUnit XML for CI: a test suite per rule, a test case per resource"),
    ("csv", "csv", "hitrust_policies.outputs.csv_report", "write_csv", "one row per finding, for spreadsheets"),
    ("ocsf", "ocsf.jsonl", "hitrust_policies.outputs.ocsf", "write_ocsf",
     "OCSF 1.1 Compliance Finding events, one JSON object per line (Security Lake, SIEMs)"),
    ("asff", "asff.json", "hitrust_policies.outputs.asff", "write_asff",
     "AWS Security Finding Format: a JSON array of batches of <= 100 for securityhub batch-import-findings"),
    ("markdown", "md", "hitrust_policies.outputs.assessor", "write_markdown",
     "assessor evidence by HITRUST CSF control and HIPAA citation"),
    ("html", "html", "hitrust_policies.outputs.html", "write_html",
     "self-contained offline HTML assessor report with charts"),
]

FORMATS: dict[str, Format] = {
    name: Format(name, extension, _lazy(module, function), description)
    for name, extension, module, function, description in _TABLE
    if find_spec(module) is not None
}
