"""Load balancers' access logs (ALB / NLB / Classic) through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

LOGS = "log-request-logging"


def seed(session: boto3.Session) -> None:
    """ALB logged-alb and NLB logged-nlb write access logs to S3, ALB quiet-alb does not (the default), gateway LB
    gw keeps none (not judged); Classic logged-clb writes them, quiet-clb does not."""
    ec2, elbv2, elb = session.client("ec2"), session.client("elbv2"), session.client("elb")
    session.client("s3").create_bucket(Bucket="lb-access-logs")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]][:2]
    for name, kind, logged in (("logged-alb", "application", True), ("quiet-alb", "application", False),
                               ("logged-nlb", "network", True), ("gw", "gateway", False)):
        arn = elbv2.create_load_balancer(Name=name, Subnets=subnets, Type=kind)["LoadBalancers"][0]["LoadBalancerArn"]
        if logged:
            elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
                {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket",
                                                                     "Value": "lb-access-logs"}])
    for name, logged in (("logged-clb", True), ("quiet-clb", False)):
        elb.create_load_balancer(LoadBalancerName=name, AvailabilityZones=["us-east-1a"], Listeners=[
            {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])
        if logged:
            elb.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes={"AccessLog": {
                "Enabled": True, "S3BucketName": "lb-access-logs", "EmitInterval": 5}})


CASES = [
    Case("access-logs", table(f"""
        {LOGS}  logged-alb  PASS
        {LOGS}  quiet-alb   FAIL
        {LOGS}  logged-nlb  PASS
        {LOGS}  logged-clb  PASS
        {LOGS}  quiet-clb   FAIL
    """)),
    Case("v2-attributes-denied", table(f"""
        {LOGS}  logged-alb  UNKNOWN
        {LOGS}  quiet-alb   UNKNOWN
        {LOGS}  logged-nlb  UNKNOWN
        {LOGS}  logged-clb  PASS
        {LOGS}  quiet-clb   FAIL
    """), denied=(("elbv2", "DescribeLoadBalancerAttributes"),),
        unknown_reason="AccessDenied: elbv2:DescribeLoadBalancerAttributes"),
    Case("classic-listing-denied", table(f"""
        {LOGS}  logged-alb                      PASS
        {LOGS}  quiet-alb                       FAIL
        {LOGS}  logged-nlb                      PASS
        {LOGS}  elb-load-balancers in us-east-1  UNKNOWN
    """), denied=(("elb", "DescribeLoadBalancers"),),
        unknown_reason="AccessDenied: elb:DescribeLoadBalancers (elb-load-balancers in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_load_balancer_access_logs(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "elbv2-load-balancers", "elb-load-balancers", CANARY), case)


def test_throttled_attributes_are_unknown(session: boto3.Session) -> None:
    """A classic load balancer's attributes throttled past the retries: that load balancer is UNKNOWN."""
    seed(session)
    case = Case("throttled", table(f"""
        {LOGS}  logged-clb  UNKNOWN
        {LOGS}  quiet-clb   UNKNOWN
    """), denied=(("elb", "DescribeLoadBalancerAttributes"),),
        unknown_reason="Throttled (retries exhausted): elb:DescribeLoadBalancerAttributes")
    apply_denials(case=case, session=session, code="Throttling", status=400)
    check(scan(session, "elb-load-balancers", CANARY), case)
