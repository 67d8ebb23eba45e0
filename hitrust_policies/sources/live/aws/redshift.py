"""Where a provisioned Redshift cluster becomes a `DatabaseInstance` (`aws_redshift`): ``DescribeClusters``,
and ``DescribeKey`` once per key to tell a customer's key from the AWS-managed ``aws/redshift`` one;
``DescribeClusterParameters`` once per parameter group for ``require_ssl``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, DatabaseTransport, Unknown
from hitrust_policies.sources import aws_redshift
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers


@collector("redshift-clusters", service="redshift", kinds=(DatabaseInstance, DatabaseTransport),
           calls=("redshift:DescribeClusters", "kms:DescribeKey", "redshift:DescribeClusterParameters"))
def redshift_clusters(ctx: Ctx) -> Iterator[DatabaseInstance | DatabaseTransport]:
    keys = KeyManagers(ctx)
    groups: dict[str, Any] = {}

    def require_ssl(cluster: dict[str, Any]) -> Any:
        names = [g.get("ParameterGroupName", "") for g in cluster.get("ClusterParameterGroups") or ()]
        if not names:
            return Unknown("the cluster lists no parameter group")
        if names[0] not in groups:
            params = ctx.fact("redshift:DescribeClusterParameters", lambda: list(ctx.paginate(
                "redshift", "DescribeClusterParameters", "Parameters", ParameterGroupName=names[0])))
            groups[names[0]] = params if isinstance(params, Unknown) else aws_redshift.require_ssl(next(
                (p.get("ParameterValue") for p in params if p.get("ParameterName") == "require_ssl"), None))
        return groups[names[0]]
    for cluster in ctx.paginate("redshift", "DescribeClusters", "Clusters"):
        name = cluster["ClusterIdentifier"]
        encrypted = bool(cluster.get("Encrypted"))
        customer: Any = keys.key_is_customers(cluster.get("KmsKeyId"), ctx.region) if encrypted else False
        ref = ctx.ref(aws_redshift.NATIVE_TYPE, ctx.arn("redshift", f"cluster:{name}"), name)
        yield DatabaseInstance(
            ref=ref,
            engine=aws_redshift.ENGINE,
            storage_encrypted=encrypted,
            publicly_accessible=bool(cluster.get("PubliclyAccessible")),
            kms_key_customer_managed=customer,
            directory_auth=aws_redshift.DIRECTORY_AUTH,
        )
        yield DatabaseTransport(ref=ref, engine=aws_redshift.ENGINE, tls_required=require_ssl(cluster))
