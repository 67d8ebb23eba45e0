"""SQS queues (``aws:sqs/queue:Queue``).

``sqsManagedSseEnabled`` has no provider default (pulumi-aws v7 declares it optional and
computed, drift-checked only when set): left out, AWS itself applies SSE-SQS to a queue
it creates, as it has since October 2022, and the live scanner then reads
``SqsManagedSseEnabled: "true"``. So only an explicit ``false`` without a KMS key is an
unencrypted queue. A KMS key (``kmsMasterKeyId``) is SSE-KMS whatever the flag says.

Named like the live scanner: the queue name (``name``) when known, else the logical name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import MessageQueue, Unknown
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _encrypted(managed: Any, kms_key: Any) -> Any:
    """SSE-SQS or SSE-KMS; an unknown key decides only when SSE-SQS is known to be off."""
    if kms_key is None or managed is True:
        return managed
    if isinstance(kms_key, Unknown):
        return kms_key if managed is False else managed
    return True


@pulumi_adapter("aws:sqs/queue:Queue", produces=MessageQueue)
def queue(res: PulumiResource, stack: Stack) -> Iterator[MessageQueue]:
    kms_key = optional(res.props.get("kmsMasterKeyId"))
    managed = to_bool(res.props.get("sqsManagedSseEnabled"), True)
    yield MessageQueue(
        ref=res.ref(name=res.props.name_candidate("name") or res.logical_name),
        encrypted=_encrypted(managed, kms_key),
        kms_key=kms_key,
    )
