"""Where a Cloud DNS managed zone becomes a `DnsZone`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DnsZone
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family

MANAGED_ZONE = "dns.googleapis.com/ManagedZone"


@family("dns-zones", asset_types=(MANAGED_ZONE,), kinds=(DnsZone,))
def dns_zones(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[DnsZone]:
    """Managed zones, named by their ``name``: ``visibility`` (public unless private), DNSSEC
    ``dnssecConfig.state`` and the algorithms of its ``defaultKeySpecs``."""
    for asset in assets:
        zone = data(asset)
        state = dig(zone, "dnssecConfig", "state")
        yield DnsZone(
            ref=ctx.ref(asset),
            public=gcp.dns_zone_public(zone.get("visibility")),
            dnssec=gcp.dnssec_on(state),
            signing_algorithms=gcp.dns_signing_algorithms(state, dig(zone, "dnssecConfig", "defaultKeySpecs")),
        )
