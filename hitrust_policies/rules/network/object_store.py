"""Public exposure of object stores."""

from hitrust_policies.model import AccountStorageSettings, ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "net-object-store-public-access-blocked",
    title="Object stores block public access",
    domain="network",
    severity="high",
    remediation={
        "aws": "Turn on all four Block Public Access settings on the bucket, or account-wide (S3 applies either).",
        "azure": "Disallow anonymous blob access on the storage account (az storage account update "
        "--allow-blob-public-access false).",
        "gcp": "Enforce public access prevention on the bucket (gcloud storage buckets update "
        "--public-access-prevention) and remove allUsers / allAuthenticatedUsers bindings.",
    },
)
def net_object_store_public_access_blocked(store: ObjectStore):
    """One public ACL or policy on a PHI bucket is a reportable breach.

    Judges the guards in effect: each is on if the store *or* the account turns it on, as
    S3 enforces them and as CIS AWS Foundations 2.1.4 (v3.0) and Prowler's
    ``s3_bucket_level_public_access_block`` accept; stricter than Prowler, all four guards
    must hold, as in AWS Config ``s3-bucket-level-public-access-prohibited``. A level the
    source could not see counts only if the other level alone blocks every guard.
    """
    if store.public_access_open:
        return f"public access guards off on the store and account-wide: {', '.join(store.public_access_open)}"


@rule(
    "net-account-storage-public-access-blocked",
    title="Account-wide object store public access is blocked",
    domain="network",
    severity="high",
    remediation="Turn on all four S3 Block Public Access settings at the account level.",
    live_only=True,
)
def net_account_storage_public_access_blocked(settings: AccountStorageSettings):
    """The account switch protects buckets created later, by anyone, by any tool.

    Follows AWS Config ``s3-account-level-public-access-blocks-periodic`` (all four settings
    on by default) and Prowler ``s3_account_level_public_access_blocks``.
    """
    if settings.public_access_open:
        return f"account-level public access guards off: {', '.join(settings.public_access_open)}"
