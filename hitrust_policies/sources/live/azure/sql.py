"""Where Azure SQL servers and databases become `DatabaseInstance`s and `TlsListener`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

TDE = ArmRead(
    "transparent-data-encryption",
    "/transparentDataEncryption/current",
    "2021-11-01",
    "Microsoft.Sql/servers/databases/transparentDataEncryption/read",
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
    kinds=(DatabaseInstance, TlsListener),
    permissions=("Microsoft.Sql/servers/read", "Microsoft.Sql/servers/databases/read"),
    reads=(TDE,),
)
def sql_servers(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[DatabaseInstance | TlsListener]:
    """One TlsListener per server (its endpoint), one DatabaseInstance per user database: storage
    encryption (TDE) is per database, the public endpoint is the server's."""
    servers = {row["id"].lower(): row for row in rows if row["type"].lower() == SERVER}
    for server in servers.values():
        yield TlsListener(
            ref=ctx.ref(server),
            protocol="TLS",
            min_tls_version=az.sql_min_tls(prop(server, "properties", "minimalTlsVersion")),
            plaintext_routes=(),
        )
    databases = [row for row in rows if row["type"].lower() == DATABASE and "system" not in str(row.get("kind"))]

    def one(db: dict[str, Any]) -> DatabaseInstance:
        server = servers.get(_server_id(db["id"]))
        public: Any = (az.sql_public(prop(server, "properties", "publicNetworkAccess")) if server
                       else Unknown(f"server of {db['id']} not listed"))
        server_name = server["name"] if server else _server_id(db["id"]).rsplit("/", 1)[-1]
        return DatabaseInstance(
            ref=ctx.ref(db, name=f"{server_name}/{db['name']}"),
            engine="sqlserver",
            storage_encrypted=_tde_on(ctx.read(TDE, db["id"])),
            publicly_accessible=public,
        )

    yield from ctx.fan_out(one, databases)
