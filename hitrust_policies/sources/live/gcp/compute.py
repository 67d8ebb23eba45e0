"""Where Compute Engine firewalls, disks, networks and instances become `IngressRule`s, `BlockVolume`s,
`Network`s, `ComputeInstance`s and `InstanceAccess`es."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import BlockVolume, ComputeInstance, IngressRule, Network, opening_id
from hitrust_policies.model.compute import InstanceAccess
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family
from hitrust_policies.sources.live.gcp.instance_access import (
    COMPUTE_PROJECT,
    INSTANCE,
    instance_access,
    project_metadata,
)

FIREWALL = "compute.googleapis.com/Firewall"
NETWORK = "compute.googleapis.com/Network"
SUBNETWORK = "compute.googleapis.com/Subnetwork"


@family("firewalls", asset_types=(FIREWALL,), kinds=(IngressRule,))
def firewalls(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[IngressRule]:
    """Enabled ingress allow rules, one IngressRule per (protocol, ports, source).

    Like the peers (CIS Google Cloud Platform Foundation 3.6 / 3.7, Prowler
    ``compute_firewall_*_access_from_the_internet_allowed``), an allow is reported even if a
    higher-priority deny shadows it, and whatever instances it targets.
    """
    for asset in assets:
        rule = data(asset)
        if not gcp.firewall_applies(rule.get("direction"), rule.get("disabled")):
            continue
        allowed = [(entry.get("IPProtocol", ""), entry.get("ports")) for entry in rule.get("allowed") or ()]
        sources = gcp.firewall_sources(rule.get("sourceRanges"), rule.get("sourceTags"),
                                       rule.get("sourceServiceAccounts"))
        for protocol, lo, hi, source in gcp.firewall_openings(allowed, sources):
            yield IngressRule(
                ref=ctx.ref(asset, part=opening_id(protocol, lo, hi, source)),
                group=str(rule.get("name") or asset["name"].rsplit("/", 1)[-1]),
                protocol=protocol,
                from_port=lo,
                to_port=hi,
                source=source,
            )


@family("disks", asset_types=("compute.googleapis.com/Disk", "compute.googleapis.com/RegionDisk"),
        kinds=(BlockVolume,))
def disks(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[BlockVolume]:
    """Persistent disks are always encrypted at rest; the key is the customer's Cloud KMS key (CMEK)
    or, for customer-supplied keys (CSEK), named by its hash; Google-managed otherwise. CMEK and CSEK
    are both the customer's."""
    for asset in assets:
        key = dig(data(asset), "diskEncryptionKey") or {}
        kms_key = key.get("kmsKeyName") or (f"csek:{key['sha256']}" if key.get("sha256") else None)
        yield BlockVolume(ref=ctx.ref(asset), encrypted=True, kms_key=kms_key,
                          kms_key_customer_managed=kms_key is not None)


@family("networks", asset_types=(NETWORK, SUBNETWORK), kinds=(Network,), joins=True)
def networks(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[Network]:
    """VPC networks, their flow logs joined from their subnetworks: a network is flow-logged when every
    subnetwork that carries VM traffic logs its flows (flow logs are a subnetwork setting on GCP).
    A network without such subnetworks carries no VM traffic, so nothing goes unlogged."""
    subnets: dict[str, list[bool]] = defaultdict(list)
    for asset in assets:
        if asset.get("asset_type") == SUBNETWORK:
            subnet = data(asset)
            if gcp.subnet_needs_flow_logs(subnet.get("purpose")):
                subnets[gcp.network_key(str(subnet.get("network", "")))].append(
                    gcp.subnet_flow_logs(dig(subnet, "logConfig", "enable"), subnet.get("enableFlowLogs")))
    for asset in assets:
        if asset.get("asset_type") != NETWORK:
            continue
        network = data(asset)
        key = gcp.network_key(str(network.get("selfLink") or asset["name"]))
        yield Network(
            ref=ctx.ref(asset),
            is_default=network.get("name") == gcp.DEFAULT_NETWORK,
            flow_logs_enabled=all(subnets.get(key, [])),
            preset_open=gcp.network_preset_open(network.get("name")),
        )


@family("instances", asset_types=(INSTANCE, COMPUTE_PROJECT), kinds=(ComputeInstance, InstanceAccess), joins=True)
def instances(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[ComputeInstance | InstanceAccess]:
    """VMs and the external addresses their interfaces hold (see `gcp_semantics.instance_external_addresses`).
    Compute Engine encrypts everything it stores for a VM, local SSDs and host caches included, so host
    encryption is always on. Each VM's access settings are joined with its project's metadata (see
    `instance_access`)."""
    projects = project_metadata(assets)
    for asset in assets:
        if asset.get("asset_type") != INSTANCE:
            continue
        yield instance_access(ctx, asset, projects)
        vm = data(asset)
        yield ComputeInstance(ref=ctx.ref(asset),
                              public_addresses=gcp.instance_external_addresses(vm.get("networkInterfaces")),
                              host_encryption=True,
                              ip_forwarding=gcp.instance_ip_forwarding(vm.get("canIpForward"), vm.get("name"),
                                                                       vm.get("labels")))
