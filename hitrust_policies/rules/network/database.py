"""Database exposure."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-database-not-public",
    title="Databases are not publicly accessible",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Set PubliclyAccessible to false and reach the database from inside the VPC.",
        "azure": "Turn off public network access on the server (az sql server update --enable-public-network "
        "false) and reach it through a private endpoint.",
        "gcp": "Remove the instance's public IP (gcloud sql instances patch --no-assign-ip) and connect over "
        "private IP or the Cloud SQL Auth Proxy.",
    },
)
def net_database_not_public(db: DatabaseInstance):
    """A public endpoint puts a PHI database one leaked password from the internet."""
    if db.publicly_accessible:
        return "database has a public endpoint"
