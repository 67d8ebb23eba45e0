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
        "azure": "Regenerate the storage account's access keys one at a time, moving clients to the other key "
                 "first (az storage account keys renew --account-name <account> --key key1, then key2); "
                 "better, move clients to Microsoft Entra ID and turn shared keys off "
                 "(az storage account update --allow-shared-key-access false).",
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
    On Azure, a storage account's key1 / key2 (age from ``keyCreationTime``; null on accounts older than
    that property: UNKNOWN): CIS Microsoft Azure Foundations 3.4 (access keys periodically regenerated,
    90 days), Prowler ``storage_key_rotation_90_days``. A key of an account that refuses shared keys
    (``allowSharedKeyAccess`` false) opens nothing and is not active.
    """
    if key.active and key.age_days > MAX_AGE_DAYS:
        return f"active key is {key.age_days} days old (max {MAX_AGE_DAYS})"
