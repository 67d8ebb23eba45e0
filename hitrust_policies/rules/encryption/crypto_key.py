"""Key management."""

from hitrust_policies.model import CryptoKey
from hitrust_policies.rules.registry import rule


@rule(
    "enc-crypto-key-rotation",
    title="Customer-managed symmetric keys rotate automatically",
    domain="encryption",
    severity="medium",
    remediation="Enable automatic key rotation on the key (kms:EnableKeyRotation).",
)
def enc_crypto_key_rotation(key: CryptoKey):
    """Rotation limits how much data one compromised key version exposes."""
    if key.customer_managed and key.symmetric and key.enabled and not key.rotation_enabled:
        return "automatic rotation is disabled"
