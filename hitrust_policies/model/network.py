"""Segmentation: who may open connections to what."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hitrust_policies.model.addresses import AddressSet, address_set
from hitrust_policies.model.facts import Unknown, UnknownFact
from hitrust_policies.model.ref import ResourceRef

ALL_PROTOCOLS = "all"
TCP, UDP = "tcp", "udp"


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
    protocol: str | Unknown  # tcp | udp | icmp | icmpv6 | all, or another IANA number as text ("47")
    from_port: int | Unknown  # 0..65535; all-protocol rules span 0..65535
    to_port: int | Unknown
    source: str | Unknown  # CIDR (v4 or v6), or a group / prefix-list id


@dataclass(frozen=True, slots=True)
class ServiceFirewall:
    """The network firewall in front of a managed service's public endpoint (an Azure storage
    account's or key vault's network ACLs).

    ``public_network_access``: the endpoint answers requests from public networks at all (off: only
    private endpoints reach it); ``default_deny``: a request from a network no firewall rule names is
    refused.
    """

    ref: ResourceRef
    public_network_access: bool | Unknown
    default_deny: bool | Unknown


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


@dataclass(frozen=True, slots=True)
class AclEntry:
    """One inbound entry of an ordered, stateless access list (an AWS network ACL entry).

    ``protocol`` and the port range are normalised as for `IngressRule`; ``source`` is a CIDR.
    """

    number: int | Unknown  # evaluation order: lowest first
    allow: bool | Unknown  # False: deny
    protocol: str | Unknown
    from_port: int | Unknown
    to_port: int | Unknown
    source: str | Unknown


@dataclass(frozen=True, slots=True)
class NetworkAcl:
    """A subnet-level, stateless filter: its inbound entries, in full, in their order.

    The entries are kept as the cloud evaluates them rather than pre-resolved by the
    source, so every source shares one evaluation (`internet_admits`) and a finding can
    say which ports end up reachable. Traffic no entry matches is denied (AWS's ``*``
    rule); an ACL that allows everything lists that allow explicitly (the API shows a
    default ACL's rule 100).
    """

    ref: ResourceRef
    is_default: bool | Unknown
    ingress: tuple[AclEntry, ...] | Unknown


def _matches(entry: AclEntry, protocol: str, port: int) -> bool | Unknown:
    try:
        if entry.protocol == ALL_PROTOCOLS:
            return True
        return entry.protocol == protocol and entry.from_port <= port <= entry.to_port
    except UnknownFact as exc:
        return Unknown(exc.reason)


def internet_admits(entries: Iterable[AclEntry] | Unknown, protocol: str, port: int) -> bool:
    """Does an ordered access list let "the internet" reach ``protocol``/``port``?

    First match wins, lowest number first, unmatched traffic is denied; so a deny placed
    before an allow shadows it, wholly or in part. For each address family this computes,
    exactly, the set of source addresses the list admits to the port and asks whether it
    is the internet (`addresses.AddressSet.is_internet`). Entries with unknown facts are
    bounded both ways: if even the addresses *surely* admitted are the internet the answer
    is True, if not even those *possibly* admitted are, it is False; in between, deciding
    raises `UnknownFact`.

    >>> allow_all = AclEntry(100, True, "all", 0, 65535, "0.0.0.0/0")
    >>> deny_ssh = AclEntry(90, False, "tcp", 22, 22, "0.0.0.0/0")
    >>> internet_admits([allow_all], "tcp", 22), internet_admits([deny_ssh, allow_all], "tcp", 22)
    (True, False)
    >>> internet_admits([AclEntry(90, False, "tcp", 22, 22, "0.0.0.0/1"), allow_all], "tcp", 22)
    True
    """
    ordered = sorted(entries, key=lambda e: e.number)
    pending: Unknown | None = None
    undecided = False
    for version in (4, 6):
        sure, maybe = AddressSet(version), AddressSet(version)
        may_be_decided, surely_decided = AddressSet(version), AddressSet(version)
        for entry in ordered:
            match = _matches(entry, protocol, port)
            if match is False:
                continue
            if isinstance(entry.source, Unknown):
                known, possible = None, AddressSet.everything(version)
            else:
                known = address_set(entry.source)
                if known is None or known.version != version:
                    continue
                possible = known
            for fact in (match, entry.allow, entry.source):
                if pending is None and isinstance(fact, Unknown):
                    pending = fact
            certain = match is True and known is not None
            if certain and entry.allow is True:
                sure = sure | (known - may_be_decided)
            if entry.allow is not False:
                maybe = maybe | (possible - surely_decided)
            may_be_decided = may_be_decided | possible
            if certain:
                surely_decided = surely_decided | known
        if sure.is_internet():
            return True
        undecided = undecided or maybe.is_internet()
    if undecided and pending is not None:
        raise UnknownFact(pending.reason)
    return False


@dataclass(frozen=True, slots=True)
class Subnet:
    """A subnet and the security group (Azure NSG) associated with it as a whole.

    ``security_group_supported`` is False where the platform forbids or manages that filter
    itself (Azure's gateway, firewall and route-server subnets): no finding can be fixed there.
    """

    ref: ResourceRef
    security_group: str | None | Unknown  # the associated group's id; None: none
    security_group_supported: bool
