"""Encryption at rest for message queues and topics."""

from hitrust_policies.model import MessageQueue
from hitrust_policies.rules.registry import rule


@rule(
    "enc-message-queue-encrypted",
    title="Message queues and topics encrypt messages at rest",
    domain="encryption",
    severity="medium",
    remediation="Turn on server-side encryption: SSE-SQS or a KMS key for SQS queues "
    "(sqs:SetQueueAttributes), a KMS key for SNS topics (KmsMasterKeyId, e.g. alias/aws/sns).",
)
def enc_message_queue_encrypted(queue: MessageQueue):
    """Queues and topics buffer PHI between systems (orders, results, claims) and keep it for days."""
    if not queue.encrypted:
        return "messages are not encrypted at rest"
