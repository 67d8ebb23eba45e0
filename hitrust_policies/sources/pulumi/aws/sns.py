"""SNS topics (``aws:sns/topic:Topic``): encrypted only with a KMS key (``kmsMasterKeyId``).

SNS applies no encryption by default. Named like the live scanner: the topic name
(``name``) when known, else the logical name.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import MessageQueue, Unknown
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:sns/topic:Topic", produces=MessageQueue)
def topic(res: PulumiResource, stack: Stack) -> Iterator[MessageQueue]:
    kms_key = optional(res.props.get("kmsMasterKeyId"))
    yield MessageQueue(
        ref=res.ref(name=res.props.name_candidate("name") or res.logical_name),
        encrypted=kms_key if isinstance(kms_key, Unknown) else kms_key is not None,
        kms_key=kms_key,
    )
