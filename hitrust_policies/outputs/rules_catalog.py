"""The rule catalog as rows, JSON or Markdown (the README's table is generated from here)."""

from __future__ import annotations

import json
from typing import Any

from hitrust_policies.findings import References
from hitrust_policies.mappings import Mappings, default_mappings
from hitrust_policies.rules.registry import Rule, all_rules


def rule_sources(rule: Rule) -> list[str]:
    """Which sources can evaluate a rule: derived from the kinds each source produces."""
    from hitrust_policies.sources import kinds_by_source

    return [name for name, kinds in kinds_by_source().items()
            if rule.kind in kinds and not (rule.live_only and not name.startswith("live"))]


def catalog(rules: list[Rule] | None = None, mappings: Mappings | None = None) -> list[dict[str, Any]]:
    mappings = mappings or default_mappings()
    rows = []
    for r in rules if rules is not None else all_rules():
        refs = mappings.crosswalk.get(r.id) or References()  # a user rule without a row cites nothing
        rows.append({
            "id": r.id,
            "title": r.title,
            "domain": r.domain,
            "severity": r.severity,
            "kind": r.kind.__name__,
            "live_only": r.live_only,
            "sources": rule_sources(r),
            "csf": [c.id for c in refs.csf],
            "csf_basis": refs.csf_basis,
            "csf_sources": [{"csf": list(s.csf), "policy": s.policy, "policy_id": s.policy_id,
                             "initiative": s.initiative, "initiative_version": s.initiative_version,
                             "csf_version": s.csf_version} for s in refs.csf_sources],
            "hipaa": [c.id for c in refs.hipaa],
            "nist": [c.id for c in refs.nist],
            "remediation": dict(r.remediations),
            "options": {o.name: {"default": o.default, "description": o.description} for o in r.options},
        })
    return rows


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2)


def to_markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| id | domain | severity | HITRUST CSF | HIPAA | NIST 800-53 | sources |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        vendor = {cid for s in row["csf_sources"] for cid in s["csf"]}
        csf = ", ".join(cid + (" ¹" if cid in vendor else "") for cid in row["csf"])
        lines.append(
            f"| `{row['id']}` | {row['domain']} | {row['severity']} | {csf} | {', '.join(row['hipaa'])} "
            f"| {', '.join(row['nist'])} | {', '.join(row['sources'])} |"
        )
    lines.append("")
    lines.append("¹ CSF id as Microsoft's Azure Policy HITRUST initiatives (HITRUST/HIPAA 14.13.0 for CSF v9.2, "
                 "HITRUST CSF v11.3 1.7.0) map the equivalent check; `hitrust rules --format json` names the policy "
                 "and initiative version per id. Other CSF ids are our derived assignment.")
    return "\n".join(lines) + "\n"
