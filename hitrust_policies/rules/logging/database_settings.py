"""What a database engine's own settings write to its server log: who connected, and no statement text."""

from hitrust_policies.model import POSTGRES_SEVERITIES, PostgresSettings
from hitrust_policies.rules.registry import rule


@rule(
    "log-database-connection-logging",
    title="PostgreSQL logs every connection attempt and session end",
    domain="logging",
    severity="medium",
    remediation={
        "gcp": "Set the log_connections and log_disconnections database flags to on (gcloud sql instances patch "
        "INSTANCE --database-flags=log_connections=on,log_disconnections=on,... - the list REPLACES every flag "
        "the instance has, so repeat the ones to keep; pulumi-gcp: settings.databaseFlags).",
    },
)
def log_database_connection_logging(pg: PostgresSettings):
    """Who reached a PHI database, from where and for how long is answered only by the server's connection
    log; PostgreSQL writes none by default.

    Follows CIS Google Cloud Platform Foundation v3.0 6.2.2 / 6.2.3 (log_connections / log_disconnections
    on), Prowler ``cloudsql_instance_postgres_log_connections_flag`` / ``..._log_disconnections_flag``,
    and the Azure Policy built-ins "Log connections should be enabled for PostgreSQL database servers"
    (eb6f77b9-bd53-4e35-a23d-7f65d5f0e442) / "Disconnections should be logged for PostgreSQL database
    servers" (eb6f77b9-bd53-4e35-a23d-7f65d5f0e446). A flag left unset has the cloud's default: off on
    Cloud SQL, so FAIL.
    """
    flags = {"log_connections": pg.log_connections, "log_disconnections": pg.log_disconnections}
    off = [name for name, on in flags.items() if on is False]  # a known off fails while the other is unknown
    if off or not all(flags.values()):
        return f"PostgreSQL does not log {' or '.join(n.split('_', 1)[1] for n in off)}: {', '.join(off)} off"


@rule(
    "log-database-statements-not-logged",
    title="PostgreSQL does not write statement text to its log by duration",
    domain="logging",
    severity="medium",
    remediation={
        "gcp": "Set the log_min_duration_statement database flag to -1, or remove it (gcloud sql instances patch "
        "INSTANCE --database-flags=log_min_duration_statement=-1,... - the list REPLACES every flag the instance "
        "has, so repeat the ones to keep; pulumi-gcp: settings.databaseFlags).",
    },
)
def log_database_statements_not_logged(pg: PostgresSettings):
    """A statement's text carries the values it reads and writes (a patient's name in a WHERE clause): logging
    statements by duration copies PHI into server logs that are read, exported and kept under other rules.

    Follows CIS Google Cloud Platform Foundation v3.0 6.2.7 (log_min_duration_statement set to -1,
    disabled) and Prowler ``cloudsql_instance_postgres_log_min_duration_statement_flag``. Left unset the
    flag is PostgreSQL's default, -1, so PASS (as current Prowler has it; earlier Prowler failed an unset
    flag: a false FAIL). 0 logs every statement.
    """
    ms = pg.log_min_duration_statement_ms
    if ms != -1:
        which = "every statement" if ms == 0 else f"statements running {ms} ms or longer"
        return f"PostgreSQL logs the text of {which} (log_min_duration_statement={ms})"


@rule(
    "log-database-audit-extension",
    title="PostgreSQL can load the pgAudit extension for session and object audit logs",
    domain="logging",
    severity="medium",
    remediation={
        "gcp": "Set the cloudsql.enable_pgaudit database flag to on (gcloud sql instances patch INSTANCE "
        "--database-flags=cloudsql.enable_pgaudit=on,... - the list REPLACES every flag the instance has, so "
        "repeat the ones to keep; pulumi-gcp: settings.databaseFlags), then CREATE EXTENSION pgaudit in each "
        "database and set pgaudit.log to the statement classes to record.",
    },
)
def log_database_audit_extension(pg: PostgresSettings):
    """Which role read or changed which PHI table is recorded by pgAudit, not by PostgreSQL's own log.

    Follows CIS Google Cloud Platform Foundation v3.0 6.2.8 (cloudsql.enable_pgaudit on) and Prowler
    ``cloudsql_instance_postgres_enable_pgaudit_flag``; off by default, so an unset flag FAILs. CIS also
    asks for CREATE EXTENSION pgaudit and a pgaudit.log setting inside each database: neither is an
    instance setting a source can see, so a PASS means the instance allows pgAudit, not that it audits.
    """
    if not pg.pgaudit:
        return "the pgAudit extension is not enabled on the server"


@rule(
    "log-database-error-logging",
    title="PostgreSQL logs warnings, errors with their detail, and the statements that failed",
    domain="logging",
    severity="low",
    remediation={
        "gcp": "Set the database flags log_min_messages to warning (or a lower level), log_min_error_statement to "
        "error (or lower) and log_error_verbosity to default or verbose, or remove them (gcloud sql instances "
        "patch INSTANCE --database-flags=... - the list REPLACES every flag the instance has, so repeat the ones "
        "to keep; pulumi-gcp: settings.databaseFlags).",
    },
)
def log_database_error_logging(pg: PostgresSettings):
    """Failed statements and errors are how an injection attempt or a broken access path shows up in a
    database's log; raising the thresholds, or dropping the detail, hides them.

    Follows CIS Google Cloud Platform Foundation v3.0 6.2.5 (log_min_messages at least WARNING), 6.2.6
    (log_min_error_statement ERROR or stricter, i.e. ERROR or a lower severity) and 6.2.1
    (log_error_verbosity DEFAULT or stricter), Prowler ``cloudsql_instance_postgres_log_min_messages_flag``
    / ``..._log_min_error_statement_flag`` / ``..._log_error_verbosity_flag``. PostgreSQL's defaults
    (warning, error, default) pass; VERBOSE passes too (Prowler fails anything but DEFAULT: a false FAIL
    on a setting that logs more).
    """
    problems = []
    if POSTGRES_SEVERITIES.index(pg.log_min_messages) > POSTGRES_SEVERITIES.index("warning"):
        problems.append(f"warnings are not logged (log_min_messages={pg.log_min_messages})")
    if POSTGRES_SEVERITIES.index(pg.log_min_error_statement) > POSTGRES_SEVERITIES.index("error"):
        problems.append(f"failing statements are not logged (log_min_error_statement={pg.log_min_error_statement})")
    if pg.log_error_verbosity == "terse":
        problems.append("errors are logged without detail, hint or context (log_error_verbosity=terse)")
    return problems
