"""Where an Azure key vault becomes a `SecretStore` and a `ServiceFirewall`, its keys `CryptoKey`s and
`VaultObject`s, its secrets `VaultObject`s.

Keys and secrets come from the ARM listings under the vault (attributes only: no key material, no secret
value); the vault's audit logging from its diagnostic settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, SecretStore, ServiceFirewall, Unknown, VaultObject
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

KEYS = ArmRead("vault-keys", "/keys", "2023-07-01", "Microsoft.KeyVault/vaults/keys/read")
SECRETS = ArmRead("vault-secrets", "/secrets", "2023-07-01", "Microsoft.KeyVault/vaults/secrets/read")
VAULT_DIAGNOSTICS = ArmRead("vault-diagnostic-settings", "/providers/Microsoft.Insights/diagnosticSettings",
                            "2021-05-01-preview", "Microsoft.Insights/DiagnosticSettings/Read")
Found = SecretStore | ServiceFirewall | CryptoKey | VaultObject


def _item_ref(ctx: Ctx, vault: dict[str, Any], doc: dict[str, Any]) -> Any:
    return ctx.ref({**doc, "subscriptionId": vault.get("subscriptionId"), "location": vault.get("location")},
                   name=f"{vault['name']}/{doc.get('name') or doc['id'].rsplit('/', 1)[-1]}")


def _key(ctx: Ctx, vault: dict[str, Any], doc: dict[str, Any]) -> list[Found]:
    """A key's control-plane properties (no key material): Key Vault keys are always the customer's,
    and any key type can rotate through a rotation policy (which the listing may not show)."""
    attributes = prop(doc, "properties", "attributes")
    ref = _item_ref(ctx, vault, doc)
    return [
        CryptoKey(
            ref=ref,
            customer_managed=True,
            rotation_supported=True,
            enabled=(attributes or {}).get("enabled") is not False,
            rotation_enabled=az.listed_key_rotates(prop(doc, "properties", "rotationPolicy")),
            public_principals=(),  # Key Vault answers only principals of the vault's own tenant
            pending_deletion=None,  # soft-deleted keys are listed apart (deletedkeys), not as keys
        ),
        VaultObject(ref, "key", az.vault_object_expires(attributes)),
    ]


def _secret(ctx: Ctx, vault: dict[str, Any], doc: dict[str, Any]) -> VaultObject:
    return VaultObject(_item_ref(ctx, vault, doc), "secret", az.vault_object_expires(prop(doc, "properties",
                                                                                          "attributes")))


def _audit_logging(settings: Any) -> bool | Unknown:
    if isinstance(settings, Unknown):
        return settings
    return any(az.logs_vault_audit(s.get("properties") or {}) for s in settings.get("value") or [])


@family(
    "key-vaults",
    types=("microsoft.keyvault/vaults",),
    kinds=(SecretStore, ServiceFirewall, CryptoKey, VaultObject),
    permissions=("Microsoft.KeyVault/vaults/read",),
    reads=(KEYS, SECRETS, VAULT_DIAGNOSTICS),
)
def key_vaults(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[Found]:
    def one(row: dict[str, Any]) -> list[Found]:
        ref = ctx.ref(row)
        found: list[Found] = [
            SecretStore(
                ref=ref,
                soft_delete=az.vault_soft_delete(prop(row, "properties", "enableSoftDelete")),
                purge_protection=az.vault_purge_protection(prop(row, "properties", "enablePurgeProtection")),
                role_based_access=az.vault_rbac(prop(row, "properties", "enableRbacAuthorization")),
                audit_logging=_audit_logging(ctx.read(VAULT_DIAGNOSTICS, row["id"])),
            ),
            ServiceFirewall(
                ref=ref,
                public_network_access=az.public_network_enabled(prop(row, "properties", "publicNetworkAccess")),
                default_deny=az.firewall_default_deny(prop(row, "properties", "networkAcls")),
            ),
        ]
        keys = ctx.read_list(KEYS, row["id"])
        if isinstance(keys, Unknown):  # the vault's keys could not be listed: say so on the vault
            unseen = ctx.part(ref, "keys")
            # whatever its keys, none answers anonymous callers
            found += [CryptoKey(unseen, keys, keys, keys, keys, (), None), VaultObject(unseen, "key", keys)]
        else:
            found.extend(item for doc in keys for item in _key(ctx, row, doc))
        secrets = ctx.read_list(SECRETS, row["id"])
        if isinstance(secrets, Unknown):
            found.append(VaultObject(ctx.part(ref, "secrets"), "secret", secrets))
        else:
            found.extend(_secret(ctx, row, doc) for doc in secrets)
        return found

    for items in ctx.fan_out(one, rows):
        yield from items
