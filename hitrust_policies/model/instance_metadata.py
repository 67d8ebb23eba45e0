"""What a virtual machine's instance metadata endpoint (its credentials included) asks of a caller."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class InstanceMetadata:
    """A VM's instance metadata endpoint, where code on the VM (or a request it can be tricked into
    forwarding) reads the VM's role credentials.

    Yielded by the AWS sources (EC2 instances' ``MetadataOptions``, and launch templates' default version:
    what every instance launched from it starts with). Azure IMDS and the Compute Engine
    metadata server always demand a request header a forwarded request does not carry, so there is
    nothing to configure there and they yield none. ``endpoint_enabled``: the endpoint answers at all
    (``HttpEndpoint``); ``tokens_required``: it answers only requests carrying a session token obtained
    by a PUT (IMDSv2, ``HttpTokens: required``).
    """

    ref: ResourceRef
    endpoint_enabled: bool | Unknown
    tokens_required: bool | Unknown
