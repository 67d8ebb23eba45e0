"""Which other servers a database engine talks to, by its own server settings."""

from hitrust_policies.model import SqlServerSettings
from hitrust_policies.rules.registry import rule


@rule(
    "net-database-remote-access-off",
    title="SQL Server runs no stored procedures from or on remote servers (remote access off)",
    domain="network",
    severity="medium",
    remediation={
        "gcp": "Set the remote access database flag to off (gcloud sql instances patch INSTANCE "
        "--database-flags=\"remote access=off,...\" - the list REPLACES every flag the instance has, so repeat "
        "the ones to keep; pulumi-gcp: settings.databaseFlags).",
    },
)
def net_database_remote_access_off(mssql: SqlServerSettings):
    """Remote access lets linked servers run stored procedures here and this server run them elsewhere: a
    path between database servers outside the network controls, and a way to offload work onto a target.

    Follows CIS Google Cloud Platform Foundation v3.0 6.3.5 (remote access off), Prowler
    ``cloudsql_instance_sqlserver_remote_access_flag`` and the CIS Microsoft SQL Server benchmarks'
    "remote access" server option at 0. SQL Server's default is on, so an unset flag FAILs.
    """
    if mssql.remote_access:
        return "SQL Server accepts and sends remote stored procedure calls: remote access on"
