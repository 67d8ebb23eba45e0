"""ALB / NLB listeners: TLS versions, HTTP routes (default action and rules), through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, reasons, scan, table, verdicts
from tests.verdicts import Verdicts

RULE = "enc-tls-listener-modern"
PASS_THROUGH = ("{} listener passes traffic through without terminating it: whether it is TLS end to end "
                "is decided by the targets, not visible at the listener")


def seed(session: boto3.Session) -> None:
    """ALB "web" with HTTPS listeners on modern, legacy and unrecognised policies plus an HTTP->HTTPS
    redirect; ALB "api" with a plain HTTP forward; ALB "mixed" whose HTTP listeners redirect by default
    but whose rules forward (:80), redirect or answer themselves (:8080), or whose default "redirect"
    keeps HTTP (:8081); NLB "nlb" with a TLS 1.1 listener and raw TCP / UDP ones; gateway LB "gw"
    (GENEVE pass-through: terminates nothing, so it is no TLS listener at all)."""
    ec2, elb = session.client("ec2"), session.client("elbv2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]][:2]
    cert = session.client("acm").request_certificate(DomainName="phi.example.com")["CertificateArn"]
    lbs = {name: elb.create_load_balancer(Name=name, Subnets=subnets, Type=kind)["LoadBalancers"][0]["LoadBalancerArn"]
           for name, kind in (("web", "application"), ("api", "application"), ("mixed", "application"),
                              ("nlb", "network"), ("gw", "gateway"))}
    tg = elb.create_target_group(Name="app", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    dns = elb.create_target_group(Name="dns", Protocol="UDP", Port=53, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]
    to_https = [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]
    to_http = [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP", "Host": "legacy.example.com",
                                                       "StatusCode": "HTTP_302"}}]
    fixed = [{"Type": "fixed-response", "FixedResponseConfig": {"ContentType": "text/plain", "StatusCode": "404"}}]

    def listener(lb: str, protocol: str, port: int, policy: str | None = None, actions: list | None = None) -> str:
        extra = {"SslPolicy": policy, "Certificates": [{"CertificateArn": cert}]} if policy else {}
        return elb.create_listener(LoadBalancerArn=lbs[lb], Protocol=protocol, Port=port,
                                   DefaultActions=actions or forward, **extra)["Listeners"][0]["ListenerArn"]

    def rule(listener_arn: str, priority: int, actions: list) -> None:
        elb.create_rule(ListenerArn=listener_arn, Priority=priority, Actions=actions,
                        Conditions=[{"Field": "path-pattern", "Values": [f"/p{priority}/*"]}])

    listener("web", "HTTPS", 443, "ELBSecurityPolicy-TLS13-1-2-2021-06")
    listener("web", "HTTPS", 8443, "ELBSecurityPolicy-2016-08")
    listener("web", "HTTPS", 9443, "my-custom-policy")
    listener("web", "HTTP", 80, actions=to_https)
    listener("api", "HTTP", 80)
    behind_redirect = listener("mixed", "HTTP", 80, actions=to_https)
    rule(behind_redirect, 10, forward)
    all_redirect = listener("mixed", "HTTP", 8080, actions=to_https)
    rule(all_redirect, 5, to_https)
    rule(all_redirect, 6, fixed)
    listener("mixed", "HTTP", 8081, actions=to_http)
    listener("nlb", "TLS", 443, "ELBSecurityPolicy-TLS-1-1-2017-01")
    listener("nlb", "TCP", 5432)
    listener("nlb", "UDP", 53, actions=[{"Type": "forward", "TargetGroupArn": dns}])
    geneve = elb.create_target_group(Name="appliances", Protocol="GENEVE", Port=6081, VpcId=vpc)
    elb.create_listener(LoadBalancerArn=lbs["gw"], DefaultActions=[
        {"Type": "forward", "TargetGroupArn": geneve["TargetGroups"][0]["TargetGroupArn"]}])


BASELINE_CASE = Case("baseline", table(f"""
    {RULE}  web:443     PASS
    {RULE}  web:8443    FAIL
    {RULE}  web:9443    UNKNOWN
    {RULE}  web:80      PASS
    {RULE}  api:80      FAIL
    {RULE}  mixed:80    FAIL
    {RULE}  mixed:8080  PASS
    {RULE}  mixed:8081  FAIL
    {RULE}  nlb:443     FAIL
    {RULE}  nlb:5432    UNKNOWN
    {RULE}  nlb:53      UNKNOWN
"""))
BASELINE = BASELINE_CASE.expected
TABLES = [BASELINE_CASE]  # read by test_rule_coverage; UNKNOWN reasons differ per listener


def test_listener_baseline(session: boto3.Session) -> None:
    """Listeners are named "<load balancer>:<port>"; "gw" is not listed; each UNKNOWN says why."""
    seed(session)
    findings = scan(session, "elbv2-listeners", CANARY).findings()
    assert verdicts(findings, {RULE}) == set(BASELINE)
    assert reasons(findings, {RULE}) == {
        (RULE, "web:9443", "unrecognised TLS policy my-custom-policy"),
        (RULE, "nlb:5432", PASS_THROUGH.format("TCP")),
        (RULE, "nlb:53", PASS_THROUGH.format("UDP")),
    }


def test_rules_denied(session: boto3.Session) -> None:
    """A default action that forwards already fails the listener; a redirecting one no longer settles it."""
    seed(session)
    apply_denials(session, Case("rules-denied", frozenset(), denied=(("elbv2", "DescribeRules"),)))
    findings = scan(session, "elbv2-listeners", CANARY).findings()
    http = table(f"""
        {RULE}  web:80      UNKNOWN
        {RULE}  api:80      FAIL
        {RULE}  mixed:80    UNKNOWN
        {RULE}  mixed:8080  UNKNOWN
        {RULE}  mixed:8081  FAIL
    """)
    assert verdicts(findings, {RULE}) == Verdicts(t for t in BASELINE if t[1] not in {n for _, n, _ in http}) + http
    assert {(name, message) for _, name, message in reasons(findings, {RULE}) if name in {"web:80", "mixed:80"}} == {
        ("web:80", "AccessDenied: elbv2:DescribeRules"), ("mixed:80", "AccessDenied: elbv2:DescribeRules")}


CASES = [
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
def test_listing_denied(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "elbv2-listeners", CANARY), case)


def test_listener_messages(session: boto3.Session) -> None:
    """FAIL messages name the weakness: the plaintext route (default action or rule) or the TLS floor."""
    seed(session)
    messages = {f.resource.name: f.message for f in scan(session, "elbv2-listeners", CANARY).findings()
                if f.status.value == "FAIL"}
    assert messages == {
        "web:8443": "TLS policy allows TLS 1.0",
        "api:80": "HTTP listener serves unencrypted requests: default action forwards",
        "mixed:80": "HTTP listener serves unencrypted requests: rule 10 forwards",
        "mixed:8081": "HTTP listener serves unencrypted requests: default action redirects to HTTP",
        "nlb:443": "TLS policy allows TLS 1.1",
    }


def test_rules_read_only_for_http_listeners(session: boto3.Session) -> None:
    """DescribeRules is one call per HTTP listener (five here), none for HTTPS / TLS / TCP / UDP."""
    seed(session)
    result = scan(session, "elbv2-listeners")
    assert result.calls["elbv2:DescribeRules"] == 5
