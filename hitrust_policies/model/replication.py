"""Data replication instances: the hosts a migration service runs between two databases on."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ReplicationInstance:
    """A managed instance that copies data from a source database to a target (AWS DMS replication instance).

    Yielded by the AWS sources; Azure Database Migration Service and Google Cloud Database Migration Service
    could yield it later. It holds credentials to both databases and streams their rows, so it is reached the
    way a database is. ``publicly_accessible``: it has a public IP address reachable from the internet (DMS
    ``PubliclyAccessible``, which AWS turns on when a request leaves it out).
    """

    ref: ResourceRef
    publicly_accessible: bool | Unknown
