"""Where a Cloud SQL instance becomes a `DatabaseInstance`, the `TlsListener` of its endpoint and its engine's
settings (`PostgresSettings`, `SqlServerSettings`, `MySqlSettings`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, MySqlSettings, PostgresSettings, SqlServerSettings, TlsListener
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family


@family("sql-instances", asset_types=("sqladmin.googleapis.com/Instance",),
        kinds=(DatabaseInstance, TlsListener, PostgresSettings, SqlServerSettings, MySqlSettings))
def sql_instances(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[Any]:
    """Cloud SQL always encrypts storage at rest (Google-managed keys or CMEK). Its endpoint speaks TLS
    and also takes plaintext unless ``sslMode`` (or the legacy ``requireSsl``) refuses it
    (`gcp_semantics.sql_plaintext_routes`); its TLS floor is not a setting (`gcp_semantics.sql_min_tls`).
    A customer-managed key is ``diskEncryptionConfiguration.kmsKeyName``; directory authentication the engine's IAM
    authentication flag (SQL Server: a Managed AD domain). Each instance's engine
    settings are its ``settings.databaseFlags`` over Cloud SQL's defaults (`gcp_semantics.sql_engine_settings`)."""
    for asset in assets:
        instance = data(asset)
        ip = dig(instance, "settings", "ipConfiguration") or {}
        networks = [str(n.get("value", "")) for n in ip.get("authorizedNetworks") or ()]
        engine = gcp.sql_engine(instance.get("databaseVersion"))
        yield DatabaseInstance(
            ref=ctx.ref(asset),
            engine=engine,
            storage_encrypted=True,
            publicly_accessible=gcp.sql_public(ip.get("ipv4Enabled"), networks),
            kms_key_customer_managed=bool(dig(instance, "diskEncryptionConfiguration", "kmsKeyName")),
            directory_auth=gcp.sql_directory_auth(engine, dig(instance, "settings", "databaseFlags") or (),
                                                  dig(instance, "settings", "activeDirectoryConfig", "domain")),
        )
        yield TlsListener(
            ref=ctx.ref(asset, part="endpoint"),
            protocol="TLS",
            min_tls_version=gcp.sql_min_tls(),
            plaintext_routes=gcp.sql_plaintext_routes(ip.get("sslMode"), ip.get("requireSsl")),
        )
        yield from gcp.sql_engine_settings(engine, ctx.ref(asset, part="flags"),
                                           dig(instance, "settings", "databaseFlags"))
