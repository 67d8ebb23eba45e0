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

Every flow log is also a `LogGroup`: its records are kept in a storage account for ``retentionPolicy.days``
(0, or the policy off: never deleted), encrypted with that account's customer-managed key if it has one,
and they are audit data (as an AWS flow log's log group). So log-log-group-retention judges flow-log
retention (CIS Microsoft Azure Foundations 6.5 in v2.0 / 7.5 in v3.0 and Prowler
network_flow_log_more_than_90_days ask 90 days or unlimited; the rule's year is stricter) and
enc-log-group-audit-kms their key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LogGroup, Network, NetworkWatcher, ResourceRef, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop

VNET = "microsoft.network/virtualnetworks"
FLOW_LOG = "microsoft.network/networkwatchers/flowlogs"
WATCHER = "microsoft.network/networkwatchers"
STORAGE = "microsoft.storage/storageaccounts"


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


def _storage_key(ctx: Ctx, accounts: dict[str, dict[str, Any]], storage_id: str) -> str | None | Unknown:
    account = accounts.get(storage_id.lower())
    if account is None:
        return Unknown(f"storage account {storage_id} of the flow log is not in subscription {ctx.subscription}'s rows")
    encryption = prop(account, "properties", "encryption") or {}
    key = az.storage_key_id(prop(encryption, "keyvaultproperties", "keyvaulturi"),
                            prop(encryption, "keyvaultproperties", "keyname"),
                            prop(encryption, "keyvaultproperties", "keyversion"))
    return az.storage_encryption(encryption.get("keySource"), key)[1]


def _flow_log_stores(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[LogGroup]:
    accounts = {r["id"].lower(): r for r in rows if r["type"].lower() == STORAGE}
    for flow in rows:
        if flow["type"].lower() != FLOW_LOG or not prop(flow, "properties", "storageId"):
            continue
        yield LogGroup(ref=ctx.ref(flow),
                       retention_days=az.flow_log_retention_days(prop(flow, "properties", "retentionPolicy", "enabled"),
                                                                 prop(flow, "properties", "retentionPolicy", "days")),
                       kms_key=_storage_key(ctx, accounts, str(prop(flow, "properties", "storageId"))),
                       holds_audit_data=True)


@family(
    "network-watchers",
    types=(VNET, WATCHER, FLOW_LOG, STORAGE),
    kinds=(Network, NetworkWatcher, LogGroup),
    permissions=("Microsoft.Network/virtualNetworks/read", "Microsoft.Network/networkWatchers/read",
                 "Microsoft.Network/networkWatchers/flowLogs/read", "Microsoft.Storage/storageAccounts/read"),
)
def network_watchers(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[Network | NetworkWatcher | LogGroup]:
    logged = {str(prop(r, "properties", "targetResourceId") or "").lower() for r in rows
              if r["type"].lower() == FLOW_LOG and az.flow_log_covers(prop(r, "properties", "enabled"))} - {""}
    for vnet in rows:
        if vnet["type"].lower() != VNET:
            continue
        yield Network(ref=ctx.ref(vnet), is_default=False,
                      flow_logs_enabled=az.vnet_flow_logged(vnet["id"], _subnets(vnet), logged), preset_open=False)
    yield from _watchers(ctx, rows)
    yield from _flow_log_stores(ctx, rows)
