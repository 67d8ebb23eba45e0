"""Where an SQS queue becomes a model value.

Queues created since October 2022 get SSE-SQS unless it is turned off, and report
``SqsManagedSseEnabled: "true"``; older queues, or queues with it turned off, report
``"false"`` or nothing. A KMS key (``KmsMasterKeyId``) is SSE-KMS. The collector reads
what the queue reports and assumes no default of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import MessageQueue, ResourcePolicy, Unknown
from hitrust_policies.sources.aws_iam_policy import public_grants
from hitrust_policies.sources.live.aws.collector import Ctx, collector

ATTRIBUTES = ["SqsManagedSseEnabled", "KmsMasterKeyId", "Policy"]  # Policy: absent when the queue has none
GONE = ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist")  # deleted since the listing


def _encryption(attributes: Any) -> tuple[Any, Any]:
    """(encrypted, kms_key) from GetQueueAttributes' ``Attributes``, or both Unknown."""
    if isinstance(attributes, Unknown):
        return attributes, attributes
    kms_key = attributes.get("KmsMasterKeyId") or None
    managed = str(attributes.get("SqsManagedSseEnabled", "false")).lower() == "true"
    return managed or kms_key is not None, kms_key


@collector("sqs-queues", service="sqs", kinds=(MessageQueue, ResourcePolicy),
           calls=("sqs:ListQueues", "sqs:GetQueueAttributes"))
def sqs_queues(ctx: Ctx) -> Iterator[MessageQueue | ResourcePolicy]:
    """Each queue's encryption and, from the same GetQueueAttributes call, who its access policy lets in."""
    sqs = ctx.client("sqs")
    # ListQueues pages (NextToken) only when MaxResults is set; without it, 1000 queues and no more.
    def one(url: str) -> list[MessageQueue | ResourcePolicy]:
        account, name = url.rstrip("/").split("/")[-2:]
        attributes = ctx.fact(
            "sqs:GetQueueAttributes",
            lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=ATTRIBUTES).get("Attributes", {}),
            absent=dict.fromkeys(GONE),
        )
        if attributes is None:
            return []
        encrypted, kms_key = _encryption(attributes)
        arn = ctx.arn("sqs", name, account=account)
        ref = ctx.ref("AWS::SQS::Queue", arn, name)
        public = attributes if isinstance(attributes, Unknown) else public_grants(attributes.get("Policy"))
        return [MessageQueue(ref=ref, encrypted=encrypted, kms_key=kms_key),
                ResourcePolicy(ref=ref, resource_type="queue", public_principals=public)]

    # ListQueues pages (NextToken) only when MaxResults is set; without it, 1000 queues and no more.
    urls = ctx.paginate("sqs", "ListQueues", "QueueUrls", PaginationConfig={"PageSize": 1000})
    for values in ctx.fan_out(one, urls):
        yield from values
