"""Public exposure of object stores."""

from hitrust_policies.model import AccountStorageSettings, ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "net-object-store-public-access-blocked",
    title="Object stores block public access",
    domain="network",
    severity="high",
    remediation="Turn on all four Block Public Access settings on the bucket.",
)
def net_object_store_public_access_blocked(store: ObjectStore):
    """One public ACL or policy on a PHI bucket is a reportable breach."""
    if not store.public_access_blocked:
        return "public access is not fully blocked"


@rule(
    "net-account-storage-public-access-blocked",
    title="Account-wide object store public access is blocked",
    domain="network",
    severity="high",
    remediation="Turn on all four S3 Block Public Access settings at the account level.",
    live_only=True,
)
def net_account_storage_public_access_blocked(settings: AccountStorageSettings):
    """The account switch protects buckets created later, by anyone, by any tool."""
    if not settings.public_access_blocked:
        return "account-level public access block is off or incomplete"
