"""Where an ElastiCache replication group becomes a `DatabaseInstance` and its replication traffic a `NodeTransport`
(`aws_search_cache`):
``DescribeReplicationGroups``, and ``DescribeKey`` once per key named."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import DatabaseInstance, DatabaseTransport, NodeTransport
from hitrust_policies.sources import aws_search_cache as cache
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers


@collector("elasticache-replication-groups", service="elasticache",
           kinds=(DatabaseInstance, NodeTransport, DatabaseTransport),
           calls=("elasticache:DescribeReplicationGroups", "kms:DescribeKey"))
def replication_groups(ctx: Ctx) -> Iterator[DatabaseInstance | NodeTransport | DatabaseTransport]:
    keys = KeyManagers(ctx)
    for group in ctx.paginate("elasticache", "DescribeReplicationGroups", "ReplicationGroups"):
        name = group["ReplicationGroupId"]
        encrypted = bool(group.get("AtRestEncryptionEnabled"))
        key = group.get("KmsKeyId")
        transit = bool(group.get("TransitEncryptionEnabled"))
        ref = ctx.ref(cache.ELASTICACHE_TYPE, group.get("ARN") or ctx.arn("elasticache", f"replicationgroup:{name}"),
                      name)
        engine = cache.cache_engine(group.get("Engine"))
        yield DatabaseInstance(
            ref=ref,
            engine=engine,
            storage_encrypted=encrypted,
            publicly_accessible=False,
            kms_key_customer_managed=keys.key_is_customers(key, ctx.region) if encrypted and key else False,
            directory_auth=None,
        )
        yield DatabaseTransport(ref=ref, engine=engine,
                                tls_required=cache.cache_tls_required(transit, group.get("TransitEncryptionMode")))
        yield NodeTransport(ref=ref, engine=engine, encrypted=transit)
