"""A database server's own audit log of logins and queries."""

from hitrust_policies.model import DatabaseAuditing
from hitrust_policies.rules.registry import rule

MIN_RETENTION_DAYS = 90


@rule(
    "log-database-auditing",
    title=f"Database servers audit logins and queries, kept {MIN_RETENTION_DAYS}+ days in storage",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Export the engine's audit log to CloudWatch Logs (aws rds modify-db-instance, or modify-db-cluster for "
        "Aurora, --cloudwatch-logs-export-configuration EnableLogTypes=audit; postgresql for PostgreSQL, error for "
        "SQL Server), with the audit plugin / parameters that fill it (MariaDB Audit Plugin option, log_connections).",
        "azure": "Turn on server auditing (az sql server audit-policy update --state Enabled) to Log Analytics, "
        f"or to a storage account with --retention-days {MIN_RETENTION_DAYS} or more (0 keeps records forever).",
    },
)
def log_database_auditing(audit: DatabaseAuditing):
    """Who read which PHI is answered only by the database's own audit log, and only while it is kept.

    Follows Azure Policy "Auditing on SQL server should be enabled" (a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9)
    and "SQL servers with auditing to storage account destination should be configured with 90 days
    retention or higher" (89099bee-89e0-4b26-a5f4-165451757743), CIS Microsoft Azure Foundations 4.1.1 /
    4.1.6, Prowler sqlserver_auditing_enabled / sqlserver_auditing_retention_90_days. 90 days passes, as
    the Azure Policy has it (CIS words it "greater than 90 days"; Prowler fails 90 and also fails 0, which
    is unlimited retention: a false FAIL). Log Analytics / Event Hubs destinations keep their own
    retention and are not judged here.

    On AWS the audit log is the engine's audit log type exported to CloudWatch Logs by the instance (by
    the cluster for Aurora, Multi-AZ clusters, DocumentDB, Neptune): ``audit`` for MySQL-compatible
    engines, Oracle, DocumentDB and Neptune, ``postgresql`` for PostgreSQL, ``error`` for SQL Server
    (see ``sources/aws_rds.py``), after AWS Config rds-logging-enabled / Security Hub RDS.9, AWS Config
    rds-postgresql-logs-to-cloudwatch and Security Hub RDS.34 (Aurora MySQL audit logs). Prowler
    rds_instance_integration_cloudwatch_logs passes any export (an error log alone: a false PASS);
    rds-logging-enabled's every log type (slow query, general) asks for performance logs, not audit.
    CloudWatch Logs keeps them as long as its log group's retention (log-log-group-retention). OpenSearch
    domains: audit logs published (``LogPublishingOptions`` ``AUDIT_LOGS``), AWS Config
    opensearch-audit-logging-enabled, Security Hub Opensearch.5.
    """
    if not audit.enabled:
        return "server auditing is off"
    days = audit.storage_retention_days
    if days is not None and days != 0 and days < MIN_RETENTION_DAYS:
        return f"audit records in storage are kept {days} days (min {MIN_RETENTION_DAYS})"
