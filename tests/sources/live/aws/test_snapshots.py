"""RDS DB / cluster snapshots and EBS snapshots: encrypted, public, through the live scanner against moto."""

from __future__ import annotations

import re

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, PUB = "enc-snapshot-encrypted", "net-snapshot-not-public"


def automated(name: str) -> str:
    """moto keeps a dated automated snapshot of every instance and cluster (``rds:phi-db-2026-11-30-02-14``)."""
    return re.sub(r"^rds:(.+)-\d{4}(-\d\d){4}$", r"auto:\1", name)


# automated snapshots: encrypted as their source, never public, and their exposure needs no call
AUTO = f"""
    {ENC}  auto:phi-db        PASS
    {ENC}  auto:plain-db      FAIL
    {ENC}  auto:phi-cluster   PASS
    {ENC}  auto:open-cluster  FAIL
    {PUB}  auto:phi-db        PASS
    {PUB}  auto:plain-db      PASS
    {PUB}  auto:phi-cluster   PASS
    {PUB}  auto:open-cluster  PASS
"""


def seed(session: boto3.Session) -> None:
    """phi-db-snap: encrypted, private; shared-db-snap: unencrypted, restorable by all; partner-db-snap:
    unencrypted, shared with one named account. phi-cluster-snap: encrypted; open-cluster-snap: unencrypted,
    restorable by all. EBS: phi-vol-snap encrypted and private; open-vol-snap unencrypted and public."""
    rds = session.client("rds")
    for name, encrypted in (("phi-db", True), ("plain-db", False)):
        rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="postgres",
                               MasterUsername="admin", MasterUserPassword="correct-horse-1", AllocatedStorage=20,
                               StorageEncrypted=encrypted)
    rds.create_db_snapshot(DBSnapshotIdentifier="phi-db-snap", DBInstanceIdentifier="phi-db")
    for snap in ("shared-db-snap", "partner-db-snap"):
        rds.create_db_snapshot(DBSnapshotIdentifier=snap, DBInstanceIdentifier="plain-db")
    rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="shared-db-snap", AttributeName="restore",
                                     ValuesToAdd=["all"])
    rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="partner-db-snap", AttributeName="restore",
                                     ValuesToAdd=["210987654321"])
    for name, encrypted in (("phi-cluster", True), ("open-cluster", False)):
        rds.create_db_cluster(DBClusterIdentifier=name, Engine="aurora-postgresql", MasterUsername="admin",
                              MasterUserPassword="correct-horse-1", StorageEncrypted=encrypted)
        rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier=f"{name}-snap", DBClusterIdentifier=name)
    rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="open-cluster-snap",
                                             AttributeName="restore", ValuesToAdd=["all"])
    ec2 = session.client("ec2")
    for name, encrypted in (("phi-vol-snap", True), ("open-vol-snap", False)):
        vol = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=encrypted)["VolumeId"]
        snap = ec2.create_snapshot(VolumeId=vol, TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": name}]}])["SnapshotId"]
        if name == "open-vol-snap":
            ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                          OperationType="add", GroupNames=["all"])


BASELINE = table(AUTO + f"""
    {ENC}  phi-db-snap        PASS
    {ENC}  shared-db-snap     FAIL
    {ENC}  partner-db-snap    FAIL
    {ENC}  phi-cluster-snap   PASS
    {ENC}  open-cluster-snap  FAIL
    {ENC}  phi-vol-snap       PASS
    {ENC}  open-vol-snap      FAIL
    {PUB}  phi-db-snap        PASS
    {PUB}  shared-db-snap     FAIL
    {PUB}  partner-db-snap    PASS
    {PUB}  phi-cluster-snap   PASS
    {PUB}  open-cluster-snap  FAIL
    {PUB}  phi-vol-snap       PASS
    {PUB}  open-vol-snap      FAIL
""")

CASES = [
    Case("baseline", BASELINE),
    Case("attributes-denied", table(AUTO + f"""
        {ENC}  phi-db-snap        PASS
        {ENC}  shared-db-snap     FAIL
        {ENC}  partner-db-snap    FAIL
        {ENC}  phi-cluster-snap   PASS
        {ENC}  open-cluster-snap  FAIL
        {ENC}  phi-vol-snap       PASS
        {ENC}  open-vol-snap      FAIL
        {PUB}  phi-db-snap        UNKNOWN
        {PUB}  shared-db-snap     UNKNOWN
        {PUB}  partner-db-snap    UNKNOWN
        {PUB}  phi-cluster-snap   PASS
        {PUB}  open-cluster-snap  FAIL
        {PUB}  phi-vol-snap       PASS
        {PUB}  open-vol-snap      FAIL
    """), denied=(("rds", "DescribeDBSnapshotAttributes"),),
        unknown_reason="AccessDenied: rds:DescribeDBSnapshotAttributes"),
    Case("ebs-attribute-denied", table(AUTO + f"""
        {ENC}  phi-db-snap        PASS
        {ENC}  shared-db-snap     FAIL
        {ENC}  partner-db-snap    FAIL
        {ENC}  phi-cluster-snap   PASS
        {ENC}  open-cluster-snap  FAIL
        {ENC}  phi-vol-snap       PASS
        {ENC}  open-vol-snap      FAIL
        {PUB}  phi-db-snap        PASS
        {PUB}  shared-db-snap     FAIL
        {PUB}  partner-db-snap    PASS
        {PUB}  phi-cluster-snap   PASS
        {PUB}  open-cluster-snap  FAIL
        {PUB}  phi-vol-snap       UNKNOWN
        {PUB}  open-vol-snap      UNKNOWN
    """), denied=(("ec2", "DescribeSnapshotAttribute"),), unknown_reason="AccessDenied: ec2:DescribeSnapshotAttribute"),
    Case("listing-denied", table(AUTO + f"""
        {ENC}  phi-db-snap                PASS
        {ENC}  shared-db-snap             FAIL
        {ENC}  partner-db-snap            FAIL
        {ENC}  phi-cluster-snap           PASS
        {ENC}  open-cluster-snap          FAIL
        {ENC}  ec2-snapshots in us-east-1  UNKNOWN
        {PUB}  phi-db-snap                PASS
        {PUB}  shared-db-snap             FAIL
        {PUB}  partner-db-snap            PASS
        {PUB}  phi-cluster-snap           PASS
        {PUB}  open-cluster-snap          FAIL
        {PUB}  ec2-snapshots in us-east-1  UNKNOWN
    """), denied=(("ec2", "DescribeSnapshots"),),
        unknown_reason="AccessDenied: ec2:DescribeSnapshots (ec2-snapshots in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_snapshots(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "rds-snapshots", "ec2-snapshots", CANARY), case, automated)


def test_throttled_attribute_read_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): rds:DescribeDBSnapshotAttributes")
    apply_denials(session, case, code="Throttling", status=400)
    check(scan(session, "rds-snapshots", "ec2-snapshots", CANARY), case, automated)


def test_refs(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, "rds-snapshots", "ec2-snapshots", CANARY)
    refs = {r.ref.name: r.ref for r in result.resources if r.ref.native_type.endswith("Snapshot")}
    assert refs["shared-db-snap"].native_id == "arn:aws:rds:us-east-1:123456789012:snapshot:shared-db-snap"
    assert refs["open-cluster-snap"].native_type == "AWS::RDS::DBClusterSnapshot"
    assert refs["open-vol-snap"].native_id.startswith("arn:aws:ec2:us-east-1::snapshot/snap-")
