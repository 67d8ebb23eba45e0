"""Secrets that never change."""

from hitrust_policies.model import ManagedSecret
from hitrust_policies.rules.registry import rule


@rule(
    "iam-secret-rotation-enabled",
    title="Stored secrets rotate automatically",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Turn on rotation for the secret (aws secretsmanager rotate-secret --secret-id <secret> "
        "--rotation-lambda-arn <function> --rotation-rules AutomaticallyAfterDays=30, or managed rotation for "
        "RDS / Redshift credentials; pulumi-aws secretsmanager.SecretRotation).",
    },
)
def iam_secret_rotation_enabled(secret: ManagedSecret):
    """A password or key that never changes stays valid in every copy that leaked (logs, laptops, former
    staff); rotation bounds how long a stolen credential opens PHI systems.

    Follows AWS Config secretsmanager-rotation-enabled-check (Security Hub SecretsManager.1) and Prowler
    secretsmanager_automatic_rotation_enabled: a secret without rotation configured fails.
    """
    if not secret.rotation_enabled:
        return "secret has no automatic rotation"
