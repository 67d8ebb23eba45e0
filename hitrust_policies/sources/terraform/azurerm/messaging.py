"""azurerm Service Bus and Event Hubs namespaces as the live scanner and azure-native have them: a
`MessageQueue` (always encrypted at rest; the Key Vault key when one is set) and a `LocalAuth` (SAS keys).

Spellings: ``local_auth_enabled`` (Service Bus) and ``local_authentication_enabled`` (Event Hubs) are ARM's
``disableLocalAuth`` negated, both defaulting to true; a ``customer_managed_key`` block's ``key_vault_key_id``
(Service Bus, v3.x+) or the split ``azurerm_servicebus_namespace_customer_managed_key`` /
``azurerm_eventhub_namespace_customer_managed_key`` (``key_vault_key_ids``) joined by ``namespace_id`` /
``eventhub_namespace_id`` is ARM ``encryption`` with ``keySource`` Microsoft.KeyVault.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth, MessageQueue, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import first_unknown, key_vault_properties

SERVICEBUS, EVENTHUB = "azurerm_servicebus_namespace", "azurerm_eventhub_namespace"
SPLIT_KEYS = {SERVICEBUS: ("azurerm_servicebus_namespace_customer_managed_key", "namespace_id"),
              EVENTHUB: ("azurerm_eventhub_namespace_customer_managed_key", "eventhub_namespace_id")}


def _key_ids(namespace: Planned, plan: Plan) -> Any:
    """The Key Vault key ids the namespace encrypts with (inline block or split resource); Unknown while one
    cannot be told."""
    inline = namespace.block("customer_managed_key")
    if isinstance(inline, Unknown):
        return inline
    if inline is not None:
        return [inline.get("key_vault_key_id")]
    split_type, attr = SPLIT_KEYS[namespace.res.type]
    sure, maybe = plan.referrers(namespace, (split_type,), attr, "id")
    if sure:
        ids = sure[0].first("key_vault_key_ids", "key_vault_key_id")
        return ids if isinstance(ids, (Unknown, list)) else [ids]
    return maybe[0] if maybe else []


def _kms_key(namespace: Planned, plan: Plan) -> Any:
    ids = _key_ids(namespace, plan)
    if isinstance(ids, Unknown):
        return ids
    props = [key_vault_properties(i) for i in ids]
    pending = first_unknown(*props)
    if pending is not None:
        return pending
    return az.namespace_key({"keySource": "Microsoft.KeyVault", "keyVaultProperties": [p for p in props if p]}
                            if ids else None)


@azurerm_adapter(SERVICEBUS, EVENTHUB, produces=(MessageQueue, LocalAuth))
def namespace(ns: Planned, plan: Plan) -> Iterator[MessageQueue | LocalAuth]:
    ref = ns.ref()
    yield MessageQueue(ref=ref, encrypted=True, kms_key=_kms_key(ns, plan))
    local = ns.first("local_auth_enabled", "local_authentication_enabled")
    yield LocalAuth(ref, "SAS keys", local if isinstance(local, Unknown) else local is not False)
