"""azurerm storage accounts, with their split network rules, customer-managed key and blob diagnostic settings.

Spellings: provider v4 ``https_traffic_only_enabled`` is v3's ``enable_https_traffic_only`` (ARM
``supportsHttpsTrafficOnly``); ``allow_nested_items_to_be_public`` (v3, v4; v2's ``allow_blob_public_access``)
is ARM ``allowBlobPublicAccess``; booleans ``public_network_access_enabled`` stand for ARM's
``Enabled`` / ``Disabled``. The provider fills its defaults into the plan, so the value planned is the value
sent: nested items may be public unless set false (v3 and v4; hashicorp/terraform-provider-azurerm#27513),
where ARM and azure-native create an account without the setting closed.

Joins: an ``azurerm_storage_account_network_rules`` replaces the account's ``network_rules``; an
``azurerm_storage_account_customer_managed_key`` sets its key; an ``azurerm_monitor_diagnostic_setting``
records blob access when it targets ``<account id>/blobServices/default``. A plan records that a target is
built from the account's id but not the text around it, so while the id is unknown such a setting
leaves access logging Unknown (the azure-native adapter's preview answer), unless its logs would not
record blob access anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import (
    KMS,
    InfrastructureEncryption,
    LocalAuth,
    ObjectStore,
    ServiceFirewall,
    TlsListener,
    Unknown,
)
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import access, diagnostic_logs, first_unknown

ACCOUNT = "azurerm_storage_account"
NETWORK_RULES = "azurerm_storage_account_network_rules"
CMK = "azurerm_storage_account_customer_managed_key"
DIAGNOSTIC_SETTING = "azurerm_monitor_diagnostic_setting"


def _joined(account: Planned, plan: Plan, types: tuple[str, ...]) -> tuple[list[Planned], Unknown | None]:
    sure, maybe = plan.referrers(account, types, "storage_account_id", "id")
    return sure, (maybe[0] if maybe else None)


def _customer_key(account: Planned, plan: Plan) -> tuple[Any, Any]:
    """(key source, key id) in ARM terms: ``Microsoft.Keyvault`` with the key's id when a customer-managed
    key is set inline or by the split resource."""
    inline = account.block("customer_managed_key")
    split, doubt = _joined(account, plan, (CMK,))
    if isinstance(inline, Unknown):
        return inline, inline
    if inline is not None:
        key = inline.get("key_vault_key_id")
        return "Microsoft.Keyvault", key if key is not None else inline.get("managed_hsm_key_id")
    if split:
        cmk = split[0]
        hsm = cmk.get("managed_hsm_key_id")
        if hsm is not None:
            return "Microsoft.Keyvault", hsm
        parts = [cmk.get(k) for k in ("key_vault_uri", "key_name", "key_version")]
        pending = first_unknown(*parts)
        key_id = None if pending is not None else az.storage_key_id(*parts)
        # key_vault_uri left out: the provider reads it from key_vault_id at apply
        return "Microsoft.Keyvault", pending if pending is not None else key_id or cmk.unknown("key_vault_uri")
    if doubt is not None:
        return doubt, doubt
    return "Microsoft.Storage", None


def _encryption(account: Planned, plan: Plan) -> tuple[Any, Any, Any]:
    source, key = _customer_key(account, plan)
    if isinstance(source, Unknown):
        return source, source, source
    kind, key_id = az.storage_encryption(source, None if isinstance(key, Unknown) else key)
    return kind, (key if kind == KMS and isinstance(key, Unknown) else key_id), kind == KMS


def _public_network(account: Planned) -> Any:
    return access(account.get("public_network_access_enabled"))


def _public_access_open(account: Planned) -> Any:
    allow = account.first("allow_nested_items_to_be_public", "allow_blob_public_access")
    network = _public_network(account)
    if allow is False or (isinstance(network, str) and network == "Disabled"):
        return ()
    pending = first_unknown(allow, network)
    return pending if pending is not None else az.storage_public_access_open(allow, network)


def _default_action(account: Planned, plan: Plan) -> Any:
    split, doubt = _joined(account, plan, (NETWORK_RULES,))
    if split:
        return split[0].get("default_action")
    if doubt is not None:  # a split rule set that may replace the account's own
        return doubt
    rules = account.block("network_rules")
    return rules if isinstance(rules, Unknown) else (rules or {}).get("default_action")


def _access_logging(account: Planned, plan: Plan) -> Any:
    pending: Any = None
    for setting in plan.of_type(DIAGNOSTIC_SETTING):
        on = plan.links(setting, "target_resource_id", account, "id")
        uri = setting.get("target_resource_id")
        if on is True and isinstance(uri, str):
            on = az.names_blob_service(uri)
        elif on is False and isinstance(uri, str):
            on = az.is_blob_service_of(uri, account.get("id") if isinstance(account.get("id"), str) else None,
                                       account.name)
        elif on is True:
            on = setting.unknown("target_resource_id (the account's id, or its blob service's)")
        if on is False:
            continue
        logs, doubt = diagnostic_logs(setting)
        records = True if az.logs_blob_access(logs) else (doubt if doubt is not None else False)
        if on is True and records is True:
            return True
        if records is not False and pending is None:
            pending = on if isinstance(on, Unknown) else records
    return pending if pending is not None else False


@azurerm_adapter(ACCOUNT, produces=(ObjectStore, TlsListener, ServiceFirewall))
def storage_account(account: Planned, plan: Plan) -> Iterator[ObjectStore | TlsListener | ServiceFirewall]:
    """The account, its endpoints' TLS floor and its firewall, as the live scanner and azure-native see them."""
    tls = account.get("min_tls_version")
    yield TlsListener(ref=account.ref(), protocol="HTTPS", plaintext_routes=(),
                      min_tls_version=tls if isinstance(tls, Unknown) else az.storage_min_tls(tls))
    network, action = _public_network(account), _default_action(account, plan)
    yield ServiceFirewall(
        ref=account.ref(),
        public_network_access=network if isinstance(network, Unknown) else az.public_network_enabled(network),
        default_deny=action if isinstance(action, Unknown) else az.firewall_default_deny(
            {"defaultAction": action} if action else None))
    encryption, kms_key, customer_managed = _encryption(account, plan)
    https_only = account.first("https_traffic_only_enabled", "enable_https_traffic_only")
    yield ObjectStore(
        ref=account.ref(), encryption=encryption, kms_key=kms_key, kms_key_customer_managed=customer_managed,
        public_access_open=_public_access_open(account), access_logging=_access_logging(account, plan),
        tls_only=https_only if isinstance(https_only, Unknown) else az.storage_tls_only(https_only))


@azurerm_adapter(ACCOUNT, produces=InfrastructureEncryption)
def storage_infrastructure_encryption(account: Planned, plan: Plan) -> Iterator[InfrastructureEncryption]:
    require = account.get("infrastructure_encryption_enabled")
    yield InfrastructureEncryption(account.ref(), "storage account", require if isinstance(require, Unknown)
                                   else az.storage_infrastructure_encryption(require))


@azurerm_adapter(ACCOUNT, produces=LocalAuth)
def storage_shared_key(account: Planned, plan: Plan) -> Iterator[LocalAuth]:
    allow = account.get("shared_access_key_enabled")
    yield LocalAuth(account.ref(), "shared key", allow if isinstance(allow, Unknown) else az.shared_key_allowed(allow))
