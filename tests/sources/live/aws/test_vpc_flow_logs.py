"""VPC flow logs count only when they capture all traffic (TrafficType ALL) of the whole VPC."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

FLOWS = "log-network-flow-logs"


def seed(session: boto3.Session) -> None:
    """all-vpc: ALL; reject-vpc: REJECT only (CIS AWS's minimum); accept-vpc: ACCEPT and REJECT in two logs, neither
    ALL; subnet-vpc: ALL, but on one subnet only. The default VPC has none."""
    ec2 = session.client("ec2")

    def vpc(name: str, cidr: str) -> str:
        return ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]

    def flow(resource: str, kind: str, traffic: str) -> None:
        ec2.create_flow_logs(ResourceIds=[resource], ResourceType=kind, TrafficType=traffic,
                             LogGroupName=f"/flows/{resource}/{traffic}",
                             DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs")

    flow(vpc("all-vpc", "10.1.0.0/16"), "VPC", "ALL")
    flow(vpc("reject-vpc", "10.2.0.0/16"), "VPC", "REJECT")
    both = vpc("accept-vpc", "10.3.0.0/16")
    flow(both, "VPC", "ACCEPT")
    flow(both, "VPC", "REJECT")
    subnet = ec2.create_subnet(VpcId=vpc("subnet-vpc", "10.4.0.0/16"), CidrBlock="10.4.1.0/24")["Subnet"]["SubnetId"]
    flow(subnet, "Subnet", "ALL")
    default = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    ec2.create_tags(Resources=[default], Tags=[{"Key": "Name", "Value": "default-vpc"}])


CASES = [
    Case("traffic-types", table(f"""
        {FLOWS}  all-vpc      PASS
        {FLOWS}  reject-vpc   FAIL
        {FLOWS}  accept-vpc   FAIL
        {FLOWS}  subnet-vpc   FAIL
        {FLOWS}  default-vpc  FAIL
    """)),
    Case("flow-logs-denied", table(f"""
        {FLOWS}  all-vpc      UNKNOWN
        {FLOWS}  reject-vpc   UNKNOWN
        {FLOWS}  accept-vpc   UNKNOWN
        {FLOWS}  subnet-vpc   UNKNOWN
        {FLOWS}  default-vpc  UNKNOWN
    """), denied=(("ec2", "DescribeFlowLogs"),), unknown_reason="AccessDenied: ec2:DescribeFlowLogs"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_flow_logs_capture_all_traffic(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "ec2-vpcs", CANARY), case)


def test_throttled_flow_logs_are_unknown(session: boto3.Session) -> None:
    """Throttling that outlasts the retries is a gap, never a FAIL."""
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=(("ec2", "DescribeFlowLogs"),),
                unknown_reason="Throttled (retries exhausted): ec2:DescribeFlowLogs")
    apply_denials(session, case, code="Throttling", status=400)
    check(scan(session, "ec2-vpcs", CANARY), case)
