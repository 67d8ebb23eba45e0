"""RDS DB instances (``aws:rds/instance:Instance``).

Provider defaults the engine's Check would fill: ``storageEncrypted`` and
``publiclyAccessible`` are false unless set. A replica or a snapshot restore inherits
encryption from its source, which this resource does not show. ``kmsKeyId`` left out of an
encrypted instance is the AWS-managed ``aws/rds`` key; a key the stack creates is the customer's
(told by ``propertyDependencies``, which only the stack phase carries: the adapter joins).
Directory authentication: ``iamDatabaseAuthenticationEnabled`` or a ``domain`` (Kerberos).
TLS required: the engine's TLS parameter (`aws_rds.tls_parameter`) in the ``aws:rds/parameterGroup:ParameterGroup``
that ``parameterGroupName`` designates (joined through the stack); no group or a ``default.*`` one leaves it at
the engine default; a group the stack does not declare is unknown.

Audit logs (``aws:rds/instance:Instance`` and ``aws:rds/cluster:Cluster``): the engine's audit log type in
``enabledCloudwatchLogsExports`` (`aws_rds`); Aurora members (``aws:rds/clusterInstance:ClusterInstance``)
export nothing of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import KMS, DatabaseAuditing, DatabaseInstance, DatabaseTransport, Unknown
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


PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup"


def group_value(group: PulumiResource, parameter: str) -> Any:
    """The value a declared parameter group sets for ``parameter``; None: left at the engine default."""
    params = group.props.get("parameters")
    if isinstance(params, Unknown):
        return params
    for p in params or ():
        name = p.get("name") if isinstance(p, Mapping) else None
        if isinstance(name, Unknown):
            return name
        if name == parameter:
            return p.get("value")
    return None


def _tls_required(res: PulumiResource, stack: Stack, engine: Any) -> Any:
    if isinstance(engine, Unknown):
        return engine
    parameter = aws_rds.tls_parameter(str(engine or ""))
    if parameter is None:
        return None
    name = res.props.get("parameterGroupName")
    value: Any = None
    if name is not None and not (isinstance(name, str) and name.startswith("default.")):
        group = stack.referent(res, "parameterGroupName", (PARAMETER_GROUP,), ("name",))
        if group is None:
            return name if isinstance(name, Unknown) else Unknown(
                f"parameter group {name} is not declared in this stack: its {parameter} is not visible")
        value = group_value(group, parameter)
    return aws_rds.tls_required(engine, res.props.get("engineVersion"), value)


@pulumi_adapter("aws:rds/instance:Instance", produces=(DatabaseInstance, DatabaseTransport), joins=True)
def db_instance(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance | DatabaseTransport]:
    engine = res.props.get("engine", Unknown("engine not set (inherited from a snapshot or source)"))
    encrypted = _storage_encrypted(res)
    ref = res.ref("identifier")
    yield DatabaseInstance(
        ref=ref,
        engine=engine,
        storage_encrypted=encrypted,
        publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False),
        kms_key_customer_managed=_customer_key(res, stack, encrypted),
        directory_auth=_directory_auth(res, engine),
    )
    yield DatabaseTransport(ref=ref, engine=engine, tls_required=_tls_required(res, stack, engine))


@pulumi_adapter("aws:rds/instance:Instance", "aws:rds/cluster:Cluster", produces=DatabaseAuditing)
def audit_logs(res: PulumiResource, stack: Stack) -> Iterator[DatabaseAuditing]:
    name = "clusterIdentifier" if res.type == "aws:rds/cluster:Cluster" else "identifier"
    engine = res.props.get("engine", Unknown("engine not set (inherited from a snapshot or source)"))
    exported = aws_rds.audit_logs_exported(engine, res.props.get("enabledCloudwatchLogsExports", []))
    yield DatabaseAuditing(ref=res.ref(name), enabled=exported, storage_retention_days=None)
