"""Who can log in to a managed database: identities of the cloud's directory, not only local passwords."""

from hitrust_policies.model import DatabaseInstance
from hitrust_policies.rules.registry import rule


@rule(
    "iam-database-directory-auth",
    title="Databases accept logins from the cloud's identity directory",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Turn on IAM database authentication (aws rds modify-db-instance --enable-iam-database-"
        "authentication), or join SQL Server / Oracle / Db2 to a directory (--domain) for Kerberos.",
        "azure": "Set a Microsoft Entra admin (az sql server ad-admin create; az postgres flexible-server "
        "microsoft-entra-admin create, with --active-directory-auth Enabled; az mysql flexible-server ad-admin "
        "create).",
        "gcp": "Turn on the cloudsql_iam_authentication (MySQL) / cloudsql.iam_authentication (PostgreSQL) flag, "
        "or join a SQL Server instance to Managed Microsoft AD (--active-directory-domain).",
    },
)
def iam_database_directory_auth(db: DatabaseInstance):
    """Directory identities are disabled with the person, use MFA and central policy; local database
    passwords are shared, never rotated and outlive their holders.

    Follows Azure Policy "An Azure Active Directory administrator should be provisioned for SQL servers"
    (1f314764-cb73-4fc9-b863-8eca98ac36e9), CIS Microsoft Azure Foundations 4.1.4, Prowler
    sqlserver_azuread_administrator_enabled; AWS Config rds-instance-iam-authentication-enabled and
    Prowler rds_instance_iam_authentication_enabled (also passed by a Kerberos directory, as RDS offers
    for SQL Server / Oracle / Db2); Cloud SQL IAM database authentication flags. An engine to which the
    cloud offers no directory authentication (``directory_auth`` None) PASSes: there is nothing to turn on.
    A Redshift cluster always hands IAM identities temporary credentials (GetClusterCredentials): True.
    """
    if db.directory_auth is None:
        return None
    if not db.directory_auth:
        return f"{db.engine} database accepts only its own password logins: no directory authentication"
