"""Pack vs live scanner for the AWS encryption-at-rest sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover Redshift clusters as databases, Kinesis
streams as message queues, RDS / EBS snapshots, Secrets Manager secrets, EFS transport, web firewalls,
databases refusing plaintext clients (RDS and Redshift parameter groups), and OpenSearch domains / ElastiCache
replication groups as databases with their node-to-node traffic.
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
            "master_password": "Correct-Horse-9", "skip_final_snapshot": True,
            "cluster_parameter_group_name": "default.redshift-1.0"}  # the group moto assigns when none is named
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


DB_TLS, NODES = "enc-database-tls-required", "enc-database-internode-encrypted"


def database_tls_program() -> None:
    import pulumi_aws as aws

    forced = aws.rds.ParameterGroup("pg-tls", name="pg-tls", family="postgres14",
                                    parameters=[{"name": "rds.force_ssl", "value": "1"}])
    login = {"instance_class": "db.t3.micro", "allocated_storage": 20, "username": "app",
             "password": "correct-horse-1", "skip_final_snapshot": True}
    aws.rds.Instance("tls-db", identifier="tls-db", engine="postgres", engine_version="14.9",
                     parameter_group_name=forced.name, **login)
    aws.rds.Instance("open-db", identifier="open-db", engine="mysql", engine_version="8.0.35", **login)
    ssl = aws.redshift.ParameterGroup("warehouse-tls", name="warehouse-tls", family="redshift-1.0",
                                      parameters=[{"name": "require_ssl", "value": "true"}])
    aws.redshift.Cluster("tls-warehouse", cluster_identifier="tls-warehouse", node_type="ra3.xlplus",
                         cluster_type="single-node", master_username="admin", master_password="Correct-Horse-9",
                         skip_final_snapshot=True, cluster_parameter_group_name=ssl.name)


def database_tls_seed(session: Any) -> None:
    """moto keeps a Redshift group's name but not its values: its parameters answer is given require_ssl=true for
    warehouse-tls after parsing, as AWS lists the value in effect."""
    rds = session.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="pg-tls", DBParameterGroupFamily="postgres14", Description="x")
    rds.modify_db_parameter_group(DBParameterGroupName="pg-tls", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    login = {"DBInstanceClass": "db.t3.micro", "AllocatedStorage": 20, "MasterUsername": "app",
             "MasterUserPassword": "correct-horse-1"}
    rds.create_db_instance(DBInstanceIdentifier="tls-db", Engine="postgres", EngineVersion="14.9",
                           DBParameterGroupName="pg-tls", **login)
    rds.create_db_instance(DBInstanceIdentifier="open-db", Engine="mysql", EngineVersion="8.0.35", **login)
    redshift = session.client("redshift")
    redshift.create_cluster_parameter_group(ParameterGroupName="warehouse-tls", ParameterGroupFamily="redshift-1.0",
                                            Description="x")
    redshift.create_cluster(ClusterIdentifier="tls-warehouse", NodeType="ra3.xlplus", ClusterType="single-node",
                            MasterUsername="admin", MasterUserPassword="Correct-Horse-9",
                            ClusterParameterGroupName="warehouse-tls", Encrypted=True, KmsKeyId="alias/aws/redshift")

    def remember(params: dict, context: dict, **_: object) -> None:
        context["hitrust-group"] = params.get("ParameterGroupName")

    def fill(parsed: dict, context: dict, **_: object) -> None:
        for p in parsed.get("Parameters", []) if context.get("hitrust-group") == "warehouse-tls" else ():
            if p["ParameterName"] == "require_ssl":
                p["ParameterValue"] = "true"

    session.events.register("provide-client-params.redshift.DescribeClusterParameters", remember)
    session.events.register("after-call.redshift.DescribeClusterParameters", fill)


def search_cache_program() -> None:
    import pulumi_aws as aws

    aws.opensearch.Domain(
        "phi-search", domain_name="phi-search", engine_version="OpenSearch_2.11",
        encrypt_at_rest={"enabled": True, "kms_key_id": "alias/aws/es"}, node_to_node_encryption={"enabled": True},
        domain_endpoint_options={"enforce_https": True}, vpc_options={"subnet_ids": ["subnet-0a1b2c3d"]},
        log_publishing_options=[{"log_type": "AUDIT_LOGS", "cloudwatch_log_group_arn":
                                 "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"}])
    aws.opensearch.Domain("plain-search", domain_name="plain-search", engine_version="OpenSearch_2.11",
                          domain_endpoint_options={"enforce_https": False})
    base = {"description": "sessions", "node_type": "cache.t3.micro"}
    aws.elasticache.ReplicationGroup("phi-cache", replication_group_id="phi-cache", at_rest_encryption_enabled=True,
                                     transit_encryption_enabled=True, **base)
    aws.elasticache.ReplicationGroup("plain-cache", replication_group_id="plain-cache", **base)


def search_cache_seed(session: Any) -> None:
    opensearch = session.client("opensearch")
    opensearch.create_domain(
        DomainName="phi-search", EngineVersion="OpenSearch_2.11",
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": "alias/aws/es"},
        NodeToNodeEncryptionOptions={"Enabled": True}, DomainEndpointOptions={"EnforceHTTPS": True},
        VPCOptions={"SubnetIds": ["subnet-0a1b2c3d"]},
        LogPublishingOptions={"AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                                             "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"}})
    opensearch.create_domain(DomainName="plain-search", EngineVersion="OpenSearch_2.11")
    cache = session.client("elasticache")
    base = {"ReplicationGroupDescription": "sessions", "Engine": "redis", "CacheNodeType": "cache.t3.micro"}
    cache.create_replication_group(ReplicationGroupId="phi-cache", AtRestEncryptionEnabled=True,
                                   TransitEncryptionEnabled=True, **base)
    cache.create_replication_group(ReplicationGroupId="plain-cache", **base)


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
    Scenario("database-tls", database_tls_program, database_tls_seed,
             frozenset({"tls-db", "open-db", "tls-warehouse"}), frozenset({(DB_TLS, "open-db")}),
             must_pass=frozenset({(DB_TLS, "tls-db"), (DB_TLS, "tls-warehouse")})),
    Scenario("search-and-cache", search_cache_program, search_cache_seed,
             frozenset({"phi-search", "plain-search", "phi-cache", "plain-cache"}),
             frozenset({(NODES, "plain-search"), (DB_TLS, "plain-cache"), (ENC, "plain-cache"), (NODES, "plain-cache"),
                        ("log-database-auditing", "plain-search")}),
             must_pass=frozenset({(NODES, "phi-search"), (DB_TLS, "phi-search"), (DB_TLS, "phi-cache"),
                                  ("log-database-auditing", "phi-search")})),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
