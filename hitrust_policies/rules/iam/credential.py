"""Long-lived credentials."""

from hitrust_policies.model import Credential
from hitrust_policies.rules.registry import rule

MAX_AGE_DAYS = 90


@rule(
    "iam-credential-rotated",
    title=f"Active access keys are rotated within {MAX_AGE_DAYS} days",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Create a new key, move workloads to it, then deactivate and delete the old key.",
        "gcp": "Create a new service-account key (gcloud iam service-accounts keys create), move workloads to "
               "it, then disable and delete the old one (gcloud iam service-accounts keys disable / delete); "
               "better, replace keys with workload identity federation or attached service accounts.",
    },
    live_only=True,
)
def iam_credential_rotated(key: Credential):
    """Old keys are likelier to have leaked into laptops, logs and repositories.

    Follows CIS AWS Foundations 1.14 (access keys rotated every 90 days; Prowler
    ``iam_rotate_access_key_90_days``) and CIS Google Cloud Platform Foundation 1.7 (user-managed
    service-account keys rotated within 90 days; Prowler ``iam_sa_user_managed_key_rotate_90_days``):
    Google-managed service-account keys are rotated by Google and are no active credential here.
    """
    if key.active and key.age_days > MAX_AGE_DAYS:
        return f"active key is {key.age_days} days old (max {MAX_AGE_DAYS})"
