"""Pack vs live scanner for the AWS encryption-at-rest sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover Redshift clusters as databases, Kinesis
streams as message queues, RDS / EBS snapshots and Secrets Manager secrets.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.parity import assert_pack_agrees_with_live
from tests.test_parity import (  # noqa: F401  (pack: a fixture)
    PACK_RULES,
    Scenario,
    live_findings,
    pack,
)

ENC, PUBLIC, KMS = "enc-database-storage-encrypted", "net-database-not-public", "enc-database-storage-kms"


def redshift_program() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("warehouse-key")
    base = {"node_type": "ra3.xlplus", "cluster_type": "single-node", "master_username": "admin",
            "master_password": "Correct-Horse-9", "skip_final_snapshot": True}
    aws.redshift.Cluster("phi-warehouse", cluster_identifier="phi-warehouse", encrypted="true", kms_key_id=key.arn,
                         **base)
    aws.redshift.Cluster("legacy-warehouse", cluster_identifier="legacy-warehouse", encrypted="false",
                         publicly_accessible=True, **base)
    aws.redshift.Cluster("default-warehouse", cluster_identifier="default-warehouse", **base)


def redshift_seed(session: Any) -> None:
    key = session.client("kms").create_key()["KeyMetadata"]["Arn"]
    redshift = session.client("redshift")
    for name, extra in (("phi-warehouse", {"Encrypted": True, "KmsKeyId": key}),
                        ("legacy-warehouse", {"Encrypted": False, "PubliclyAccessible": True}),
                        ("default-warehouse", {"Encrypted": True, "KmsKeyId": "alias/aws/redshift"})):
        redshift.create_cluster(ClusterIdentifier=name, NodeType="ra3.xlplus", ClusterType="single-node",
                                MasterUsername="admin", MasterUserPassword="Correct-Horse-9", **extra)


def kinesis_program() -> None:
    import pulumi_aws as aws

    aws.kinesis.Stream("phi-events", name="phi-events", shard_count=1, encryption_type="KMS",
                       kms_key_id="alias/aws/kinesis")
    aws.kinesis.Stream("raw-clicks", name="raw-clicks", shard_count=1)


def kinesis_seed(session: Any) -> None:
    kinesis = session.client("kinesis")
    for name in ("phi-events", "raw-clicks"):
        kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.start_stream_encryption(StreamName="phi-events", EncryptionType="KMS", KeyId="alias/aws/kinesis")


def snapshot_program() -> None:
    import pulumi_aws as aws

    base = {"instance_class": "db.t3.micro", "engine": "postgres", "allocated_storage": 20, "username": "admin_user",
            "password": "Correct-Horse-9", "skip_final_snapshot": True}
    phi = aws.rds.Instance("phi-db", identifier="phi-db", storage_encrypted=True, **base)
    plain = aws.rds.Instance("plain-db", identifier="plain-db", **base)
    aws.rds.Snapshot("phi-db-snap", db_snapshot_identifier="phi-db-snap", db_instance_identifier=phi.identifier)
    aws.rds.Snapshot("shared-db-snap", db_snapshot_identifier="shared-db-snap",
                     db_instance_identifier=plain.identifier, shared_accounts=["all"])
    for name, encrypted in (("phi-vol", True), ("plain-vol", False)):
        volume = aws.ebs.Volume(name, availability_zone="us-east-1a", size=8, encrypted=encrypted)
        aws.ebs.Snapshot(f"{name}-snap", volume_id=volume.id, tags={"Name": f"{name}-snap"})


def snapshot_seed(session: Any) -> None:
    rds = session.client("rds")
    key = session.client("kms").create_key()["KeyMetadata"]["Arn"]  # moto's own default key id is no real key
    for name, extra in (("phi-db", {"StorageEncrypted": True, "KmsKeyId": key}), ("plain-db", {})):
        rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="postgres",
                               MasterUsername="admin_user", MasterUserPassword="Correct-Horse-9",
                               AllocatedStorage=20, **extra)
    rds.create_db_snapshot(DBSnapshotIdentifier="phi-db-snap", DBInstanceIdentifier="phi-db")
    rds.create_db_snapshot(DBSnapshotIdentifier="shared-db-snap", DBInstanceIdentifier="plain-db")
    rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="shared-db-snap", AttributeName="restore",
                                     ValuesToAdd=["all"])
    ec2 = session.client("ec2")
    for name, encrypted in (("phi-vol", True), ("plain-vol", False)):
        volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=encrypted)["VolumeId"]
        ec2.create_snapshot(VolumeId=volume, TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": f"{name}-snap"}]}])


def secrets_program() -> None:
    import pulumi_aws as aws

    aws.secretsmanager.Secret("partner-api-key", name="partner-api-key", kms_key_id="alias/partner-secrets")
    aws.secretsmanager.Secret("legacy-token", name="legacy-token")
    rotated = aws.secretsmanager.Secret("phi-db-password", name="phi-db-password",
                                        kms_key_id="alias/aws/secretsmanager")
    aws.secretsmanager.SecretRotation("phi-db-password-rotation", secret_id=rotated.id,
                                      rotation_rules={"automatically_after_days": 30})


def secrets_seed(session: Any) -> None:
    kms = session.client("kms")
    kms.create_alias(AliasName="alias/partner-secrets", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    sm = session.client("secretsmanager")
    sm.create_secret(Name="partner-api-key", SecretString="s3cr3t-1", KmsKeyId="alias/partner-secrets")
    sm.create_secret(Name="legacy-token", SecretString="s3cr3t-2")
    sm.create_secret(Name="phi-db-password", SecretString="s3cr3t-3", KmsKeyId="alias/aws/secretsmanager")
    sm.rotate_secret(SecretId="phi-db-password", RotationRules={"AutomaticallyAfterDays": 30})


SNAP_ENC, SNAP_PUBLIC = "enc-snapshot-encrypted", "net-snapshot-not-public"
ROTATION, SECRET_KMS = "iam-secret-rotation-enabled", "enc-secret-kms"

EFS_TLS = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
                                                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}


def efs_program() -> None:
    import json

    import pulumi_aws as aws

    phi = aws.efs.FileSystem("phi-shared", encrypted=True, tags={"Name": "phi-shared"})
    aws.efs.FileSystemPolicy("phi-shared-tls", file_system_id=phi.id, policy=json.dumps(EFS_TLS))
    aws.efs.FileSystem("scratch-share", encrypted=True, tags={"Name": "scratch-share"})


def efs_seed(session: Any) -> None:
    import json

    efs = session.client("efs")
    for name in ("phi-shared", "scratch-share"):
        fid = efs.create_file_system(CreationToken=name, Encrypted=True,
                                     Tags=[{"Key": "Name", "Value": name}])["FileSystemId"]
        if name == "phi-shared":
            efs.put_file_system_policy(FileSystemId=fid, Policy=json.dumps(EFS_TLS))


SCENARIOS = [
    Scenario("redshift-clusters", redshift_program, redshift_seed,
             frozenset({"phi-warehouse", "legacy-warehouse", "default-warehouse"}),
             frozenset({(ENC, "legacy-warehouse"), (PUBLIC, "legacy-warehouse"), (KMS, "default-warehouse")}),
             must_pass=frozenset({(ENC, "phi-warehouse"), (KMS, "phi-warehouse"), (PUBLIC, "default-warehouse")})),
    Scenario("kinesis-streams", kinesis_program, kinesis_seed, frozenset({"phi-events", "raw-clicks"}),
             frozenset({("enc-message-queue-encrypted", "raw-clicks")}),
             must_pass=frozenset({("enc-message-queue-encrypted", "phi-events")})),
    Scenario("snapshots", snapshot_program, snapshot_seed,
             frozenset({"phi-db-snap", "shared-db-snap", "phi-vol-snap", "plain-vol-snap"}),
             frozenset({(SNAP_ENC, "shared-db-snap"), (SNAP_PUBLIC, "shared-db-snap"), (SNAP_ENC, "plain-vol-snap")}),
             must_pass=frozenset({(SNAP_ENC, "phi-db-snap"), (SNAP_PUBLIC, "phi-db-snap"), (SNAP_ENC, "phi-vol-snap"),
                                  (SNAP_PUBLIC, "plain-vol-snap")})),
    Scenario("secrets", secrets_program, secrets_seed,
             frozenset({"partner-api-key", "legacy-token", "phi-db-password"}),
             frozenset({(ROTATION, "partner-api-key"), (ROTATION, "legacy-token"), (SECRET_KMS, "legacy-token"),
                        (SECRET_KMS, "phi-db-password")}),
             must_pass=frozenset({(ROTATION, "phi-db-password"), (SECRET_KMS, "partner-api-key")})),
    Scenario("efs-transport", efs_program, efs_seed, frozenset({"phi-shared", "scratch-share"}),
             frozenset({("enc-file-system-tls-only", "scratch-share")}),
             must_pass=frozenset({("enc-file-system-tls-only", "phi-shared"),
                                  ("enc-file-system-encrypted", "scratch-share")})),
]

# The edge: CloudFront distributions (viewer TLS floor, plaintext cache behaviours, standard logging) and API
# Gateway stages' access logs.
EDGE_NAMES = frozenset({"portal.example.com", "legacy.example.com", "default.example.com", "claims-api/prod",
                        "claims-api/dev"})
TLS, LOGS = "enc-tls-listener-modern", "log-request-logging"


def edge_program() -> None:
    from tests.pulumi_programs import aws_edge

    aws_edge.distributions()
    aws_edge.stages()


def edge_seed(session: Any) -> None:
    from tests.sources.live.aws.test_edge import seed_distributions, seed_stages

    seed_distributions(session)
    seed_stages(session)


SCENARIOS += [
    Scenario("edge", edge_program, edge_seed, EDGE_NAMES,
             frozenset({(TLS, "legacy.example.com"), (TLS, "default.example.com"), (LOGS, "legacy.example.com"),
                        (LOGS, "claims-api/dev")}),
             must_pass=frozenset({(TLS, "portal.example.com"),
                                  (LOGS, "portal.example.com"), (LOGS, "claims-api/prod")})),
]

WAF = "net-web-firewall-attached"


def web_firewalls_program() -> None:
    from tests.pulumi_programs import aws_edge

    aws_edge.web_firewalls()


def web_firewalls_seed(session: Any) -> None:
    from tests.sources.live.aws.test_web_firewall import answer_acl_resources, seed

    answer_acl_resources(session, seed(session))


SCENARIOS += [
    Scenario("web-firewalls", web_firewalls_program, web_firewalls_seed,
             frozenset({"guarded-alb", "open-alb", "portal.example.com", "legacy.example.com", "claims-api/prod",
                        "claims-api/dev"}),
             frozenset({(WAF, "open-alb"), (WAF, "legacy.example.com"), (WAF, "claims-api/dev")}),
             must_pass=frozenset({(WAF, "guarded-alb"), (WAF, "portal.example.com"), (WAF, "claims-api/prod")})),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
