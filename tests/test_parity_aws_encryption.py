"""Pack vs live scanner for the AWS encryption-at-rest sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover Redshift clusters as databases and Kinesis
streams as message queues, databases refusing plaintext clients (RDS and Redshift parameter groups), and
OpenSearch domains / ElastiCache replication groups as databases with their node-to-node traffic.
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


TLS, NODES = "enc-database-tls-required", "enc-database-internode-encrypted"


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
    Scenario("database-tls", database_tls_program, database_tls_seed,
             frozenset({"tls-db", "open-db", "tls-warehouse"}), frozenset({(TLS, "open-db")}),
             must_pass=frozenset({(TLS, "tls-db"), (TLS, "tls-warehouse")})),
    Scenario("search-and-cache", search_cache_program, search_cache_seed,
             frozenset({"phi-search", "plain-search", "phi-cache", "plain-cache"}),
             frozenset({(NODES, "plain-search"), (TLS, "plain-cache"), (ENC, "plain-cache"), (NODES, "plain-cache"),
                        ("log-database-auditing", "plain-search")}),
             must_pass=frozenset({(NODES, "phi-search"), (TLS, "phi-search"), (TLS, "phi-cache"),
                                  ("log-database-auditing", "phi-search")})),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
