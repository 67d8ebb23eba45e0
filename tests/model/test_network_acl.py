"""Ordered, stateless ACL evaluation: first match wins, denies shadow later allows, unknowns bound both ways."""

from __future__ import annotations

import pytest

from hitrust_policies.model import AclEntry, Unknown, UnknownFact, internet_admits

U = Unknown("computed at preview: cidrBlock")


def e(number, allow, protocol="tcp", low=22, high=22, source="0.0.0.0/0") -> AclEntry:
    return AclEntry(number, allow, protocol, low, high, source)


ALLOW_ALL = e(100, True, "all", 0, 65535)
DENY_REST = e(32767, False, "all", 0, 65535)


@pytest.mark.parametrize("name, entries, expected", [
    ("no-entries-denies-everything", [], False),
    ("default-acl", [ALLOW_ALL, DENY_REST], True),
    ("deny-all-first", [e(1, False, "all", 0, 65535), ALLOW_ALL], False),
    ("deny-ssh-first", [e(90, False), ALLOW_ALL], False),
    ("deny-ssh-after", [ALLOW_ALL, e(110, False)], True),
    ("order-is-by-number-not-position", [ALLOW_ALL, e(90, False)], False),
    ("deny-other-port-first", [e(90, False, low=23, high=23), ALLOW_ALL], True),
    ("deny-range-covering-port", [e(90, False, low=0, high=1023), ALLOW_ALL], False),
    ("deny-udp-does-not-shadow-tcp", [e(90, False, "udp"), ALLOW_ALL], True),
    ("deny-half-leaves-half", [e(90, False, source="0.0.0.0/1"), ALLOW_ALL], True),
    ("deny-public-blocks-leaves-private", [e(90, False, source="0.0.0.0/1"), e(91, False, source="128.0.0.0/1"),
                                           ALLOW_ALL], False),
    ("deny-v4-leaves-v6", [e(90, False, "all", 0, 65535), ALLOW_ALL, e(101, True, "all", 0, 65535, "::/0")], True),
    ("allow-private-only", [e(100, True, "all", 0, 65535, "10.0.0.0/8")], False),
    ("allows-add-up", [e(100, True, source="0.0.0.0/1"), e(101, True, source="128.0.0.0/1")], True),
    ("icmp-only", [e(100, True, "icmp", -1, -1)], False),
])
def test_first_match_semantics(name, entries, expected) -> None:
    assert internet_admits(entries, "tcp", 22) is expected


@pytest.mark.parametrize("name, entries", [
    ("deny-with-unknown-cidr-before-allow", [e(90, False, source=U), ALLOW_ALL]),
    ("allow-with-unknown-cidr", [e(100, True, source=U)]),
    ("deny-with-unknown-ports-before-allow", [e(90, False, low=Unknown("p"), high=Unknown("p")), ALLOW_ALL]),
    ("unknown-action", [e(100, Unknown("computed at preview: egress"))]),
    ("unknown-number", [e(Unknown("n"), False), ALLOW_ALL]),
])
def test_undecidable_lists_are_unknown(name, entries) -> None:
    with pytest.raises(UnknownFact):
        internet_admits(entries, "tcp", 22)


@pytest.mark.parametrize("name, entries, expected", [
    ("known-allow-before-unknown-deny", [ALLOW_ALL, e(200, False, source=U)], True),
    ("unknown-allow-of-another-protocol", [e(100, True, "udp", source=U)], False),
    ("unknown-deny-after-nothing", [e(100, False, source=U)], False),
    ("unknown-cidr-on-another-port", [e(90, False, low=80, high=80, source=U), ALLOW_ALL], True),
])
def test_unknowns_that_cannot_change_the_answer(name, entries, expected) -> None:
    assert internet_admits(entries, "tcp", 22) is expected


def test_unknown_entry_list() -> None:
    with pytest.raises(UnknownFact, match="AccessDenied"):
        internet_admits(Unknown("AccessDenied: ec2:DescribeNetworkAcls"), "tcp", 22)
