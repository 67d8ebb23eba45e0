"""Where an Azure Cache for Redis becomes the `TlsListener` its clients connect to and the `LocalAuth` of its
access keys (on unless ``disableAccessKeyAuthentication`` is true).

The cache always serves TLS on port 6380; ``enableNonSslPort`` also opens plaintext port 6379 on the same
cache, a plaintext route of the one endpoint (judged with its minimum TLS version, not apart).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth, TlsListener
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


@family(
    "redis-caches",
    types=("microsoft.cache/redis",),
    kinds=(TlsListener, LocalAuth),
    permissions=("Microsoft.Cache/redis/read",),
)
def redis_caches(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[TlsListener | LocalAuth]:
    for row in rows:
        yield TlsListener(ref=ctx.ref(row), protocol="TLS",
                          min_tls_version=az.redis_min_tls(prop(row, "properties", "minimumTlsVersion")),
                          plaintext_routes=az.redis_plaintext_routes(prop(row, "properties", "enableNonSslPort")))
        keys_off = prop(row, "properties", "disableAccessKeyAuthentication") is True
        yield LocalAuth(ctx.ref(row), "access keys", not keys_off)
