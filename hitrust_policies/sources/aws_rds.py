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
