"""Segmentation: who may open connections to what."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef

ALL_PROTOCOLS = "all"


@dataclass(frozen=True, slots=True)
class IngressRule:
    """One inbound allow: one protocol, one port range, one source.

    The same opening is the same value whether it came from an inline block, a
    separate rule resource, an API listing, an NSG or a firewall. ``ref`` points at the
    resource that declares it (``ref.part`` = `opening_id`); ``group`` names the security
    group / NSG / firewall it belongs to.
    """

    ref: ResourceRef
    group: str
    protocol: str | Unknown  # tcp | udp | icmp | all
    from_port: int | Unknown  # 0..65535; all-protocol rules span 0..65535
    to_port: int | Unknown
    source: str | Unknown  # CIDR (v4 or v6), or a group / prefix-list id


@dataclass(frozen=True, slots=True)
class SecurityGroup:
    """A stateful firewall attached to interfaces; only its rule counts matter here."""

    ref: ResourceRef
    is_default: bool | Unknown
    ingress_rule_count: int | Unknown
    egress_rule_count: int | Unknown


def opening_id(protocol: object, from_port: object, to_port: object, source: object) -> str:
    """The ``ref.part`` of an opening, alike in every source so finding ids agree.

    >>> opening_id("tcp", 22, 22, "0.0.0.0/0")
    'ingress/tcp/22-22/0.0.0.0/0'
    """
    return f"ingress/{protocol}/{from_port}-{to_port}/{source}"
