"""Where a Cloud SQL instance becomes a `DatabaseInstance`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family


@family("sql-instances", asset_types=("sqladmin.googleapis.com/Instance",), kinds=(DatabaseInstance,))
def sql_instances(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[DatabaseInstance]:
    """Cloud SQL always encrypts storage at rest (Google-managed keys or CMEK); whether it requires
    TLS (``requireSsl`` / ``sslMode``) has no place in the model yet and is not reported. A customer-managed
    key is ``diskEncryptionConfiguration.kmsKeyName``; directory authentication the engine's IAM
    authentication flag (SQL Server: a Managed AD domain)."""
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
