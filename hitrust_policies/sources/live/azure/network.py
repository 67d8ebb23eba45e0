"""Where an Azure network security group's inbound Allow rules become `IngressRule`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import IngressRule, opening_id
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


@family(
    "network-security-groups",
    types=("microsoft.network/networksecuritygroups",),
    kinds=(IngressRule,),
    permissions=("Microsoft.Network/networkSecurityGroups/read",),
)
def network_security_groups(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[IngressRule]:
    """Inbound Allow rules, custom and default, one IngressRule per (protocol, ports, source).

    Like the peers (CIS Microsoft Azure Foundations 6.x, Prowler's network_*_internet_access
    checks), an Allow is reported even if a higher-priority Deny shadows it.
    """
    for row in rows:
        rules = (prop(row, "properties", "securityRules") or []) + (
            prop(row, "properties", "defaultSecurityRules") or [])
        for r in rules:
            props = r.get("properties") or {}
            if not az.nsg_inbound_allow(props):
                continue
            ports = az.nsg_rule_port_ranges(props)
            for protocol, lo, hi, source in az.nsg_openings(str(props.get("protocol", "*")), az.nsg_rule_sources(props),
                                                            ports):
                yield IngressRule(
                    ref=ctx.ref(row, part=opening_id(protocol, lo, hi, source)),
                    group=row["name"],
                    protocol=protocol,
                    from_port=lo,
                    to_port=hi,
                    source=source,
                )
