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


# **TLS required.** The parameter that makes the server refuse unencrypted client connections, per engine
# family (RDS User Guide, "Requiring an SSL/TLS connection" per engine; Prowler rds_instance_transport_encrypted):
# ``rds.force_ssl`` for PostgreSQL, Aurora PostgreSQL and SQL Server, ``require_secure_transport`` for MySQL,
# MariaDB and Aurora MySQL. A cluster member's value is its DB cluster parameter group's. Left at the engine
# default it is off, except RDS for PostgreSQL 15 and later, whose default ``rds.force_ssl`` is 1. Oracle's
# TLS is an option group's extra listener beside the plain one and Db2 / RDS Custom have no such switch:
# not judged (None).
TLS_PARAMETERS = (
    (("postgres", "aurora-postgresql", "sqlserver-"), "rds.force_ssl"),
    (("mysql", "mariadb", "aurora-mysql"), "require_secure_transport"),
)
TLS_ON, TLS_OFF = ("1", "on", "true"), ("0", "off", "false")


def tls_parameter(engine: str) -> str | None:
    """The parameter that requires TLS on this engine; None: the engine has none.

    >>> tls_parameter("aurora-postgresql"), tls_parameter("sqlserver-se"), tls_parameter("mariadb")
    ('rds.force_ssl', 'rds.force_ssl', 'require_secure_transport')
    >>> tls_parameter("oracle-ee") is None, tls_parameter("custom-sqlserver-ee") is None
    (True, True)
    """
    engine = engine.lower()
    for families, parameter in TLS_PARAMETERS:
        for family in families:
            if engine == family or (family.endswith("-") and engine.startswith(family)):
                return parameter
    return None


def tls_required(engine: Any, version: Any, value: Any) -> bool | None | Unknown:
    """Does the database refuse plaintext? ``value``: the parameter as set in its (cluster) parameter group,
    None when the group leaves it at the engine default. None: the engine has no such parameter.

    >>> tls_required("postgres", "14.9", None), tls_required("postgres", "16.3", None)
    (False, True)
    >>> tls_required("postgres", "16.3", "0"), tls_required("mysql", "8.0.35", "ON"), tls_required("mysql", "8.0", None)
    (False, True, False)
    >>> tls_required("oracle-ee", "19", None) is None
    True
    >>> tls_required("postgres", None, None)
    Unknown('engine version not set: the default of rds.force_ssl depends on the PostgreSQL major version')
    """
    if isinstance(engine, Unknown):
        return engine
    parameter = tls_parameter(str(engine or ""))
    if parameter is None:
        return None
    if isinstance(value, Unknown):
        return value
    if value is not None:
        text = str(value).strip().lower()
        if text in TLS_ON or text in TLS_OFF:
            return text in TLS_ON
        return Unknown(f"unrecognised {parameter} value {value!r}")
    if str(engine).lower() != "postgres":
        return False
    if isinstance(version, Unknown):
        return version
    major = str(version or "").split(".", 1)[0]
    if not major.isdigit():
        return Unknown("engine version not set: the default of rds.force_ssl depends on the PostgreSQL major "
                       "version")
    return int(major) >= 15
