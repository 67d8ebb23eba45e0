"""Redshift provisioned clusters (``aws:redshift/cluster:Cluster``) as `DatabaseInstance`s (`aws_redshift`).

Provider defaults (pulumi-aws v7): ``encrypted`` (a string, "true" / "false") is true and ``publiclyAccessible``
false unless set. A cluster restored from a snapshot (``snapshotIdentifier`` / ``snapshotArn``) with
``encrypted`` unset takes the snapshot's encryption, which this resource does not show. ``kmsKeyId`` left out
of an encrypted cluster is the AWS-managed ``aws/redshift`` key; a key the stack creates is the customer's
(told by ``propertyDependencies``: the adapter joins). ``require_ssl`` is read from the
``aws:redshift/parameterGroup:ParameterGroup`` that ``clusterParameterGroupName`` designates (`aws_redshift`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, DatabaseInstance, DatabaseTransport, Unknown
from hitrust_policies.sources import aws_redshift
from hitrust_policies.sources.pulumi.aws.rds import group_value
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _encrypted(res: PulumiResource) -> Any:
    value = res.props.get("encrypted")
    if value is not None:
        return to_bool(value)
    for inherited in ("snapshotIdentifier", "snapshotArn"):
        if res.props.get(inherited) is not None:
            return Unknown(f"encryption is inherited from {inherited}, not visible in this resource")
    return True


PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup"


def _require_ssl(res: PulumiResource, stack: Stack) -> Any:
    name = res.props.get("clusterParameterGroupName")
    if isinstance(name, str) and name in aws_redshift.DEFAULT_GROUPS:
        return aws_redshift.DEFAULT_GROUPS[name]
    if name is None:
        return Unknown("no parameter group named: the default group AWS assigns decides require_ssl, not visible "
                       "in a program")
    group = stack.referent(res, "clusterParameterGroupName", (PARAMETER_GROUP,), ("name",))
    if group is None:
        return name if isinstance(name, Unknown) else Unknown(
            f"parameter group {name} is not declared in this stack: its require_ssl is not visible")
    value = group_value(group, "require_ssl")
    return False if value is None else aws_redshift.require_ssl(value)


@pulumi_adapter("aws:redshift/cluster:Cluster", produces=(DatabaseInstance, DatabaseTransport), joins=True)
def cluster(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance | DatabaseTransport]:
    encrypted = _encrypted(res)
    customer: Any = encrypted
    if encrypted is True:
        customer = key_customer_managed(KMS, res.props.get("kmsKeyId"), res.property_dependencies.get("kmsKeyId", ()),
                                        stack)
    ref = res.ref("clusterIdentifier")
    yield DatabaseInstance(
        ref=ref,
        engine=aws_redshift.ENGINE,
        storage_encrypted=encrypted,
        publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False),
        kms_key_customer_managed=customer,
        directory_auth=aws_redshift.DIRECTORY_AUTH,
    )
    yield DatabaseTransport(ref=ref, engine=aws_redshift.ENGINE, tls_required=_require_ssl(res, stack))
