"""Network security groups: inline ``securityRules``, separate ``SecurityRule`` resources, Azure's defaults.

An opening is one `IngressRule` per (protocol, port range, source) of an inbound Allow rule,
with the live scanner's ``ref.part`` and the group's name, whichever way the rule was written:
an entry of the group's ``securityRules`` (flat SDK fields, no ``properties`` wrapper), or an
``azure-native:network:SecurityRule`` joined to its group through ``networkSecurityGroupName``.
Azure adds its default inbound rules (``AllowVnetInBound``, ``AllowAzureLoadBalancerInBound``)
to every group, so they are openings of every group here too, as the live scanner reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import IngressRule, Subnet, Unknown, opening_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

NSG = "azure-native:network:NetworkSecurityGroup"
SECURITY_RULE = "azure-native:network:SecurityRule"
NAME = "networkSecurityGroupName"
PENDING_GROUP = "(network security group computed at preview)"

Opening = tuple[Any, Any, Any, Any]  # protocol, from, to, source


def rule_openings(rule: Any) -> list[Opening]:
    """Openings of one rule (flat fields). A rule whose direction, access, protocol or ports are
    not known yet opens each of its sources with an unknown protocol: whether it exposes
    anything cannot be told. A source not known yet is an unknown source."""
    if not isinstance(rule, Mapping):
        unknown = rule if isinstance(rule, Unknown) else Unknown(f"unreadable security rule {rule!r}")
        return [(unknown, unknown, unknown, unknown)]
    protocol = rule.get("protocol")
    ports = az.nsg_rule_port_ranges(rule)
    doubt = arm.first_unknown(rule.get("direction"), rule.get("access"), protocol, *ports)
    if doubt is None and not az.nsg_inbound_allow(rule):
        return []
    sources = az.nsg_rule_sources(rule)
    if doubt is not None:
        return [(doubt, doubt, doubt, s if isinstance(s, Unknown) else az.normalise_source(s)) for s in sources]
    protocol = str(protocol or "*")
    known = [s for s in sources if not isinstance(s, Unknown)]
    out: list[Opening] = list(az.nsg_openings(protocol, known, ports)) if known else []
    for source in dict.fromkeys(s for s in sources if isinstance(s, Unknown)):
        out += [(p, lo, hi, source) for p, lo, hi, _ in az.nsg_openings(protocol, ["*"], ports)]
    return out


def _openings(ref: ResourceRef, group: str, rules: list[Any]) -> Iterator[IngressRule]:
    for rule in rules:
        for protocol, lo, hi, source in rule_openings(rule):
            yield IngressRule(replace(ref, part=opening_id(protocol, lo, hi, source)), group, protocol, lo, hi, source)


@pulumi_adapter(NSG, produces=IngressRule)
def network_security_group(res: PulumiResource, stack: Stack) -> Iterator[IngressRule]:
    name = arm.physical_name(res, NAME)
    rules = res.props.get("securityRules")
    yield from _openings(arm.ref(res, NAME), name,
                         [*([rules] if isinstance(rules, Unknown) else rules or []), *az.DEFAULT_INBOUND_RULES])


def _group_name(rule: PulumiResource, stack: Stack) -> str:
    """Name of the group a separate rule belongs to (its given name if the group is not in this stack)."""
    group = arm.parent(stack, rule, NAME, (NSG,), NAME)
    if group is not None:
        return arm.physical_name(group, NAME)
    return rule.props.name_candidate(NAME) or PENDING_GROUP


@pulumi_adapter(SECURITY_RULE, produces=IngressRule, joins=True)
def security_rule(res: PulumiResource, stack: Stack) -> Iterator[IngressRule]:
    group = _group_name(res, stack)
    yield from _openings(res.ref(name=group), group, [dict(res.props.values)])


VNET = "azure-native:network:VirtualNetwork"
SUBNET = "azure-native:network:Subnet"
PENDING_NSG = "(network security group computed at preview)"


def _subnet_nsg(link: Any) -> Any:
    """A subnet's ``networkSecurityGroup``: its id; a placeholder when it is set but its id is not
    computed yet (an NSG is associated either way); None when not set."""
    if isinstance(link, Unknown):
        return link
    if not isinstance(link, Mapping) or not link:
        return None
    nsg_id = link.get("id")
    return nsg_id if isinstance(nsg_id, str) and nsg_id else PENDING_NSG


@pulumi_adapter(VNET, produces=Subnet)
def virtual_network(res: PulumiResource, stack: Stack) -> Iterator[Subnet]:
    """The subnets declared inline, named ``<vnet>/<subnet>`` as the live scanner names them."""
    vnet = arm.physical_name(res, "virtualNetworkName")
    subnets = res.props.get("subnets") or []
    if isinstance(subnets, Unknown):
        yield Subnet(ref=arm.ref(res, "virtualNetworkName", name=f"{vnet}/(subnets computed at preview)"),
                     security_group=subnets, security_group_supported=True)
        return
    for subnet in subnets:
        name = subnet.get("name") if isinstance(subnet, Mapping) else None
        name = name if isinstance(name, str) else "(subnet name computed at preview)"
        yield Subnet(ref=replace(arm.ref(res, "virtualNetworkName", name=f"{vnet}/{name}"), part=f"subnets/{name}"),
                     security_group=_subnet_nsg(subnet.get("networkSecurityGroup")),
                     security_group_supported=not az.subnet_nsg_exempt(name))


@pulumi_adapter(SUBNET, produces=Subnet, joins=True)
def subnet(res: PulumiResource, stack: Stack) -> Iterator[Subnet]:
    """A subnet declared as its own resource, named after the VNet it joins (in the stack, or by value)."""
    vnet = arm.parent(stack, res, "virtualNetworkName", (VNET,), "virtualNetworkName")
    vnet_name = (arm.physical_name(vnet, "virtualNetworkName") if vnet else
                 res.props.name_candidate("virtualNetworkName") or "(virtual network computed at preview)")
    name = arm.physical_name(res, "subnetName")
    yield Subnet(ref=arm.ref(res, "subnetName", name=f"{vnet_name}/{name}"),
                 security_group=_subnet_nsg(res.props.get("networkSecurityGroup")),
                 security_group_supported=not az.subnet_nsg_exempt(name))
