"""Compute Engine firewalls, disks and VPC networks, as the live scanner has them.

* ``compute/firewall:Firewall``: one `IngressRule` per (protocol, port range, source) of an enabled
  ingress allow rule (``allows[].protocol`` / ``ports``, ``sourceRanges`` / ``sourceTags`` /
  ``sourceServiceAccounts``); a rule naming no source admits 0.0.0.0/0, as the API defaults.
* ``compute/disk:Disk`` and ``compute/regionDisk:RegionDisk``: always encrypted; the key is
  ``diskEncryptionKey.kmsKeySelfLink`` (CMEK), a customer-supplied key by its ``sha256``, else Google's.
* ``compute/network:Network`` joined with its ``compute/subnetwork:Subnetwork``s: flow-logged when every
  subnetwork that carries VM traffic has a ``logConfig`` (pulumi-gcp has no ``enable`` flag: the block
  turns flow logs on). A network left in auto mode (``autoCreateSubnetworks``, true unless set false)
  gets a subnetwork per region from GCP, none of them logging flows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import BlockVolume, IngressRule, Network, Unknown, opening_id
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.props import and3, preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

FIREWALL = "gcp:compute/firewall:Firewall"
DISKS = ("gcp:compute/disk:Disk", "gcp:compute/regionDisk:RegionDisk")
NETWORK = "gcp:compute/network:Network"
SUBNETWORK = "gcp:compute/subnetwork:Subnetwork"
AUTO_MODE_ON_CREATE = True  # pulumi-gcp (the Terraform provider) creates auto-mode networks by default


def _known(value: Any) -> list[Any]:
    return [] if isinstance(value, Unknown) else [v for v in value or () if not isinstance(v, Unknown)]


def _sources(res: PulumiResource) -> list[Any]:
    """Who the rule admits; a source not known yet is an Unknown source (never the 0.0.0.0/0 default)."""
    parts = [res.props.get(p) for p in ("sourceRanges", "sourceTags", "sourceServiceAccounts")]
    pending = [u for part in parts for u in names.unknowns_in(part)]
    if not pending:
        return gcp.firewall_sources(*parts)
    known = gcp.firewall_sources(*(_known(p) for p in parts)) if any(_known(p) for p in parts) else []
    return [*known, *dict.fromkeys(pending)]


@pulumi_adapter(FIREWALL, produces=IngressRule)
def firewall(res: PulumiResource, stack: Stack) -> Iterator[IngressRule]:
    p = res.props
    allows = p.get("allows")
    doubt = names.first_unknown(*names.unknowns_in([p.get("direction"), p.get("disabled"), allows]))
    if doubt is None and not gcp.firewall_applies(p.get("direction"), p.get("disabled")):
        return
    ref, group = names.ref(res), names.physical_name(res)
    sources = _sources(res)
    if doubt is not None:
        openings = [(doubt, doubt, doubt, s) for s in sources]
    else:
        allowed = [(e.get("protocol", ""), e.get("ports")) for e in allows or () if isinstance(e, Mapping)]
        openings = list(gcp.firewall_openings(allowed, sources))
    for protocol, lo, hi, source in openings:
        yield IngressRule(replace(ref, part=opening_id(protocol, lo, hi, source)), group, protocol, lo, hi, source)


@pulumi_adapter(*DISKS, produces=BlockVolume)
def disk(res: PulumiResource, stack: Stack) -> Iterator[BlockVolume]:
    """A customer-supplied key (``rawKey`` / ``rsaEncryptedKey``, secrets, never read here) is named
    by its ``sha256``, an output: unknown until the disk exists."""
    key = res.props.get("diskEncryptionKey")
    kms_key: Any = None
    customer: Any = False
    if isinstance(key, Unknown):
        kms_key = customer = key
    elif isinstance(key, Mapping):
        cmek = res.props.get("diskEncryptionKey.kmsKeySelfLink")
        if isinstance(cmek, Unknown) or cmek:
            kms_key, customer = cmek, cmek if isinstance(cmek, Unknown) else True
        elif key.get("rawKey") is not None or key.get("rsaEncryptedKey") is not None:
            sha = res.props.get("diskEncryptionKey.sha256")
            kms_key = f"csek:{sha}" if isinstance(sha, str) and sha else preview_unknown("diskEncryptionKey.sha256")
            customer = True  # a key the customer supplies is the customer's, whatever its hash
    yield BlockVolume(ref=names.ref(res), encrypted=True, kms_key=kms_key, kms_key_customer_managed=customer)


def _subnet_logs(subnet: PulumiResource) -> Any:
    """Does this subnetwork log its flows (True where it carries no VM traffic: nothing to log)?"""
    purpose, config = subnet.props.get("purpose"), subnet.props.get("logConfig")
    pending = names.first_unknown(purpose, config)
    if isinstance(purpose, str) and not gcp.subnet_needs_flow_logs(purpose):
        return True
    if pending is not None:
        return pending
    return gcp.subnet_flow_logs(True if isinstance(config, Mapping) else None, None)


def _preset_open(network: PulumiResource) -> Any:
    """Compute Engine's ``default`` network is known by its name: a computed name is unknown, not the logical
    name the resource is otherwise shown by."""
    given = network.props.get("name")
    return given if isinstance(given, Unknown) else gcp.network_preset_open(names.physical_name(network))


@pulumi_adapter(NETWORK, produces=Network, joins=True)
def network(res: PulumiResource, stack: Stack) -> Iterator[Network]:
    auto = res.props.get("autoCreateSubnetworks")
    auto = AUTO_MODE_ON_CREATE if auto is None else auto
    states: list[Any] = [auto if isinstance(auto, Unknown) else
                         (gcp.AUTO_SUBNET_FLOW_LOGS if auto else True)]
    sure, maybe = names.referrers(stack, res, (SUBNETWORK,), "network")
    states += [_subnet_logs(s) for s in sure]
    for subnet in maybe:  # may belong to this network: unknown unless it logs anyway
        logs = _subnet_logs(subnet)
        states.append(True if logs is True else preview_unknown(f"network of {subnet.logical_name}"))
    name = names.physical_name(res)
    yield Network(ref=names.ref(res), is_default=name == gcp.DEFAULT_NETWORK, flow_logs_enabled=and3(*states),
                  preset_open=_preset_open(res))
