"""EKS API server endpoints through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

RULE = "net-cluster-endpoint-not-public"


def seed(session: boto3.Session) -> None:
    """private-eks has no public endpoint; office-eks admits one range; open-eks admits 0.0.0.0/0; default-eks
    leaves both settings to EKS (public, 0.0.0.0/0)."""
    eks = session.client("eks")
    for name, vpc in (("private-eks", {"endpointPublicAccess": False, "endpointPrivateAccess": True}),
                      ("office-eks", {"endpointPublicAccess": True, "publicAccessCidrs": ["203.0.113.0/24"]}),
                      ("open-eks", {"endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]}),
                      ("default-eks", {})):
        eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks",
                           resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d"], **vpc})


CASES = [
    Case("endpoints", table(f"""
        {RULE}  private-eks  PASS
        {RULE}  office-eks   PASS
        {RULE}  open-eks     FAIL
        {RULE}  default-eks  FAIL
    """)),
    Case("describe-denied", table(f"""
        {RULE}  private-eks  UNKNOWN
        {RULE}  office-eks   UNKNOWN
        {RULE}  open-eks     UNKNOWN
        {RULE}  default-eks  UNKNOWN
    """), denied=(("eks", "DescribeCluster"),), unknown_reason="AccessDenied: eks:DescribeCluster"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_cluster_endpoints(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "eks-clusters", CANARY), case)


def test_throttled_describe_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("eks", "DescribeCluster"),),
                unknown_reason="Throttled (retries exhausted): eks:DescribeCluster")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "eks-clusters", CANARY), case)
