"""Encryption at rest and in transit for object stores."""

from hitrust_policies.model import KMS, NO_ENCRYPTION, ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "enc-object-store-default-encryption",
    title="Object stores encrypt new objects by default",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Set default server-side encryption on the bucket (SSE-S3 at minimum, SSE-KMS preferred).",
        "azure": "Storage service encryption cannot be turned off; check the account's encryption settings "
        "(encryption.services) if it is reported off.",
        "gcp": "Cloud Storage encrypts every object; set a default Cloud KMS key on the bucket (gcloud storage "
        "buckets update --default-encryption-key) where one is required.",
    },
)
def enc_object_store_default_encryption(store: ObjectStore):
    """PHI written without an explicit encryption header must still land encrypted."""
    if store.encryption == NO_ENCRYPTION:
        return "no default encryption: objects uploaded without headers are stored unencrypted"


@rule(
    "enc-object-store-kms",
    title="Object stores encrypt by default with a customer-managed KMS key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Set the bucket's default encryption to SSE-KMS (or DSSE-KMS) with a customer-managed key.",
        "azure": "Encrypt the storage account with a customer-managed key in Key Vault (az storage account update "
        "--encryption-key-source Microsoft.Keyvault --encryption-key-vault ... --encryption-key-name "
        "...).",
        "gcp": "Set a customer-managed default encryption key on the bucket (gcloud storage buckets update "
        "--default-encryption-key=projects/.../cryptoKeys/...).",
    },
)
def enc_object_store_kms(store: ObjectStore):
    """Provider-managed keys cannot be access-controlled or audited separately from the data.

    That holds for the cloud's default KMS key too (AWS ``aws/s3``: its key policy cannot be
    edited), so the key must be customer-managed, as Trivy ``AWS-0132`` requires; Prowler's
    ``s3_bucket_kms_encryption`` and AWS Config ``s3-default-encryption-kms`` accept any KMS
    key. SSE-KMS and dual-layer DSSE-KMS both count.
    """
    if store.encryption != KMS:
        return f"default encryption is {store.encryption}, not a KMS key"
    if not store.kms_key_customer_managed:
        return "default encryption uses a provider-managed KMS key, not a customer-managed one"


@rule(
    "enc-object-store-tls-only",
    title="Object stores refuse requests not sent over TLS",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": 'Add a bucket policy statement (e.g. Sid "DenyInsecureTransport") that denies "s3:*" to every '
        'principal on the bucket and its objects when "aws:SecureTransport" is "false".',
        "azure": "Require secure transfer on the storage account (az storage account update --https-only true).",
        "gcp": "Cloud Storage answers plain HTTP and no bucket setting refuses it: keep clients on https:// "
        "endpoints (the client libraries and gcloud use them by default), hand out only HTTPS signed URLs, serve "
        "public content through an HTTPS-only load balancer, and record the accepted risk as an exclusion.",
    },
)
def enc_object_store_tls_only(store: ObjectStore):
    """PHI must be encrypted in transit; object stores still answer plain HTTP unless a policy refuses it."""
    if not store.tls_only:
        return "requests without TLS are not refused by the store's policy"
