"""Network ACL adapters (inline entries, separate rules joined by id, default ACLs) and protocol spellings
in security group adapters, on captured-shape props."""

from __future__ import annotations

import pytest

from hitrust_policies import Status, get_rule, verdict
from hitrust_policies.model import AclEntry, IngressRule, NetworkAcl, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.pulumi import to_model
from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
from tests.sources.pulumi.helpers import res, urn

U = UNKNOWN_STRING
ACL = "aws:ec2/networkAcl:NetworkAcl"
DEFAULT_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule"
SG = "aws:ec2/securityGroup:SecurityGroup"
VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
RULE = get_rule("net-network-acl-admin-ports")


def acls(*resources) -> dict[str, NetworkAcl]:
    return {v.ref.name: v for v in to_model(list(resources)) if isinstance(v, NetworkAcl)}


def entries(acl: NetworkAcl) -> list[tuple]:
    return [(e.number, e.allow, e.protocol, e.from_port, e.to_port, e.source) for e in acl.ingress]


def block(rule_no: float, action: str, protocol: str, low: float, high: float, cidr: str = "", v6: str = "") -> dict:
    return {"ruleNo": rule_no, "action": action, "protocol": protocol, "fromPort": low, "toPort": high,
            "cidrBlock": cidr, "ipv6CidrBlock": v6}


def rule_props(number: float, action: str, protocol: str, low: float | None, high: float | None, cidr: str,
               egress: object = False, acl_id: object = U) -> dict:
    props = {"networkAclId": acl_id, "ruleNumber": number, "ruleAction": action, "protocol": protocol,
             "egress": egress, "cidrBlock": cidr}
    if low is not None:
        props |= {"fromPort": low, "toPort": high}
    return props


def test_inline_entries_normalised_like_the_api() -> None:
    acl = acls(res(ACL, "public", {"tags": {"Name": "public-acl"}, "ingress": [
        block(100.0, "allow", "6", 22.0, 22.0, cidr="0.0.0.0/0"),
        block(110.0, "deny", "-1", 0.0, 0.0, v6="::/0"),
        block(120.0, "ALLOW", "udp", 161.0, 162.0, cidr="10.0.0.0/8"),
    ], "egress": [block(100.0, "allow", "-1", 0.0, 0.0, cidr="0.0.0.0/0")]}))["public-acl"]
    assert entries(acl) == [(100, True, "tcp", 22, 22, "0.0.0.0/0"), (110, False, "all", 0, 65535, "::/0"),
                            (120, True, "udp", 161, 162, "10.0.0.0/8")]
    assert acl.is_default is False
    assert verdict(RULE, acl) == (Status.FAIL, "22/tcp (SSH) reachable from the internet")


def test_separate_rules_join_by_acl_id_and_egress_is_left_out() -> None:
    acl_urn = urn(ACL, "app")
    values = acls(
        res(ACL, "app", {"ingress": [block(200.0, "allow", "tcp", 0.0, 65535.0, cidr="0.0.0.0/0")]}),
        res(ACL_RULE, "deny-admin", rule_props(100.0, "deny", "6", 0.0, 1023.0, "0.0.0.0/0"), networkAclId=[acl_urn]),
        res(ACL_RULE, "out", rule_props(100.0, "allow", "-1", None, None, "0.0.0.0/0", egress=True),
            networkAclId=[acl_urn]),
    )
    assert list(values) == ["app"]  # a rule of an ACL in the stack is no value of its own
    assert entries(values["app"]) == [(200, True, "tcp", 0, 65535, "0.0.0.0/0"),
                                      (100, False, "tcp", 0, 1023, "0.0.0.0/0")]
    status, message = verdict(RULE, values["app"])
    assert status is Status.FAIL and message.startswith("1433/tcp (SQL Server), ") and "22/tcp" not in message


def test_a_rule_whose_acl_is_not_known_yet_may_or_may_not_apply() -> None:
    values = acls(
        res(ACL, "app", {"ingress": [block(200.0, "allow", "tcp", 22.0, 22.0, cidr="0.0.0.0/0")]}),
        res(ACL_RULE, "maybe-deny", rule_props(100.0, "deny", "6", 22.0, 22.0, "0.0.0.0/0")),  # no dependency info
    )
    assert same(values["app"].ingress[1].allow, Unknown("computed at preview: networkAclId of maybe-deny"))
    assert verdict(RULE, values["app"]) == (Status.UNKNOWN, "computed at preview: networkAclId of maybe-deny")


def test_unknown_direction_bounds_the_verdict() -> None:
    acl_urn = urn(ACL, "app")
    values = acls(res(ACL, "app"), res(ACL_RULE, "r", rule_props(100.0, "allow", "6", 22.0, 22.0, "0.0.0.0/0",
                                                                 egress=U), networkAclId=[acl_urn]))
    assert verdict(RULE, values["app"]) == (Status.UNKNOWN, "computed at preview: egress")


def test_unknown_cidr_and_unknown_entries() -> None:
    values = acls(res(ACL, "a", {"ingress": [block(100.0, "allow", "tcp", 22.0, 22.0, cidr=U)]}),
                  res(ACL, "b", {"ingress": U}))
    assert verdict(RULE, values["a"]) == (Status.UNKNOWN, "computed at preview: ingress[0].cidrBlock")
    assert verdict(RULE, values["b"]) == (Status.UNKNOWN, "computed at preview: ingress")


def test_default_acl_adopted_bare_denies_everything() -> None:
    values = acls(res(DEFAULT_ACL, "vpc-default-acl", {"defaultNetworkAclId": U}),
                  res(DEFAULT_ACL, "open-default", {"defaultNetworkAclId": U, "ingress": [
                      block(100.0, "allow", "-1", 0.0, 0.0, cidr="0.0.0.0/0")]}))
    assert values["vpc-default-acl"].is_default is True and values["vpc-default-acl"].ingress == ()
    assert verdict(RULE, values["vpc-default-acl"]) == (Status.PASS, "")
    assert verdict(RULE, values["open-default"])[0] is Status.FAIL


def test_rule_of_an_acl_outside_the_stack() -> None:
    """Judged on its own entry; the ACL's other entries could shadow it, so an open one is UNKNOWN."""
    values = acls(res(ACL_RULE, "ssh", rule_props(100.0, "allow", "6", 22.0, 22.0, "0.0.0.0/0", acl_id="acl-0abc")),
                  res(ACL_RULE, "vpn", rule_props(101.0, "allow", "-1", None, None, "10.0.0.0/8",
                                                  acl_id="acl-0def")))
    assert verdict(RULE, values["acl-0abc"]) == (Status.UNKNOWN, "the other entries of acl-0abc are not in this stack")
    assert verdict(RULE, values["acl-0def"]) == (Status.PASS, "")
    computed = acls(res(ACL_RULE, "r", rule_props(100.0, "allow", "6", 22.0, 22.0, "0.0.0.0/0"),
                        networkAclId=[urn("aws:ec2/vpc:Vpc", "v")]))
    assert list(computed) == ["(network ACL computed at preview)"]


@pytest.mark.parametrize("spelling", ["tcp", "TCP", "6", 6.0])
def test_security_group_protocol_spellings(spelling) -> None:
    (rule,) = [v for v in to_model([res(SG, "s", {"ingress": [
        {"protocol": spelling, "fromPort": 22.0, "toPort": 22.0, "cidrBlocks": ["0.0.0.0/0"]}]})])
        if isinstance(v, IngressRule)]
    assert (rule.protocol, rule.from_port, rule.to_port) == ("tcp", 22, 22)
    assert rule.ref.part == "ingress/tcp/22-22/0.0.0.0/0"  # the same finding id as the live scanner's


def test_vpc_ingress_rule_udp_by_number() -> None:
    (rule,) = to_model([res(VPC_INGRESS, "snmp", {"securityGroupId": "sg-1", "ipProtocol": "17", "fromPort": 161.0,
                                                  "toPort": 161.0, "cidrIpv6": "::/0"})])
    assert (rule.protocol, rule.from_port, rule.source) == ("udp", 161, "::/0")
    assert verdict(get_rule("net-ingress-rule-admin-ports"), rule) == (Status.FAIL, "161/udp (SNMP) open to ::/0")


def test_acl_entry_type_is_shared() -> None:
    (acl,) = acls(res(ACL, "x", {"ingress": [block(1.0, "deny", "17", 53.0, 53.0, cidr="0.0.0.0/0")]})).values()
    assert acl.ingress == (AclEntry(1, False, "udp", 53, 53, "0.0.0.0/0"),)


INSTANCE = "aws:ec2/instance:Instance"


def test_instance_source_dest_check_is_ip_forwarding() -> None:
    """``sourceDestCheck`` false forwards; unset or true does not; computed at preview is unknown; interfaces
    attached as their own resources carry their own check (unknown unless the instance's is off)."""
    from hitrust_policies.model import ComputeInstance

    eni = [{"deviceIndex": 0.0, "networkInterfaceId": "eni-0a1b2c3d4e5f60718"}]
    found = {v.ref.name: v.ip_forwarding for v in to_model([
        res(INSTANCE, "nat", {"instanceType": "t3.micro", "sourceDestCheck": False}),
        res(INSTANCE, "app", {"instanceType": "t3.micro"}),
        res(INSTANCE, "checked", {"instanceType": "t3.micro", "sourceDestCheck": True}),
        res(INSTANCE, "late", {"instanceType": "t3.micro", "sourceDestCheck": U}),
        res(INSTANCE, "multi-nic", {"instanceType": "t3.micro", "networkInterfaces": eni}),
        res(INSTANCE, "multi-nic-nat", {"instanceType": "t3.micro", "networkInterfaces": eni,
                                        "sourceDestCheck": False}),
    ]) if isinstance(v, ComputeInstance)}
    shown = {n: f"?{v.reason}" if isinstance(v, Unknown) else v for n, v in found.items()}
    assert shown == {"nat": True, "app": False, "checked": False, "late": "?computed at preview: sourceDestCheck",
                     "multi-nic": "?network interfaces attached as their own resources: their source/destination "
                                  "checks are not read", "multi-nic-nat": True}
    rule = get_rule("net-instance-ip-forwarding-off")
    judged = {v.ref.name: verdict(rule, v)[0] for v in to_model([
        res(INSTANCE, "nat", {"instanceType": "t3.micro", "sourceDestCheck": False}),
        res(INSTANCE, "late", {"instanceType": "t3.micro", "sourceDestCheck": U}),
        res(INSTANCE, "app", {"instanceType": "t3.micro"})]) if isinstance(v, ComputeInstance)}
    assert judged == {"nat": Status.FAIL, "late": Status.UNKNOWN, "app": Status.PASS}
