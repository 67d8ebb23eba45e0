"""RDS facts shared by the live and Pulumi AWS sources: which engines can authenticate logins
against a directory, and whose key encrypts an instance.

**Directory authentication.** IAM database authentication exists for MySQL, MariaDB, PostgreSQL
and the Aurora engines (RDS User Guide, "IAM database authentication": region and version
availability); Kerberos through an AWS Managed Microsoft AD domain membership exists for SQL Server,
Oracle, Db2, MySQL and PostgreSQL. An engine offered neither (e.g. RDS Custom) has no directory
authentication: ``None``, which the rule does not fail.

**Key.** An encrypted instance without a ``KmsKeyId`` uses the AWS-managed ``aws/rds`` key; a key
id or ARN is judged by `aws_kms` (``DescribeKey`` in a live account, the stack in a program).
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown

IAM_AUTH_ENGINES = ("mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql")
KERBEROS_ENGINE_PREFIXES = ("sqlserver-", "oracle-", "db2-", "mysql", "postgres")


def directory_auth(engine: Any, iam_auth: Any, domain_joined: Any) -> bool | None | Unknown:
    """Can this instance's logins be directory identities (IAM or Kerberos)? None: the engine cannot.

    >>> directory_auth("postgres", True, False), directory_auth("sqlserver-se", False, True)
    (True, True)
    >>> directory_auth("mysql", False, False), directory_auth("custom-oracle-ee", False, False)
    (False, None)
    >>> directory_auth("oracle-ee", False, False)
    False
    """
    for value in (iam_auth, domain_joined):
        if value is True:
            return True
    for value in (engine, iam_auth, domain_joined):
        if isinstance(value, Unknown):
            return value
    engine = str(engine or "").lower()
    if engine in IAM_AUTH_ENGINES or engine.startswith(KERBEROS_ENGINE_PREFIXES):
        return False
    return None


# **Audit logs.** The log type that records logins and statements, per engine family, which the
# instance (or, for Aurora, Multi-AZ DB clusters, DocumentDB and Neptune, the cluster) must export to
# CloudWatch Logs (``EnabledCloudwatchLogsExports``): MySQL-compatible engines' ``audit`` (MariaDB
# Audit Plugin; Security Hub RDS.34 asks it of Aurora MySQL), PostgreSQL's ``postgresql`` (AWS Config
# rds-postgresql-logs-to-cloudwatch's default), Oracle's ``audit``, SQL Server's ``error`` (its only
# export holding failed logins), Db2's ``diag``, DocumentDB's and Neptune's ``audit``.
AUDIT_LOG_TYPES = (
    (("mysql", "mariadb", "aurora", "aurora-mysql"), "audit"),
    (("postgres", "aurora-postgresql"), "postgresql"),
    (("oracle-",), "audit"),
    (("sqlserver-",), "error"),
    (("db2-",), "diag"),
    (("docdb", "neptune"), "audit"),
)


def audit_log_type(engine: str) -> str | None:
    """The log type that audits this engine's logins and statements; None if the engine is not known here.

    >>> audit_log_type("aurora-mysql"), audit_log_type("postgres"), audit_log_type("sqlserver-ee")
    ('audit', 'postgresql', 'error')
    >>> audit_log_type("custom-sqlserver-ee") is None
    True
    """
    engine = engine.lower()
    for families, log_type in AUDIT_LOG_TYPES:
        for family in families:
            if engine == family or (family.endswith("-") and engine.startswith(family)):
                return log_type
    return None


def audit_logs_exported(engine: Any, exports: Any) -> bool | Unknown:
    """Does the database export its audit log type to CloudWatch Logs? For an engine not listed,
    any export counts (Prowler rds_instance_integration_cloudwatch_logs asks no more).

    >>> audit_logs_exported("mysql", ["error", "slowquery"]), audit_logs_exported("mysql", ["audit"])
    (False, True)
    >>> audit_logs_exported("custom-oracle-ee", []), audit_logs_exported("custom-oracle-ee", ["alert"])
    (False, True)
    """
    if isinstance(exports, Unknown):
        return exports
    logs = list(exports or [])
    if not logs:
        return False
    for value in (engine, *logs):
        if isinstance(value, Unknown):
            return value
    wanted = audit_log_type(str(engine or ""))
    return wanted in logs if wanted is not None else bool(logs)
