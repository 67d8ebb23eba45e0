"""Where Azure Database for PostgreSQL / MySQL flexible servers become a `DatabaseInstance`, a
`TlsListener` and, for their firewall rules, `IngressRule`s.

A flexible server is one database instance: its storage is always encrypted (Microsoft's key, or a
Key Vault key named in ``dataEncryption``), its endpoint public while ``network.publicNetworkAccess``
is Enabled. Whether it refuses plaintext and which TLS versions it takes are server parameters
(``require_secure_transport``; PostgreSQL ``ssl_min_protocol_version``, MySQL ``tls_version``), read
per server as ARM does not put them in Resource Graph. Directory logins: PostgreSQL
``authConfig.activeDirectoryAuth``; MySQL a Microsoft Entra administrator (``administrators``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model import TCP, DatabaseInstance, IngressRule, TlsListener, Unknown, opening_id
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

POSTGRES = "microsoft.dbforpostgresql/flexibleservers"
MYSQL = "microsoft.dbformysql/flexibleservers"


@dataclass(frozen=True)
class Engine:
    name: str  # the model's engine
    port: int
    tls_parameter: str
    firewall: ArmRead
    secure_transport: ArmRead
    tls: ArmRead
    administrators: ArmRead | None  # MySQL: Entra admins; PostgreSQL shows authConfig on the server


def _reads(provider: str, api: str, tls_parameter: str, engine: str) -> tuple[ArmRead, ArmRead, ArmRead]:
    base = f"{provider}/flexibleServers"
    config = f"{base}/configurations/read"
    return (ArmRead(f"{engine}-firewall-rules", "/firewallRules", api, f"{base}/firewallRules/read"),
            ArmRead(f"{engine}-require-secure-transport", "/configurations/require_secure_transport", api, config),
            ArmRead(f"{engine}-{tls_parameter.replace('_', '-')}", f"/configurations/{tls_parameter}", api, config))


ENGINES = {
    POSTGRES: Engine("postgres", 5432, "ssl_min_protocol_version",
                     *_reads("Microsoft.DBforPostgreSQL", "2022-12-01", "ssl_min_protocol_version", "postgres"),
                     administrators=None),
    MYSQL: Engine("mysql", 3306, "tls_version", *_reads("Microsoft.DBforMySQL", "2023-12-30", "tls_version", "mysql"),
                  administrators=ArmRead("mysql-administrators", "/administrators", "2023-12-30",
                                         "Microsoft.DBforMySQL/flexibleServers/administrators/read")),
}


def _all_reads() -> tuple[ArmRead, ...]:
    return tuple(r for e in ENGINES.values() for r in (e.firewall, e.secure_transport, e.tls, e.administrators) if r)


@family(
    "flexible-database-servers",
    types=(MYSQL, POSTGRES),
    kinds=(DatabaseInstance, TlsListener, IngressRule),
    permissions=("Microsoft.DBforPostgreSQL/flexibleServers/read", "Microsoft.DBforMySQL/flexibleServers/read"),
    reads=_all_reads(),
)
def flexible_servers(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[DatabaseInstance | TlsListener | IngressRule]:
    """Per server: its database instance, its endpoint's TLS and its firewall rules' openings."""
    known = [row for row in rows if row["type"].lower() in ENGINES]
    for values in ctx.fan_out(lambda server: list(_server(ctx, server, ENGINES[server["type"].lower()])), known):
        yield from values


def _parameter(ctx: Ctx, read: ArmRead, server_id: str) -> Any:
    document = ctx.read(read, server_id)
    return document if isinstance(document, Unknown) else prop(document, "properties", "value")


def _directory_auth(ctx: Ctx, server: dict[str, Any], engine: Engine) -> Any:
    if engine.administrators is None:
        return str(prop(server, "properties", "authConfig", "activeDirectoryAuth") or "").lower() == "enabled"
    admins = ctx.read_list(engine.administrators, server["id"])
    return admins if isinstance(admins, Unknown) else az.sql_entra_admin(admins)


def _server(ctx: Ctx, server: dict[str, Any], engine: Engine) -> Iterator[DatabaseInstance | TlsListener | IngressRule]:
    public = az.flexible_public(prop(server, "properties", "network", "publicNetworkAccess"))
    yield DatabaseInstance(
        ref=ctx.ref(server),
        engine=engine.name,
        storage_encrypted=True,
        publicly_accessible=public,
        kms_key_customer_managed=az.flexible_customer_key(prop(server, "properties", "dataEncryption", "type")),
        directory_auth=_directory_auth(ctx, server, engine),
    )
    secure = _parameter(ctx, engine.secure_transport, server["id"])
    tls = _parameter(ctx, engine.tls, server["id"])
    yield TlsListener(
        ref=ctx.ref(server, part="endpoint"),
        protocol="TLS",
        min_tls_version=tls if isinstance(tls, Unknown) else az.flexible_min_tls(engine.name, tls),
        plaintext_routes=secure if isinstance(secure, Unknown) else (
            () if az.server_parameter_on(secure) else (f"require_secure_transport is {secure}",)),
    )
    if public:
        yield from _firewall(ctx, server, engine)


def _firewall(ctx: Ctx, server: dict[str, Any], engine: Engine) -> Iterator[IngressRule]:
    """Each firewall rule of a public server opens the engine's port to its address range; "Allow
    public access from any Azure service" (0.0.0.0-0.0.0.0) is the AzureCloud tag, as for Azure SQL."""
    rules = ctx.read_list(engine.firewall, server["id"])
    port = engine.port
    if isinstance(rules, Unknown):
        yield IngressRule(ctx.ref(server, part="firewall-rules"), server["name"], TCP, port, port, rules)
        return
    for r in rules:
        for source in az.sql_firewall_sources(str(prop(r, "properties", "startIpAddress")),
                                             str(prop(r, "properties", "endIpAddress"))):
            yield IngressRule(ctx.ref(server, part=opening_id(TCP, port, port, source)), server["name"],
                              TCP, port, port, source)
