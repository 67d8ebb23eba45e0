"""Where an Azure network security group's inbound Allow rules become `IngressRule`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import IngressRule, opening_id
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


def _plural(props: dict[str, Any], single: str, plural: str) -> list[str]:
    """ARM carries either the single value or the list (the other is empty or absent)."""
    values = [v for v in props.get(plural) or [] if v]
    value = props.get(single)
    return values or ([value] if value else [])


def _sources(props: dict[str, Any]) -> list[str]:
    sources = _plural(props, "sourceAddressPrefix", "sourceAddressPrefixes")
    sources += [asg["id"] for asg in props.get("sourceApplicationSecurityGroups") or [] if asg.get("id")]
    return sources


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
            if str(props.get("direction", "")).lower() != "inbound" or str(props.get("access", "")).lower() != "allow":
                continue
            ports = _plural(props, "destinationPortRange", "destinationPortRanges")
            for protocol, lo, hi, source in az.nsg_openings(str(props.get("protocol", "*")), _sources(props), ports):
                yield IngressRule(
                    ref=ctx.ref(row, part=opening_id(protocol, lo, hi, source)),
                    group=row["name"],
                    protocol=protocol,
                    from_port=lo,
                    to_port=hi,
                    source=source,
                )
