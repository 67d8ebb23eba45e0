"""Where an Application / Network Load Balancer listener becomes a model value."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import TlsListener
from hitrust_policies.sources.aws_tls import min_tls_version
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector(
    "elbv2-listeners",
    service="elbv2",
    kinds=(TlsListener,),
    calls=("elbv2:DescribeLoadBalancers", "elbv2:DescribeListeners"),
)
def elbv2_listeners(ctx: Ctx) -> Iterator[TlsListener]:
    for lb in ctx.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers"):
        if lb.get("Type") == "gateway":  # GENEVE pass-through: accepts no connections, negotiates no TLS
            continue
        for ls in ctx.paginate("elbv2", "DescribeListeners", "Listeners", LoadBalancerArn=lb["LoadBalancerArn"]):
            protocol = ls.get("Protocol", "")
            policy = ls.get("SslPolicy")
            redirects = any(
                a.get("Type") == "redirect" and a.get("RedirectConfig", {}).get("Protocol") == "HTTPS"
                for a in ls.get("DefaultActions", [])
            )
            yield TlsListener(
                ref=ctx.ref("AWS::ElasticLoadBalancingV2::Listener", ls["ListenerArn"],
                            f"{lb['LoadBalancerName']}:{ls.get('Port')}"),
                protocol=protocol,
                min_tls_version=min_tls_version(policy) if policy else None,
                redirects_to_https=redirects,
            )
