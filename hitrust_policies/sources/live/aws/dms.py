"""Where a DMS replication instance becomes a `ReplicationInstance` (``DescribeReplicationInstances``, paginated:
one call per page of instances, no per-instance reads)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ReplicationInstance
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("dms-replication-instances", service="dms", kinds=(ReplicationInstance,),
           calls=("dms:DescribeReplicationInstances",))
def dms_replication_instances(ctx: Ctx) -> Iterator[ReplicationInstance]:
    for instance in ctx.paginate("dms", "DescribeReplicationInstances", "ReplicationInstances"):
        name = instance["ReplicationInstanceIdentifier"]
        arn = instance.get("ReplicationInstanceArn") or ctx.arn("dms", f"rep:{name}")
        yield ReplicationInstance(
            ref=ctx.ref("AWS::DMS::ReplicationInstance", arn, name),
            publicly_accessible=bool(instance.get("PubliclyAccessible")),
        )
