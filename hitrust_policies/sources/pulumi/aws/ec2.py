"""Security groups and their rules, default security groups, VPCs and flow logs.

An opening is one `IngressRule` per protocol / port range / single source whichever
way it was written: an inline ``ingress`` block of a group, an
``aws:ec2/securityGroupRule`` of type ingress, or an
``aws:vpc/securityGroupIngressRule``. Separate rules are joined to their group (for
its name) through ``securityGroupId``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import ALL_PROTOCOLS, IngressRule, Network, SecurityGroup, Unknown, opening_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.pulumi.props import preview_unknown, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
GROUPS = (SECURITY_GROUP, DEFAULT_SECURITY_GROUP)
SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
VPC = "aws:ec2/vpc:Vpc"
DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"

PROTOCOLS = {"-1": ALL_PROTOCOLS, "all": ALL_PROTOCOLS, "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
# A source whose *kind* is known (a group or prefix list) but whose id is computed later
# is known not to be a CIDR: it must not make an exposure rule UNKNOWN.
PENDING_GROUP = "sg-(computed at preview)"
PENDING_PREFIX_LIST = "pl-(computed at preview)"


def protocol(value: Any) -> Any:
    if isinstance(value, Unknown) or value is None:
        return value if value is not None else Unknown("protocol not set")
    text = str(value).strip().lower()
    return PROTOCOLS.get(text, text)


def ports(proto: Any, from_port: Any, to_port: Any) -> tuple[Any, Any]:
    """All-protocol rules span every port, whatever the block says (AWS ignores it too).

    ICMP has types, not ports: -1..-1, as the live scanner reports it.
    """
    if not isinstance(proto, Unknown) and proto == ALL_PROTOCOLS:
        return 0, 65535
    if not isinstance(proto, Unknown) and proto in ("icmp", "icmpv6"):
        return -1, -1
    low, high = to_int(from_port), to_int(to_port)
    if low is None and high is None:
        return 0, 65535
    return (low if low is not None else high), (high if high is not None else low)


def group_name(group: PulumiResource) -> str:
    return "default" if group.type == DEFAULT_SECURITY_GROUP else group.display_name("name")


def _sources(block: dict, self_id: Any) -> list[Any]:
    """Single sources of an inline block or ``aws:ec2/securityGroupRule`` (CIDR first)."""
    out: list[Any] = []
    for key, pending in (("cidrBlocks", None), ("ipv6CidrBlocks", None),
                         ("prefixListIds", PENDING_PREFIX_LIST), ("securityGroups", PENDING_GROUP)):
        values = block.get(key)
        if isinstance(values, Unknown):
            out.append(values if pending is None else pending)
            continue
        for value in values or []:
            out.append(pending if pending is not None and isinstance(value, Unknown) else value)
    group_source = block.get("sourceSecurityGroupId")
    if group_source is not None:
        out.append(PENDING_GROUP if isinstance(group_source, Unknown) else group_source)
    if block.get("self") is True:
        out.append(self_id if isinstance(self_id, str) and self_id else "self")
    return out


def _opening(ref: ResourceRef, group: str, proto: Any, low: Any, high: Any, source: Any) -> IngressRule:
    """One opening, its ref told apart from the group's other openings as the live scanner does."""
    return IngressRule(replace(ref, part=opening_id(proto, low, high, source)), group, proto, low, high, source)


def _rules_of_block(block: Any, ref: ResourceRef, group: str, self_id: Any) -> list[IngressRule]:
    if isinstance(block, Unknown):
        return [_opening(ref, group, block, block, block, block)]
    proto = protocol(block.get("protocol"))
    low, high = ports(proto, block.get("fromPort"), block.get("toPort"))
    return [_opening(ref, group, proto, low, high, source) for source in _sources(block, self_id)]


def _inline(res: PulumiResource, prop: str, group: str) -> list[IngressRule] | Unknown:
    blocks = res.props.get(prop)
    if isinstance(blocks, Unknown):
        return blocks
    ref = res.ref(name=group)
    out: list[IngressRule] = []
    for block in blocks or []:
        out.extend(_rules_of_block(block, ref, group, res.id))
    return out


def _owning_group(rule: PulumiResource, stack: Stack) -> str:
    """Name of the group a separate rule belongs to (its id if the group is not in this stack)."""
    owner = stack.referent(rule, "securityGroupId", GROUPS)
    if owner is not None:
        return group_name(owner)
    sg_id = rule.props.get("securityGroupId")
    return sg_id if isinstance(sg_id, str) and sg_id else "(security group computed at preview)"


def _permissions(rules: list[IngressRule]) -> set[tuple[str, ...]]:
    """Distinct (protocol, from, to): AWS lists one permission per triple, however many sources."""
    return {tuple(repr(x) if isinstance(x, Unknown) else str(x) for x in (r.protocol, r.from_port, r.to_port))
            for r in rules}


def _count(res: PulumiResource, stack: Stack, direction: str, group: str) -> Any:
    """Rule count as ``DescribeSecurityGroups`` would show it: inline blocks plus separate rules."""
    inline = _inline(res, direction, group)
    if isinstance(inline, Unknown):
        return inline
    types = (SG_RULE, VPC_INGRESS if direction == "ingress" else VPC_EGRESS)
    sure, maybe = stack.referrers(res, types, "securityGroupId")
    rules = list(inline)
    for rule in sure:
        kind = rule.props.get("type")
        if rule.type == SG_RULE and not isinstance(kind, Unknown) and kind != direction:
            continue
        rules += _separate_rule_values(rule, group)
    if maybe and not rules:
        return preview_unknown(f"securityGroupId of {maybe[0].logical_name}")
    return len(_permissions(rules))


def _group(res: PulumiResource, stack: Stack, is_default: bool) -> Iterator[Any]:
    name = group_name(res)
    yield SecurityGroup(
        ref=res.ref(name=name),
        is_default=is_default,
        ingress_rule_count=_count(res, stack, "ingress", name),
        egress_rule_count=_count(res, stack, "egress", name),
    )
    inline = _inline(res, "ingress", name)
    if isinstance(inline, Unknown):
        yield _opening(res.ref(name=name), name, inline, inline, inline, inline)
    else:
        yield from inline


@pulumi_adapter(SECURITY_GROUP, produces=(SecurityGroup, IngressRule), joins=True)
def security_group(res: PulumiResource, stack: Stack) -> Iterator[Any]:
    yield from _group(res, stack, is_default=False)


@pulumi_adapter(DEFAULT_SECURITY_GROUP, produces=(SecurityGroup, IngressRule), joins=True)
def default_security_group(res: PulumiResource, stack: Stack) -> Iterator[Any]:
    """Pulumi adopts the VPC's default group and strips every rule it does not declare."""
    yield from _group(res, stack, is_default=True)


def _separate_rule_values(rule: PulumiResource, group: str) -> list[IngressRule]:
    ref = rule.ref(name=group)
    p = rule.props
    if rule.type == SG_RULE:
        return _rules_of_block(dict(p.values), ref, group, p.get("securityGroupId"))
    proto = protocol(p.get("ipProtocol"))
    low, high = ports(proto, p.get("fromPort"), p.get("toPort"))
    source: Any = None
    for key, pending in (("cidrIpv4", None), ("cidrIpv6", None), ("prefixListId", PENDING_PREFIX_LIST),
                         ("referencedSecurityGroupId", PENDING_GROUP)):
        value = p.get(key)
        if value is not None:
            source = pending if pending is not None and isinstance(value, Unknown) else value
            break
    if source is None:
        return []
    return [_opening(ref, group, proto, low, high, source)]


@pulumi_adapter(SG_RULE, VPC_INGRESS, produces=IngressRule, joins=True)
def ingress_rule(res: PulumiResource, stack: Stack) -> Iterator[IngressRule]:
    kind = res.props.get("type", "ingress")
    if res.type == SG_RULE and not isinstance(kind, Unknown) and kind != "ingress":
        return
    group = _owning_group(res, stack)
    values = _separate_rule_values(res, group)
    if isinstance(kind, Unknown):
        values = [_opening(v.ref, v.group, kind, v.from_port, v.to_port, v.source) for v in values]
    yield from values


@pulumi_adapter(VPC, DEFAULT_VPC, produces=Network, joins=True)
def vpc(res: PulumiResource, stack: Stack) -> Iterator[Network]:
    sure, maybe = stack.referrers(res, (FLOW_LOG,), "vpcId")
    if sure:
        flow_logs: Any = True
    elif maybe:
        flow_logs = preview_unknown(f"vpcId of {maybe[0].logical_name}")
    else:
        flow_logs = False
    yield Network(ref=res.ref(), is_default=res.type == DEFAULT_VPC, flow_logs_enabled=flow_logs)
