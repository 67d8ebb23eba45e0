"""Storage accounts, joined with the blob service's diagnostic settings.

The account carries every `ObjectStore` fact but one: who reads and writes its blobs is recorded
by a diagnostic setting on its blob service (``azure-native:monitor:DiagnosticSetting`` whose
``resourceUri`` is ``<account id>/blobServices/default``, often written through a
``storage:BlobServiceProperties``), as the live scanner reads it with one ARM call per account.
Where the account leaves a setting out, Azure's default for a new account applies (see
`azure_semantics`): secure transfer on, anonymous blob access off, Microsoft-managed keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import KMS, InfrastructureEncryption, ObjectStore, ServiceFirewall, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

STORAGE_ACCOUNT = "azure-native:storage:StorageAccount"
BLOB_SERVICE = "azure-native:storage:BlobServiceProperties"
# v3 moved diagnostic settings from the ``insights`` module to ``monitor``; the props are the same
DIAGNOSTIC_SETTINGS = ("azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting")
NAME = "accountName"


def _encryption(account: PulumiResource) -> tuple[Any, Any, Any]:
    """(encryption, kms_key, kms_key_customer_managed) from ``encryption``."""
    p = account.props
    source = p.get("encryption.keySource")
    if isinstance(source, Unknown):
        return source, source, source
    parts = [p.get(f"encryption.keyVaultProperties.{k}") for k in ("keyVaultUri", "keyName", "keyVersion")]
    pending = arm.first_unknown(*parts)
    kind, key = az.storage_encryption(source, None if pending else az.storage_key_id(*parts))
    if kind == KMS and pending is not None:
        key = pending
    return kind, key, kind == KMS


def _public_access_open(account: PulumiResource) -> Any:
    allow = az.storage_allow_blob_public_access_on_create(account.props.get("allowBlobPublicAccess"))
    network = account.props.get("publicNetworkAccess")
    if allow is False or (isinstance(network, str) and network.lower() == "disabled"):
        return ()
    pending = arm.first_unknown(allow, network)
    return pending if pending is not None else az.storage_public_access_open(allow, network)


def _records_blob_access(setting: PulumiResource) -> Any:
    """Does the setting's ``logs`` record every blob read, write and delete? (Unknown: not known yet.)"""
    logs = setting.props.get("logs")
    if isinstance(logs, Unknown):
        return logs
    entries = [e for e in logs or [] if isinstance(e, Mapping)]
    known = [e for e in entries if arm.first_unknown(*e.values()) is None]
    if az.logs_blob_access(known):
        return True
    pending = [u for e in logs or [] for u in ([e] if isinstance(e, Unknown) else e.values())
               if isinstance(u, Unknown)]
    return pending[0] if pending else False


def _on_blob_service(setting: PulumiResource, account: PulumiResource, stack: Stack) -> Any:
    """Is the setting on this account's blob service? (Unknown: it depends on the account, but the
    URI is computed at preview and might name the account itself or another of its services.)"""
    deps = setting.property_dependencies.get("resourceUri", ())
    for service in stack.of_type(BLOB_SERVICE):
        if service.urn in deps and arm.designates(stack, service, "accountName", account, NAME) is True:
            return True
    uri = setting.props.get("resourceUri")
    if isinstance(uri, str):
        if account.urn in deps:  # built from the account (``f"{account.id}/blobServices/default"``)
            return az.names_blob_service(uri)
        return az.is_blob_service_of(uri, account.props.name_candidate("id"), arm.physical_name(account, NAME))
    if isinstance(uri, Unknown):
        if account.urn in deps:
            return preview_unknown(f"resourceUri of {setting.logical_name}")
        return False if deps else uri
    return False


def _access_logging(account: PulumiResource, stack: Stack) -> Any:
    pending: Any = None
    for setting in stack.of_type(*DIAGNOSTIC_SETTINGS):
        on = _on_blob_service(setting, account, stack)
        if on is False:
            continue
        records = _records_blob_access(setting)
        if on is True and records is True:
            return True
        if records is not False and pending is None:
            pending = on if isinstance(on, Unknown) else records
    return pending if pending is not None else False


def _tls_floor(account: PulumiResource) -> Any:
    setting = account.props.get("minimumTlsVersion")
    return setting if isinstance(setting, Unknown) else az.storage_min_tls(setting)


def _firewall(account: PulumiResource) -> ServiceFirewall:
    """azure-native spells the account's network ACLs ``networkRuleSet`` (ARM: ``networkAcls``)."""
    network, rules = account.props.get("publicNetworkAccess"), account.props.get("networkRuleSet")
    action = account.props.get("networkRuleSet.defaultAction") if isinstance(rules, Mapping) else rules
    return ServiceFirewall(
        ref=arm.ref(account, NAME),
        public_network_access=network if isinstance(network, Unknown) else az.public_network_enabled(network),
        default_deny=action if isinstance(action, Unknown) else az.firewall_default_deny(
            {"defaultAction": action} if action else None),
    )


@pulumi_adapter(STORAGE_ACCOUNT, produces=(ObjectStore, TlsListener, ServiceFirewall), joins=True)
def storage_account(res: PulumiResource, stack: Stack) -> Iterator[ObjectStore | TlsListener | ServiceFirewall]:
    """The account, its endpoints' TLS floor and the firewall in front of them, as the live scanner sees them."""
    yield TlsListener(ref=arm.ref(res, NAME), protocol="HTTPS", min_tls_version=_tls_floor(res), plaintext_routes=())
    yield _firewall(res)
    encryption, kms_key, customer_managed = _encryption(res)
    https_only = res.props.get("enableHttpsTrafficOnly")
    yield ObjectStore(
        ref=arm.ref(res, NAME),
        encryption=encryption,
        kms_key=kms_key,
        kms_key_customer_managed=customer_managed,  # Key Vault keys are always the customer's
        public_access_open=_public_access_open(res),
        access_logging=_access_logging(res, stack),
        tls_only=https_only if isinstance(https_only, Unknown) else az.storage_tls_only(https_only),
    )


@pulumi_adapter(STORAGE_ACCOUNT, produces=InfrastructureEncryption)
def storage_infrastructure_encryption(res: PulumiResource, stack: Stack) -> Iterator[InfrastructureEncryption]:
    """``encryption.requireInfrastructureEncryption``: left out, a new account encrypts its data once."""
    require = res.props.get("encryption.requireInfrastructureEncryption")
    yield InfrastructureEncryption(arm.ref(res, NAME), "storage account", require if isinstance(require, Unknown)
                                   else az.storage_infrastructure_encryption(require))
