"""Pack vs live scanner for the AWS encryption-at-rest sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover Redshift clusters as databases and Kinesis
streams as message queues.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.parity import assert_pack_agrees_with_live
from tests.test_parity import PACK_RULES, Scenario, live_findings, pack  # noqa: F401  (pack: a fixture)

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
    Scenario("efs-transport", efs_program, efs_seed, frozenset({"phi-shared", "scratch-share"}),
             frozenset({("enc-file-system-tls-only", "scratch-share")}),
             must_pass=frozenset({("enc-file-system-tls-only", "phi-shared"),
                                  ("enc-file-system-encrypted", "scratch-share")})),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
