"""Security groups and their rules, network ACLs and their rules, VPCs and flow logs.

An opening is one `IngressRule` per protocol / port range / single source whichever
way it was written: an inline ``ingress`` block of a group, an
``aws:ec2/securityGroupRule`` of type ingress, or an
``aws:vpc/securityGroupIngressRule``. Separate rules are joined to their group (for
its name) through ``securityGroupId``.

A network ACL is one `NetworkAcl` holding every inbound entry: its inline ``ingress`` blocks
and the ``aws:ec2/networkAclRule`` resources joined through ``networkAclId``. A
``DefaultNetworkAcl`` adopts the VPC's default ACL and removes every entry the program does
not declare, so a bare one denies everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import AclEntry, IngressRule, Network, NetworkAcl, SecurityGroup, Unknown, opening_id
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.aws_network import acl_entry, port_range
from hitrust_policies.sources.aws_network import protocol as aws_protocol
from hitrust_policies.sources.pulumi.props import optional, preview_unknown, to_bool
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
NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl"
DEFAULT_NETWORK_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
ACLS = (NETWORK_ACL, DEFAULT_NETWORK_ACL)
NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule"
# A source whose *kind* is known (a group or prefix list) but whose id is computed later
# is known not to be a CIDR: it must not make an exposure rule UNKNOWN.
PENDING_GROUP = "sg-(computed at preview)"
PENDING_PREFIX_LIST = "pl-(computed at preview)"


protocol, ports = aws_protocol, port_range  # AWS semantics, shared with the live scanner


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
    """Flow-logged: some flow log of the VPC captures ``trafficType`` ALL (ACCEPT or REJECT alone leave
    traffic unrecorded; a flow log without one is refused by AWS)."""
    sure, maybe = stack.referrers(res, (FLOW_LOG,), "vpcId")
    traffic = [f.props.get("trafficType") for f in sure]
    undecided = [f for f in maybe if not f.props.known("trafficType") or f.props.get("trafficType") == "ALL"]
    if any(isinstance(t, str) and t == "ALL" for t in traffic):
        flow_logs: Any = True
    elif unknown := [t for t in traffic if isinstance(t, Unknown)]:
        flow_logs = unknown[0]
    elif undecided:
        flow_logs = preview_unknown(f"vpcId of {undecided[0].logical_name}")
    else:
        flow_logs = False
    yield Network(ref=res.ref(), is_default=res.type == DEFAULT_VPC, flow_logs_enabled=flow_logs,
                  preset_open=False)  # a default VPC's default security group admits only its members


# ------------------------------------------------------------------ network ACLs


def _entries_of_block(block: Any, number_key: str, action_key: str) -> list[AclEntry]:
    """One entry per CIDR of an inline ``ingress`` block or an ``aws:ec2/networkAclRule``."""
    if isinstance(block, Unknown):
        return [AclEntry(block, block, block, block, block, block)]
    cidrs = [optional(block.get(key)) for key in ("cidrBlock", "ipv6CidrBlock")]
    return [acl_entry(block.get(number_key), block.get(action_key), block.get("protocol"), block.get("fromPort"),
                      block.get("toPort"), cidr) for cidr in cidrs if cidr is not None]


def _rule_entries(rule: PulumiResource, member: Any = True) -> list[AclEntry]:
    """A separate rule's inbound entries; one whose direction or ACL is not known yet may or may
    not apply: its action is then unknown, which bounds the verdict both ways."""
    egress = to_bool(rule.props.get("egress"), default=False)
    if egress is True:
        return []
    entries = _entries_of_block(dict(rule.props.values), "ruleNumber", "ruleAction")
    doubt = egress if isinstance(egress, Unknown) else member if isinstance(member, Unknown) else None
    return [replace(e, allow=doubt) for e in entries] if doubt is not None else entries


def _acl(res: PulumiResource, stack: Stack, is_default: bool) -> Iterator[NetworkAcl]:
    blocks = res.props.get("ingress")
    if isinstance(blocks, Unknown):
        ingress: Any = blocks
    else:
        entries = [e for block in blocks or [] for e in _entries_of_block(block, "ruleNo", "action")]
        sure, maybe = stack.referrers(res, (NETWORK_ACL_RULE,), "networkAclId")
        for rule in sure:
            entries += _rule_entries(rule)
        for rule in maybe:
            entries += _rule_entries(rule, preview_unknown(f"networkAclId of {rule.logical_name}"))
        ingress = tuple(entries)
    yield NetworkAcl(ref=res.ref(), is_default=is_default, ingress=ingress)


@pulumi_adapter(NETWORK_ACL, produces=NetworkAcl, joins=True)
def network_acl(res: PulumiResource, stack: Stack) -> Iterator[NetworkAcl]:
    yield from _acl(res, stack, is_default=False)


@pulumi_adapter(DEFAULT_NETWORK_ACL, produces=NetworkAcl, joins=True)
def default_network_acl(res: PulumiResource, stack: Stack) -> Iterator[NetworkAcl]:
    """Pulumi adopts the VPC's default ACL and strips every entry it does not declare."""
    yield from _acl(res, stack, is_default=True)


@pulumi_adapter(NETWORK_ACL_RULE, produces=NetworkAcl, joins=True)
def network_acl_rule(res: PulumiResource, stack: Stack) -> Iterator[NetworkAcl]:
    """A rule added to an ACL this stack does not declare: judged on its own entry, placed after
    an unknown deny standing for the ACL's other entries, which could shadow it but whose
    allows are not this program's doing. (Rules of ACLs in the stack count with their ACL.)"""
    target = res.props.get("networkAclId")
    if stack.referent(res, "networkAclId", ACLS) is not None:
        return
    if isinstance(target, Unknown):
        if not res.property_dependencies.get("networkAclId") and stack.of_type(*ACLS):
            return  # the stack's ACLs count it as a rule that may be theirs
        target = "(network ACL computed at preview)"
    elif not isinstance(target, str) or not target:
        return
    others = Unknown(f"the other entries of {target} are not in this stack")
    ingress = (AclEntry(0, False, "all", 0, 65535, others), *_rule_entries(res))
    yield NetworkAcl(ref=res.ref(name=target), is_default=Unknown(f"{target} is not in this stack"), ingress=ingress)
