"""OpenSearch domains and ElastiCache replication groups as databases (at rest, public, TLS, node-to-node, audit
logs) through the live scanner against moto."""

from __future__ import annotations

import json

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, KMS, PUBLIC = "enc-database-storage-encrypted", "enc-database-storage-kms", "net-database-not-public"
TLS, NODES, AUDIT = "enc-database-tls-required", "enc-database-internode-encrypted", "log-database-auditing"
DIRECTORY = "iam-database-directory-auth"
ANYONE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}]})
OFFICE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}}]})


def seed(session: boto3.Session) -> None:
    """phi-search: in a VPC, encrypted with a customer key, HTTPS only, node-to-node, audit logs; open-search: outside
    a VPC with a policy open to anyone, nothing turned on; office-search: outside a VPC, policy limited to an office
    range, encrypted with the AWS-managed key. phi-cache: at rest with a customer key, transit required;
    migrating-cache: transit in preferred mode (plaintext still accepted); plain-cache: nothing on."""
    kms = session.client("kms")
    key = kms.create_key(Description="phi-search")["KeyMetadata"]["Arn"]
    opensearch = session.client("opensearch")
    opensearch.create_domain(
        DomainName="phi-search", EngineVersion="OpenSearch_2.11", VPCOptions={"SubnetIds": ["subnet-0a1b2c3d"]},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": key}, NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
        LogPublishingOptions={"AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn":
                                             "arn:aws:logs:us-east-1:123456789012:log-group:/search/audit"}},
        AccessPolicies=ANYONE)
    opensearch.create_domain(DomainName="open-search", EngineVersion="Elasticsearch_7.10", AccessPolicies=ANYONE)
    opensearch.create_domain(DomainName="office-search", EngineVersion="OpenSearch_2.11", AccessPolicies=OFFICE,
                             EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": "alias/aws/es"})
    cache = session.client("elasticache")
    base = {"ReplicationGroupDescription": "x", "Engine": "redis", "CacheNodeType": "cache.t3.micro"}
    cache.create_replication_group(ReplicationGroupId="phi-cache", AtRestEncryptionEnabled=True, KmsKeyId=key,
                                   TransitEncryptionEnabled=True, TransitEncryptionMode="required", **base)
    cache.create_replication_group(ReplicationGroupId="migrating-cache", AtRestEncryptionEnabled=True,
                                   TransitEncryptionEnabled=True, TransitEncryptionMode="preferred", **base)
    cache.create_replication_group(ReplicationGroupId="plain-cache", **base)


SEARCH = f"""
    {ENC}        phi-search     PASS
    {ENC}        open-search    FAIL
    {ENC}        office-search  PASS
    {KMS}        phi-search     PASS
    {KMS}        open-search    FAIL
    {KMS}        office-search  FAIL
    {PUBLIC}     phi-search     PASS
    {PUBLIC}     open-search    FAIL
    {PUBLIC}     office-search  PASS
    {TLS}        phi-search     PASS
    {TLS}        open-search    FAIL
    {TLS}        office-search  FAIL
    {NODES}      phi-search     PASS
    {NODES}      open-search    FAIL
    {NODES}      office-search  FAIL
    {AUDIT}      phi-search     PASS
    {AUDIT}      open-search    FAIL
    {AUDIT}      office-search  FAIL
    {DIRECTORY}  phi-search     PASS
    {DIRECTORY}  open-search    PASS
    {DIRECTORY}  office-search  PASS
"""
CACHE = f"""
    {ENC}        phi-cache        PASS
    {ENC}        migrating-cache  PASS
    {ENC}        plain-cache      FAIL
    {KMS}        phi-cache        PASS
    {KMS}        migrating-cache  FAIL
    {KMS}        plain-cache      FAIL
    {PUBLIC}     phi-cache        PASS
    {PUBLIC}     migrating-cache  PASS
    {PUBLIC}     plain-cache      PASS
    {TLS}        phi-cache        PASS
    {TLS}        migrating-cache  FAIL
    {TLS}        plain-cache      FAIL
    {NODES}      phi-cache        PASS
    {NODES}      migrating-cache  PASS
    {NODES}      plain-cache      FAIL
    {DIRECTORY}  phi-cache        PASS
    {DIRECTORY}  migrating-cache  PASS
    {DIRECTORY}  plain-cache      PASS
"""
RULES = (ENC, KMS, PUBLIC, TLS, NODES, DIRECTORY)

CASES = [
    Case("domains", table(SEARCH), extra={"collector": "opensearch-domains"}),
    Case("groups", table(CACHE), extra={"collector": "elasticache-replication-groups"}),
    Case("domains-denied", table("\n".join(f"{rule}  opensearch-domains in us-east-1  UNKNOWN"
                                           for rule in (*RULES, AUDIT))),
         denied=(("opensearch", "DescribeDomains"),), extra={"collector": "opensearch-domains"},
         unknown_reason="AccessDenied: opensearch:DescribeDomains (opensearch-domains in us-east-1)"),
    Case("groups-denied", table("\n".join(f"{rule}  elasticache-replication-groups in us-east-1  UNKNOWN"
                                          for rule in RULES)),
         denied=(("elasticache", "DescribeReplicationGroups"),), extra={"collector": "elasticache-replication-groups"},
         unknown_reason="AccessDenied: elasticache:DescribeReplicationGroups "
                        "(elasticache-replication-groups in us-east-1)"),
    Case("describe-key-denied", table(f"""
        {KMS}  phi-search     UNKNOWN
        {KMS}  open-search    FAIL
        {KMS}  office-search  FAIL
    """), denied=(("kms", "DescribeKey"),), extra={"collector": "opensearch-domains"},
        unknown_reason="AccessDenied: kms:DescribeKey"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_search_and_cache_databases(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, case.extra["collector"], CANARY), case)


def test_domains_are_described_five_at_a_time(session: boto3.Session) -> None:
    opensearch = session.client("opensearch")
    for i in range(7):
        opensearch.create_domain(DomainName=f"search-{i}")
    calls: list[str] = []
    session.events.register("before-call.opensearch", lambda model, **_: calls.append(model.name))
    result = scan(session, "opensearch-domains", CANARY)
    assert sorted(calls) == ["DescribeDomains", "DescribeDomains", "ListDomainNames"]
    assert len({f.resource.name for f in result.findings() if f.rule_id == ENC}) == 7
