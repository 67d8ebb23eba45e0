"""Redshift facts shared by the live and Pulumi AWS sources.

A provisioned Redshift cluster is a `DatabaseInstance` (engine ``redshift``): ``Encrypted`` is its storage
encryption, ``PubliclyAccessible`` its public endpoint, and ``KmsKeyId`` the key (absent on an encrypted
cluster: the AWS-managed ``aws/redshift`` key), judged like any other key by `aws_kms`.

Directory authentication: every provisioned cluster hands out temporary database credentials to IAM
identities (``GetClusterCredentials``; Redshift Management Guide, "Using IAM authentication to generate
database user credentials"); there is no setting to turn it on or off, so it is always True.
"""

from __future__ import annotations

ENGINE = "redshift"
NATIVE_TYPE = "AWS::Redshift::Cluster"
DIRECTORY_AUTH = True
