"""Where an RDS instance becomes a model value.

Whose key encrypts it is ``DescribeKey``'s ``KeyManager`` of its ``KmsKeyId`` (once per key);
directory authentication is IAM database authentication or a directory domain membership
(`aws_rds`).

Its audit log (`DatabaseAuditing`) is the engine's audit log type in ``EnabledCloudwatchLogsExports``:
an instance's own for a standalone instance, the cluster's for a cluster member (Aurora, Multi-AZ DB
clusters, DocumentDB, Neptune), whose exports ``DescribeDBClusters`` shows once per cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseAuditing, DatabaseInstance, ResourceRef, Unknown
from hitrust_policies.sources import aws_kms, aws_rds
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("rds-instances", service="rds", kinds=(DatabaseInstance, DatabaseAuditing),
           calls=("rds:DescribeDBInstances", "kms:DescribeKey"))
def rds_instances(ctx: Ctx) -> Iterator[DatabaseInstance | DatabaseAuditing]:
    keys: dict[str, Any] = {}

    def customer_managed(db: dict[str, Any]) -> Any:
        if not db.get("StorageEncrypted"):
            return False
        key = db.get("KmsKeyId")
        by_reference = aws_kms.customer_managed_by_reference(key)
        if by_reference is not None:
            return by_reference
        if key not in keys:
            meta = ctx.fact("kms:DescribeKey", lambda: ctx.client("kms").describe_key(KeyId=key)["KeyMetadata"])
            keys[key] = meta if isinstance(meta, Unknown) else aws_kms.key_manager_is_customer(
                meta.get("KeyManager", Unknown("DescribeKey: no KeyManager")))
        return keys[key]

    for db in ctx.paginate("rds", "DescribeDBInstances", "DBInstances"):
        name = db["DBInstanceIdentifier"]
        ref = ctx.ref("AWS::RDS::DBInstance", db.get("DBInstanceArn") or ctx.arn("rds", f"db:{name}"), name)
        if not db.get("DBClusterIdentifier"):  # a member's logs are its cluster's (rds-clusters)
            yield _auditing(ref, db)
        yield DatabaseInstance(
            ref=ref,
            engine=db.get("Engine", ""),
            storage_encrypted=bool(db.get("StorageEncrypted")),
            publicly_accessible=bool(db.get("PubliclyAccessible")),
            kms_key_customer_managed=customer_managed(db),
            directory_auth=aws_rds.directory_auth(db.get("Engine", ""),
                                                  bool(db.get("IAMDatabaseAuthenticationEnabled")),
                                                  bool(db.get("DomainMemberships"))),
        )


@collector("rds-clusters", service="rds", kinds=(DatabaseAuditing,), calls=("rds:DescribeDBClusters",))
def rds_clusters(ctx: Ctx) -> Iterator[DatabaseAuditing]:
    """One `DatabaseAuditing` per DB cluster (Aurora, Multi-AZ, DocumentDB, Neptune): its members export
    nothing of their own."""
    for cluster in ctx.paginate("rds", "DescribeDBClusters", "DBClusters"):
        name = cluster["DBClusterIdentifier"]
        arn = cluster.get("DBClusterArn") or ctx.arn("rds", f"cluster:{name}")
        yield _auditing(ctx.ref("AWS::RDS::DBCluster", arn, name), cluster)


def _auditing(ref: ResourceRef, db: dict[str, Any]) -> DatabaseAuditing:
    """Logs exported to CloudWatch Logs are kept by their log group's retention (log-log-group-retention)."""
    exported = aws_rds.audit_logs_exported(db.get("Engine", ""), db.get("EnabledCloudwatchLogsExports", []))
    return DatabaseAuditing(ref=ref, enabled=exported, storage_retention_days=None)
