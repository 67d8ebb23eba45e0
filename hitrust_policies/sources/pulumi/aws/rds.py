"""RDS DB instances (``aws:rds/instance:Instance``).

Provider defaults the engine's Check would fill: ``storageEncrypted`` and
``publiclyAccessible`` are false unless set. A replica or a snapshot restore inherits
encryption from its source, which this resource does not show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, Unknown
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _storage_encrypted(res: PulumiResource) -> Any:
    value = res.props.get("storageEncrypted")
    if value is not None:
        return to_bool(value)
    for inherited in ("replicateSourceDb", "snapshotIdentifier"):
        if res.props.get(inherited) is not None:
            return Unknown(f"storage encryption is inherited from {inherited}, not visible in this resource")
    return False


@pulumi_adapter("aws:rds/instance:Instance", produces=DatabaseInstance)
def db_instance(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance]:
    yield DatabaseInstance(
        ref=res.ref("identifier"),
        engine=res.props.get("engine", Unknown("engine not set (inherited from a snapshot or source)")),
        storage_encrypted=_storage_encrypted(res),
        publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False),
    )
