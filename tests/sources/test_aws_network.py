"""AWS protocol / port / NACL-entry semantics, shared by the live and Pulumi sources."""

from __future__ import annotations

import pytest

from hitrust_policies.model import AclEntry, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources import aws_network
from hitrust_policies.sources.aws_network import acl_entry, port_range, protocol, rule_action
from hitrust_policies.sources.pulumi.aws import ec2 as pulumi_ec2


@pytest.mark.parametrize("raw, expected", [
    ("tcp", "tcp"), ("TCP", "tcp"), (" Tcp ", "tcp"), ("6", "tcp"), (6, "tcp"), (6.0, "tcp"), ("006", "tcp"),
    ("udp", "udp"), ("17", "udp"), (17.0, "udp"),
    ("-1", "all"), (-1, "all"), (-1.0, "all"), ("all", "all"), ("ALL", "all"),
    ("icmp", "icmp"), ("1", "icmp"), ("58", "icmpv6"), ("icmpv6", "icmpv6"),
    ("47", "47"), (50, "50"), (132.0, "132"),
])
def test_protocol_spellings(raw, expected) -> None:
    assert protocol(raw) == expected


def test_pulumi_and_live_share_the_normalisation() -> None:
    assert pulumi_ec2.protocol is aws_network.protocol and pulumi_ec2.ports is aws_network.port_range


@pytest.mark.parametrize("proto, low, high, expected", [
    ("tcp", 22, 22, (22, 22)), ("tcp", 22.0, 23.0, (22, 23)), ("udp", "161", "162", (161, 162)),
    ("tcp", None, None, (0, 65535)), ("tcp", 80, None, (80, 80)),
    ("all", 22, 22, (0, 65535)), ("all", 0, 0, (0, 65535)), ("all", -1, -1, (0, 65535)),
    ("icmp", 8, 0, (-1, -1)), ("icmpv6", -1, -1, (-1, -1)),
    ("47", 22, 22, (0, 65535)),  # AWS opens every port for protocols other than TCP/UDP/ICMP(v6)
])
def test_port_ranges(proto, low, high, expected) -> None:
    assert port_range(proto, low, high) == expected


def test_unknowns_pass_through() -> None:
    u = Unknown("computed at preview: fromPort")
    assert protocol(u) is u
    assert port_range("tcp", u, 22) == (u, 22)
    assert port_range(Unknown("p"), 22, 22) == (22, 22)
    assert same(rule_action(u), u)
    assert same(port_range("tcp", "x", 22)[0], Unknown("not a port number: 'x'"))


def test_acl_entries() -> None:
    assert acl_entry(100, "allow", "-1", None, None, "0.0.0.0/0") == AclEntry(100, True, "all", 0, 65535, "0.0.0.0/0")
    assert acl_entry(90.0, "Deny", "17", 161.0, 162.0, "::/0") == AclEntry(90, False, "udp", 161, 162, "::/0")
    assert same(acl_entry(None, "allow", "6", 22, 22, "0.0.0.0/0").number, Unknown("rule number not set"))
    assert same(acl_entry(1, "maybe", "6", 22, 22, "0.0.0.0/0").allow, Unknown("unrecognised rule action 'maybe'"))
    assert same(acl_entry(1, "allow", "6", 22, 22, None).source, Unknown("entry has no CIDR block"))
