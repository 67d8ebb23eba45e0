"""Encryption at rest for message queues and topics."""

from hitrust_policies.model import MessageQueue
from hitrust_policies.rules.registry import rule


@rule(
    "enc-message-queue-encrypted",
    title="Message queues and topics encrypt messages at rest",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Turn on server-side encryption: SSE-SQS or a KMS key for SQS queues "
        "(sqs:SetQueueAttributes), a KMS key for SNS topics (KmsMasterKeyId, e.g. alias/aws/sns), KMS for "
        "Kinesis streams (aws kinesis start-stream-encryption --encryption-type KMS --key-id alias/aws/kinesis).",
        "azure": "Service Bus and Event Hubs always encrypt at rest; to hold the key yourself, give a Premium / "
        "Dedicated namespace a Key Vault key (az servicebus namespace encryption add / az eventhubs namespace "
        "encryption add --encryption-config key-name=... key-vault-uri=...).",
    },
)
def enc_message_queue_encrypted(queue: MessageQueue):
    """Queues and topics buffer PHI between systems (orders, results, claims) and keep it for days.

    On Azure, Service Bus and Event Hubs namespaces encrypt every message at rest with a Microsoft-managed
    key or the namespace's Key Vault key, with no setting to turn it off: they always pass (the customer
    key is recorded as ``kms_key``; Azure Policy "Service Bus Premium namespaces should use a customer-managed
    key for encryption" 295fc8b1-dc9f-4f53-9c61-3f313ceab40a judges that, a different question). Kinesis data
    streams follow AWS Config kinesis-stream-encrypted and Prowler kinesis_stream_encrypted_at_rest (any KMS
    key passes).
    """
    if not queue.encrypted:
        return "messages are not encrypted at rest"
