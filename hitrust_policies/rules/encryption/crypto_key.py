"""Key management."""

from hitrust_policies.model import CryptoKey
from hitrust_policies.rules.registry import rule


@rule(
    "enc-crypto-key-rotation",
    title="Customer-managed keys rotate automatically where the key service supports it",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Enable automatic key rotation on the key (kms:EnableKeyRotation).",
        "azure": "Give the Key Vault key a rotation policy with a Rotate action (az keyvault key rotation-policy "
        "update).",
        "gcp": "Set a rotation period of 365 days or less on the Cloud KMS key (gcloud kms keys update "
        "--rotation-period --next-rotation-time).",
    },
)
def enc_crypto_key_rotation(key: CryptoKey):
    """Rotation limits how much data one compromised key version exposes.

    Follows AWS Config ``cmk-backing-key-rotation-enabled`` and CIS AWS Foundations 3.6 (v3.0):
    enabled customer-managed keys that can rotate automatically must. Keys that cannot
    (asymmetric, HMAC, imported material, custom key stores) pass with nothing to check
    rather than fail forever or stay unknown; Prowler's ``kms_cmk_rotation_enabled`` fails
    imported symmetric keys, which no setting can fix. Disabled keys are not judged.
    """
    if key.customer_managed and key.rotation_supported and key.enabled and not key.rotation_enabled:
        return "automatic rotation is disabled"


@rule(
    "enc-crypto-key-not-pending-deletion",
    title="Customer-managed keys are not scheduled for deletion",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "If the deletion is not intended, cancel it before the waiting period ends (aws kms "
        "cancel-key-deletion --key-id <key>, then aws kms enable-key); otherwise first re-encrypt every resource "
        "and backup the key protects under another key.",
        "azure": "Key Vault keys are soft-deleted, not scheduled: recover a deleted key (az keyvault key recover) "
        "before its retention period ends.",
        "gcp": "Cloud KMS keys are never deleted; restore a key version scheduled for destruction (gcloud kms keys "
        "versions restore) before its destruction time.",
    },
)
def enc_crypto_key_not_pending_deletion(key: CryptoKey):
    """A deleted key cannot be recovered: every database, volume, backup and log encrypted under it becomes
    unreadable for good, which is loss of availability and integrity of PHI, and attackers with key admin
    rights schedule deletions as ransom.

    Follows Security Hub KMS.3 (AWS KMS keys should not be deleted unintentionally) and Prowler
    kms_cmk_not_deleted_unintentionally: a key in ``PendingDeletion`` fails. Key services without scheduled
    key deletion (``pending_deletion`` None: Cloud KMS, Key Vault) pass with nothing to check.
    """
    if key.pending_deletion:
        return "key is scheduled for deletion: data it encrypts becomes unrecoverable when the waiting period ends"
