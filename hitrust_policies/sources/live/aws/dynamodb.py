"""Where a DynamoDB table becomes a `DatabaseInstance` (`aws_dynamodb`): ``ListTables``, then ``DescribeTable``
per table, a few at a time, for its server-side encryption; a KMS key it names is resolved to customer- or
AWS-managed with ``DescribeKey``, once per key (`kms_keys`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import DatabaseInstance, Unknown
from hitrust_policies.sources import aws_dynamodb
from hitrust_policies.sources.live.aws.collector import Ctx, collector
from hitrust_policies.sources.live.aws.kms_keys import KeyManagers


@collector("dynamodb-tables", service="dynamodb", kinds=(DatabaseInstance,),
           calls=("dynamodb:ListTables", "dynamodb:DescribeTable", "kms:DescribeKey"))
def dynamodb_tables(ctx: Ctx) -> Iterator[DatabaseInstance]:
    dynamodb = ctx.client("dynamodb")
    keys = KeyManagers(ctx)

    def one(name: str) -> DatabaseInstance | None:
        table = ctx.fact("dynamodb:DescribeTable", lambda: dynamodb.describe_table(TableName=name)["Table"],
                         absent={"ResourceNotFoundException": None})  # deleted since the listing
        if table is None:
            return None
        arn = (None if isinstance(table, Unknown) else table.get("TableArn")) or ctx.arn("dynamodb", f"table/{name}")
        customer: Any = table
        if not isinstance(table, Unknown):
            sse = table.get("SSEDescription") or {}
            kms = sse.get("SSEType") == "KMS" and sse.get("Status") in ("ENABLED", "ENABLING", "UPDATING")
            customer = keys.key_is_customers(sse.get("KMSMasterKeyArn"), ctx.region) if kms else False
        return DatabaseInstance(ref=ctx.ref(aws_dynamodb.NATIVE_TYPE, arn, name), engine=aws_dynamodb.ENGINE,
                                storage_encrypted=True, publicly_accessible=None,
                                kms_key_customer_managed=customer, directory_auth=True)

    names = list(ctx.paginate("dynamodb", "ListTables", "TableNames"))
    yield from (t for t in ctx.fan_out(one, names) if t is not None)
