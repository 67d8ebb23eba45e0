"""Azure SQL servers and databases: one `TlsListener` per server, one `DatabaseInstance` per database.

As the live scanner has them: the server's endpoint is the listener (its minimal TLS version);
a database is named ``<server>/<database>``, is public when its server's public network access
is on, and is encrypted when its transparent data encryption is. TDE is a separate
``sql:TransparentDataEncryption`` resource (``tdeName: current``) joined through
``databaseName``; without one, a new database has TDE on (Azure SQL's default), a copy or
restore takes its source's. The server is joined through the database's ``serverName``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import and3, preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

SERVER = "azure-native:sql:Server"
DATABASE = "azure-native:sql:Database"
TDE = "azure-native:sql:TransparentDataEncryption"
SERVER_NAME, DATABASE_NAME = "serverName", "databaseName"
PENDING_SERVER = "(server computed at preview)"
ENGINE = "sqlserver"


@pulumi_adapter(SERVER, produces=TlsListener)
def server(res: PulumiResource, stack: Stack) -> Iterator[TlsListener]:
    minimal = res.props.get("minimalTlsVersion")
    yield TlsListener(
        ref=arm.ref(res, SERVER_NAME),
        protocol="TLS",
        min_tls_version=minimal if isinstance(minimal, Unknown) else az.sql_min_tls_on_create(minimal),
        plaintext_routes=(),
    )


def _tde(db: PulumiResource, stack: Stack) -> Any:
    """TDE from the stack's TDE resource of this database, else the create-time default."""
    sure, maybe = arm.referrers(stack, db, (TDE,), DATABASE_NAME, DATABASE_NAME)
    if sure:
        states = [r.props.get("state") for r in sure]
        return and3(*(s if isinstance(s, Unknown) else az.tde_enabled(s) for s in states))
    if maybe:
        return preview_unknown(f"{DATABASE_NAME} of {maybe[0].logical_name}")
    mode = db.props.get("createMode")
    if isinstance(mode, Unknown):
        return mode
    fresh = az.tde_on_create(mode)
    return fresh if fresh is not None else Unknown(
        f"created with createMode {mode}: TDE follows the source database, which the program does not show")


def _public(server: PulumiResource | None, db: PulumiResource) -> Any:
    if server is None:
        return Unknown(f"the server of {db.logical_name} is not in this stack: its public network access "
                       "is only visible in a live subscription")
    access = server.props.get("publicNetworkAccess")
    return access if isinstance(access, Unknown) else az.sql_public(access)


@pulumi_adapter(DATABASE, produces=DatabaseInstance, joins=True)
def database(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance]:
    parent = arm.parent(stack, res, SERVER_NAME, (SERVER,), SERVER_NAME)
    server_name = (arm.physical_name(parent, SERVER_NAME) if parent is not None
                   else res.props.name_candidate(SERVER_NAME) or PENDING_SERVER)
    yield DatabaseInstance(
        ref=arm.ref(res, DATABASE_NAME, name=f"{server_name}/{arm.physical_name(res, DATABASE_NAME)}"),
        engine=ENGINE,
        storage_encrypted=_tde(res, stack),
        publicly_accessible=_public(parent, res),
    )
