"""What "the internet" means for a source address range: a pure, cloud-neutral definition.

Peers (CIS, AWS Config, Security Hub, Prowler) only treat the literal ``0.0.0.0/0`` and
``::/0`` as the internet. That misses the same exposure written differently: the VPN-style
split ``0.0.0.0/1`` + ``128.0.0.0/1``, ``::/1``, ``2000::/3`` (all of global unicast) or a
handful of /4s. What matters is how much of the *public* address space a range covers.

**Public space.** IPv4: everything except the IANA special-purpose and reserved blocks
(``0.0.0.0/8``, RFC 1918 ``10/8``, ``172.16/12``, ``192.168/16``, shared ``100.64/10``,
loopback, link-local, the documentation and benchmarking nets, multicast ``224/4`` and
reserved ``240/4``): about 3.70 billion addresses. IPv6: global unicast ``2000::/3``, the only
block IANA delegates for internet routing; everything else (unique-local ``fc00::/7``,
link-local, multicast, ``::/8``, the unassigned ``4000::/2`` ...) is not routed on the internet.

**Threshold.** A range is the internet when it covers at least 1/64 (about 1.6 %) of its
family's public space: for IPv4 roughly 58 million public addresses, i.e. any /6 or wider of
public space; for IPv6 the equivalent of a /9 of ``2000::/3``. Why 1/64: the largest blocks a
single organisation holds are IPv4 /8s (at most two adjacent ones, a /7 = 0.9 %) and IPv6
regional-registry /12s (0.2 %); a rule open to more than that is open to parties the owner
cannot name, and splitting "everyone" into up to 64 pieces is still caught. Coarser splits
(/7 and narrower pieces) escape this per-range test: that needs adding up every opening of a
group, which the rules do not do.

**A whole public cloud's customers.** A named source standing for every address a public cloud
hands to any of its customers is the internet too: anyone can rent a machine inside it. Azure's
``AzureCloud`` service tag (and its regional ``AzureCloud.<region>`` forms) is one; an Azure SQL
server firewall's "Allow Azure services" rule (0.0.0.0-0.0.0.0) admits exactly that, which CIS
Microsoft Azure Foundations 4.1.2 treats as open to any IP.

Other sources that are not CIDR blocks (security group ids, prefix list ids, ``self``, the
``VirtualNetwork`` tag) are not the internet here. A customer-managed prefix list *can* hold
``0.0.0.0/0``; resolving it needs ``ec2:GetManagedPrefixListEntries``, which no source does yet (a known gap).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown, UnknownFact

INTERNET_SHARE = 1 / 64
"""A range covering at least this share of its family's public space is "the internet"."""

_SPACE = {4: 1 << 32, 6: 1 << 128}
_NOT_PUBLIC_V4 = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
)
_PUBLIC_V6 = "2000::/3"
ANY_CLOUD_CUSTOMER = ("azurecloud",)
"""Named sources (lower-cased, before any ``.<region>``) admitting every customer of a public cloud."""

Span = tuple[int, int]  # [start, end) over the integer form of addresses


def _span(cidr: str) -> tuple[int, Span]:
    net = ipaddress.ip_network(cidr, strict=False)
    return net.version, (int(net.network_address), int(net.broadcast_address) + 1)


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


@dataclass(frozen=True)
class AddressSet:
    """A set of addresses of one family, as disjoint sorted spans (exact set arithmetic).

    >>> a = AddressSet.of("0.0.0.0/0") - AddressSet.of("0.0.0.0/1")
    >>> a == AddressSet.of("128.0.0.0/1"), a.size
    (True, 2147483648)
    """

    version: int
    spans: tuple[Span, ...] = ()

    @classmethod
    def of(cls, cidr: str) -> AddressSet:
        version, span = _span(cidr)
        return cls(version, (span,))

    @classmethod
    def everything(cls, version: int) -> AddressSet:
        return cls(version, ((0, _SPACE[version]),))

    @property
    def size(self) -> int:
        return sum(end - start for start, end in self.spans)

    def __or__(self, other: AddressSet) -> AddressSet:
        return AddressSet(self.version, _merge(self.spans + self._same(other).spans))

    def __sub__(self, other: AddressSet) -> AddressSet:
        out: list[Span] = []
        for start, end in self.spans:
            for cut_start, cut_end in self._same(other).spans:
                if cut_end <= start or cut_start >= end:
                    continue
                if cut_start > start:
                    out.append((start, cut_start))
                start = max(start, cut_end)
                if start >= end:
                    break
            if start < end:
                out.append((start, end))
        return AddressSet(self.version, _merge(out))

    def __and__(self, other: AddressSet) -> AddressSet:
        return self - (self - other)

    def _same(self, other: AddressSet) -> AddressSet:
        if other.version != self.version:
            raise ValueError(f"cannot combine IPv{self.version} and IPv{other.version} addresses")
        return other

    def public_share(self) -> float:
        """Share of the family's public address space this set covers (0.0 .. 1.0)."""
        public = PUBLIC[self.version]
        return (self & public).size / public.size

    def is_internet(self) -> bool:
        return self.public_share() >= INTERNET_SHARE


def _public_v4() -> AddressSet:
    out = AddressSet.everything(4)
    for cidr in _NOT_PUBLIC_V4:
        out = out - AddressSet.of(cidr)
    return out


PUBLIC = {4: _public_v4(), 6: AddressSet.of(_PUBLIC_V6)}


def address_set(source: object) -> AddressSet | None:
    """The addresses a CIDR source stands for; None for anything that is not a CIDR block."""
    if not isinstance(source, str):
        return None
    try:
        version, span = _span(source.strip())
    except ValueError:
        return None
    return AddressSet(version, (span,))


def is_internet(source: str | Unknown | None) -> bool:
    """Does this source range count as the internet (see the module docstring)?

    Deciding on an unknown source raises `UnknownFact` (the verdict becomes UNKNOWN).

    >>> [is_internet(s) for s in ("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "::/1", "2000::/3")]
    [True, True, True, True, True, True]
    >>> [is_internet(s) for s in ("10.0.0.0/8", "192.168.0.0/16", "fc00::/7", "8000::/1", "17.0.0.0/8")]
    [False, False, False, False, False]
    >>> [is_internet(s) for s in ("sg-0123456789abcdef0", "pl-0123", "self", "", None, "VirtualNetwork")]
    [False, False, False, False, False, False]
    >>> [is_internet(s) for s in ("AzureCloud", "AzureCloud.WestEurope")]
    [True, True]
    """
    if isinstance(source, Unknown):
        raise UnknownFact(source.reason)
    if isinstance(source, str) and source.strip().lower().split(".", 1)[0] in ANY_CLOUD_CUSTOMER:
        return True
    addresses = address_set(source)
    return addresses is not None and addresses.is_internet()
