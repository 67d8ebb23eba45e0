"""Whose key protects stored secrets."""

from hitrust_policies.model import ManagedSecret
from hitrust_policies.rules.registry import rule


@rule(
    "enc-secret-kms",
    title="Stored secrets are encrypted with a customer-managed key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Encrypt the secret with a customer-managed KMS key (aws secretsmanager update-secret --secret-id "
        "<secret> --kms-key-id <key you manage>; pulumi-aws secretsmanager.Secret kms_key_id), then grant only "
        "the secret's readers kms:Decrypt on it.",
    },
)
def enc_secret_kms(secret: ManagedSecret):
    """With the service's default key, anyone the account lets call the secret service can read the secret;
    a customer key adds a second, separately audited grant and can be disabled to cut access at once.

    Follows AWS Config secretsmanager-using-cmk: a secret encrypted with the AWS-managed
    ``aws/secretsmanager`` key (no ``KmsKeyId``) fails.
    """
    if not secret.kms_key_customer_managed:
        return "secret is encrypted with the service's default key, not a customer-managed key"
