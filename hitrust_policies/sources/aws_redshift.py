"""Redshift facts shared by the live and Pulumi AWS sources.

A provisioned Redshift cluster is a `DatabaseInstance` (engine ``redshift``): ``Encrypted`` is its storage
encryption, ``PubliclyAccessible`` its public endpoint, and ``KmsKeyId`` the key (absent on an encrypted
cluster: the AWS-managed ``aws/redshift`` key), judged like any other key by `aws_kms`.

Directory authentication: every provisioned cluster hands out temporary database credentials to IAM
identities (``GetClusterCredentials``; Redshift Management Guide, "Using IAM authentication to generate
database user credentials"); there is no setting to turn it on or off, so it is always True.

TLS: the cluster refuses unencrypted clients when ``require_ssl`` is true in its parameter group (AWS Config
redshift-require-tls-ssl, Security Hub Redshift.2). ``DescribeClusterParameters`` lists every parameter of a
group with its value in effect, defaults included, so a live scan reads it from any group. In a program, a
group the stack declares shows its ``require_ssl`` (false when not set: "by default, cluster databases accept a
connection whether it uses SSL or not"), and ``default.redshift-1.0`` is false; a cluster naming no group, or a
group the stack does not declare, is unknown: which default group AWS assigns is not visible in a preview.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown

ENGINE = "redshift"
NATIVE_TYPE = "AWS::Redshift::Cluster"
DIRECTORY_AUTH = True
DEFAULT_GROUPS = {"default.redshift-1.0": False}


def require_ssl(value: Any) -> bool | Unknown:
    """A ``require_ssl`` parameter value as a fact.

    >>> require_ssl("true"), require_ssl("FALSE"), require_ssl(None)
    (True, False, Unknown('require_ssl not listed for the parameter group'))
    """
    if isinstance(value, Unknown):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in ("true", "false"):
        return text == "true"
    if value is None:
        return Unknown("require_ssl not listed for the parameter group")
    return Unknown(f"unrecognised require_ssl value {value!r}")
