"""azurerm network security groups: inline ``security_rule`` blocks and ``azurerm_network_security_rule``
resources joined to their group through ``network_security_group_name`` (by reference, else by name in
the same resource group), plus the inbound rules Azure adds to every group.

An azurerm rule carries the ARM rule's fields under snake_case names (``source_address_prefixes``,
``destination_port_range``, ``source_application_security_group_ids``): `arm_rule` renames them and the
openings are those the azure-native adapter derives from the same fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import IngressRule, Unknown, opening_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure.network import rule_openings
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter

NSG = "azurerm_network_security_group"
RULE = "azurerm_network_security_rule"
PENDING_GROUP = "(network security group known after apply)"

_FIELDS = {"direction": "direction", "access": "access", "protocol": "protocol",
           "source_address_prefix": "sourceAddressPrefix", "source_address_prefixes": "sourceAddressPrefixes",
           "destination_port_range": "destinationPortRange", "destination_port_ranges": "destinationPortRanges"}


def arm_rule(rule: Any) -> Any:
    """An azurerm rule (block or resource values) with the ARM field names `azure_semantics` reads.

    >>> arm_rule({"protocol": "Tcp", "destination_port_range": "22", "source_application_security_group_ids": ["/a"]})
    {'protocol': 'Tcp', 'destinationPortRange': '22', 'sourceApplicationSecurityGroups': [{'id': '/a'}]}
    """
    if not isinstance(rule, Mapping):
        return rule
    out = {arm: rule[tf] for tf, arm in _FIELDS.items() if tf in rule}
    groups = rule.get("source_application_security_group_ids")
    if groups is not None:
        out["sourceApplicationSecurityGroups"] = groups if isinstance(groups, Unknown) else [
            {"id": g} for g in groups]
    return out


def _openings(ref: ResourceRef, group: str, rules: list[Any]) -> Iterator[IngressRule]:
    for rule in rules:
        for protocol, lo, hi, source in rule_openings(rule):
            yield IngressRule(replace(ref, part=opening_id(protocol, lo, hi, source)), group, protocol, lo, hi, source)


@azurerm_adapter(NSG, produces=IngressRule)
def network_security_group(group: Planned, plan: Plan) -> Iterator[IngressRule]:
    rules = group.get("security_rule")
    yield from _openings(group.ref(), group.name,
                         [*([rules] if isinstance(rules, Unknown) else map(arm_rule, rules or [])),
                          *az.DEFAULT_INBOUND_RULES])


def _group_name(rule: Planned, plan: Plan) -> str:
    for group in plan.of_type(NSG):
        if plan.links(rule, "network_security_group_name", group, "name") is True:
            return group.name
    name = rule.get("network_security_group_name")
    return name if isinstance(name, str) and name else PENDING_GROUP


@azurerm_adapter(RULE, produces=IngressRule)
def network_security_rule(rule: Planned, plan: Plan) -> Iterator[IngressRule]:
    group = _group_name(rule, plan)
    yield from _openings(rule.ref(name=group), group, [arm_rule(rule.values)])
