"""Where a container registry's admin user and a Cosmos DB account's keys become `LocalAuth` (a storage
account's shared key is read with the rest of the account, in ``storage``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


@family(
    "container-registries",
    types=("microsoft.containerregistry/registries",),
    kinds=(LocalAuth,),
    permissions=("Microsoft.ContainerRegistry/registries/read",),
)
def container_registries(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[LocalAuth]:
    """The admin user is off unless ``adminUserEnabled`` is true (Azure's default for a new registry)."""
    for row in rows:
        yield LocalAuth(ctx.ref(row), "admin user", prop(row, "properties", "adminUserEnabled") is True)


@family(
    "cosmos-db-accounts",
    types=("microsoft.documentdb/databaseaccounts",),
    kinds=(LocalAuth,),
    permissions=("Microsoft.DocumentDB/databaseAccounts/read",),
)
def cosmos_db_accounts(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[LocalAuth]:
    for row in rows:
        enabled = az.cosmos_local_auth(prop(row, "properties", "disableLocalAuth"),
                                       prop(row, "properties", "capabilities") or [])
        if enabled is not None:
            yield LocalAuth(ctx.ref(row), "account keys", enabled)
