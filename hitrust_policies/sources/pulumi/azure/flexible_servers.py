"""Azure Database for PostgreSQL / MySQL flexible servers: a `DatabaseInstance` and a `TlsListener` each.

As the live scanner has them (`hitrust_policies.sources.live.azure.flexible_servers`): storage is
always encrypted, with the customer's key when ``dataEncryption.type`` is AzureKeyVault; the server is
public unless ``network.publicNetworkAccess`` is Disabled (a server in a delegated subnet is created
Disabled). Server parameters are separate ``Configuration`` resources joined through ``serverName``;
one the program does not set keeps the value Azure creates it with: ``require_secure_transport`` ON,
``ssl_min_protocol_version`` / ``tls_version`` TLSv1.2 (Microsoft Learn, "Connect with encrypted
connections", flexible servers). Directory logins: PostgreSQL ``authConfig.activeDirectoryAuth``
(Disabled unless set), MySQL an ``AzureADAdministrator`` resource of the server. Firewall rules
(``FirewallRule`` resources) are not read here, as for Azure SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import DatabaseInstance, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

POSTGRES, MYSQL = "azure-native:dbforpostgresql:Server", "azure-native:dbformysql:Server"
CONFIGURATION = {POSTGRES: "azure-native:dbforpostgresql:Configuration", MYSQL: "azure-native:dbformysql:Configuration"}
MYSQL_ENTRA_ADMIN = "azure-native:dbformysql:AzureADAdministrator"
ENGINE = {POSTGRES: "postgres", MYSQL: "mysql"}
TLS_PARAMETER = {POSTGRES: "ssl_min_protocol_version", MYSQL: "tls_version"}
CREATED_WITH = {"require_secure_transport": "ON", "ssl_min_protocol_version": "TLSv1.2", "tls_version": "TLSv1.2"}
SERVER_NAME = "serverName"


def _parameter(server: PulumiResource, stack: Stack, name: str) -> Any:
    """A server parameter's value from the stack's Configuration resource of it, else its create-time value."""
    sure, maybe = arm.referrers(stack, server, (CONFIGURATION[server.type],), SERVER_NAME, SERVER_NAME)
    for config in sure:
        config_name = config.props.get("configurationName")
        if isinstance(config_name, Unknown):
            return config_name
        if str(config_name).lower() == name:
            return config.props.get("value", CREATED_WITH[name])
    if maybe:
        return preview_unknown(f"{SERVER_NAME} of {maybe[0].logical_name}")
    return CREATED_WITH[name]


def _public(server: PulumiResource) -> Any:
    access = server.props.get("network.publicNetworkAccess")
    if isinstance(access, Unknown):
        return access
    subnet = server.props.get("network.delegatedSubnetResourceId") if access is None else None
    if isinstance(subnet, Unknown):
        return subnet
    return az.flexible_server_public(access, subnet)


def _directory_auth(server: PulumiResource, stack: Stack) -> Any:
    if server.type == POSTGRES:
        auth = server.props.get("authConfig.activeDirectoryAuth")
        return auth if isinstance(auth, Unknown) else az.flexible_entra_auth(auth)
    sure, maybe = arm.referrers(stack, server, (MYSQL_ENTRA_ADMIN,), SERVER_NAME, SERVER_NAME)
    if sure:
        return True
    return preview_unknown(f"{SERVER_NAME} of {maybe[0].logical_name}") if maybe else False


@pulumi_adapter(POSTGRES, MYSQL, produces=(DatabaseInstance, TlsListener), joins=True)
def flexible_server(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance | TlsListener]:
    key_type = res.props.get("dataEncryption.type")
    ref = arm.ref(res, SERVER_NAME)
    yield DatabaseInstance(
        ref=ref,
        engine=ENGINE[res.type],
        storage_encrypted=True,
        publicly_accessible=_public(res),
        kms_key_customer_managed=key_type if isinstance(key_type, Unknown) else az.flexible_customer_key(key_type),
        directory_auth=_directory_auth(res, stack),
    )
    secure = _parameter(res, stack, "require_secure_transport")
    tls = _parameter(res, stack, TLS_PARAMETER[res.type])
    yield TlsListener(
        ref=replace(ref, part="endpoint"),
        protocol="TLS",
        min_tls_version=tls if isinstance(tls, Unknown) else az.flexible_min_tls(ENGINE[res.type], tls),
        plaintext_routes=secure if isinstance(secure, Unknown) else (
            () if az.server_parameter_on(secure) else (f"require_secure_transport is {secure}",)),
    )
