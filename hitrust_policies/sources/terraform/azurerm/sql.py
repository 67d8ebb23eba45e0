"""azurerm Azure SQL servers and databases, as the live scanner has them: a `TlsListener`, a `DatabaseAuditing`
and the firewall's `IngressRule` openings per server, a `DatabaseInstance` per database (``<server>/<database>``).

Spellings: ``minimum_tls_version`` (v4 ``Disabled`` is ARM's ``None``: no minimum); booleans
``public_network_access_enabled`` and ``transparent_data_encryption_enabled`` for ARM's Enabled / Disabled;
an ``azuread_administrator`` block is an ActiveDirectory administrator; the TDE protector is the customer's
key when ``transparent_data_encryption_key_vault_key_id`` (or an
``azurerm_mssql_server_transparent_data_encryption`` with a ``key_vault_key_id``) names one. Children join
their server through ``server_id`` (by reference while the id is unknown): databases, firewall rules,
``azurerm_mssql_server_extended_auditing_policy`` (none: auditing off, as a new server has it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import DatabaseAuditing, DatabaseInstance, IngressRule, TlsListener, Unknown, opening_id
from hitrust_policies.model.network import TCP
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import WRITTEN, access, first_unknown

SERVER = "azurerm_mssql_server"
DATABASE = "azurerm_mssql_database"
FIREWALL_RULE = "azurerm_mssql_firewall_rule"
AUDITING = "azurerm_mssql_server_extended_auditing_policy"
TDE = "azurerm_mssql_server_transparent_data_encryption"
ENGINE = "sqlserver"
PENDING_SERVER = "(server known after apply)"


def _children(server: Planned, plan: Plan, kind: str) -> tuple[list[Planned], Unknown | None]:
    sure, maybe = plan.referrers(server, (kind,), "server_id", "id")
    return sure, (maybe[0] if maybe and not sure else None)


def _min_tls(server: Planned) -> Any:
    version = server.get("minimum_tls_version")
    if isinstance(version, Unknown):
        return version
    return az.sql_min_tls_on_create("None" if str(version).lower() == "disabled" else version)


def _auditing(server: Planned, plan: Plan) -> DatabaseAuditing:
    ref = replace(server.ref(), part="auditing")
    sure, pending = _children(server, plan, AUDITING)
    if not sure:
        return DatabaseAuditing(ref, pending if pending is not None else False, pending)
    policy = sure[-1]
    enabled = policy.get("enabled")  # provider v3.x+: true unless set false
    if isinstance(enabled, Unknown) or enabled is False:
        return DatabaseAuditing(ref, enabled, enabled if isinstance(enabled, Unknown) else None)
    endpoint, days = policy.get("storage_endpoint"), policy.get("retention_in_days")
    if isinstance(days, Unknown):
        return DatabaseAuditing(ref, True, days)
    # an endpoint built from a storage account (its primary_blob_endpoint) is a storage destination all the same
    return DatabaseAuditing(ref, True, az.sql_audit_retention(WRITTEN if isinstance(endpoint, Unknown) else endpoint,
                                                              days))


def _firewall(server: Planned, plan: Plan) -> Iterator[IngressRule]:
    """Each firewall rule opens the SQL port to its address range, while the public endpoint answers."""
    public = access(server.get("public_network_access_enabled"))
    sure, pending = _children(server, plan, FIREWALL_RULE)
    if isinstance(public, Unknown) or pending is not None:
        doubt = public if isinstance(public, Unknown) else pending
        yield IngressRule(replace(server.ref(), part="firewall-rules"), server.name, TCP, az.SQL_PORT, az.SQL_PORT,
                          doubt)
    if not isinstance(public, Unknown) and not az.sql_public(public):
        return
    for rule in sure:
        start, end = rule.get("start_ip_address"), rule.get("end_ip_address")
        doubt = first_unknown(start, end)
        sources = [doubt] if doubt is not None else az.sql_firewall_sources(str(start), str(end))
        for source in sources:
            yield IngressRule(replace(server.ref(), part=opening_id(TCP, az.SQL_PORT, az.SQL_PORT, source)),
                              server.name, TCP, az.SQL_PORT, az.SQL_PORT, source)


@azurerm_adapter(SERVER, produces=(TlsListener, DatabaseAuditing, IngressRule))
def mssql_server(server: Planned, plan: Plan) -> Iterator[TlsListener | DatabaseAuditing | IngressRule]:
    yield TlsListener(ref=server.ref(), protocol="TLS", min_tls_version=_min_tls(server), plaintext_routes=())
    yield _auditing(server, plan)
    yield from _firewall(server, plan)


def _customer_key(server: Planned, plan: Plan) -> Any:
    key = server.get("transparent_data_encryption_key_vault_key_id")
    sure, pending = _children(server, plan, TDE)
    if sure:
        key = sure[-1].get("key_vault_key_id")
        key = sure[-1].get("managed_hsm_key_id") if key is None else key
    elif pending is not None:
        return pending
    if isinstance(key, Unknown):  # a key id computed at apply: a key is named all the same
        return az.sql_tde_customer_key("AzureKeyVault")
    return az.sql_tde_customer_key("AzureKeyVault" if key else "ServiceManaged")


def _entra_admin(server: Planned) -> Any:
    admin = server.block("azuread_administrator")
    if isinstance(admin, Unknown):
        return admin
    return az.sql_entra_admin([{"properties": {"administratorType": "ActiveDirectory"}}] if admin else [])


def _server(db: Planned, plan: Plan) -> Planned | None:
    return next((s for s in plan.of_type(SERVER) if plan.links(db, "server_id", s, "id") is True), None)


def _tde(db: Planned) -> Any:
    enabled = db.get("transparent_data_encryption_enabled")
    if isinstance(enabled, Unknown):
        return enabled
    if enabled is False:
        return az.tde_enabled("Disabled")
    mode = db.get("create_mode")
    fresh = az.tde_on_create(None if isinstance(mode, Unknown) else mode)
    return fresh if fresh is not None else Unknown(
        f"created with create_mode {mode}: TDE follows the source database, which the plan does not show")


def _server_name(db: Planned) -> str:
    """The server's name from the database's ``server_id`` (an existing server's id, read by a data source)."""
    server_id = db.get("server_id")
    return server_id.rstrip("/").rsplit("/", 1)[-1] if isinstance(server_id, str) and server_id else PENDING_SERVER


@azurerm_adapter(DATABASE, produces=DatabaseInstance)
def mssql_database(db: Planned, plan: Plan) -> Iterator[DatabaseInstance]:
    server = _server(db, plan)
    missing = Unknown(f"the server of {db.address} is not in this plan: its settings are only visible in a live "
                      "subscription")
    public = access(server.get("public_network_access_enabled")) if server else missing
    yield DatabaseInstance(
        ref=db.ref(name=f"{server.name if server else _server_name(db)}/{db.name}"),
        engine=ENGINE,
        storage_encrypted=_tde(db),
        publicly_accessible=public if isinstance(public, Unknown) else az.sql_public(public),
        kms_key_customer_managed=_customer_key(server, plan) if server else missing,
        directory_auth=_entra_admin(server) if server else missing,
    )
