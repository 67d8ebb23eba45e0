"""Which rules the AWS sources (live scanner, pulumi-aws pack) can evaluate.

Kinds with no AWS counterpart are listed here once, so the AWS-wide meta-tests judge every other
rule and a new rule over an AWS-less kind is a deliberate, visible choice.
"""

from __future__ import annotations

from hitrust_policies import all_rules
from hitrust_policies.model import LogExport, SecretStore, ServiceFirewall
from hitrust_policies.rules.registry import Rule

# Azure Key Vault recoverability / permission model; storage and key vault network ACLs.
AZURE_ONLY_KINDS: frozenset[type] = frozenset({SecretStore, ServiceFirewall})
# Cloud Logging sinks (copies of every log entry routed out: CIS GCP 2.2).
GCP_ONLY_KINDS: frozenset[type] = frozenset({LogExport})


def aws_rules() -> list[Rule]:
    """Every rule over a kind AWS has."""
    return [r for r in all_rules() if r.kind not in AZURE_ONLY_KINDS | GCP_ONLY_KINDS]


def azure_only_rule_ids() -> set[str]:
    return {r.id for r in all_rules() if r.kind in AZURE_ONLY_KINDS}


def gcp_only_rule_ids() -> set[str]:
    return {r.id for r in all_rules() if r.kind in GCP_ONLY_KINDS}
