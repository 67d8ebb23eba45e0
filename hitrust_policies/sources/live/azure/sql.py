"""Where Azure SQL servers and databases become `DatabaseInstance`s, `TlsListener`s, the server's
`DatabaseAuditing` and, for the server firewall's rules, `IngressRule`s.

Server-level reads each database inherits: the TDE protector (``encryptionProtector/current``:
whose key encrypts) and the Microsoft Entra administrators (``administrators``: whether directory
logins exist at all). A database-level customer key (per-database CMK) is not read: a server whose
protector is service-managed fails even when each database has its own key (a known gap).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import (
    TCP,
    DatabaseAuditing,
    DatabaseInstance,
    IngressRule,
    TlsListener,
    Unknown,
    opening_id,
)
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

TDE = ArmRead(
    "transparent-data-encryption",
    "/transparentDataEncryption/current",
    "2021-11-01",
    "Microsoft.Sql/servers/databases/transparentDataEncryption/read",
)
FIREWALL = ArmRead(
    "sql-firewall-rules",
    "/firewallRules",
    "2021-11-01",
    "Microsoft.Sql/servers/firewallRules/read",
)
PROTECTOR = ArmRead(
    "sql-encryption-protector",
    "/encryptionProtector/current",
    "2021-11-01",
    "Microsoft.Sql/servers/encryptionProtector/read",
)
ADMINISTRATORS = ArmRead(
    "sql-administrators",
    "/administrators",
    "2021-11-01",
    "Microsoft.Sql/servers/administrators/read",
)
AUDITING = ArmRead(
    "sql-auditing-settings",
    "/auditingSettings/default",
    "2021-11-01",
    "Microsoft.Sql/servers/auditingSettings/read",
)
SERVER = "microsoft.sql/servers"
DATABASE = "microsoft.sql/servers/databases"


def _server_id(database_id: str) -> str:
    return database_id.lower().split("/databases/", 1)[0]


def _tde_on(document: Any) -> Any:
    if isinstance(document, Unknown):
        return document
    return az.tde_enabled(prop(document, "properties", "state"))


@family(
    "sql-servers",
    types=(SERVER, DATABASE),
    kinds=(DatabaseInstance, TlsListener, IngressRule, DatabaseAuditing),
    permissions=("Microsoft.Sql/servers/read", "Microsoft.Sql/servers/databases/read"),
    reads=(TDE, FIREWALL, PROTECTOR, ADMINISTRATORS, AUDITING),
)
def sql_servers(ctx: Ctx, rows: list[dict[str, Any]]
                ) -> Iterator[DatabaseInstance | TlsListener | IngressRule | DatabaseAuditing]:
    """One TlsListener and one DatabaseAuditing per server, one DatabaseInstance per user database:
    storage encryption (TDE) is per database; the public endpoint, the TDE protector and the Entra
    administrators are the server's."""
    servers = {row["id"].lower(): row for row in rows if row["type"].lower() == SERVER}
    for server in servers.values():
        yield TlsListener(
            ref=ctx.ref(server),
            protocol="TLS",
            min_tls_version=az.sql_min_tls(prop(server, "properties", "minimalTlsVersion")),
            plaintext_routes=(),
        )
    yield from ctx.fan_out(lambda server: _auditing(ctx, server), servers.values())
    facts = dict(zip(servers, ctx.fan_out(lambda server: _server_facts(ctx, server), servers.values()), strict=True))
    for openings in ctx.fan_out(lambda server: list(_firewall(ctx, server)), servers.values()):
        yield from openings
    databases = [row for row in rows if row["type"].lower() == DATABASE and "system" not in str(row.get("kind"))]

    def one(db: dict[str, Any]) -> DatabaseInstance:
        server = servers.get(_server_id(db["id"]))
        public: Any = (az.sql_public(prop(server, "properties", "publicNetworkAccess")) if server
                       else Unknown(f"server of {db['id']} not listed"))
        server_name = server["name"] if server else _server_id(db["id"]).rsplit("/", 1)[-1]
        customer_key, directory = facts.get(_server_id(db["id"])) or (public, public)
        return DatabaseInstance(
            ref=ctx.ref(db, name=f"{server_name}/{db['name']}"),
            engine="sqlserver",
            storage_encrypted=_tde_on(ctx.read(TDE, db["id"])),
            publicly_accessible=public,
            kms_key_customer_managed=customer_key,
            directory_auth=directory,
        )

    yield from ctx.fan_out(one, databases)


def _firewall(ctx: Ctx, server: dict[str, Any]) -> Iterator[IngressRule]:
    """Each server firewall rule is an opening of the SQL port to its address range (only while the
    public endpoint answers: with public network access off the rules admit nobody)."""
    if not az.sql_public(prop(server, "properties", "publicNetworkAccess")):
        return
    rules = ctx.read_list(FIREWALL, server["id"])
    if isinstance(rules, Unknown):
        yield IngressRule(ctx.ref(server, part="firewall-rules"), server["name"], TCP, az.SQL_PORT, az.SQL_PORT,
                          rules)
        return
    for r in rules:
        for source in az.sql_firewall_sources(str(prop(r, "properties", "startIpAddress")),
                                             str(prop(r, "properties", "endIpAddress"))):
            yield IngressRule(ctx.ref(server, part=opening_id(TCP, az.SQL_PORT, az.SQL_PORT, source)), server["name"],
                              TCP, az.SQL_PORT, az.SQL_PORT, source)


def _server_facts(ctx: Ctx, server: dict[str, Any]) -> tuple[Any, Any]:
    """(TDE protector is a customer key, an Entra administrator exists) of one server."""
    protector = ctx.read(PROTECTOR, server["id"])
    customer_key = (protector if isinstance(protector, Unknown)
                    else az.sql_tde_customer_key(prop(protector, "properties", "serverKeyType")))
    admins = ctx.read_list(ADMINISTRATORS, server["id"])
    return customer_key, admins if isinstance(admins, Unknown) else az.sql_entra_admin(admins)


def _auditing(ctx: Ctx, server: dict[str, Any]) -> DatabaseAuditing:
    """Server auditing (``auditingSettings/default``): on or off, and how long its storage keeps records."""
    document = ctx.read(AUDITING, server["id"])
    if isinstance(document, Unknown):
        return DatabaseAuditing(ctx.ref(server, part="auditing"), document, document)
    return DatabaseAuditing(
        ref=ctx.ref(server, part="auditing"),
        enabled=str(prop(document, "properties", "state") or "").lower() == "enabled",
        storage_retention_days=az.sql_audit_retention(prop(document, "properties", "storageEndpoint"),
                                                      prop(document, "properties", "retentionDays")),
    )
