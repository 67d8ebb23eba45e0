"""Encryption at rest for managed databases."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "enc-database-storage-encrypted",
    title="Database storage is encrypted at rest",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Restore an encrypted copy from a snapshot (RDS storage encryption cannot be enabled in place); "
        "encrypt a Redshift cluster in place (aws redshift modify-cluster --encrypted).",
        "azure": "Turn on transparent data encryption for the database (az sql db tde set --status Enabled).",
        "gcp": "Cloud SQL storage is always encrypted; restore into an instance with a CMEK key "
        "(--disk-encryption-key) where a customer-managed key is required.",
    },
)
def enc_database_storage_encrypted(db: DatabaseInstance):
    """Databases are where most PHI lives; their storage, backups and replicas must be encrypted.

    Follows AWS Config rds-storage-encrypted and Prowler rds_instance_storage_encrypted; for Redshift AWS
    Config redshift-cluster-configuration-check (clusterDbEncrypted) and Prowler
    redshift_cluster_encrypted_at_rest.
    """
    if not db.storage_encrypted:
        return "database storage is not encrypted"


@rule(
    "enc-database-storage-kms",
    title="Database storage is encrypted with a customer-managed key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Restore a snapshot copied with a customer-managed KMS key (aws rds copy-db-snapshot --kms-key-id "
        "<key ARN>); the key of an existing instance cannot be changed in place. Redshift: aws redshift "
        "modify-cluster --encrypted --kms-key-id <key ARN>.",
        "azure": "Make a Key Vault key the TDE protector (az sql server tde-key set --server-key-type "
        "AzureKeyVault --kid <key id>); flexible servers take a data-encryption key when created or restored.",
        "gcp": "Restore into an instance created with a customer-managed key (gcloud sql instances create "
        "--disk-encryption-key=projects/.../cryptoKeys/...).",
    },
)
def enc_database_storage_kms(db: DatabaseInstance):
    """A key the customer holds can be access-controlled, audited and revoked apart from the data.

    Follows Azure Policy "SQL servers should use customer-managed keys to encrypt data at rest"
    (0a370ff3-6cab-4e85-8995-295fd854c5b8) and "PostgreSQL flexible servers should use customer-managed
    keys to encrypt data at rest" (12c74c95-0efd-48da-b8d9-2a7d68470c92), CIS Microsoft Azure
    Foundations 4.1.3, Prowler sqlserver_tde_encrypted_with_cmk; on AWS the customer-managed variant of
    rds_instance_storage_encrypted (the aws/rds key fails, as for enc-object-store-kms); on GCP CIS Google
    Cloud's CMEK guidance for Cloud SQL (diskEncryptionConfiguration.kmsKeyName). Redshift clusters: AWS
    Config redshift-cluster-kms-enabled and the KMS half of Prowler redshift_cluster_encrypted_at_rest.
    """
    if not db.storage_encrypted:
        return "database storage is not encrypted"
    if not db.kms_key_customer_managed:
        return "database storage is encrypted with a provider-managed key, not a customer-managed one"
