"""A Markdown evidence report organised the way an assessor reads: by HITRUST control and HIPAA citation.

Per control: which rules evidence it, how many resources pass, fail or could not be
seen, and which fail. The scan's coverage is stated up front, because evidence from a
partial scan is partial evidence. Accepted risks are listed with owner and expiry; a lapsed one is
called out, since its findings count again.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import IO, Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.outputs.run import ReportRun


def _counts(items: list[Finding]) -> str:
    """Pass / fail / unknown / suppressed: a finding under an active suppression counts only as suppressed
    (it does not fail the run); one whose suppression lapsed counts with its status again."""
    n = {s: sum(f.status is s and not f.suppressed for f in items) for s in Status}
    text = f"{n[Status.PASS]} pass / {n[Status.FAIL]} fail / {n[Status.UNKNOWN]} unknown"
    suppressed = sum(f.suppressed for f in items)
    return f"{text} / {suppressed} suppressed" if suppressed else text


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def write_markdown(fh: IO[str], run: ReportRun) -> None:
    """The report, written section by section (controls, citations, coverage, suppressions, provenance)."""
    scan, findings = run.scan, run.findings
    fh.write("\n".join([
        f"# HITRUST CSF / HIPAA evidence: {scan.provider} account {scan.account}",
        "",
        f"- Regions read: {', '.join(scan.regions_read) or 'none'} of {', '.join(scan.regions)}",
        f"- Coverage complete: {'yes' if scan.complete else 'NO, see coverage problems below'}",
        f"- Findings: {_counts(findings)}",
        *_suppression_summary(run),
        "",
        "",
    ]))
    for standard, attr in (("HITRUST CSF control", "csf"), ("HIPAA Security Rule citation", "hipaa")):
        grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in findings:
            for ref in getattr(f.references, attr):
                grouped[(ref.id, ref.name)].append(f)
        fh.write(f"## By {standard}\n\n| id | name | rules | resources | failing |\n|---|---|---|---|---|\n")
        for (cid, name), items in sorted(grouped.items()):
            rules = ", ".join(sorted({f.rule_id for f in items}))
            failing = ", ".join(sorted({f"{f.resource.name} ({f.rule_id})" for f in items
                                        if f.status is Status.FAIL and not f.suppressed}))
            fh.write(f"| {cid} | {name} | {rules} | {_counts(items)} | {_cell(failing) or '-'} |\n")
        fh.write("\n")
    problems = [c for c in scan.coverage if c.status != "ok"]
    if problems:
        fh.write("## Coverage problems\n\n| account | collector | region | status | reason |\n|---|---|---|---|---|\n")
        for c in problems:
            fh.write(f"| {c.account} | {c.collector} | {c.region} | {c.status} | {_cell('; '.join(c.problems))} |\n")
        fh.write("\n")
    _write_suppressions(fh, run)
    fh.write("## Where the HITRUST CSF ids come from\n\n| rule | basis | provenance |\n|---|---|---|\n")
    seen: dict[str, Any] = {}
    for f in findings:
        seen.setdefault(f.rule_id, f.references)
    for rule_id, refs in sorted(seen.items()):
        fh.write(f"| {rule_id} | {refs.csf_basis} | {refs.provenance()} |\n")
    fh.write("\nCSF ids marked derived are this tool's assignment; review them with your assessor.\n")


def to_markdown(scan: Any, findings: list[Finding]) -> str:
    from hitrust_policies import __version__
    from hitrust_policies.outputs.run import RunMeta

    out = io.StringIO()
    write_markdown(out, ReportRun.of(scan, findings, RunMeta(__version__, "")))
    return out.getvalue()


def _unmatched(run: ReportRun) -> list[dict[str, Any]]:
    return [r for r in run.suppressions.rows() if not r.get("matched")] if run.suppressions is not None else []


def _suppression_summary(run: ReportRun) -> list[str]:
    """The headline of the Suppressions section, when there is anything to say."""
    covered = [f for f in run.findings if f.suppression is not None]
    unmatched = _unmatched(run)
    if not covered and not unmatched:
        return []
    lapsed = sum(f.suppression is not None and f.suppression.expired for f in covered)
    return [f"- Suppressions: {len(covered) - lapsed} finding(s) suppressed (not counted as failing), "
            f"{lapsed} with an EXPIRED suppression (counted again), {len(unmatched)} suppression(s) matched "
            f"nothing; see Suppressions below"]


def _write_suppressions(fh: IO[str], run: ReportRun) -> None:
    """Accepted risks with owner, ticket and expiry; lapsed ones and ones that matched nothing called out."""
    covered = [f for f in run.findings if f.suppression is not None]
    unmatched = _unmatched(run)
    if not covered and not unmatched:
        return
    fh.write("## Suppressions\n\n")
    if covered:
        fh.write("| rule | resource | status | reason | owner | ticket | expires |\n|---|---|---|---|---|---|---|\n")
        for f in sorted(covered, key=lambda f: (f.rule_id, f.resource.name, f.resource.native_id)):
            s = f.suppression
            assert s is not None
            expires = f"**EXPIRED {s.expires}** (counts again)" if s.expired else s.expires
            fh.write(f"| {f.rule_id} | {_cell(f.resource.name)} | {f.status.value} | {_cell(s.reason)} | "
                     f"{_cell(s.owner)} | {_cell(s.ticket)} | {expires} |\n")
        fh.write("\n")
    lapsed = sorted({(f.suppression.source, f.suppression.expires) for f in covered
                     if f.suppression is not None and f.suppression.expired})
    if lapsed:
        fh.write("**Expired suppressions** (their findings count as failing again; renew or remove them): "
                 + ", ".join(f"{_cell(source)} (expired {expires})" for source, expires in lapsed) + "\n\n")
    if unmatched:
        fh.write("### Suppressions that matched nothing\n\n| rule | resource | reason | owner | ticket | expires | "
                 "source |\n|---|---|---|---|---|---|---|\n")
        for r in unmatched:
            expires = f"**EXPIRED {r['expires']}**" if r.get("expired") else str(r["expires"])
            fh.write(f"| {_cell(str(r['rule']))} | {_cell(str(r['resource']))} | {_cell(str(r['reason']))} | "
                     f"{_cell(str(r['owner']))} | {_cell(str(r['ticket']))} | {expires} | "
                     f"{_cell(str(r['source']))} |\n")
        fh.write("\n")
