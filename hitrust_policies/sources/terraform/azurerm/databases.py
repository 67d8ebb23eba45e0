"""azurerm PostgreSQL and MySQL flexible servers (with their ``azurerm_postgresql_flexible_server_configuration`` /
``azurerm_mysql_flexible_server_configuration`` parameters) as a `DatabaseInstance` and a `TlsListener`, as the
live scanner and azure-native have them.

Spellings: ``public_network_access_enabled`` is ARM ``network.publicNetworkAccess`` (left null by v3 plans
and computed: then the delegated subnet decides), ``delegated_subnet_id`` is
``network.delegatedSubnetResourceId``, ``authentication.active_directory_auth_enabled`` is
``authConfig.activeDirectoryAuth``, a ``customer_managed_key`` block is ``dataEncryption.type``
AzureKeyVault. A parameter joins its server through ``server_id`` (PostgreSQL) or ``server_name`` in the same resource
group (MySQL), by reference while unknown;
one the configuration does not set keeps the value Azure creates the server with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import DatabaseInstance, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure.flexible_servers import CREATED_WITH
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import access

POSTGRES = "azurerm_postgresql_flexible_server"
CONFIGURATION = "azurerm_postgresql_flexible_server_configuration"
ENGINE, TLS_PARAMETER = "postgres", "ssl_min_protocol_version"


def _parameter(server: Planned, plan: Plan, name: str) -> Any:
    if server.res.type == MYSQL:  # MySQL's parameters name their server by name and resource group
        sure, maybe = plan.referrers(server, (CONFIGURATIONS[MYSQL],), "server_name", "name")
    else:
        sure, maybe = plan.referrers(server, (CONFIGURATION,), "server_id", "id")
    for config in sure:
        config_name = config.get("name")
        if isinstance(config_name, Unknown):
            return config_name
        if str(config_name).lower() == name:
            value = config.get("value")
            return CREATED_WITH[name] if value is None else value
    return maybe[0] if maybe else CREATED_WITH[name]


def _public(server: Planned) -> Any:
    written = server.get("public_network_access")  # MySQL, v4.x: "Enabled" / "Disabled"
    network = written if written is not None else access(server.get("public_network_access_enabled"))
    subnet = server.get("delegated_subnet_id") if network is None else None
    if isinstance(network, Unknown) or isinstance(subnet, Unknown):
        return network if isinstance(network, Unknown) else subnet
    return az.flexible_server_public(network, subnet)


def _customer_key(server: Planned) -> Any:
    block = server.block("customer_managed_key")
    if isinstance(block, Unknown):
        return block
    return az.flexible_customer_key("AzureKeyVault" if block is not None else None)


def _directory_auth(server: Planned) -> Any:
    auth = server.block("authentication")
    enabled = auth if isinstance(auth, Unknown) else (auth or {}).get("active_directory_auth_enabled")
    return enabled if isinstance(enabled, Unknown) else az.flexible_entra_auth(
        "Enabled" if enabled is True else None)


@azurerm_adapter(POSTGRES, produces=(DatabaseInstance, TlsListener))
def postgresql_flexible_server(server: Planned, plan: Plan) -> Iterator[DatabaseInstance | TlsListener]:
    yield DatabaseInstance(ref=server.ref(), engine=ENGINE, storage_encrypted=True, publicly_accessible=_public(server),
                           kms_key_customer_managed=_customer_key(server), directory_auth=_directory_auth(server))
    secure = _parameter(server, plan, "require_secure_transport")
    tls = _parameter(server, plan, TLS_PARAMETER)
    yield TlsListener(
        ref=replace(server.ref(), part="endpoint"), protocol="TLS",
        min_tls_version=tls if isinstance(tls, Unknown) else az.flexible_min_tls(ENGINE, tls),
        plaintext_routes=secure if isinstance(secure, Unknown) else (
            () if az.server_parameter_on(secure) else (f"require_secure_transport is {secure}",)))


MYSQL = "azurerm_mysql_flexible_server"
CONFIGURATIONS = {POSTGRES: CONFIGURATION, MYSQL: "azurerm_mysql_flexible_server_configuration"}
MYSQL_ENTRA_ADMIN = "azurerm_mysql_flexible_server_active_directory_administrator"


def _mysql_directory_auth(server: Planned, plan: Plan) -> Any:
    """A MySQL flexible server takes Entra logins once it has an Entra administrator (a resource of its own)."""
    sure, maybe = plan.referrers(server, (MYSQL_ENTRA_ADMIN,), "server_id", "id")
    return True if sure else (maybe[0] if maybe else False)


@azurerm_adapter(MYSQL, produces=(DatabaseInstance, TlsListener))
def mysql_flexible_server(server: Planned, plan: Plan) -> Iterator[DatabaseInstance | TlsListener]:
    """As `postgresql_flexible_server`; the TLS floor is the ``tls_version`` parameter, directory logins an
    ``azurerm_mysql_flexible_server_active_directory_administrator`` naming the server through ``server_id``.
    Spellings: ``public_network_access`` (v4.x) or the computed ``public_network_access_enabled``."""
    yield DatabaseInstance(ref=server.ref(), engine="mysql", storage_encrypted=True,
                           publicly_accessible=_public(server), kms_key_customer_managed=_customer_key(server),
                           directory_auth=_mysql_directory_auth(server, plan))
    secure = _parameter(server, plan, "require_secure_transport")
    tls = _parameter(server, plan, "tls_version")
    yield TlsListener(
        ref=replace(server.ref(), part="endpoint"), protocol="TLS",
        min_tls_version=tls if isinstance(tls, Unknown) else az.flexible_min_tls("mysql", tls),
        plaintext_routes=secure if isinstance(secure, Unknown) else (
            () if az.server_parameter_on(secure) else (f"require_secure_transport is {secure}",)))
