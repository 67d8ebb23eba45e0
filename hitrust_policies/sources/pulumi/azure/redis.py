"""An Azure Cache for Redis as a program creates it: one `TlsListener` (TLS on 6380; plaintext 6379 too when
``enableNonSslPort`` is true) and the `LocalAuth` of its access keys (on unless
``disableAccessKeyAuthentication`` is true). A ``minimumTlsVersion`` left out takes Azure's create-time default,
1.2."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import LocalAuth, TlsListener, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

CREATE_TIME_MIN_TLS = "1.2"  # new caches may no longer choose 1.0 / 1.1 (Azure Cache for Redis, March 2024)


@pulumi_adapter("azure-native:redis:Redis", produces=(TlsListener, LocalAuth))
def redis_cache(res: PulumiResource, stack: Stack) -> Iterator[TlsListener | LocalAuth]:
    min_tls = res.props.get("minimumTlsVersion")
    non_ssl = res.props.get("enableNonSslPort")
    yield TlsListener(ref=arm.ref(res, "name"), protocol="TLS",
                      min_tls_version=CREATE_TIME_MIN_TLS if min_tls is None else min_tls,
                      plaintext_routes=non_ssl if isinstance(non_ssl, Unknown) else az.redis_plaintext_routes(non_ssl))
    disable = res.props.get("disableAccessKeyAuthentication")
    yield LocalAuth(arm.ref(res, "name"), "access keys",
                    disable if isinstance(disable, Unknown) else disable is not True)
