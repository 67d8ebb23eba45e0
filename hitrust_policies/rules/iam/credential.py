"""Long-lived credentials."""

from hitrust_policies.model import Credential
from hitrust_policies.rules.registry import rule

MAX_AGE_DAYS = 90


@rule(
    "iam-credential-rotated",
    title=f"Active access keys are rotated within {MAX_AGE_DAYS} days",
    domain="iam",
    severity="medium",
    remediation="Create a new key, move workloads to it, then deactivate and delete the old key.",
    live_only=True,
)
def iam_credential_rotated(key: Credential):
    """Old keys are likelier to have leaked into laptops, logs and repositories."""
    if key.active and key.age_days > MAX_AGE_DAYS:
        return f"active key is {key.age_days} days old (max {MAX_AGE_DAYS})"
