"""Where a Classic Load Balancer's listeners become model values (one `TlsListener` each).

A classic listener speaks HTTP, HTTPS, TCP or SSL. Its TLS floor is that of the SSL negotiation
policy among the listener's policies (``DescribeLoadBalancerPolicies``, one call per load
balancer with such a listener); none attached means ELB's documented default policy. Classic
HTTP listeners cannot redirect: they always forward. Listeners are named
``<load balancer>:<port>``, as the Pulumi source names them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import RequestLogging, TlsListener, Unknown
from hitrust_policies.sources.aws_tls import DEFAULT_SSL_POLICY, min_tls_version, negotiation_min_tls_version
from hitrust_policies.sources.live.aws.collector import Ctx, collector

TERMINATING = ("HTTPS", "SSL")
NEGOTIATION = "SSLNegotiationPolicyType"
CLASSIC_HTTP_ROUTE = "listener forwards to its instances"


@collector(
    "elb-listeners",
    service="elb",
    kinds=(TlsListener,),
    calls=("elb:DescribeLoadBalancers", "elb:DescribeLoadBalancerPolicies"),
)
def elb_listeners(ctx: Ctx) -> Iterator[TlsListener]:
    lbs = list(ctx.paginate("elb", "DescribeLoadBalancers", "LoadBalancerDescriptions"))
    for listeners in ctx.fan_out(lambda lb: list(_listeners(ctx, lb)), lbs):
        yield from listeners


def _policies(ctx: Ctx, lb: dict[str, Any], names: set[str]) -> dict[str, dict[str, str]] | Unknown:
    """SSL negotiation policies among ``names``: policy name -> attributes."""
    if not names:
        return {}
    found = ctx.fact("elb:DescribeLoadBalancerPolicies", lambda: ctx.client("elb").describe_load_balancer_policies(
        LoadBalancerName=lb["LoadBalancerName"], PolicyNames=sorted(names)))
    if isinstance(found, Unknown):
        return found
    return {p["PolicyName"]: {a["AttributeName"]: a.get("AttributeValue", "")
                              for a in p.get("PolicyAttributeDescriptions", [])}
            for p in found.get("PolicyDescriptions", []) if p.get("PolicyTypeName") == NEGOTIATION}


def _listeners(ctx: Ctx, lb: dict[str, Any]) -> Iterator[TlsListener]:
    name = lb["LoadBalancerName"]
    descriptions = lb.get("ListenerDescriptions", [])
    secure = {n for d in descriptions if d["Listener"]["Protocol"].upper() in TERMINATING
              for n in d.get("PolicyNames", [])}
    policies = _policies(ctx, lb, secure)
    ref = ctx.ref("AWS::ElasticLoadBalancing::LoadBalancer", ctx.arn("elasticloadbalancing", f"loadbalancer/{name}"),
                  name)
    for d in descriptions:
        protocol, port = d["Listener"]["Protocol"].upper(), d["Listener"]["LoadBalancerPort"]
        floor: Any = None
        if protocol in TERMINATING:
            floor = policies if isinstance(policies, Unknown) else _floor(d.get("PolicyNames", []), policies)
        yield TlsListener(
            ref=replace(ref, name=f"{name}:{port}", part=str(port)),
            protocol=protocol,
            min_tls_version=floor,
            plaintext_routes=(CLASSIC_HTTP_ROUTE,) if protocol == "HTTP" else (),
        )


def _floor(names: list[str], policies: dict[str, dict[str, str]]) -> str | Unknown:
    attached = [policies[n] for n in names if n in policies]
    return negotiation_min_tls_version(attached[0]) if attached else min_tls_version(DEFAULT_SSL_POLICY)


@collector(
    "elb-load-balancers",
    service="elb",
    kinds=(RequestLogging,),
    calls=("elb:DescribeLoadBalancers", "elb:DescribeLoadBalancerAttributes"),
)
def elb_load_balancers(ctx: Ctx) -> Iterator[RequestLogging]:
    """Classic Load Balancers' access logs (``AccessLog.Enabled``, one attribute read per load balancer)."""
    lbs = list(ctx.paginate("elb", "DescribeLoadBalancers", "LoadBalancerDescriptions"))
    yield from ctx.fan_out(lambda lb: _access_logs(ctx, lb), lbs)


def _access_logs(ctx: Ctx, lb: dict[str, Any]) -> RequestLogging:
    name = lb["LoadBalancerName"]
    found = ctx.fact("elb:DescribeLoadBalancerAttributes", lambda: ctx.client("elb").describe_load_balancer_attributes(
        LoadBalancerName=name)["LoadBalancerAttributes"])
    enabled = found if isinstance(found, Unknown) else bool(found.get("AccessLog", {}).get("Enabled"))
    return RequestLogging(ref=ctx.ref("AWS::ElasticLoadBalancing::LoadBalancer",
                                      ctx.arn("elasticloadbalancing", f"loadbalancer/{name}"), name), enabled=enabled)
