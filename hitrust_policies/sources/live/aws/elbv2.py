"""Where an Application / Network Load Balancer listener becomes a model value.

An HTTP listener's rules are read too (``DescribeRules``, one call per HTTP listener, a few at
a time): a redirecting default action says nothing about a rule that forwards ``/api/*`` in
plaintext. The route semantics are shared with the Pulumi source (`sources.aws_tls`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import RequestLogging, TlsListener, Unknown
from hitrust_policies.sources.aws_tls import min_tls_version, plaintext_route, routes
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector(
    "elbv2-listeners",
    service="elbv2",
    kinds=(TlsListener,),
    calls=("elbv2:DescribeLoadBalancers", "elbv2:DescribeListeners", "elbv2:DescribeRules"),
)
def elbv2_listeners(ctx: Ctx) -> Iterator[TlsListener]:
    listeners: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for lb in ctx.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers"):
        if lb.get("Type") == "gateway":  # GENEVE pass-through: accepts no connections, negotiates no TLS
            continue
        listeners += [(lb, ls) for ls in ctx.paginate("elbv2", "DescribeListeners", "Listeners",
                                                       LoadBalancerArn=lb["LoadBalancerArn"])]
    yield from ctx.fan_out(lambda pair: _listener(ctx, *pair), listeners)


def _listener(ctx: Ctx, lb: dict[str, Any], ls: dict[str, Any]) -> TlsListener:
    protocol = ls.get("Protocol", "")
    policy = ls.get("SslPolicy")
    return TlsListener(
        ref=ctx.ref("AWS::ElasticLoadBalancingV2::Listener", ls["ListenerArn"],
                    f"{lb['LoadBalancerName']}:{ls.get('Port')}"),
        protocol=protocol,
        min_tls_version=min_tls_version(policy) if policy else None,
        plaintext_routes=_plaintext_routes(ctx, ls) if protocol == "HTTP" else (),
    )


def _plaintext_routes(ctx: Ctx, ls: dict[str, Any]) -> tuple[str, ...] | Unknown:
    """The default action and every rule of an HTTP listener that serve requests in plaintext."""
    default = plaintext_route(ls.get("DefaultActions", []), "default action")
    try:
        rules = [r for r in ctx.paginate("elbv2", "DescribeRules", "Rules", ListenerArn=ls["ListenerArn"])
                 if not r.get("IsDefault")]
    except Exception as exc:  # the default action may still settle it
        return routes(default, ctx.unknown("elbv2:DescribeRules", exc))
    rules.sort(key=lambda r: int(r.get("Priority", 0)))
    return routes(default, *(plaintext_route(r.get("Actions", []), f"rule {r.get('Priority')}") for r in rules))


@collector(
    "elbv2-load-balancers",
    service="elbv2",
    kinds=(RequestLogging,),
    calls=("elbv2:DescribeLoadBalancers", "elbv2:DescribeLoadBalancerAttributes"),
)
def elbv2_load_balancers(ctx: Ctx) -> Iterator[RequestLogging]:
    """Application and Network Load Balancers' access logs (``access_logs.s3.enabled``, one attribute read per
    load balancer, a few at a time); gateway load balancers keep none."""
    lbs = [lb for lb in ctx.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers") if lb.get("Type") != "gateway"]
    yield from ctx.fan_out(lambda lb: _access_logs(ctx, lb), lbs)


def _access_logs(ctx: Ctx, lb: dict[str, Any]) -> RequestLogging:
    elbv2 = ctx.client("elbv2")
    found = ctx.fact("elbv2:DescribeLoadBalancerAttributes", lambda: elbv2.describe_load_balancer_attributes(
        LoadBalancerArn=lb["LoadBalancerArn"])["Attributes"])
    enabled = found if isinstance(found, Unknown) else any(
        a.get("Key") == "access_logs.s3.enabled" and str(a.get("Value")).lower() == "true" for a in found)
    return RequestLogging(ref=ctx.ref("AWS::ElasticLoadBalancingV2::LoadBalancer", lb["LoadBalancerArn"],
                                      lb["LoadBalancerName"]), enabled=enabled)
