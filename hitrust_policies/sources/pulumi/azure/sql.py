"""Azure SQL servers and databases: one `TlsListener` per server, one `DatabaseInstance` per database.

As the live scanner has them: the server's endpoint is the listener (its minimal TLS version);
a database is named ``<server>/<database>``, is public when its server's public network access
is on, and is encrypted when its transparent data encryption is. TDE is a separate
``sql:TransparentDataEncryption`` resource (``tdeName: current``) joined through
``databaseName``; without one, a new database has TDE on (Azure SQL's default), a copy or
restore takes its source's. The server is joined through the database's ``serverName``.

Server-level facts, each a separate resource joined through ``serverName`` (or, for the Entra admin,
also the server's ``administrators`` input): the TDE protector (``sql:EncryptionProtector``
``serverKeyType``; none: the service-managed key a new server gets), the Microsoft Entra admin
(``sql:ServerAzureADAdministrator``; none: SQL logins only) and auditing
(``sql:ServerBlobAuditingPolicy``; none: auditing off, as a new server has it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import DatabaseAuditing, DatabaseInstance, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import and3, preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

SERVER = "azure-native:sql:Server"
DATABASE = "azure-native:sql:Database"
TDE = "azure-native:sql:TransparentDataEncryption"
PROTECTOR = "azure-native:sql:EncryptionProtector"
ENTRA_ADMIN = "azure-native:sql:ServerAzureADAdministrator"
AUDITING = "azure-native:sql:ServerBlobAuditingPolicy"
SERVER_NAME, DATABASE_NAME = "serverName", "databaseName"
PENDING_SERVER = "(server computed at preview)"
ENGINE = "sqlserver"


@pulumi_adapter(SERVER, produces=(TlsListener, DatabaseAuditing), joins=True)
def server(res: PulumiResource, stack: Stack) -> Iterator[TlsListener | DatabaseAuditing]:
    minimal = res.props.get("minimalTlsVersion")
    yield TlsListener(
        ref=arm.ref(res, SERVER_NAME),
        protocol="TLS",
        min_tls_version=minimal if isinstance(minimal, Unknown) else az.sql_min_tls_on_create(minimal),
        plaintext_routes=(),
    )
    yield _auditing(res, stack)


def _server_children(server: PulumiResource, stack: Stack, kind: str) -> tuple[list[PulumiResource], Any]:
    """The stack's ``kind`` resources of this server, and an Unknown when some may be (link computed)."""
    sure, maybe = arm.referrers(stack, server, (kind,), SERVER_NAME, SERVER_NAME)
    return sure, preview_unknown(f"{SERVER_NAME} of {maybe[0].logical_name}") if maybe and not sure else None


def _auditing(server: PulumiResource, stack: Stack) -> DatabaseAuditing:
    ref = replace(arm.ref(server, SERVER_NAME), part="auditing")
    sure, pending = _server_children(server, stack, AUDITING)
    if not sure:
        return DatabaseAuditing(ref, pending if pending is not None else False, pending)
    policy = sure[-1].props
    state, endpoint, days = policy.get("state"), policy.get("storageEndpoint"), policy.get("retentionDays")
    unknown = arm.first_unknown(state, endpoint, days)
    enabled = state if isinstance(state, Unknown) else str(state or "").lower() == "enabled"
    if enabled is False or unknown is None:
        return DatabaseAuditing(ref, enabled, None if enabled is False else az.sql_audit_retention(endpoint, days))
    return DatabaseAuditing(ref, enabled, unknown)


def _customer_key(server: PulumiResource | None, db: PulumiResource, stack: Stack) -> Any:
    if server is None:
        return Unknown(f"the server of {db.logical_name} is not in this stack: its TDE protector is only visible "
                       "in a live subscription")
    sure, pending = _server_children(server, stack, PROTECTOR)
    if not sure:
        return pending if pending is not None else False
    key_type = sure[-1].props.get("serverKeyType")
    return key_type if isinstance(key_type, Unknown) else az.sql_tde_customer_key(key_type)


def _entra_admin(server: PulumiResource | None, db: PulumiResource, stack: Stack) -> Any:
    if server is None:
        return Unknown(f"the server of {db.logical_name} is not in this stack: its Microsoft Entra admin is only "
                       "visible in a live subscription")
    inline = server.props.get("administrators")
    if isinstance(inline, Unknown):
        return inline
    if isinstance(inline, dict) and inline.get("login"):
        return True
    sure, pending = _server_children(server, stack, ENTRA_ADMIN)
    return True if sure else (pending if pending is not None else False)


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
        kms_key_customer_managed=_customer_key(parent, res, stack),
        directory_auth=_entra_admin(parent, res, stack),
    )
