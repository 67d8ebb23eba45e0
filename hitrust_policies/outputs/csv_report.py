"""Findings as CSV: one row per finding, for spreadsheets and the auditors who live in them.

Columns are fixed (``COLUMNS``) so a spreadsheet built on one report works on the next; standards ids
are ``;``-joined in one cell. ``observed_at``: when AWS Config captured the facts (empty: read live).
RFC 4180 quoting, ``\\r\\n`` line ends (what spreadsheet tools expect).
"""

from __future__ import annotations

import csv
from typing import IO

from hitrust_policies.outputs.run import ReportRun

COLUMNS = ("id", "status", "severity", "rule_id", "title", "domain", "resource_name", "resource_id", "resource_type",
           "provider", "account", "region", "source", "message", "remediation", "hitrust_csf", "hipaa",
           "nist_800_53", "csf_basis", "suppressed", "suppression_reason", "suppression_owner",
           "suppression_ticket", "suppression_expires", "suppression_expired", "change", "observed_at")


def write_csv(fh: IO[str], run: ReportRun) -> None:
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    joined: dict[int, tuple[str, str, str]] = {}
    changes = run.changes
    for f in run.findings:
        refs = f.references
        ids = joined.get(id(refs))
        if ids is None:
            ids = joined[id(refs)] = (";".join(c.id for c in refs.csf), ";".join(c.id for c in refs.hipaa),
                                      ";".join(c.id for c in refs.nist))
        r = f.resource
        s = f.suppression
        writer.writerow((
            f.id, f.status.value, f.severity, f.rule_id, f.title, f.domain, r.name, r.native_id, r.native_type,
            r.provider, r.account or "", r.region or "", r.source, f.message, f.remediation, *ids, refs.csf_basis,
            "true" if f.suppressed else "false",
            *((s.reason, s.owner, s.ticket, s.expires, "true" if s.expired else "false") if s else ("",) * 5),
            (changes.change_of(f) or "") if changes is not None else "",
            r.observed_at or "",
        ))
