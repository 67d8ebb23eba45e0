"""Where virtual networks become `Network` values, flow-logged or not.

Azure records a network's flows with Network Watcher flow logs (``networkWatchers/flowLogs``, all in
Resource Graph): a *VNet flow log* targets a virtual network, a subnet or a NIC; the older *NSG flow
log* (no new ones since June 2025, retired September 2027) targets a network security group and so
covers the subnets that group is attached to. A virtual network is flow-logged when an enabled flow
log targets it, or every one of its subnets is covered by an enabled flow log on the subnet or on
the subnet's NSG (see `azure_semantics.vnet_flow_logged`). Azure has no default network.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Network
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop

VNET = "microsoft.network/virtualnetworks"
FLOW_LOG = "microsoft.network/networkwatchers/flowlogs"


def _subnets(vnet: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(str(s.get("id") or ""), prop(s, "properties", "networkSecurityGroup", "id") or None)
            for s in prop(vnet, "properties", "subnets") or [] if isinstance(s, dict)]


@family(
    "network-flow-logs",
    types=(VNET, FLOW_LOG),
    kinds=(Network,),
    permissions=("Microsoft.Network/virtualNetworks/read", "Microsoft.Network/networkWatchers/flowLogs/read"),
)
def network_flow_logs(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[Network]:
    logged = {str(prop(r, "properties", "targetResourceId") or "").lower() for r in rows
              if r["type"].lower() == FLOW_LOG and az.flow_log_covers(prop(r, "properties", "enabled"))} - {""}
    for vnet in rows:
        if vnet["type"].lower() != VNET:
            continue
        yield Network(ref=ctx.ref(vnet), is_default=False,
                      flow_logs_enabled=az.vnet_flow_logged(vnet["id"], _subnets(vnet), logged))
