"""azurerm values in ARM terms: what `azure_semantics` reads from every Azure source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hitrust_policies.model import Unknown
from hitrust_policies.sources.terraform.azurerm import Planned


def first_unknown(*values: Any) -> Unknown | None:
    return next((v for v in values if isinstance(v, Unknown)), None)


def access(enabled: Any) -> Any:
    """An azurerm ``*_enabled`` boolean as ARM's ``publicNetworkAccess`` (None: not set).

    >>> access(True), access(False), access(None)
    ('Enabled', 'Disabled', None)
    """
    if isinstance(enabled, Unknown) or enabled is None:
        return enabled
    return "Enabled" if enabled else "Disabled"


def diagnostic_logs(setting: Planned) -> tuple[list[dict[str, Any]], Unknown | None]:
    """A diagnostic setting's log entries as ARM ``logs`` (``category`` / ``categoryGroup`` / ``enabled``),
    those known, and the first entry or field only known after apply.

    ``enabled_log`` blocks (v3.39+, the only form in v4) are enabled; v3's ``log`` blocks say so.
    """
    entries: list[dict[str, Any]] = []
    pending: Unknown | None = None
    for block, always in (("enabled_log", True), ("log", False)):
        items = setting.get(block)
        if isinstance(items, Unknown):
            pending = items if pending is None else pending
            continue
        for item in items or []:
            if not isinstance(item, Mapping):
                if isinstance(item, Unknown) and pending is None:
                    pending = item
                continue
            fields = {"category": item.get("category"), "categoryGroup": item.get("category_group"),
                      "enabled": True if always else item.get("enabled")}
            doubt = first_unknown(*fields.values())
            if doubt is not None:
                pending = doubt if pending is None else pending
            else:
                entries.append(fields)
    return entries, pending


DESTINATIONS = {"log_analytics_workspace_id": "workspaceId", "storage_account_id": "storageAccountId",
                "eventhub_authorization_rule_id": "eventHubAuthorizationRuleId",
                "partner_solution_id": "marketplacePartnerId"}
WRITTEN = "(known after apply)"


def diagnostic_properties(setting: Planned, logs: list[dict[str, Any]]) -> dict[str, Any]:
    """The setting as ARM ``properties``: destinations (one only known after apply is still set) and logs."""
    props: dict[str, Any] = {"logs": logs}
    for tf, arm in DESTINATIONS.items():
        value = setting.get(tf)
        props[arm] = WRITTEN if isinstance(value, Unknown) else value
    return props


def key_vault_properties(key_id: Any) -> Any:
    """A Key Vault key id (``https://<vault>/keys/<name>[/<version>]``, azurerm's ``key_vault_key_id``) as ARM
    ``keyVaultProperties`` (``keyVaultUri`` / ``keyName`` / ``keyVersion``); Unknown stays; None when unset.

    >>> key_vault_properties("https://kv.vault.azure.net/keys/sb-cmk")
    {'keyVaultUri': 'https://kv.vault.azure.net/', 'keyName': 'sb-cmk', 'keyVersion': None}
    """
    if isinstance(key_id, Unknown) or not isinstance(key_id, str) or "/keys/" not in key_id:
        return key_id if isinstance(key_id, Unknown) else None
    vault, _, rest = key_id.partition("/keys/")
    name, _, version = rest.strip("/").partition("/")
    return {"keyVaultUri": f"{vault}/", "keyName": name, "keyVersion": version or None}
