"""azurerm key vaults as a `SecretStore` and a `ServiceFirewall`, as the live scanner sees a vault.

Spellings: soft delete is always on from provider v3 (``soft_delete_enabled`` was removed; the provider
sends ``enableSoftDelete: true``), v2 plans still carry the flag; ``rbac_authorization_enabled`` (v4.x) is
v3's ``enable_rbac_authorization``; ``network_acls`` is ARM ``networkAcls``. Audit logging joins the
``azurerm_monitor_diagnostic_setting`` resources whose ``target_resource_id`` is the vault (by reference
while the id is unknown).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, SecretStore, ServiceFirewall, Unknown, VaultObject
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import access, diagnostic_logs, diagnostic_properties

VAULT = "azurerm_key_vault"
DIAGNOSTIC_SETTING = "azurerm_monitor_diagnostic_setting"


def _audit_logging(vault: Planned, plan: Plan) -> Any:
    pending: Any = None
    for setting in plan.of_type(DIAGNOSTIC_SETTING):
        on = plan.links(setting, "target_resource_id", vault, "id")
        if on is False:
            continue
        logs, doubt = diagnostic_logs(setting)
        if az.logs_vault_audit(diagnostic_properties(setting, logs)):
            if on is True:
                return True
            pending = on if pending is None else pending
        elif doubt is not None and pending is None:
            pending = on if isinstance(on, Unknown) else doubt
    return pending if pending is not None else False


def _keep(value: Any, meaning: Any) -> Any:
    return value if isinstance(value, Unknown) else meaning(value)


@azurerm_adapter(VAULT, produces=(SecretStore, ServiceFirewall))
def key_vault(vault: Planned, plan: Plan) -> Iterator[SecretStore | ServiceFirewall]:
    soft_delete = vault.get("soft_delete_enabled") if "soft_delete_enabled" in vault.values else True
    acls = vault.block("network_acls")
    action = acls if isinstance(acls, Unknown) else (acls or {}).get("default_action")
    network = access(vault.get("public_network_access_enabled"))
    yield SecretStore(
        ref=vault.ref(),
        soft_delete=_keep(soft_delete, az.vault_soft_delete),
        purge_protection=_keep(vault.get("purge_protection_enabled"), az.vault_purge_protection),
        role_based_access=_keep(vault.first("rbac_authorization_enabled", "enable_rbac_authorization"),
                                az.vault_rbac),
        audit_logging=_audit_logging(vault, plan),
    )
    yield ServiceFirewall(
        ref=vault.ref(),
        public_network_access=_keep(network, az.public_network_enabled),
        default_deny=_keep(action, lambda a: az.firewall_default_deny({"defaultAction": a} if a else None)),
    )


KEY, SECRET = "azurerm_key_vault_key", "azurerm_key_vault_secret"
PENDING_VAULT = "(vault known after apply)"


def _vault_name(item: Planned, plan: Plan) -> str:
    """The vault an item's ``key_vault_id`` names: in the plan (by reference while its id is unknown), else
    the id's last segment."""
    for vault in plan.of_type(VAULT):
        if plan.links(item, "key_vault_id", vault, "id") is True:
            return vault.name
    vault_id = item.get("key_vault_id")
    return vault_id.rstrip("/").rsplit("/", 1)[-1] if isinstance(vault_id, str) and vault_id else PENDING_VAULT


@azurerm_adapter(KEY, SECRET, produces=VaultObject)
def vault_object(item: Planned, plan: Plan) -> Iterator[VaultObject]:
    """A key or secret named ``<vault>/<name>`` as the live scanner names it. ``expiration_date`` is ARM's
    ``attributes.exp``; a key's ``rotation_policy.expire_after`` dates only the versions a rotation makes, not
    the one the plan creates, so it does not count."""
    expires = item.get("expiration_date")
    yield VaultObject(item.ref(f"{_vault_name(item, plan)}/{item.name}"), "key" if item.res.type == KEY else "secret",
                      expires if isinstance(expires, Unknown) else az.vault_object_expires({"expires": expires}))


@azurerm_adapter(KEY, produces=CryptoKey)
def crypto_key(item: Planned, plan: Plan) -> Iterator[CryptoKey]:
    """A key as the live scanner sees it: always the customer's, any key type rotates through a rotation policy
    (its ``automatic`` block is ARM's Rotate action), enabled (azurerm has no switch), and answering only the
    vault's tenant."""
    policy = item.block("rotation_policy")
    yield CryptoKey(item.ref(f"{_vault_name(item, plan)}/{item.name}"), customer_managed=True,
                    rotation_supported=True, enabled=True,
                    rotation_enabled=az.declared_key_rotates(az.azurerm_rotation_policy(policy)),
                    public_principals=(), pending_deletion=None)
