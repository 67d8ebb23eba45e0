"""Encryption at rest for object stores."""

from hitrust_policies.model import KMS, NO_ENCRYPTION, ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "enc-object-store-default-encryption",
    title="Object stores encrypt new objects by default",
    domain="encryption",
    severity="high",
    remediation="Set default server-side encryption on the bucket (SSE-S3 at minimum, SSE-KMS preferred).",
)
def enc_object_store_default_encryption(store: ObjectStore):
    """PHI written without an explicit encryption header must still land encrypted."""
    if store.encryption == NO_ENCRYPTION:
        return "no default encryption: objects uploaded without headers are stored unencrypted"


@rule(
    "enc-object-store-kms",
    title="Object stores encrypt by default with a KMS key",
    domain="encryption",
    severity="medium",
    remediation="Set the bucket's default encryption to SSE-KMS with a customer-managed key.",
)
def enc_object_store_kms(store: ObjectStore):
    """Provider-managed keys cannot be access-controlled or audited separately from the data."""
    if store.encryption != KMS:
        return f"default encryption is {store.encryption}, not a KMS key"
