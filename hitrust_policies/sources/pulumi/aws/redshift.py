"""Redshift provisioned clusters (``aws:redshift/cluster:Cluster``) as `DatabaseInstance`s (`aws_redshift`).

Provider defaults (pulumi-aws v7): ``encrypted`` (a string, "true" / "false") is true and ``publiclyAccessible``
false unless set. A cluster restored from a snapshot (``snapshotIdentifier`` / ``snapshotArn``) with
``encrypted`` unset takes the snapshot's encryption, which this resource does not show. ``kmsKeyId`` left out
of an encrypted cluster is the AWS-managed ``aws/redshift`` key; a key the stack creates is the customer's
(told by ``propertyDependencies``: the adapter joins).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, DatabaseInstance, Unknown
from hitrust_policies.sources import aws_redshift
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


@pulumi_adapter("aws:redshift/cluster:Cluster", produces=DatabaseInstance, joins=True)
def cluster(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance]:
    encrypted = _encrypted(res)
    customer: Any = encrypted
    if encrypted is True:
        customer = key_customer_managed(KMS, res.props.get("kmsKeyId"), res.property_dependencies.get("kmsKeyId", ()),
                                        stack)
    yield DatabaseInstance(
        ref=res.ref("clusterIdentifier"),
        engine=aws_redshift.ENGINE,
        storage_encrypted=encrypted,
        publicly_accessible=to_bool(res.props.get("publiclyAccessible"), False),
        kms_key_customer_managed=customer,
        directory_auth=aws_redshift.DIRECTORY_AUTH,
    )
