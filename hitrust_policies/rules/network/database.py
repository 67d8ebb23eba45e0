"""Database exposure."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-database-not-public",
    title="Databases are not publicly accessible",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Set PubliclyAccessible to false (aws rds modify-db-instance / aws redshift modify-cluster "
        "--no-publicly-accessible) and reach the database from inside the VPC.",
        "azure": "Turn off public network access on the server (az sql server update --enable-public-network "
        "false) and reach it through a private endpoint.",
        "gcp": "Remove the instance's public IP (gcloud sql instances patch --no-assign-ip) and connect over "
        "private IP or the Cloud SQL Auth Proxy.",
    },
)
def net_database_not_public(db: DatabaseInstance):
    """A public endpoint puts a PHI database one leaked password from the internet.

    Follows AWS Config rds-instance-public-access-check / redshift-cluster-public-access-check and Prowler
    rds_instance_no_public_access / redshift_cluster_public_access (PubliclyAccessible). OpenSearch domains
    outside a VPC whose access policy admits any principal without a narrowing condition: Prowler
    opensearch_service_domains_not_publicly_accessible (AWS Config opensearch-in-vpc-only fails every domain
    outside a VPC, a policy-limited one included: stricter than "public").
    ElastiCache nodes have no public endpoint. A database with no endpoint of its own (``publicly_accessible``
    None: DynamoDB) has nothing to expose and passes.
    """
    if db.publicly_accessible:
        return "database has a public endpoint"
