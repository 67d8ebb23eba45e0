"""Pack vs live scanner for the AWS encryption-at-rest sources: the same program and account give the same findings.

Scenarios and helpers are tests/test_parity.py's; these cover Redshift clusters as databases and Kinesis
streams as message queues.
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


SCENARIOS = [
    Scenario("redshift-clusters", redshift_program, redshift_seed,
             frozenset({"phi-warehouse", "legacy-warehouse", "default-warehouse"}),
             frozenset({(ENC, "legacy-warehouse"), (PUBLIC, "legacy-warehouse"), (KMS, "default-warehouse")}),
             must_pass=frozenset({(ENC, "phi-warehouse"), (KMS, "phi-warehouse"), (PUBLIC, "default-warehouse")})),
    Scenario("kinesis-streams", kinesis_program, kinesis_seed, frozenset({"phi-events", "raw-clicks"}),
             frozenset({("enc-message-queue-encrypted", "raw-clicks")}),
             must_pass=frozenset({("enc-message-queue-encrypted", "phi-events")})),
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
