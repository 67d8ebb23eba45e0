"""Where an Azure storage account becomes an `ObjectStore`, the `TlsListener` of its endpoints, the
`ServiceFirewall` in front of them and a `Credential` for each of its two access keys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, Credential, LocalAuth, ObjectStore, ServiceFirewall, TlsListener, Unknown
from hitrust_policies.model.storage import InfrastructureEncryption
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

BLOB_DIAGNOSTICS = ArmRead(
    "blob-diagnostic-settings",
    f"{az.BLOB_SERVICE_PATH}/providers/Microsoft.Insights/diagnosticSettings",
    "2021-05-01-preview",
    "Microsoft.Insights/DiagnosticSettings/Read",
)


def _access_logging(settings: Any) -> Any:
    """Some diagnostic setting on the blob service records every read, write and delete."""
    if isinstance(settings, Unknown):
        return settings
    return any(az.logs_blob_access(prop(s, "properties", "logs") or []) for s in settings.get("value", []))


def _access_keys(ctx: Ctx, row: dict[str, Any]) -> Iterator[Credential]:
    """key1 and key2: each signs requests and SAS tokens for the whole account while the account accepts
    shared keys; their age is how long ago each was created or last regenerated (``keyCreationTime``)."""
    active = az.shared_key_allowed(prop(row, "properties", "allowSharedKeyAccess"))
    for key in ("key1", "key2"):
        yield Credential(ref=ctx.ref(row, name=f"{row['name']}/{key}", part=key), owner=row["name"], active=active,
                         age_days=az.storage_key_age_days(prop(row, "properties", "keyCreationTime", key), key,
                                                          ctx.now),
                         unused_days=None)  # Azure keeps no last-use date per storage key: not judged


@family(
    "storage-accounts",
    types=("microsoft.storage/storageaccounts",),
    kinds=(ObjectStore, TlsListener, ServiceFirewall, LocalAuth, InfrastructureEncryption, Credential),
    permissions=("Microsoft.Storage/storageAccounts/read",),
    reads=(BLOB_DIAGNOSTICS,),
)
def storage_accounts(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[
        ObjectStore | TlsListener | ServiceFirewall | LocalAuth | InfrastructureEncryption | Credential]:
    """The account's endpoints are one HTTPS listener (its minimum TLS version) whether or not plain
    HTTP is also served: that is the object store's ``tls_only``, judged once."""
    for row in rows:
        yield TlsListener(ref=ctx.ref(row), protocol="HTTPS", plaintext_routes=(),
                          min_tls_version=az.storage_min_tls(prop(row, "properties", "minimumTlsVersion")))
        yield ServiceFirewall(
            ref=ctx.ref(row),
            public_network_access=az.public_network_enabled(prop(row, "properties", "publicNetworkAccess")),
            default_deny=az.firewall_default_deny(prop(row, "properties", "networkAcls")),
        )
        yield LocalAuth(ctx.ref(row), "shared key",
                        az.shared_key_allowed(prop(row, "properties", "allowSharedKeyAccess")))
        yield InfrastructureEncryption(ctx.ref(row), "storage account", az.storage_infrastructure_encryption(
            prop(row, "properties", "encryption", "requireInfrastructureEncryption")))
        yield from _access_keys(ctx, row)

    def one(row: dict[str, Any]) -> ObjectStore:
        encryption = prop(row, "properties", "encryption") or {}
        key = az.storage_key_id(prop(encryption, "keyvaultproperties", "keyvaulturi"),
                                prop(encryption, "keyvaultproperties", "keyname"),
                                prop(encryption, "keyvaultproperties", "keyversion"))
        kind, kms_key = az.storage_encryption(encryption.get("keySource"), key)
        return ObjectStore(
            ref=ctx.ref(row),
            encryption=kind,
            kms_key=kms_key,
            kms_key_customer_managed=kind == KMS,  # Key Vault keys are always the customer's
            public_access_open=az.storage_public_access_open(
                prop(row, "properties", "allowBlobPublicAccess"), prop(row, "properties", "publicNetworkAccess")),
            access_logging=_access_logging(ctx.read(BLOB_DIAGNOSTICS, row["id"])),
            tls_only=az.storage_tls_only(prop(row, "properties", "supportsHttpsTrafficOnly")),
        )

    yield from ctx.fan_out(one, rows)
