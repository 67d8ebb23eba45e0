"""Database exposure."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-database-not-public",
    title="Databases are not publicly accessible",
    domain="network",
    severity="critical",
    remediation="Set PubliclyAccessible to false and reach the database from inside the VPC.",
)
def net_database_not_public(db: DatabaseInstance):
    """A public endpoint puts a PHI database one leaked password from the internet."""
    if db.publicly_accessible:
        return "database has a public endpoint"
