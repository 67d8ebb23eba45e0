"""Cloud SQL instances (``sql/databaseInstance:DatabaseInstance``) as `DatabaseInstance`s and the
`TlsListener` of their endpoint.

As the live scanner has them: storage is always encrypted (Google-managed keys, or the CMEK of
``encryptionKeyName``); the instance is public when it has a public IPv4 address and an authorized
network that is the internet (`gcp_semantics.sql_public`). ``settings.ipConfiguration.ipv4Enabled``
left out means a public IP, as Cloud SQL assigns on create. Directory logins: the engine's IAM
database authentication flag in ``settings.databaseFlags``, or a Managed AD domain for SQL Server
(`gcp_semantics.sql_directory_auth`). The endpoint takes plaintext unless
``settings.ipConfiguration.sslMode`` (else the legacy ``requireSsl`` of older pulumi-gcp) refuses it
(`gcp_semantics.sql_plaintext_routes`); left out, Cloud SQL's default allows unencrypted connections.
An instance's engine settings are ``settings.databaseFlags`` over Cloud SQL's
defaults (`gcp_semantics.sql_engine_settings`); while ``databaseVersion`` is unknown they are unknown too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import (
    DatabaseInstance,
    MySqlSettings,
    PostgresSettings,
    SqlServerSettings,
    TlsListener,
    Unknown,
    is_internet,
)
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance"


def _public(res: PulumiResource) -> Any:
    ipv4 = res.props.get("settings.ipConfiguration.ipv4Enabled")
    entries = res.props.get("settings.ipConfiguration.authorizedNetworks")
    if isinstance(entries, Unknown):
        values: list[Any] = [entries]
    else:
        values = [e.get("value") if isinstance(e, Mapping) else e for e in entries or ()]
    known = [str(v) for v in values if isinstance(v, str)]
    pending = names.first_unknown(*values)
    if not isinstance(ipv4, Unknown) and gcp.sql_public(gcp.sql_public_ip_on_create(ipv4), known) is True:
        return True
    if pending is not None and ipv4 is not False:
        return pending
    if isinstance(ipv4, Unknown) and any(is_internet(n) for n in known):
        return ipv4
    return False


def _customer_key(res: PulumiResource) -> Any:
    key = res.props.get("encryptionKeyName")
    return key if isinstance(key, Unknown) else bool(key)


def _directory_auth(res: PulumiResource, engine: Any) -> Any:
    """Known True as soon as a known flag or domain grants it; otherwise unknown while any of them is."""
    flags = res.props.get("settings.databaseFlags")
    domain = res.props.get("settings.activeDirectoryConfig.domain")
    entries = [f for f in flags if isinstance(f, Mapping)] if isinstance(flags, list) else []
    pending = names.first_unknown(engine, flags, domain,
                                  *(v for f in entries for v in (f.get("name"), f.get("value"))))
    known_flags = [f for f in entries if names.first_unknown(f.get("name"), f.get("value")) is None]
    if isinstance(engine, Unknown):
        return engine
    if gcp.sql_directory_auth(engine, known_flags, domain if isinstance(domain, str) else None) is True:
        return True
    return pending if pending is not None else False


def _plaintext_routes(res: PulumiResource) -> Any:
    """sslMode decides when set, so an unknown requireSsl matters only without one."""
    mode = res.props.get("settings.ipConfiguration.sslMode")
    legacy = res.props.get("settings.ipConfiguration.requireSsl")
    if isinstance(mode, Unknown):
        return mode
    if not mode and isinstance(legacy, Unknown):
        return legacy
    return gcp.sql_plaintext_routes(mode, legacy if isinstance(legacy, bool) else None)


@pulumi_adapter(INSTANCE, produces=(DatabaseInstance, TlsListener, PostgresSettings, SqlServerSettings,
                                     MySqlSettings))
def database_instance(res: PulumiResource, stack: Stack) -> Iterator[Any]:
    version = res.props.get("databaseVersion")
    engine = version if isinstance(version, Unknown) else gcp.sql_engine(version)
    ref = names.ref(res)
    yield DatabaseInstance(
        ref=ref,
        engine=engine,
        storage_encrypted=True,
        publicly_accessible=_public(res),
        kms_key_customer_managed=_customer_key(res),
        directory_auth=_directory_auth(res, engine),
    )
    yield TlsListener(ref=replace(ref, part="endpoint"), protocol="TLS", min_tls_version=gcp.sql_min_tls(),
                      plaintext_routes=_plaintext_routes(res))
    yield from gcp.sql_engine_settings(engine, replace(ref, part="flags"), res.props.get("settings.databaseFlags"))
