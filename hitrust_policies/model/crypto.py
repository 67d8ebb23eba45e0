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
    ``public_principals`` names each grant of the key's own policy that lets anyone use or manage it,
    signed in to the cloud or not (an AWS key policy statement allowing ``"*"`` without a condition
    naming accounts, organizations or networks; a Cloud KMS binding to ``allUsers`` /
    ``allAuthenticatedUsers``); empty when there is none, or where the key service cannot grant to
    anonymous callers at all (Azure Key Vault answers only principals of the vault's tenant).
    ``pending_deletion``: the key is scheduled for deletion and its material will be gone for good when the
    waiting period ends, with every copy of data it encrypts (AWS KMS ``PendingDeletion`` /
    ``PendingReplicaDeletion``); None where the source does not judge it: Cloud KMS never deletes a key
    (it destroys versions) and Key Vault lists soft-deleted keys apart from its keys.
    """

    ref: ResourceRef
    customer_managed: bool | Unknown
    rotation_supported: bool | Unknown
    enabled: bool | Unknown
    rotation_enabled: bool | Unknown
    public_principals: tuple[str, ...] | Unknown
    pending_deletion: bool | None | Unknown


@dataclass(frozen=True, slots=True)
class TlsListener:
    """A load-balancer listener or other network endpoint that accepts connections.

    ``protocol`` is what clients speak to it: HTTPS / TLS / SSL terminate TLS at the listener;
    HTTP is plaintext; TCP / UDP / TCP_UDP pass bytes through unread (TLS may ride inside).
    ``min_tls_version`` is the lowest protocol version the negotiated policy accepts
    ("SSLv3", "1.0", "1.1", "1.2", "1.3"), translated by the source from provider policy names;
    None for listeners that terminate no TLS. ``plaintext_routes`` names, for an HTTP listener,
    each action that serves a request without sending the client to HTTPS (``"default action
    forwards"``, ``"rule 10 redirects to HTTP"``); empty when every request is redirected to
    HTTPS or answered by the load balancer itself (fixed response), and for other protocols.
    A CDN distribution (CloudFront) is two listeners, its HTTPS side (viewer security policy) and its HTTP side
    (each cache behaviour that serves plaintext), as an Azure App Service app is.
    """

    ref: ResourceRef
    protocol: str | Unknown  # HTTP | HTTPS | TLS | SSL | TCP | UDP | TCP_UDP ...
    min_tls_version: str | None | Unknown
    plaintext_routes: tuple[str, ...] | Unknown


@dataclass(frozen=True, slots=True)
class SecretStore:
    """A managed vault holding keys, secrets and certificates (Azure Key Vault).

    ``soft_delete``: a deleted vault or object stays recoverable for a retention period;
    ``purge_protection``: nobody, not even an owner, can purge it before that period ends.
    ``role_based_access``: access to the vault's contents is granted by the cloud's role
    assignments (auditable, scoped, conditional) rather than by the vault's own access policies.
    ``audit_logging``: every access to the vault's keys, secrets and settings is logged to a place
    that keeps it (a diagnostic setting sending the vault's audit events to a workspace, storage
    account or event hub).
    """

    ref: ResourceRef
    soft_delete: bool | Unknown
    purge_protection: bool | Unknown
    role_based_access: bool | Unknown
    audit_logging: bool | Unknown


@dataclass(frozen=True, slots=True)
class VaultObject:
    """A key or secret held in a managed vault (Azure Key Vault), as far as its lifetime goes.

    ``object_type`` is ``"key"`` or ``"secret"``; ``expires`` says whether it carries an expiration
    date after which the vault refuses to use or serve it. Cloud key services without such a date
    (AWS KMS, Cloud KMS) yield no `VaultObject`: their keys are `CryptoKey`s only.
    """

    ref: ResourceRef
    object_type: str
    expires: bool | Unknown
