"""Long-lived credentials."""

from hitrust_policies.model import Credential
from hitrust_policies.rules.days import days_option
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


UNUSED_DAYS = 45


@rule(
    "iam-credential-unused",
    title="Active access keys unused for 45 days or more are deactivated",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Deactivate the key (aws iam update-access-key --status Inactive --user-name <user> "
               "--access-key-id <key>), then delete it once nothing breaks; the credential report's "
               "access_key_N_last_used_date shows when each key last signed a request.",
        "azure": "Regenerate a storage account key nobody uses (az storage account keys renew), or turn shared "
                 "keys off (az storage account update --allow-shared-key-access false).",
        "gcp": "Disable the unused service-account key (gcloud iam service-accounts keys disable), then delete "
               "it; Policy Analyzer's key authentication activity shows when each key was last used.",
    },
    live_only=True,
    options=(days_option(UNUSED_DAYS, "Days an active access key may go unused (counted from its creation if "
                                      "it was never used) before it FAILs; CIS AWS Foundations v3 uses 45."),),
)
def iam_credential_unused(key: Credential, *, days: int):
    """A key nobody uses is a standing secret nobody would miss: it only serves whoever copied it.

    Follows CIS AWS Foundations v3 1.12 (credentials unused for 45 days or more are disabled), Prowler
    ``iam_user_accesskey_unused`` (45 days), Security Hub IAM.22 and AWS Config
    ``iam-user-unused-credentials-check`` (``maxCredentialUsageAge``; 90 in the HIPAA conformance pack, the
    looser of the two): the strictest, 45, is the default. A key never used counts from its creation, as
    AWS Config does, where Prowler counts only keys used once. Sources without a last-use record for a
    key (Azure storage keys, Google service-account keys here) leave ``unused_days`` None: not judged.
    """
    if key.active and key.unused_days is not None and key.unused_days >= days:
        return f"active key unused for {key.unused_days} days (max {days - 1})"
