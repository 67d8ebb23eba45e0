"""Traffic inside a distributed data store: between its own nodes, not from its clients."""

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
