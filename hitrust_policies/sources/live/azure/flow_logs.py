"""Network Watcher: virtual networks as `Network` values (flow-logged or not), regions as `NetworkWatcher`s.

Azure records a network's flows with Network Watcher flow logs (``networkWatchers/flowLogs``, all in
Resource Graph): a *VNet flow log* targets a virtual network, a subnet or a NIC; the older *NSG flow
log* (no new ones since June 2025, retired September 2027) targets a network security group and so
covers the subnets that group is attached to. A virtual network is flow-logged when an enabled flow
log targets it, or every one of its subnets is covered by an enabled flow log on the subnet or on
the subnet's NSG (see `azure_semantics.vnet_flow_logged`). Azure has no default network.

Every region the subscription has virtual networks in is a `NetworkWatcher` (``network-watcher/<region>``),
enabled when a Network Watcher there is provisioned (Azure creates one in ``NetworkWatcherRG`` with the
region's first network unless the subscription opted out); regions without networks are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Network, NetworkWatcher, ResourceRef
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop

VNET = "microsoft.network/virtualnetworks"
FLOW_LOG = "microsoft.network/networkwatchers/flowlogs"
WATCHER = "microsoft.network/networkwatchers"


def _subnets(vnet: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(str(s.get("id") or ""), prop(s, "properties", "networkSecurityGroup", "id") or None)
            for s in prop(vnet, "properties", "subnets") or [] if isinstance(s, dict)]


def _watchers(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[NetworkWatcher]:
    regions = sorted({str(r.get("location") or "").lower() for r in rows if r["type"].lower() == VNET} - {""})
    provisioned = {str(r.get("location") or "").lower() for r in rows if r["type"].lower() == WATCHER
                   and az.network_watcher_ready(prop(r, "properties", "provisioningState"))}
    for region in regions:  # one stable id per region, whether or not a watcher exists (baselines)
        native_id = f"{ctx.scope}/providers/Microsoft.Network/locations/{region}/networkWatcher"
        yield NetworkWatcher(
            ref=ResourceRef("azure", WATCHER, native_id, f"network-watcher/{region}", account=ctx.subscription,
                            region=region, source=ctx.source),
            enabled=region in provisioned)


@family(
    "network-watchers",
    types=(VNET, WATCHER, FLOW_LOG),
    kinds=(Network, NetworkWatcher),
    permissions=("Microsoft.Network/virtualNetworks/read", "Microsoft.Network/networkWatchers/read",
                 "Microsoft.Network/networkWatchers/flowLogs/read"),
)
def network_watchers(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[Network | NetworkWatcher]:
    logged = {str(prop(r, "properties", "targetResourceId") or "").lower() for r in rows
              if r["type"].lower() == FLOW_LOG and az.flow_log_covers(prop(r, "properties", "enabled"))} - {""}
    for vnet in rows:
        if vnet["type"].lower() != VNET:
            continue
        yield Network(ref=ctx.ref(vnet), is_default=False,
                      flow_logs_enabled=az.vnet_flow_logged(vnet["id"], _subnets(vnet), logged))
    yield from _watchers(ctx, rows)
