"""Services' own keys on azurerm (`LocalAuth`), and an Azure Cache for Redis's TLS endpoint (`TlsListener`), as
the live scanner and azure-native have them.

Spellings: a container registry's ``admin_enabled`` is ARM ``adminUserEnabled`` (default off); a Cosmos DB
account's ``local_authentication_disabled`` is ARM ``disableLocalAuth`` (a later spelling,
``local_authentication_enabled``, its negation), its ``capabilities`` blocks ARM's; a Redis cache's
``non_ssl_port_enabled`` (v4) / ``enable_non_ssl_port`` (v3) is ``enableNonSslPort``,
``access_keys_authentication_enabled`` (v4.x; absent in v3: keys on) ``disableAccessKeyAuthentication`` negated,
``minimum_tls_version`` ``minimumTlsVersion`` (the provider sends 1.2 when left out).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import LocalAuth, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure.redis import CREATE_TIME_MIN_TLS
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import first_unknown

REGISTRY, COSMOS, REDIS = "azurerm_container_registry", "azurerm_cosmosdb_account", "azurerm_redis_cache"


@azurerm_adapter(REGISTRY, produces=LocalAuth)
def registry_admin_user(registry: Planned, plan: Plan) -> Iterator[LocalAuth]:
    admin = registry.get("admin_enabled")
    yield LocalAuth(registry.ref(), "admin user", admin if isinstance(admin, Unknown) else admin is True)


def _cosmos_disabled(account: Planned) -> Any:
    enabled = account.get("local_authentication_enabled")
    if enabled is not None:
        return enabled if isinstance(enabled, Unknown) else enabled is False
    return account.get("local_authentication_disabled")


@azurerm_adapter(COSMOS, produces=LocalAuth)
def cosmos_account_keys(account: Planned, plan: Plan) -> Iterator[LocalAuth]:
    disable, capabilities = _cosmos_disabled(account), account.get("capabilities")
    items = [] if isinstance(capabilities, Unknown) else list(capabilities or [])
    pending = first_unknown(disable, capabilities, *items, *(c.get("name") for c in items if isinstance(c, Mapping)))
    if pending is not None:
        yield LocalAuth(account.ref(), "account keys", pending)
        return
    enabled = az.cosmos_local_auth(disable, items)
    if enabled is not None:
        yield LocalAuth(account.ref(), "account keys", enabled)


@azurerm_adapter(REDIS, produces=(TlsListener, LocalAuth))
def redis_cache(cache: Planned, plan: Plan) -> Iterator[TlsListener | LocalAuth]:
    min_tls, non_ssl = cache.get("minimum_tls_version"), cache.first("non_ssl_port_enabled", "enable_non_ssl_port")
    yield TlsListener(ref=cache.ref(), protocol="TLS",
                      min_tls_version=CREATE_TIME_MIN_TLS if min_tls is None else min_tls,
                      plaintext_routes=non_ssl if isinstance(non_ssl, Unknown) else az.redis_plaintext_routes(non_ssl))
    keys = cache.get("access_keys_authentication_enabled")
    yield LocalAuth(cache.ref(), "access keys", keys if isinstance(keys, Unknown) else keys is not False)
