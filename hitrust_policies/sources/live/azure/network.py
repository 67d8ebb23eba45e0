"""Where an Azure network security group's inbound Allow rules become `IngressRule`s, and a virtual
network's subnets `Subnet`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import IngressRule, Subnet, opening_id
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


@family(
    "virtual-networks",
    types=("microsoft.network/virtualnetworks",),
    kinds=(Subnet,),
    permissions=("Microsoft.Network/virtualNetworks/read",),
)
def virtual_networks(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[Subnet]:
    """Each VNet's subnets (Resource Graph lists subnets only inside their VNet) and the NSG each is
    associated with; a gateway / firewall / route-server subnet cannot carry one."""
    for row in rows:
        for subnet in prop(row, "properties", "subnets") or []:
            name = str(subnet.get("name") or subnet.get("id", "").rsplit("/", 1)[-1])
            yield Subnet(
                ref=ctx.ref({**row, "id": subnet.get("id") or f"{row['id']}/subnets/{name}",
                             "type": "microsoft.network/virtualnetworks/subnets"}, name=f"{row['name']}/{name}"),
                security_group=prop(subnet, "properties", "networkSecurityGroup", "id") or None,
                security_group_supported=not az.subnet_nsg_exempt(name),
            )
