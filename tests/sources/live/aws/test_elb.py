"""Classic Load Balancer listeners: protocols and SSL negotiation policies, through the live scanner against moto.

moto keeps a policy's attributes as given (AWS expands a ``Reference-Security-Policy`` into its
``Protocol-*`` flags); the scanner reads either form.
"""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, reasons, scan, table, verdicts

RULE = "enc-tls-listener-modern"
TCP_REASON = ("TCP listener passes traffic through without terminating it: whether it is TLS end to end "
              "is decided by the targets, not visible at the listener")


def seed(session: boto3.Session) -> None:
    """"legacy": HTTPS 443 on a TLS 1.2 reference policy, SSL 8443 with TLS 1.0 enabled by flags, HTTPS 9443
    with no policy (ELB's default, TLS 1.0), TCP 5432, HTTP 80; "ancient": SSL 443 enabling SSLv3, HTTPS 8443
    on a policy whose reference name is not in the table."""
    elb = session.client("elb")
    cert = session.client("acm").request_certificate(DomainName="legacy.example.com")["CertificateArn"]

    def listener(protocol: str, port: int) -> dict:
        secure = {"SSLCertificateId": cert} if protocol in ("HTTPS", "SSL") else {}
        backend = "TCP" if protocol in ("TCP", "SSL") else "HTTP"
        return {"Protocol": protocol, "LoadBalancerPort": port, "InstanceProtocol": backend, "InstancePort": 8000,
                **secure}

    def policy(lb: str, name: str, attributes: dict[str, str], port: int) -> None:
        elb.create_load_balancer_policy(LoadBalancerName=lb, PolicyName=name, PolicyTypeName="SSLNegotiationPolicyType",
                                        PolicyAttributes=[{"AttributeName": k, "AttributeValue": v}
                                                          for k, v in attributes.items()])
        elb.set_load_balancer_policies_of_listener(LoadBalancerName=lb, LoadBalancerPort=port, PolicyNames=[name])

    elb.create_load_balancer(LoadBalancerName="legacy", AvailabilityZones=["us-east-1a"], Listeners=[
        listener("HTTPS", 443), listener("SSL", 8443), listener("HTTPS", 9443), listener("TCP", 5432),
        listener("HTTP", 80)])
    policy("legacy", "tls12", {"Reference-Security-Policy": "ELBSecurityPolicy-TLS-1-2-2017-01"}, 443)
    policy("legacy", "tls10", {"Protocol-TLSv1": "true", "Protocol-TLSv1.1": "true", "Protocol-TLSv1.2": "true"},
           8443)
    elb.create_load_balancer(LoadBalancerName="ancient", AvailabilityZones=["us-east-1a"], Listeners=[
        listener("SSL", 443), listener("HTTPS", 8443)])
    policy("ancient", "sslv3", {"Protocol-SSLv3": "true", "Protocol-TLSv1": "true"}, 443)
    policy("ancient", "mystery", {"Reference-Security-Policy": "ELBSample-OpenSSLDefaultNegotiationPolicy"}, 8443)


BASELINE_CASE = Case("baseline", table(f"""
    {RULE}  legacy:443    PASS
    {RULE}  legacy:8443   FAIL
    {RULE}  legacy:9443   FAIL
    {RULE}  legacy:5432   UNKNOWN
    {RULE}  legacy:80     FAIL
    {RULE}  ancient:443   FAIL
    {RULE}  ancient:8443  UNKNOWN
"""))
BASELINE = BASELINE_CASE.expected
TABLES = [BASELINE_CASE]  # read by test_rule_coverage; UNKNOWN reasons differ per listener


def test_classic_listeners(session: boto3.Session) -> None:
    """Each classic listener is one TlsListener named "<load balancer>:<port>"."""
    seed(session)
    findings = scan(session, "elb-listeners", CANARY).findings()
    assert verdicts(findings, {RULE}) == set(BASELINE)
    assert reasons(findings, {RULE}) == {
        (RULE, "legacy:5432", TCP_REASON),
        (RULE, "ancient:8443", "unrecognised TLS policy ELBSample-OpenSSLDefaultNegotiationPolicy"),
    }
    messages = {f.resource.name: f.message for f in findings if f.status.value == "FAIL"}
    assert messages == {
        "legacy:8443": "TLS policy allows TLS 1.0",
        "legacy:9443": "TLS policy allows TLS 1.0",
        "legacy:80": "HTTP listener serves unencrypted requests: listener forwards to its instances",
        "ancient:443": "TLS policy allows SSL 3.0",
    }
    assert len({f.id for f in findings}) == len(findings), "one finding id per listener"


def test_policies_denied(session: boto3.Session) -> None:
    """Without the policies no TLS floor is known; plaintext and pass-through listeners do not need them."""
    seed(session)
    apply_denials(session, Case("policies-denied", frozenset(),
                                denied=(("elb", "DescribeLoadBalancerPolicies"),)))
    result = scan(session, "elb-listeners", CANARY)
    findings = result.findings()
    assert verdicts(findings, {RULE}) == set(table(f"""
        {RULE}  legacy:443    UNKNOWN
        {RULE}  legacy:8443   UNKNOWN
        {RULE}  legacy:9443   UNKNOWN
        {RULE}  legacy:5432   UNKNOWN
        {RULE}  legacy:80     FAIL
        {RULE}  ancient:443   UNKNOWN
        {RULE}  ancient:8443  UNKNOWN
    """))
    assert {m for _, n, m in reasons(findings, {RULE}) if n != "legacy:5432"} == {
        "AccessDenied: elb:DescribeLoadBalancerPolicies"}
    assert [c.status for c in result.coverage if c.collector == "elb-listeners"] == ["partial"]


@pytest.mark.parametrize("case", [Case(
    "load-balancers-denied",
    table(f"{RULE}  elb-listeners in us-east-1  UNKNOWN"),
    denied=(("elb", "DescribeLoadBalancers"),),
    unknown_reason="AccessDenied: elb:DescribeLoadBalancers (elb-listeners in us-east-1)",
)], ids=lambda c: c.id)
def test_listing_denied(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "elb-listeners", CANARY), case)
