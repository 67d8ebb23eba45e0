"""How a data store's traffic travels: from its clients, and between its own nodes."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class NodeTransport:
    """How a clustered data store's nodes talk to each other (shard and replica traffic, query fan-out).

    Yielded by the AWS sources for OpenSearch domains (node-to-node encryption) and ElastiCache replication groups
    (in-transit encryption, which covers replication); managed single instances and services whose internal
    network the cloud encrypts without a setting yield none. ``encrypted``: that traffic is TLS-encrypted.
    """

    ref: ResourceRef
    engine: str | Unknown
    encrypted: bool | Unknown


@dataclass(frozen=True, slots=True)
class DatabaseTransport:
    """Whether a data store refuses client connections that are not encrypted.

    Yielded by the AWS sources (RDS ``rds.force_ssl`` / ``require_secure_transport`` in the parameter group in
    effect, Redshift ``require_ssl``, OpenSearch ``EnforceHTTPS``, ElastiCache transit encryption in required
    mode). Azure and Google Cloud databases show the same fact as their endpoint's `TlsListener` plaintext routes
    (judged by the TLS listener rule) and yield none. ``tls_required`` None: the engine has no such switch (RDS
    Oracle / Db2 / Custom, whose TLS is an option group's listener beside the plain one): not judged.
    """

    ref: ResourceRef
    engine: str | Unknown
    tls_required: bool | None | Unknown
