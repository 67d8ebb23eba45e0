"""Where an Azure key vault becomes a `SecretStore`, a `ServiceFirewall` and its keys `CryptoKey`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, SecretStore, ServiceFirewall, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

KEYS = ArmRead("vault-keys", "/keys", "2023-07-01", "Microsoft.KeyVault/vaults/keys/read")


def _key(ctx: Ctx, vault: dict[str, Any], doc: dict[str, Any]) -> CryptoKey:
    """A key's control-plane properties (no key material): Key Vault keys are always the customer's,
    and any key type can rotate through a rotation policy (which the listing may not show)."""
    attributes = prop(doc, "properties", "attributes") or {}
    return CryptoKey(
        ref=ctx.ref({**doc, "subscriptionId": vault.get("subscriptionId"), "location": vault.get("location")},
                    name=f"{vault['name']}/{doc.get('name') or doc['id'].rsplit('/', 1)[-1]}"),
        customer_managed=True,
        rotation_supported=True,
        enabled=attributes.get("enabled") is not False,
        rotation_enabled=az.listed_key_rotates(prop(doc, "properties", "rotationPolicy")),
    )


@family(
    "key-vaults",
    types=("microsoft.keyvault/vaults",),
    kinds=(SecretStore, ServiceFirewall, CryptoKey),
    permissions=("Microsoft.KeyVault/vaults/read",),
    reads=(KEYS,),
)
def key_vaults(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[SecretStore | ServiceFirewall | CryptoKey]:
    def one(row: dict[str, Any]) -> list[SecretStore | ServiceFirewall | CryptoKey]:
        ref = ctx.ref(row)
        found: list[SecretStore | ServiceFirewall | CryptoKey] = [
            SecretStore(
                ref=ref,
                soft_delete=az.vault_soft_delete(prop(row, "properties", "enableSoftDelete")),
                purge_protection=prop(row, "properties", "enablePurgeProtection") is True,
                role_based_access=prop(row, "properties", "enableRbacAuthorization") is True,
            ),
            ServiceFirewall(
                ref=ref,
                public_network_access=az.public_network_enabled(prop(row, "properties", "publicNetworkAccess")),
                default_deny=az.firewall_default_deny(prop(row, "properties", "networkAcls")),
            ),
        ]
        keys = ctx.read_list(KEYS, row["id"])
        if isinstance(keys, Unknown):  # the vault's keys could not be listed: say so on the vault
            found.append(CryptoKey(ctx.part(ref, "keys"), keys, keys, keys, keys))
        else:
            found.extend(_key(ctx, row, doc) for doc in keys)
        return found

    for items in ctx.fan_out(one, rows):
        yield from items
