"""Compute Engine VMs (``compute/instance:Instance``) as `ComputeInstance`s, as the live scanner has them.

External addresses: each ``networkInterfaces[].accessConfigs[]`` entry is an external IPv4 (its ``natIp``,
or an ephemeral address the API allocates when the entry names none: an empty ``access_configs=[{}]`` is
how the public examples give a VM a public IP), and each ``ipv6AccessConfigs[]`` entry an external IPv6;
a value computed at preview still holds an address. Host encryption is always on (Compute Engine
encrypts everything it stores for a VM). IP forwarding is ``canIpForward`` (off unless set), GKE nodes
exempt (`gcp_semantics.instance_ip_forwarding`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import ComputeInstance, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

INSTANCE = "gcp:compute/instance:Instance"


def _known(value: Any) -> str | None:
    """A computed address is still an address: it is shown by its access config."""
    return value if isinstance(value, str) else None


def _api_shape(nic: Mapping[str, Any]) -> dict[str, Any] | Unknown:
    """A pulumi-gcp interface in the API's spelling (``natIP``), for `gcp_semantics.instance_external_addresses`."""
    v4, v6 = nic.get("accessConfigs"), nic.get("ipv6AccessConfigs")
    pending = names.first_unknown(v4, v6)
    if pending is not None:
        return pending
    return {"accessConfigs": [{"natIP": _known(c.get("natIp"))} for c in v4 or () if isinstance(c, Mapping)],
            "ipv6AccessConfigs": [{"externalIpv6": _known(c.get("externalIpv6"))} for c in v6 or ()
                                  if isinstance(c, Mapping)]}


def _public_addresses(res: PulumiResource) -> tuple[str, ...] | Unknown:
    nics = res.props.get("networkInterfaces")
    if isinstance(nics, Unknown):
        return nics
    shaped = [_api_shape(n) for n in nics or () if isinstance(n, Mapping)]
    pending = names.first_unknown(*shaped)
    return pending if pending is not None else gcp.instance_external_addresses(shaped)


def _ip_forwarding(res: PulumiResource) -> bool | Unknown:
    can, labels, name = res.props.get("canIpForward"), res.props.get("labels"), names.physical_name(res)
    if isinstance(can, Unknown) or not can:
        return can if isinstance(can, Unknown) else False
    if isinstance(labels, Unknown) and gcp.instance_ip_forwarding(True, name, None):
        return labels  # a GKE node label could still exempt it
    return gcp.instance_ip_forwarding(True, name, None if isinstance(labels, Unknown) else labels)


@pulumi_adapter(INSTANCE, produces=ComputeInstance)
def instance(res: PulumiResource, stack: Stack) -> Iterator[ComputeInstance]:
    yield ComputeInstance(ref=names.ref(res), public_addresses=_public_addresses(res), host_encryption=True,
                          ip_forwarding=_ip_forwarding(res))
