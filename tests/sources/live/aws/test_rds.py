"""RDS instances: storage encryption and public exposure, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from hitrust_policies.model import DatabaseInstance
from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, PUBLIC = "enc-database-storage-encrypted", "net-database-not-public"


def seed(session: boto3.Session) -> None:
    rds = session.client("rds")
    for name, encrypted, public in (("phi-db-private", True, False), ("legacy-db-public", False, True)):
        rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
                               MasterUsername="admin_user", MasterUserPassword="Correct-Horse-9",
                               AllocatedStorage=20, StorageEncrypted=encrypted, PubliclyAccessible=public)


CASES = [
    Case("baseline", table(f"""
        {ENC}     phi-db-private    PASS
        {ENC}     legacy-db-public  FAIL
        {PUBLIC}  phi-db-private    PASS
        {PUBLIC}  legacy-db-public  FAIL
    """)),
    Case(
        "listing-denied",
        table(f"""
            {ENC}     rds-instances in us-east-1  UNKNOWN
            {PUBLIC}  rds-instances in us-east-1  UNKNOWN
        """),
        denied=(("rds", "DescribeDBInstances"),),
        unknown_reason="AccessDenied: rds:DescribeDBInstances (rds-instances in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_database_rules(session: boto3.Session, case: Case) -> None:
    """Per instance; the only RDS call is the listing, so UNKNOWN comes as a scope gap."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "rds-instances", CANARY), case)


def test_moto_kms_key_literal_is_not_relied_on(session: boto3.Session) -> None:
    """moto reports KmsKeyId as the literal "default_kms_key_id": encryption is judged on StorageEncrypted."""
    seed(session)
    db = session.client("rds").describe_db_instances(DBInstanceIdentifier="phi-db-private")["DBInstances"][0]
    assert db.get("KmsKeyId") == "default_kms_key_id"
    [instance] = [r for r in scan(session, "rds-instances", CANARY).resources
                  if isinstance(r, DatabaseInstance) and r.ref.name == "phi-db-private"]
    assert (instance.engine, instance.storage_encrypted, instance.publicly_accessible) == ("postgres", True, False)
