"""Where an RDS instance becomes a model value.

Whose key encrypts it is ``DescribeKey``'s ``KeyManager`` of its ``KmsKeyId`` (once per key);
directory authentication is IAM database authentication or a directory domain membership
(`aws_rds`).

Its audit log (`DatabaseAuditing`) is the engine's audit log type in ``EnabledCloudwatchLogsExports``:
an instance's own for a standalone instance, the cluster's for a cluster member (Aurora, Multi-AZ DB
clusters, DocumentDB, Neptune), whose exports ``DescribeDBClusters`` shows once per cluster.

Whether it refuses plaintext clients is its engine's TLS parameter (`aws_rds.tls_parameter`) in the parameter
group it uses: a standalone instance's DB parameter group, a cluster member's DB cluster parameter group (found
with one ``DescribeDBClusters`` listing, only when a member is seen). A ``default.*`` group holds engine
defaults and needs no call; a custom group is read once, user-set values only (``Source='user'``), however many
instances share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseAuditing, DatabaseInstance, DatabaseTransport, ResourceRef, Unknown
from hitrust_policies.sources import aws_kms, aws_rds
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("rds-instances", service="rds", kinds=(DatabaseInstance, DatabaseAuditing, DatabaseTransport),
           calls=("rds:DescribeDBInstances", "kms:DescribeKey", "rds:DescribeDBParameters",
                  "rds:DescribeDBClusters", "rds:DescribeDBClusterParameters"))
def rds_instances(ctx: Ctx) -> Iterator[DatabaseInstance | DatabaseAuditing | DatabaseTransport]:
    keys: dict[str, Any] = {}
    tls = _TlsParameters(ctx)

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
        yield DatabaseTransport(ref=ref, engine=db.get("Engine", ""), tls_required=tls.required(db))


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


class _TlsParameters:
    """The TLS parameter's user-set value per parameter group, read once per group."""

    def __init__(self, ctx: Ctx) -> None:
        self._ctx = ctx
        self._values: dict[tuple[str, str, str], Any] = {}
        self._cluster_groups: dict[str, str] | Unknown | None = None

    def required(self, db: dict[str, Any]) -> Any:
        engine = db.get("Engine", "")
        parameter = aws_rds.tls_parameter(engine)
        if parameter is None:
            return None
        if db.get("DBClusterIdentifier"):
            groups = self._clusters()
            group: Any = (groups if isinstance(groups, Unknown)
                          else groups.get(db["DBClusterIdentifier"],
                                          Unknown(f"cluster {db['DBClusterIdentifier']} not listed")))
            value = self._value("DescribeDBClusterParameters", group, parameter)
        else:
            names = [g.get("DBParameterGroupName", "") for g in db.get("DBParameterGroups") or ()]
            value = self._value("DescribeDBParameters", names[0] if names else "default.", parameter)
        return aws_rds.tls_required(engine, db.get("EngineVersion"), value)

    def _clusters(self) -> dict[str, str] | Unknown:
        if self._cluster_groups is None:
            clusters = self._ctx.fact("rds:DescribeDBClusters",
                                      lambda: list(self._ctx.paginate("rds", "DescribeDBClusters", "DBClusters")))
            self._cluster_groups = clusters if isinstance(clusters, Unknown) else {
                c["DBClusterIdentifier"]: c.get("DBClusterParameterGroup", "default.") for c in clusters}
        return self._cluster_groups

    def _value(self, operation: str, group: Any, parameter: str) -> Any:
        """The user-set value in the group; None: left at the engine default (always so in a default group)."""
        if isinstance(group, Unknown):
            return group
        if group.startswith("default."):
            return None
        if (operation, group, parameter) not in self._values:
            key = "DBClusterParameterGroupName" if "Cluster" in operation else "DBParameterGroupName"
            params = self._ctx.fact(f"rds:{operation}", lambda: list(
                self._ctx.paginate("rds", operation, "Parameters", **{key: group, "Source": "user"})))
            if isinstance(params, Unknown):
                value: Any = params
            else:
                value = next((p.get("ParameterValue") for p in params if p.get("ParameterName") == parameter), None)
            self._values[operation, group, parameter] = value
        return self._values[operation, group, parameter]
