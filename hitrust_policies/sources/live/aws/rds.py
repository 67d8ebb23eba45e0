"""Where an RDS instance becomes a model value."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("rds-instances", service="rds", kinds=(DatabaseInstance,), calls=("rds:DescribeDBInstances",))
def rds_instances(ctx: Ctx) -> Iterator[DatabaseInstance]:
    for db in ctx.paginate("rds", "DescribeDBInstances", "DBInstances"):
        name = db["DBInstanceIdentifier"]
        yield DatabaseInstance(
            ref=ctx.ref("AWS::RDS::DBInstance", db.get("DBInstanceArn") or ctx.arn("rds", f"db:{name}"), name),
            engine=db.get("Engine", ""),
            storage_encrypted=bool(db.get("StorageEncrypted")),
            publicly_accessible=bool(db.get("PubliclyAccessible")),
        )
