"""Point-in-time copies of disks and databases."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A stored copy of a disk or database that can be restored into a new one.

    Yielded by the AWS sources (RDS DB and cluster snapshots, EBS snapshots the account owns); GCP disk
    snapshots and Azure managed-disk snapshots could yield it later. ``source`` says what it copies
    (``"database"``, ``"database cluster"``, ``"volume"``). ``encrypted``: the copy is encrypted at rest.
    ``public``: anyone, in any account, may restore or copy it (RDS ``restore`` attribute or EBS
    ``createVolumePermission`` naming the group ``all``); False where only named accounts or nobody else may.
    """

    ref: ResourceRef
    source: str
    encrypted: bool | Unknown
    public: bool | Unknown
