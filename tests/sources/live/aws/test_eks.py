"""EKS control-plane logging through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

LOGS = "log-cluster-control-plane-logs"
ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def seed(session: boto3.Session) -> None:
    """all-logs-eks delivers every log type; quiet-eks none (the default)."""
    eks = session.client("eks")
    for name, logging in (("all-logs-eks", {"clusterLogging": [{"types": ALL, "enabled": True}]}),
                          ("quiet-eks", None)):
        extra = {"logging": logging} if logging else {}
        eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks",
                           resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d"]}, **extra)


CASES = [
    Case("logging", table(f"""
        {LOGS}  all-logs-eks  PASS
        {LOGS}  quiet-eks     FAIL
    """)),
    Case("describe-denied", table(f"""
        {LOGS}  all-logs-eks  UNKNOWN
        {LOGS}  quiet-eks     UNKNOWN
    """), denied=(("eks", "DescribeCluster"),), unknown_reason="AccessDenied: eks:DescribeCluster"),
    Case("listing-denied", table(f"""
        {LOGS}  eks-clusters in us-east-1  UNKNOWN
    """), denied=(("eks", "ListClusters"),),
        unknown_reason="AccessDenied: eks:ListClusters (eks-clusters in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_control_plane_logs(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "eks-clusters", CANARY), case)


def test_throttled_describe_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("eks", "DescribeCluster"),),
                unknown_reason="Throttled (retries exhausted): eks:DescribeCluster")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "eks-clusters", CANARY), case)
