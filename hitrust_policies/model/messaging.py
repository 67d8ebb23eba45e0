"""Messages at rest: queues and topics that buffer PHI between systems."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class MessageQueue:
    """A message queue or pub/sub topic (SQS queue, SNS topic, Service Bus, Pub/Sub)."""

    ref: ResourceRef
    encrypted: bool | Unknown  # messages are encrypted at rest (provider-owned or KMS key)
    kms_key: str | None | Unknown  # the KMS key, when one is used
