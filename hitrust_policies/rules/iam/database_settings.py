"""Who a database engine lets in, and across which databases, by its own server settings."""

from hitrust_policies.model import MySqlSettings, SqlServerSettings
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


@rule(
    "iam-database-local-infile-off",
    title="MySQL refuses LOAD DATA LOCAL (local_infile off)",
    domain="iam",
    severity="medium",
    remediation={
        "gcp": "Set the local_infile database flag to off " + _PATCH.format(flag="local_infile"),
    },
)
def iam_database_local_infile_off(mysql: MySqlSettings):
    """With LOAD DATA LOCAL, a statement makes the client send a file from its host: combined with SQL
    injection, or a rogue server, it reads files outside any database permission.

    Follows CIS Google Cloud Platform Foundation v3.0 6.1.3 (local_infile off) and Prowler
    ``cloudsql_instance_mysql_local_infile_flag``. Left unset the flag FAILs: CIS states Cloud SQL's
    default is on (Google's flag reference gives none, and MySQL before 8.0 defaults it on).
    """
    if mysql.local_infile:
        return "MySQL accepts LOAD DATA LOCAL from clients: local_infile on"


@rule(
    "iam-database-show-databases-restricted",
    title="MySQL lists databases only to users allowed to (skip_show_database on)",
    domain="iam",
    severity="low",
    remediation={
        "gcp": "Set the skip_show_database database flag to on (gcloud sql instances patch INSTANCE "
        "--database-flags=skip_show_database=on,... - the list REPLACES every flag the instance has, so repeat "
        "the ones to keep; pulumi-gcp: settings.databaseFlags).",
    },
)
def iam_database_show_databases_restricted(mysql: MySqlSettings):
    """Any login may otherwise list every database on the server, naming what holds PHI for the next step.

    Follows CIS Google Cloud Platform Foundation v3.0 6.1.2 (skip_show_database on) and Prowler
    ``cloudsql_instance_mysql_skip_show_database_flag``; MySQL's default is off, so an unset flag FAILs.
    """
    if not mysql.skip_show_database:
        return "every MySQL user can list all databases: skip_show_database off"
