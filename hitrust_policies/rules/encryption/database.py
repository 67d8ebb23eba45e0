"""Encryption at rest for managed databases."""

from hitrust_policies.model import DatabaseInstance, DatabaseTransport, NodeTransport
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
    redshift_cluster_encrypted_at_rest; OpenSearch domains AWS Config opensearch-encrypted-at-rest / Security Hub
    Opensearch.1; ElastiCache replication groups AWS Config elasticache-repl-grp-encrypted-at-rest.
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


@rule(
    "enc-database-tls-required",
    title="Databases refuse unencrypted client connections",
    domain="encryption",
    severity="high",
    remediation={
        "aws": "Set rds.force_ssl=1 (PostgreSQL, SQL Server) or require_secure_transport=1 (MySQL, MariaDB) in a "
        "custom DB parameter group (the DB cluster parameter group for Aurora) and attach it (aws rds "
        "modify-db-parameter-group / modify-db-cluster-parameter-group); Redshift: require_ssl=true in the "
        "cluster's parameter group (aws redshift modify-cluster-parameter-group); reboot to apply. OpenSearch: aws "
        "opensearch update-domain-config --domain-endpoint-options EnforceHTTPS=true; ElastiCache: move transit "
        "encryption to required mode (aws elasticache modify-replication-group --transit-encryption-mode required).",
        "azure": "Turn require_secure_transport ON (az postgres|mysql flexible-server parameter set --name "
        "require_secure_transport --value ON); Azure SQL Database always encrypts connections.",
        "gcp": "Make the instance refuse plaintext (gcloud sql instances patch INSTANCE --ssl-mode=ENCRYPTED_ONLY, "
        "or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).",
    },
)
def enc_database_tls_required(db: DatabaseTransport):
    """A database that also takes plaintext logins lets one misconfigured client send credentials and PHI
    in the clear; only the server can make TLS the rule rather than the client's choice.

    Follows Prowler rds_instance_transport_encrypted (rds.force_ssl for SQL Server / PostgreSQL / Aurora
    PostgreSQL, require_secure_transport for MySQL / MariaDB / Aurora MySQL; an Aurora member's setting is
    its cluster parameter group's), AWS Config redshift-require-tls-ssl and Security Hub Redshift.2 (require_ssl); on
    Google Cloud CIS Google Cloud Platform Foundation 6.4 / Prowler cloudsql_instance_ssl_connections; on
    Azure Policy "Enforce SSL connection should be enabled for PostgreSQL flexible servers"
    (c29c38cb-74a7-4505-9a06-e588ab86620a), CIS Microsoft Azure Foundations 4.3.1 / 4.4.1. OpenSearch domains:
    EnforceHTTPS, AWS Config opensearch-https-required, Prowler
    opensearch_service_domains_https_communications_enforced; ElastiCache replication groups: transit encryption
    in ``required`` mode, AWS Config elasticache-repl-grp-encrypted-in-transit. Engines that have
    no server-side switch (``tls_required`` None: RDS Oracle, Db2, Custom) are not judged.
    """
    if db.tls_required is None:
        return None
    if not db.tls_required:
        return f"{db.engine} database accepts unencrypted client connections"



@rule(
    "enc-database-internode-encrypted",
    title="Traffic between a data store's nodes is encrypted",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Turn on node-to-node encryption (aws opensearch update-domain-config --node-to-node-encryption-"
        "options Enabled=true); ElastiCache: turn on in-transit encryption (aws elasticache modify-replication-"
        "group --transit-encryption-enabled, mode preferred then required).",
    },
)
def enc_database_internode_encrypted(nodes: NodeTransport):
    """Shards, replicas and query fan-out carry the same PHI as client connections; inside the VPC they are one
    compromised host away from being read in the clear.

    Follows AWS Config opensearch-node-to-node-encryption-check, Security Hub Opensearch.3 and Prowler
    opensearch_service_domains_node_to_node_encryption_enabled; for ElastiCache AWS Config
    elasticache-repl-grp-encrypted-in-transit and Prowler elasticache_redis_cluster_in_transit_encryption_enabled
    (in-transit encryption also covers replication between nodes).
    """
    if not nodes.encrypted:
        return f"{nodes.engine} nodes exchange data unencrypted"
