"""Keys and encrypted channels."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class CryptoKey:
    """A key in the cloud key service.

    ``rotation_supported``: the key service can rotate this key automatically (the source
    decides from the key's type and where its material lives; on AWS only symmetric keys
    generated in KMS's own key store can).
    """

    ref: ResourceRef
    customer_managed: bool | Unknown
    rotation_supported: bool | Unknown
    enabled: bool | Unknown
    rotation_enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class TlsListener:
    """A load-balancer listener or other network endpoint that accepts connections.

    ``min_tls_version`` is the lowest protocol version the negotiated policy accepts
    ("1.0", "1.1", "1.2", "1.3"), translated by the source from provider policy names;
    None for plaintext listeners.
    """

    ref: ResourceRef
    protocol: str | Unknown  # HTTP | HTTPS | TLS | TCP | UDP ...
    min_tls_version: str | None | Unknown
    redirects_to_https: bool | Unknown
