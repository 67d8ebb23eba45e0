"""Findings as OCSF 1.1 Compliance Finding events (class 2003), one JSON object per line.

OCSF is what Security Lake and most SIEMs ingest natively; JSON lines stream into them
without a custom parser. UNKNOWN maps to compliance status 0 (Unknown), never to Pass.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.outputs.run import ReportRun

SEVERITY_ID = {"low": 2, "medium": 3, "high": 4, "critical": 5}
COMPLIANCE_STATUS_ID = {Status.PASS: 1, Status.FAIL: 3, Status.UNKNOWN: 0}


def event(f: Finding, *, time_ms: int, version: str) -> dict[str, Any]:
    refs = f.references
    return {
        "category_uid": 2,
        "class_uid": 2003,
        "activity_id": 1,
        "type_uid": 200301,
        "time": time_ms,
        "severity_id": SEVERITY_ID[f.severity],
        "severity": f.severity.capitalize(),
        "status_id": 1,
        "message": f.message or f.title,
        "metadata": {
            "version": "1.1.0",
            "uid": f.id,
            "product": {"name": "hitrust-policies", "vendor_name": "hitrust-policies", "version": version},
        },
        "finding_info": {"uid": f.id, "title": f.title, "desc": f.message, "types": [f.domain]},
        "compliance": {
            "control": f.rule_id,
            "standards": ["HITRUST CSF", "HIPAA Security Rule", "NIST SP 800-53 Rev. 5"],
            "requirements": [c.id for c in refs.csf] + [c.id for c in refs.hipaa] + [c.id for c in refs.nist],
            "status_id": COMPLIANCE_STATUS_ID[f.status],
            "status_detail": f"HITRUST CSF basis: {refs.provenance()}",
            "status": {1: "Pass", 3: "Fail", 0: "Unknown"}[COMPLIANCE_STATUS_ID[f.status]],
        },
        "cloud": {"provider": f.resource.provider.upper(), "account": {"uid": f.resource.account or ""},
                  "region": f.resource.region or ""},
        "resources": [{"uid": f.resource.native_id, "name": f.resource.name, "type": f.resource.native_type,
                       "region": f.resource.region or ""}],
        "remediation": {"desc": f.remediation},
    }


def to_json_lines(findings: Iterable[Finding]) -> str:
    from hitrust_policies import __version__

    now = int(time.time() * 1000)
    return "\n".join(json.dumps(event(f, time_ms=now, version=__version__)) for f in findings)


def suppressed_event(f: Finding, *, time_ms: int, version: str) -> dict[str, Any]:
    """`event`, plus the accepted risk: a current suppression makes the finding's status Suppressed (3) and
    the acceptance travels in ``unmapped.suppression``; the compliance status stays what the rule found."""
    e = event(f, time_ms=time_ms, version=version)
    s = f.suppression
    if s is not None:
        if f.suppressed:
            e["status_id"], e["status"] = 3, "Suppressed"
        e["unmapped"] = {"suppression": {"reason": s.reason, "owner": s.owner, "ticket": s.ticket,
                                         "expires": s.expires, "expired": s.expired, "rule": s.rule,
                                         "resource": s.resource, "source": s.source}}
    return e


def write_ocsf(fh: IO[str], run: ReportRun) -> None:
    """One event per line, keys sorted; every event's ``time`` is the run's ``generated_at``."""
    time_ms = int(datetime.fromisoformat(run.meta.generated_at.replace("Z", "+00:00")).timestamp() * 1000)
    version = run.meta.tool_version
    dumps = json.dumps
    for f in run.findings:
        fh.write(dumps(suppressed_event(f, time_ms=time_ms, version=version), sort_keys=True))
        fh.write("\n")
