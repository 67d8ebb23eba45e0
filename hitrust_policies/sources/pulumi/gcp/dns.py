"""Cloud DNS managed zones (``dns/managedZone:ManagedZone``) as `DnsZone`s.

A zone is public unless ``visibility`` is ``private``; it is signed while ``dnssecConfig.state`` is
``on`` (left out, DNSSEC is off) with the ``defaultKeySpecs`` algorithms, Cloud DNS's RSASHA256 keys
when it names none: `gcp_semantics`, as for the live scanner.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import DnsZone, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

MANAGED_ZONE = "gcp:dns/managedZone:ManagedZone"


@pulumi_adapter(MANAGED_ZONE, produces=DnsZone)
def managed_zone(res: PulumiResource, stack: Stack) -> Iterator[DnsZone]:
    p = res.props
    visibility, state, specs = p.get("visibility"), p.get("dnssecConfig.state"), p.get("dnssecConfig.defaultKeySpecs")
    spec_fields = [s.get(k) for s in specs if isinstance(s, dict) for k in ("keyType", "algorithm")] \
        if isinstance(specs, list) else []
    pending_specs = names.first_unknown(state, specs, *spec_fields)
    yield DnsZone(
        ref=names.ref(res),
        public=visibility if isinstance(visibility, Unknown) else gcp.dns_zone_public(visibility),
        dnssec=state if isinstance(state, Unknown) else gcp.dnssec_on(state),
        signing_algorithms=pending_specs if pending_specs is not None else gcp.dns_signing_algorithms(state, specs),
    )
