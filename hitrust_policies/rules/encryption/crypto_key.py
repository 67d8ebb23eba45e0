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
