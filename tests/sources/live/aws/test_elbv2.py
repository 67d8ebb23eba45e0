"""ALB / NLB listeners: TLS versions and HTTP redirects, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

RULE = "enc-tls-listener-modern"


def seed(session: boto3.Session) -> None:
    """ALB "web" with HTTPS listeners on modern, legacy and unrecognised policies plus an HTTP->HTTPS
    redirect; ALB "api" with a plain HTTP forward; NLB "nlb" with a TLS 1.1 listener and a raw TCP one;
    gateway LB "gw" (GENEVE pass-through: terminates nothing, so it is no TLS listener at all)."""
    ec2, elb = session.client("ec2"), session.client("elbv2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]][:2]
    cert = session.client("acm").request_certificate(DomainName="phi.example.com")["CertificateArn"]
    lbs = {name: elb.create_load_balancer(Name=name, Subnets=subnets, Type=kind)["LoadBalancers"][0]["LoadBalancerArn"]
           for name, kind in (("web", "application"), ("api", "application"), ("nlb", "network"),
                              ("gw", "gateway"))}
    tg = elb.create_target_group(Name="app", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]

    def listener(lb: str, protocol: str, port: int, policy: str | None = None, actions: list | None = None) -> None:
        extra = {"SslPolicy": policy, "Certificates": [{"CertificateArn": cert}]} if policy else {}
        elb.create_listener(LoadBalancerArn=lbs[lb], Protocol=protocol, Port=port,
                            DefaultActions=actions or forward, **extra)

    listener("web", "HTTPS", 443, "ELBSecurityPolicy-TLS13-1-2-2021-06")
    listener("web", "HTTPS", 8443, "ELBSecurityPolicy-2016-08")
    listener("web", "HTTPS", 9443, "my-custom-policy")
    listener("web", "HTTP", 80, actions=[{"Type": "redirect", "RedirectConfig": {
        "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    listener("api", "HTTP", 80)
    listener("nlb", "TLS", 443, "ELBSecurityPolicy-TLS-1-1-2017-01")
    listener("nlb", "TCP", 5432)
    geneve = elb.create_target_group(Name="appliances", Protocol="GENEVE", Port=6081, VpcId=vpc)
    elb.create_listener(LoadBalancerArn=lbs["gw"], DefaultActions=[
        {"Type": "forward", "TargetGroupArn": geneve["TargetGroups"][0]["TargetGroupArn"]}])


CASES = [
    Case(
        "baseline",  # an unrecognised policy name is UNKNOWN, never guessed either way; "gw" is not listed
        table(f"""
            {RULE}  web:443   PASS
            {RULE}  web:8443  FAIL
            {RULE}  web:9443  UNKNOWN
            {RULE}  web:80    PASS
            {RULE}  api:80    FAIL
            {RULE}  nlb:443   FAIL
            {RULE}  nlb:5432  FAIL
        """),
        unknown_reason="unrecognised TLS policy my-custom-policy",
    ),
    Case(
        "listeners-denied",
        table(f"{RULE}  elbv2-listeners in us-east-1  UNKNOWN"),
        denied=(("elbv2", "DescribeListeners"),),
        unknown_reason="AccessDenied: elbv2:DescribeListeners (elbv2-listeners in us-east-1)",
    ),
    Case(
        "load-balancers-denied",
        table(f"{RULE}  elbv2-listeners in us-east-1  UNKNOWN"),
        denied=(("elbv2", "DescribeLoadBalancers"),),
        unknown_reason="AccessDenied: elbv2:DescribeLoadBalancers (elbv2-listeners in us-east-1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_listener_tls(session: boto3.Session, case: Case) -> None:
    """Listeners are named "<load balancer>:<port>"."""
    seed(session)
    apply_denials(session, case)
    check(scan(session, "elbv2-listeners", CANARY), case)


def test_listener_messages(session: boto3.Session) -> None:
    """FAIL messages name the weakness: plaintext protocol or the TLS floor."""
    seed(session)
    messages = {f.resource.name: f.message for f in scan(session, "elbv2-listeners", CANARY).findings()
                if f.status.value == "FAIL"}
    assert messages == {
        "web:8443": "TLS policy allows TLS 1.0",
        "api:80": "HTTP listener accepts unencrypted connections",
        "nlb:443": "TLS policy allows TLS 1.1",
        "nlb:5432": "TCP listener accepts unencrypted connections",
    }
