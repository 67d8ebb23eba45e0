"""What addresses a subnet hands out by default to what launches in it."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class SubnetAddressing:
    """A subnet's launch defaults for addresses.

    Yielded by the AWS sources (VPC subnets' ``MapPublicIpOnLaunch``); Azure and Google Cloud subnets give
    no VM a public address unless the VM's own interface asks for one, so they yield none.
    ``maps_public_ip``: every interface created in the subnet gets a public IPv4 unless its launch says no.
    """

    ref: ResourceRef
    maps_public_ip: bool | Unknown
