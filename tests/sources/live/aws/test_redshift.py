"""Redshift clusters as databases: storage encryption (and whose key), public exposure, through the live
scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

ENC, PUBLIC = "enc-database-storage-encrypted", "net-database-not-public"
KMS, DIRECTORY = "enc-database-storage-kms", "iam-database-directory-auth"


def seed(session: boto3.Session) -> None:
    """phi-warehouse: a customer key, private; legacy-warehouse: unencrypted and public; default-key-warehouse:
    encrypted with the AWS-managed aws/redshift key (named by its alias)."""
    redshift = session.client("redshift")
    key = session.client("kms").create_key(Description="phi-warehouse")["KeyMetadata"]["Arn"]
    for name, extra in (("phi-warehouse", {"Encrypted": True, "KmsKeyId": key, "PubliclyAccessible": False}),
                        ("legacy-warehouse", {"Encrypted": False, "PubliclyAccessible": True}),
                        ("default-key-warehouse", {"Encrypted": True, "KmsKeyId": "alias/aws/redshift"})):
        redshift.create_cluster(ClusterIdentifier=name, NodeType="ra3.xlplus", ClusterType="single-node",
                                MasterUsername="admin", MasterUserPassword="Correct-Horse-9", **extra)


CASES = [
    Case("baseline", table(f"""
        {ENC}        phi-warehouse          PASS
        {ENC}        legacy-warehouse       FAIL
        {ENC}        default-key-warehouse  PASS
        {PUBLIC}     phi-warehouse          PASS
        {PUBLIC}     legacy-warehouse       FAIL
        {PUBLIC}     default-key-warehouse  PASS
        {KMS}        phi-warehouse          PASS
        {KMS}        legacy-warehouse       FAIL
        {KMS}        default-key-warehouse  FAIL
        {DIRECTORY}  phi-warehouse          PASS
        {DIRECTORY}  legacy-warehouse       PASS
        {DIRECTORY}  default-key-warehouse  PASS
    """)),
    Case(
        "listing-denied",
        table(f"""
            {ENC}        redshift-clusters in us-east-1  UNKNOWN
            {PUBLIC}     redshift-clusters in us-east-1  UNKNOWN
            {KMS}        redshift-clusters in us-east-1  UNKNOWN
            {DIRECTORY}  redshift-clusters in us-east-1  UNKNOWN
        """),
        denied=(("redshift", "DescribeClusters"),),
        unknown_reason="AccessDenied: redshift:DescribeClusters (redshift-clusters in us-east-1)",
    ),
    Case(
        "describe-key-denied",
        table(f"""
            {KMS}  phi-warehouse          UNKNOWN
            {KMS}  legacy-warehouse       FAIL
            {KMS}  default-key-warehouse  FAIL
        """),
        denied=(("kms", "DescribeKey"),),
        unknown_reason="AccessDenied: kms:DescribeKey",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_redshift_database_rules(session: boto3.Session, case: Case) -> None:
    """Per cluster; whose key encrypts it is one DescribeKey per key (the aws/ alias needs none); IAM
    identities can always log in (GetClusterCredentials)."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "redshift-clusters", CANARY), case)


def test_throttled_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("redshift", "DescribeClusters"),),
                unknown_reason="Throttled (retries exhausted): redshift:DescribeClusters "
                               "(redshift-clusters in us-east-1)")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "redshift-clusters", CANARY), case)


TLS = "enc-database-tls-required"


def seed_tls(session: boto3.Session) -> None:
    """tls-warehouse uses its own parameter group, set to require_ssl=true; open-warehouse the default group
    (require_ssl false). moto stores parameter groups but not their modified values: its answer for phi-tls
    is given require_ssl=true after it parses, as AWS lists the value in effect."""
    redshift = session.client("redshift")
    redshift.create_cluster_parameter_group(ParameterGroupName="phi-tls", ParameterGroupFamily="redshift-1.0",
                                            Description="TLS only")
    for name, extra in (("tls-warehouse", {"ClusterParameterGroupName": "phi-tls"}), ("open-warehouse", {})):
        redshift.create_cluster(ClusterIdentifier=name, NodeType="ra3.xlplus", ClusterType="single-node",
                                MasterUsername="admin", MasterUserPassword="Correct-Horse-9", Encrypted=True, **extra)

    def remember(params: dict, context: dict, **_: object) -> None:
        context["hitrust-group"] = params.get("ParameterGroupName")

    def fill(parsed: dict, context: dict, **_: object) -> None:
        if context.get("hitrust-group") == "phi-tls":
            for p in parsed.get("Parameters", []):
                if p["ParameterName"] == "require_ssl":
                    p["ParameterValue"], p["Source"] = "true", "user"

    session.events.register("provide-client-params.redshift.DescribeClusterParameters", remember)
    session.events.register("after-call.redshift.DescribeClusterParameters", fill)


TLS_CASES = [
    Case("require-ssl", table(f"""
        {TLS}  tls-warehouse   PASS
        {TLS}  open-warehouse  FAIL
    """)),
    Case("parameters-denied", table(f"""
        {TLS}  tls-warehouse   UNKNOWN
        {TLS}  open-warehouse  UNKNOWN
    """), denied=(("redshift", "DescribeClusterParameters"),),
        unknown_reason="AccessDenied: redshift:DescribeClusterParameters"),
]


@pytest.mark.parametrize("case", TLS_CASES, ids=lambda c: c.id)
def test_require_ssl(session: boto3.Session, case: Case) -> None:
    """require_ssl read once per parameter group, default groups included (they list their values too)."""
    seed_tls(session)
    apply_denials(session, case)
    check(scan(session, "redshift-clusters", CANARY), case)
