"""Authoritative DNS: the zones a cloud's name servers answer for."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef

KEY_SIGNING = "key-signing"
ZONE_SIGNING = "zone-signing"


@dataclass(frozen=True, slots=True)
class DnsZone:
    """A hosted DNS zone.

    Yielded by Google Cloud DNS managed zones today; Amazon Route 53 hosted zones and Azure DNS zones
    could yield it later. ``public`` is whether the internet resolves it (private zones answer inside
    networks only). ``dnssec`` is whether its answers are signed; ``signing_algorithms`` names the
    algorithm of each signing key the zone uses or will use once signed, as ``role:ALGORITHM``
    (``key-signing:RSASHA256``, ``zone-signing:RSASHA1``).
    """

    ref: ResourceRef
    public: bool | Unknown
    dnssec: bool | Unknown
    signing_algorithms: tuple[str, ...] | Unknown
