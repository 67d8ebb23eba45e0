"""Kinesis data streams (``aws:kinesis/stream:Stream``) as `MessageQueue`s (`aws_kinesis`): ``encryptionType``
``KMS`` with ``kmsKeyId``; unset is the provider's default, ``NONE``. Named like the live scanner: the stream
name (``name``) when known, else the logical name."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import MessageQueue
from hitrust_policies.sources import aws_kinesis
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:kinesis/stream:Stream", produces=MessageQueue)
def stream(res: PulumiResource, stack: Stack) -> Iterator[MessageQueue]:
    encrypted, key = aws_kinesis.encryption(res.props.get("encryptionType"), res.props.get("kmsKeyId"))
    yield MessageQueue(ref=res.ref(name=res.props.name_candidate("name") or res.logical_name), encrypted=encrypted,
                       kms_key=key)
