"""RDS instances: storage encryption (and whose key), public exposure and directory authentication,
through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import DatabaseInstance, Unknown
from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, PUBLIC = "enc-database-storage-encrypted", "net-database-not-public"
KMS, DIRECTORY = "enc-database-storage-kms", "iam-database-directory-auth"


def seed(session: boto3.Session) -> None:
    """phi-db-private: a customer key and IAM database authentication; legacy-db-public: neither;
    default-key-db: the AWS-managed aws/rds key (moto keeps the alias it is given)."""
    rds = session.client("rds")
    key = session.client("kms").create_key(Description="phi-db")["KeyMetadata"]["Arn"]
    for name, encrypted, public, extra in (
            ("phi-db-private", True, False, {"KmsKeyId": key, "EnableIAMDatabaseAuthentication": True}),
            ("legacy-db-public", False, True, {}),
            ("default-key-db", True, False, {"KmsKeyId": "alias/aws/rds"})):
        rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
                               MasterUsername="admin_user", MasterUserPassword="Correct-Horse-9",
                               AllocatedStorage=20, StorageEncrypted=encrypted, PubliclyAccessible=public, **extra)


CASES = [
    Case("baseline", table(f"""
        {ENC}        phi-db-private    PASS
        {ENC}        legacy-db-public  FAIL
        {ENC}        default-key-db    PASS
        {PUBLIC}     phi-db-private    PASS
        {PUBLIC}     legacy-db-public  FAIL
        {PUBLIC}     default-key-db    PASS
        {KMS}        phi-db-private    PASS
        {KMS}        legacy-db-public  FAIL
        {KMS}        default-key-db    FAIL
        {DIRECTORY}  phi-db-private    PASS
        {DIRECTORY}  legacy-db-public  FAIL
        {DIRECTORY}  default-key-db    FAIL
    """)),
    Case(
        "listing-denied",
        table(f"""
            {ENC}        rds-instances in us-east-1  UNKNOWN
            {PUBLIC}     rds-instances in us-east-1  UNKNOWN
            {KMS}        rds-instances in us-east-1  UNKNOWN
            {DIRECTORY}  rds-instances in us-east-1  UNKNOWN
        """),
        denied=(("rds", "DescribeDBInstances"),),
        unknown_reason="AccessDenied: rds:DescribeDBInstances (rds-instances in us-east-1)",
    ),
    Case(
        "describe-key-denied",
        table(f"""
            {KMS}  phi-db-private    UNKNOWN
            {KMS}  legacy-db-public  FAIL
            {KMS}  default-key-db    FAIL
        """),
        denied=(("kms", "DescribeKey"),),
        unknown_reason="AccessDenied: kms:DescribeKey",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_database_rules(session: boto3.Session, case: Case) -> None:
    """Per instance; whose key encrypts it is one DescribeKey per key (the aws/ alias needs none)."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "rds-instances", CANARY), case)


def test_moto_kms_key_literal_is_not_relied_on(session: boto3.Session) -> None:
    """moto reports an unnamed key as the literal "default_kms_key_id": encryption is judged on
    StorageEncrypted; whose key it is stays UNKNOWN (DescribeKey cannot find it), never a pass."""
    session.client("rds").create_db_instance(
        DBInstanceIdentifier="moto-default", Engine="mysql", DBInstanceClass="db.t3.micro", MasterUsername="admin_user",
        MasterUserPassword="Correct-Horse-9", AllocatedStorage=20, StorageEncrypted=True)
    db = session.client("rds").describe_db_instances(DBInstanceIdentifier="moto-default")["DBInstances"][0]
    assert db.get("KmsKeyId") == "default_kms_key_id"
    [instance] = [r for r in scan(session, "rds-instances", CANARY).resources
                  if isinstance(r, DatabaseInstance) and r.ref.name == "moto-default"]
    assert (instance.engine, instance.storage_encrypted, instance.publicly_accessible) == ("mysql", True, False)
    assert isinstance(instance.kms_key_customer_managed, Unknown)
    assert instance.directory_auth is False


AUDIT = "log-database-auditing"


def seed_logs(session: boto3.Session) -> None:
    """mysql-audited exports its audit log; mysql-errors-only only its error log; pg-silent exports nothing;
    aurora-audited (Aurora PostgreSQL) exports from the cluster, which its member aurora-audited-1 follows;
    aurora-silent (Aurora MySQL) exports nothing."""
    rds = session.client("rds")
    login = {"MasterUsername": "admin_user", "MasterUserPassword": "Correct-Horse-9"}
    for name, engine, logs in (("mysql-audited", "mysql", ["audit", "error"]),
                               ("mysql-errors-only", "mysql", ["error"]), ("pg-silent", "postgres", [])):
        rds.create_db_instance(DBInstanceIdentifier=name, Engine=engine, DBInstanceClass="db.t3.micro",
                               AllocatedStorage=20, EnableCloudwatchLogsExports=logs, **login)
    for name, engine, logs in (("aurora-audited", "aurora-postgresql", ["postgresql"]),
                               ("aurora-silent", "aurora-mysql", ["error", "slowquery"])):
        rds.create_db_cluster(DBClusterIdentifier=name, Engine=engine, EnableCloudwatchLogsExports=logs, **login)
    rds.create_db_instance(DBInstanceIdentifier="aurora-audited-1", Engine="aurora-postgresql",
                           DBInstanceClass="db.t3.medium", DBClusterIdentifier="aurora-audited")


LOG_CASES = [
    Case("exports", table(f"""
        {AUDIT}  mysql-audited      PASS
        {AUDIT}  mysql-errors-only  FAIL
        {AUDIT}  pg-silent          FAIL
        {AUDIT}  aurora-audited     PASS
        {AUDIT}  aurora-silent      FAIL
    """)),
    Case("clusters-denied", table(f"""
        {AUDIT}  mysql-audited                PASS
        {AUDIT}  mysql-errors-only            FAIL
        {AUDIT}  pg-silent                    FAIL
        {AUDIT}  rds-clusters in us-east-1    UNKNOWN
    """), denied=(("rds", "DescribeDBClusters"),),
        unknown_reason="AccessDenied: rds:DescribeDBClusters (rds-clusters in us-east-1)"),
]


@pytest.mark.parametrize("case", LOG_CASES, ids=lambda c: c.id)
def test_database_audit_logs(session: boto3.Session, case: Case) -> None:
    """Standalone instances are judged on their own exports, cluster members not at all: their cluster is."""
    seed_logs(session)
    apply_denials(session, case)
    check(scan(session, "rds-instances", "rds-clusters", CANARY), case)
