"""Who a database engine lets in, and across which databases, by its own server settings."""

from hitrust_policies.model import SqlServerSettings
from hitrust_policies.rules.registry import rule

_PATCH = ("(gcloud sql instances patch INSTANCE --database-flags=\"{flag}=off,...\" - the list REPLACES every flag "
          "the instance has, so repeat the ones to keep; pulumi-gcp: settings.databaseFlags).")


@rule(
    "iam-database-contained-auth-off",
    title="SQL Server databases cannot hold their own logins (contained database authentication off)",
    domain="iam",
    severity="medium",
    remediation={
        "gcp": "Set the contained database authentication database flag to off, or remove it "
        + _PATCH.format(flag="contained database authentication"),
    },
)
def iam_database_contained_auth_off(mssql: SqlServerSettings):
    """A contained database's users log in without a server login: they escape the server's login policy,
    auditing of logins and directory authentication, and a database owner can create them at will.

    Follows CIS Google Cloud Platform Foundation v3.0 6.3.7 (contained database authentication off) and
    Prowler ``cloudsql_instance_sqlserver_contained_database_authentication_flag``. Left unset the
    option is SQL Server's default, off, so PASS.
    """
    if mssql.contained_database_authentication:
        return "SQL Server lets databases authenticate their own users: contained database authentication on"


@rule(
    "iam-database-cross-db-ownership-chaining-off",
    title="SQL Server ownership chains stop at each database (cross db ownership chaining off)",
    domain="iam",
    severity="medium",
    remediation={
        "gcp": "Set the cross db ownership chaining database flag to off, or remove it "
        + _PATCH.format(flag="cross db ownership chaining"),
    },
)
def iam_database_cross_db_ownership_chaining_off(mssql: SqlServerSettings):
    """With server-wide chaining, a user allowed a procedure in one database reaches objects of another
    database with the same owner without any permission there: access to PHI leaks across databases.

    Follows CIS Google Cloud Platform Foundation v3.0 6.3.2, Prowler
    ``cloudsql_instance_sqlserver_cross_db_ownership_chaining_flag`` and the CIS Microsoft SQL Server
    benchmarks' "cross db ownership chaining" server option at 0. Left unset the option is SQL Server's
    default, off, so PASS (tfsec and KICS fail an unset flag: a false FAIL on the engine default).
    """
    if mssql.cross_db_ownership_chaining:
        return "SQL Server chains object ownership across databases: cross db ownership chaining on"
