"""Where an RDS instance becomes a model value.

Whose key encrypts it is ``DescribeKey``'s ``KeyManager`` of its ``KmsKeyId`` (once per key);
directory authentication is IAM database authentication or a directory domain membership
(`aws_rds`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, Unknown
from hitrust_policies.sources import aws_kms, aws_rds
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("rds-instances", service="rds", kinds=(DatabaseInstance,),
           calls=("rds:DescribeDBInstances", "kms:DescribeKey"))
def rds_instances(ctx: Ctx) -> Iterator[DatabaseInstance]:
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
        yield DatabaseInstance(
            ref=ctx.ref("AWS::RDS::DBInstance", db.get("DBInstanceArn") or ctx.arn("rds", f"db:{name}"), name),
            engine=db.get("Engine", ""),
            storage_encrypted=bool(db.get("StorageEncrypted")),
            publicly_accessible=bool(db.get("PubliclyAccessible")),
            kms_key_customer_managed=customer_managed(db),
            directory_auth=aws_rds.directory_auth(db.get("Engine", ""),
                                                  bool(db.get("IAMDatabaseAuthenticationEnabled")),
                                                  bool(db.get("DomainMemberships"))),
        )
