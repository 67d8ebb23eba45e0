"""A Markdown evidence report organised the way an assessor reads: by HITRUST control and HIPAA citation.

Per control: which rules evidence it, how many resources pass, fail or could not be
seen, and which fail. The scan's coverage is stated up front, because evidence from a
partial scan is partial evidence.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hitrust_policies.findings import Finding, Status


def _counts(items: list[Finding]) -> str:
    n = {s: sum(f.status is s for f in items) for s in Status}
    return f"{n[Status.PASS]} pass / {n[Status.FAIL]} fail / {n[Status.UNKNOWN]} unknown"


def to_markdown(scan: Any, findings: list[Finding]) -> str:
    lines = [
        f"# HITRUST CSF / HIPAA evidence: {scan.provider} account {scan.account}",
        "",
        f"- Regions read: {', '.join(scan.regions_read) or 'none'} of {', '.join(scan.regions)}",
        f"- Coverage complete: {'yes' if scan.complete else 'NO, see coverage problems below'}",
        f"- Findings: {_counts(findings)}",
        "",
    ]
    for standard, attr in (("HITRUST CSF control", "csf"), ("HIPAA Security Rule citation", "hipaa")):
        grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in findings:
            for ref in getattr(f.references, attr):
                grouped[(ref.id, ref.name)].append(f)
        lines += [f"## By {standard}", "", "| id | name | rules | resources | failing |", "|---|---|---|---|---|"]
        for (cid, name), items in sorted(grouped.items()):
            rules = ", ".join(sorted({f.rule_id for f in items}))
            failing = ", ".join(sorted({f"{f.resource.name} ({f.rule_id})" for f in items
                                        if f.status is Status.FAIL}))
            lines.append(f"| {cid} | {name} | {rules} | {_counts(items)} | {failing or '-'} |")
        lines.append("")
    problems = [c for c in scan.coverage if c.status != "ok"]
    if problems:
        lines += ["## Coverage problems", "", "| account | collector | region | status | reason |",
                  "|---|---|---|---|---|"]
        lines += [f"| {c.account} | {c.collector} | {c.region} | {c.status} | {'; '.join(c.problems)} |"
                  for c in problems]
        lines.append("")
    lines += ["## Where the HITRUST CSF ids come from", "", "| rule | basis | provenance |", "|---|---|---|"]
    seen: dict[str, Any] = {f.rule_id: f.references for f in findings}
    lines += [f"| {rule_id} | {refs.csf_basis} | {refs.provenance()} |" for rule_id, refs in sorted(seen.items())]
    lines.append("")
    lines.append("CSF ids marked derived are this tool's assignment; review them with your assessor.")
    return "\n".join(lines) + "\n"
