"""Where Service Bus and Event Hubs namespaces become a `MessageQueue` (encryption at rest) and a `LocalAuth`
(their shared access signature keys).

Both services encrypt every message at rest with Microsoft-managed keys, or with a Key Vault key the
namespace names (``encryption.keySource`` ``Microsoft.KeyVault``, Premium / Dedicated). The namespace's
network rule set (default action, IP and virtual-network rules) is a child resource, not on the row:
no `ServiceFirewall` is claimed from ``publicNetworkAccess`` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth, MessageQueue
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


def _namespaces(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[MessageQueue | LocalAuth]:
    """Local (SAS key) authentication stays on unless ``disableLocalAuth`` is true: absent means on, as
    Azure Policy reads it."""
    for row in rows:
        ref = ctx.ref(row)
        yield MessageQueue(ref=ref, encrypted=True, kms_key=az.namespace_key(prop(row, "properties", "encryption")))
        yield LocalAuth(ref, "SAS keys", prop(row, "properties", "disableLocalAuth") is not True)


@family(
    "service-bus-namespaces",
    types=("microsoft.servicebus/namespaces",),
    kinds=(MessageQueue, LocalAuth),
    permissions=("Microsoft.ServiceBus/namespaces/read",),
)
def service_bus_namespaces(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[MessageQueue | LocalAuth]:
    yield from _namespaces(ctx, rows)


@family(
    "event-hubs-namespaces",
    types=("microsoft.eventhub/namespaces",),
    kinds=(MessageQueue, LocalAuth),
    permissions=("Microsoft.EventHub/namespaces/read",),
)
def event_hubs_namespaces(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[MessageQueue | LocalAuth]:
    yield from _namespaces(ctx, rows)
