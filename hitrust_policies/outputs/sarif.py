"""Findings as SARIF 2.1.0, the format code-scanning dashboards (GitHub, Azure DevOps, DefectDojo) ingest.

SARIF was made for source files; cloud findings mostly have none. Every result therefore names its
resource as a *logical* location (ARN, ARM id, full resource name, Pulumi URN, Terraform address) and
carries a *physical* location only when a file is truly known (one Terraform plan file checked).
Status maps onto SARIF's ``kind``: FAIL -> ``fail`` (level by severity), UNKNOWN -> ``open`` (the tool
could not decide; never ``pass``), PASS -> ``pass``. A suppressed finding keeps its kind and gets a SARIF
``suppressions`` entry with the justification (``accepted``; ``rejected`` once it has expired).
Each rule carries its HITRUST CSF / HIPAA / NIST ids in ``properties`` and in its help text.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii as _str  # type: ignore[attr-defined]
from typing import IO, Any

from hitrust_policies.findings import Finding, Status
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.outputs.json_stream import dumps_sorted, write_array_items
from hitrust_policies.outputs.run import ReportRun
from hitrust_policies.outputs.tally import PerObject, coverage_rows, references_dict, run_header, suppression_rows

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/hitrust-policies/hitrust-policies"
KIND = {Status.FAIL: "fail", Status.UNKNOWN: "open", Status.PASS: "pass"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
# GitHub code scanning's 0-10 scale for security results
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}


def _help(f: Finding) -> tuple[str, str]:
    refs = f.references
    lines = [f.title, "", f"Remediation: {f.remediation}" if f.remediation else "", ""]
    md = [f"**{f.title}**", "", f"Remediation: {f.remediation}" if f.remediation else "", ""]
    for label, items in (("HITRUST CSF", refs.csf), ("HIPAA", refs.hipaa), ("NIST SP 800-53 Rev. 5", refs.nist)):
        if items:
            lines.append(f"{label}: " + "; ".join(f"{c.id} {c.name}" for c in items))
            md.append(f"- {label}: " + "; ".join(f"`{c.id}` {c.name}" for c in items))
    lines.append(f"CSF basis: {refs.provenance()}")
    md.append(f"- CSF basis: {refs.provenance()}")
    return "\n".join(lines), "\n".join(md)


def rule_descriptor(f: Finding) -> dict[str, Any]:
    """The SARIF reportingDescriptor of a finding's rule (identical for every finding of the rule)."""
    refs = f.references
    text, markdown = _help(f)
    tags = sorted({"security", "compliance", f.domain, *(f"HITRUST-CSF-{c.id}" for c in refs.csf),
                   *(f"HIPAA-{c.id}" for c in refs.hipaa), *(f"NIST-800-53-{c.id}" for c in refs.nist)})
    return {
        "id": f.rule_id,
        "name": "".join(part.capitalize() for part in f.rule_id.split("-")),
        "shortDescription": {"text": f.title},
        "fullDescription": {"text": f"{f.title} ({refs.summary()})" if refs.summary() else f.title},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
        "properties": {
            "tags": tags, "domain": f.domain, "severity": f.severity,
            "security-severity": SECURITY_SEVERITY[f.severity],
            "csf": [c.id for c in refs.csf], "hipaa": [c.id for c in refs.hipaa], "nist": [c.id for c in refs.nist],
            "csf_basis": refs.csf_basis, "csf_provenance": refs.provenance(), "references": references_dict(refs),
        },
    }


def _plan_file(run: ReportRun) -> str | None:
    """The one Terraform plan file behind every finding, when exactly one was read (else no file is known)."""
    rows = [c for c in run.scan.coverage if c.collector == "terraform-plan"]
    if len(rows) == 1 and len(run.scan.coverage) == 1 and rows[0].region != "<stdin>":
        return rows[0].region
    return None


def _suppression(f: Finding) -> list[dict[str, Any]] | None:
    s = f.suppression
    if s is None:
        return None
    why = f"expired {s.expires}: {s.reason}" if s.expired else s.reason
    return [{"kind": "external", "status": "rejected" if s.expired else "accepted", "justification": why,
             "properties": {"owner": s.owner, "ticket": s.ticket, "expires": s.expires, "expired": s.expired,
                            "rule": s.rule, "resource": s.resource, "source": s.source}}]


def result(f: Finding, rule_index: int, plan_file: str | None = None) -> dict[str, Any]:
    r = f.resource
    logical: dict[str, Any] = {"name": r.name, "fullyQualifiedName": r.native_id, "kind": "resource"}
    location: dict[str, Any] = {"logicalLocations": [logical]}
    if plan_file is not None and r.source == "terraform":
        location["physicalLocation"] = {"artifactLocation": {"uri": plan_file}}
    text = f.message or f.title
    if f.status is Status.UNKNOWN:
        text = f"Could not be evaluated: {text}"
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "kind": KIND[f.status],
        "level": LEVEL[f.severity] if f.status is Status.FAIL else "none",
        "message": {"text": f"{r.name}: {text}"},
        "locations": [location],
        "partialFingerprints": {"hitrustFindingId/v1": f.id},
        "properties": {"status": f.status.value, "severity": f.severity, "resourceType": r.native_type,
                       "provider": r.provider, "account": r.account or "", "region": r.region or "",
                       "source": r.source, "suppressed": f.suppressed},
    }
    if r.observed_at is not None:  # when AWS Config captured the facts (the Config path)
        out["properties"]["observedAt"] = r.observed_at
    suppressions = _suppression(f)
    if suppressions is not None:
        out["suppressions"] = suppressions
    return out


class _Lines:
    """`result` as JSON text, keys sorted, with what a resource shares encoded once.

    Equivalent to ``json.dumps(result(f, ...), sort_keys=True)`` (tests hold it to that); a finding with
    a suppression takes that slow path, the rest a template ~3x faster.
    """

    def __init__(self, index: dict[str, int], plan_file: str | None) -> None:
        self.index, self.plan_file = index, plan_file
        self.resources = PerObject(self._resource)
        self.rules = {rule_id: _str(rule_id) for rule_id in index}

    def _resource(self, r: ResourceRef) -> tuple[str, str, str, str]:
        location: dict[str, Any] = {"logicalLocations": [{"name": r.name, "fullyQualifiedName": r.native_id,
                                                          "kind": "resource"}]}
        if self.plan_file is not None and r.source == "terraform":
            location["physicalLocation"] = {"artifactLocation": {"uri": self.plan_file}}
        observed = "" if r.observed_at is None else f'"observedAt": {_str(r.observed_at)}, '
        props = (f'{{"account": {_str(r.account or "")}, {observed}"provider": {_str(r.provider)}, '
                 f'"region": {_str(r.region or "")}, "resourceType": {_str(r.native_type)}, "severity": "')
        return dumps_sorted([location]), props, f'", "source": {_str(r.source)}, "status": "', r.name

    def __call__(self, f: Finding) -> str:
        if f.suppression is not None:
            return dumps_sorted(result(f, self.index[f.rule_id], self.plan_file))
        locations, props, props_tail, name = self.resources(f.resource)
        text = f.message or f.title
        if f.status is Status.UNKNOWN:
            text = f"Could not be evaluated: {text}"
        failing = f.status is Status.FAIL
        return (f'{{"kind": "{KIND[f.status]}", "level": "{LEVEL[f.severity] if failing else "none"}", '
                f'"locations": {locations}, "message": {{"text": {_str(f"{name}: {text}")}}}, '
                f'"partialFingerprints": {{"hitrustFindingId/v1": {_str(f.id)}}}, '
                f'"properties": {props}{f.severity}{props_tail}{f.status.value}", "suppressed": false}}, '
                f'"ruleId": {self.rules[f.rule_id]}, "ruleIndex": {self.index[f.rule_id]}}}')


def write_sarif(fh: IO[str], run: ReportRun) -> None:
    """One SARIF run: the rules first (every rule with a finding, sorted), then one result per line."""
    first: dict[str, Finding] = {}
    for f in run.findings:
        first.setdefault(f.rule_id, f)
    rule_ids = sorted(first)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    scan = run.scan
    problems = [c for c in coverage_rows(scan) if c["status"] != "ok"]
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {"name": "hitrust-policies", "version": run.meta.tool_version,
                            "informationUri": INFORMATION_URI,
                            "rules": [rule_descriptor(first[rule_id]) for rule_id in rule_ids]}},
        "automationDetails": {"id": f"hitrust-policies/{run.meta.command or 'library'}/{scan.provider}/"},
        "invocations": [{
            "executionSuccessful": True,
            "endTimeUtc": run.meta.generated_at,
            "toolExecutionNotifications": [
                {"level": "warning", "message": {"text": f"{c['collector']} in {c['region']} ({c['account']}): "
                                                        f"{c['status']}: {'; '.join(c['problems'])}"}}
                for c in problems],
        }],
        "properties": {"run": run_header(run), "provider": scan.provider, "account": scan.account,
                       "complete": scan.complete, "regions": sorted(scan.regions),
                       "regionsRead": list(scan.regions_read)},
    }
    rows = suppression_rows(run)
    if rows is not None:  # every entry of the suppressions file, with how many findings it matched
        sarif_run["properties"]["suppressions"] = rows
    # the run object stays open: its results stream after the header, one per line
    fh.write(f'{{"$schema": {json.dumps(SCHEMA_URI)}, "version": "2.1.0", "runs": [')
    fh.write(json.dumps(sarif_run, sort_keys=True)[:-1] + ', "results": [')
    line = _Lines(index, _plan_file(run))
    write_array_items(fh, map(line, run.findings))
    fh.write("]}]}\n")
