"""DynamoDB tables (``aws:dynamodb/table:Table``) as databases (`aws_dynamodb`): always encrypted at rest;
``serverSideEncryption.enabled`` with a ``kmsKeyArn`` is a KMS key (the customer's when the stack creates it
or an alias other than ``aws/*`` names it); enabled without a key is ``aws/dynamodb``, AWS-managed; not
enabled is an AWS owned key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, DatabaseInstance, Unknown
from hitrust_policies.sources import aws_dynamodb
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _customer_key(res: PulumiResource, stack: Stack) -> Any:
    sse = res.props.get("serverSideEncryption")
    if isinstance(sse, Unknown):
        return sse
    sse = sse or {}
    enabled = to_bool(sse.get("enabled"), False)
    if enabled is not True:
        return enabled  # False: an AWS owned key; or Unknown
    deps = res.property_dependencies.get("serverSideEncryption", ())
    return key_customer_managed(KMS, sse.get("kmsKeyArn"), deps, stack)


@pulumi_adapter("aws:dynamodb/table:Table", produces=DatabaseInstance, joins=True)
def table(res: PulumiResource, stack: Stack) -> Iterator[DatabaseInstance]:
    yield DatabaseInstance(ref=res.ref("name"), engine=aws_dynamodb.ENGINE, storage_encrypted=True,
                           publicly_accessible=None, kms_key_customer_managed=_customer_key(res, stack),
                           directory_auth=True)
