"""RDS DB instances (``aws:rds/instance:Instance``).

Provider defaults the engine's Check would fill: ``storageEncrypted`` and
``publiclyAccessible`` are false unless set. A replica or a snapshot restore inherits
encryption from its source, which this resource does not show. ``kmsKeyId`` left out of an
encrypted instance is the AWS-managed ``aws/rds`` key; a key the stack creates is the customer's
(told by ``propertyDependencies``, which only the stack phase carries: the adapter joins).
Directory authentication: ``iamDatabaseAuthenticationEnabled`` or a ``domain`` (Kerberos).

Audit logs (``aws:rds/instance:Instance`` and ``aws:rds/cluster:Cluster``): the engine's audit log type in
``enabledCloudwatchLogsExports`` (`aws_rds`); Aurora members (``aws:rds/clusterInstance:ClusterInstance``)
export nothing of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, DatabaseAuditing, DatabaseInstance, Unknown
from hitrust_policies.sources import aws_rds
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
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


def _customer_key(res: PulumiResource, stack: Stack, encrypted: Any) -> Any:
    if isinstance(encrypted, Unknown) or not encrypted:
        return encrypted if isinstance(encrypted, Unknown) else False
    deps = res.property_dependencies.get("kmsKeyId", ())
    return key_customer_managed(KMS, res.props.get("kmsKeyId"), deps, stack)


def _directory_auth(res: PulumiResource, engine: Any) -> Any:
    domain = res.props.get("domain") or res.props.get("domainFqdn")
    joined = domain if isinstance(domain, Unknown) else bool(domain)
    return aws_rds.directory_auth(engine, to_bool(res.props.get("iamDatabaseAuthenticationEnabled"), False), joined)


@pulumi_adapter("aws:rds/instance:Instance", produces=DatabaseInstance, joins=True)
def db_instance(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance]:
    engine = res.props.get("engine", Unknown("engine not set (inherited from a snapshot or source)"))
    encrypted = _storage_encrypted(res)
    yield DatabaseInstance(
        ref=res.ref("identifier"),
        engine=engine,
        storage_encrypted=encrypted,
        publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False),
        kms_key_customer_managed=_customer_key(res, stack, encrypted),
        directory_auth=_directory_auth(res, engine),
    )


@pulumi_adapter("aws:rds/instance:Instance", "aws:rds/cluster:Cluster", produces=DatabaseAuditing)
def audit_logs(res: PulumiResource, stack: Stack) -> Iterator[DatabaseAuditing]:
    name = "clusterIdentifier" if res.type == "aws:rds/cluster:Cluster" else "identifier"
    engine = res.props.get("engine", Unknown("engine not set (inherited from a snapshot or source)"))
    exported = aws_rds.audit_logs_exported(engine, res.props.get("enabledCloudwatchLogsExports", []))
    yield DatabaseAuditing(ref=res.ref(name), enabled=exported, storage_retention_days=None)
