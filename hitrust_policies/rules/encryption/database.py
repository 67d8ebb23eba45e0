"""Encryption at rest for managed databases."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "enc-database-storage-encrypted",
    title="Database storage is encrypted at rest",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Restore an encrypted copy from a snapshot (storage encryption cannot be enabled in place).",
        "azure": "Turn on transparent data encryption for the database (az sql db tde set --status Enabled).",
        "gcp": "Cloud SQL storage is always encrypted; restore into an instance with a CMEK key "
        "(--disk-encryption-key) where a customer-managed key is required.",
    },
)
def enc_database_storage_encrypted(db: DatabaseInstance):
    """Databases are where most PHI lives; their storage, backups and replicas must be encrypted."""
    if not db.storage_encrypted:
        return "database storage is not encrypted"
