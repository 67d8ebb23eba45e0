"""How AWS writes protocols, port ranges and network ACL entries (shared by every AWS source).

Security group permissions (``IpProtocol``), VPC security group rules (``ipProtocol``) and
network ACL entries (``Protocol``) accept a name or an IANA protocol number, as text or (from
Pulumi's wire format) as a float: ``"tcp"``, ``"TCP"``, ``"6"``, ``6.0`` are one protocol.
``"-1"`` / ``"all"`` mean every protocol and every port. For a protocol other than TCP, UDP,
ICMP or ICMPv6, AWS opens all ports whatever the rule says; ICMP has types, not ports. The
live and Pulumi adapters both normalise through here, so the same opening is the same value.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.network import ALL_PROTOCOLS, TCP, UDP, AclEntry

ICMP, ICMPV6 = "icmp", "icmpv6"
NAMES = {"-1": ALL_PROTOCOLS, "all": ALL_PROTOCOLS, "6": TCP, "17": UDP, "1": ICMP, "58": ICMPV6}
PORTED = (TCP, UDP)
NO_PORTS = (-1, -1)  # ICMP: how DescribeSecurityGroups reports it
EVERY_PORT = (0, 65535)


def protocol(value: Any) -> str | Unknown:
    """One spelling per protocol: a name for the five AWS names, the decimal number otherwise.

    >>> [protocol(v) for v in ("6", "TCP", 6.0, 17, "-1", "all", "1", "58", "icmpv6", "47", 47.0)]
    ['tcp', 'tcp', 'tcp', 'udp', 'all', 'all', 'icmp', 'icmpv6', 'icmpv6', '47', '47']
    >>> protocol(None)
    Unknown('protocol not set')
    """
    if isinstance(value, Unknown):
        return value
    if value is None:
        return Unknown("protocol not set")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().lower()
    if text.lstrip("-").isdigit():
        text = str(int(text))
    return NAMES.get(text, text)


def port_number(value: Any) -> int | Unknown | None:
    """A port as an int (floats and numeric strings accepted); None when absent."""
    if isinstance(value, Unknown) or value is None:
        return value
    try:
        return int(float(value)) if not isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return Unknown(f"not a port number: {value!r}")


def port_range(proto: str | Unknown, from_port: Any, to_port: Any) -> tuple[Any, Any]:
    """The ports an AWS rule really opens, given its (normalised) protocol.

    >>> port_range("all", 22, 22), port_range("47", 22, 22), port_range("icmp", 8, 0)
    ((0, 65535), (0, 65535), (-1, -1))
    >>> port_range("tcp", 22.0, "23"), port_range("udp", None, None), port_range("tcp", None, 22)
    ((22, 23), (0, 65535), (22, 22))
    """
    if not isinstance(proto, Unknown) and proto not in PORTED:
        return NO_PORTS if proto in (ICMP, ICMPV6) else EVERY_PORT
    low, high = port_number(from_port), port_number(to_port)
    if low is None and high is None:
        return EVERY_PORT
    return (low if low is not None else high), (high if high is not None else low)


def rule_action(value: Any) -> bool | Unknown:
    """A network ACL entry's ``RuleAction`` / ``action`` as allow (True) / deny (False)."""
    if isinstance(value, Unknown):
        return value
    text = str(value or "").strip().lower()
    if text not in ("allow", "deny"):
        return Unknown(f"unrecognised rule action {value!r}")
    return text == "allow"


def acl_entry(number: Any, action: Any, proto: Any, from_port: Any, to_port: Any, cidr: Any) -> AclEntry:
    """One inbound network ACL entry, normalised alike for the API and for Pulumi programs.

    >>> acl_entry("100", "ALLOW", "6", 22.0, 22.0, "0.0.0.0/0")
    AclEntry(number=100, allow=True, protocol='tcp', from_port=22, to_port=22, source='0.0.0.0/0')
    """
    normalised = protocol(proto)
    low, high = port_range(normalised, from_port, to_port)
    rule_number = port_number(number)
    return AclEntry(
        number=rule_number if rule_number is not None else Unknown("rule number not set"),
        allow=rule_action(action),
        protocol=normalised,
        from_port=low,
        to_port=high,
        source=cidr if cidr is not None else Unknown("entry has no CIDR block"),
    )
