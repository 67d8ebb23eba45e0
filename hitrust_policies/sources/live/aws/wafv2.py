"""Where internet-facing Application Load Balancers become `WebFirewallAttachment`s.

Read per web ACL, not per load balancer: ``ListWebACLs`` (regional scope) then ``ListResourcesForWebACL`` for
application load balancers, once per ACL, so an account with hundreds of load balancers and a few ACLs makes a few
calls. A load balancer no listed ACL covers has none, unless some ACL's resources could not be listed: then it is
UNKNOWN. Associations made with WAF Classic (end of support September 2025) are not read. Internal load balancers
are not yielded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Unknown, WebFirewallAttachment
from hitrust_policies.sources.live.aws.collector import Ctx, collector

ALB = "APPLICATION_LOAD_BALANCER"


def _web_acls(ctx: Ctx) -> list[dict[str, Any]]:
    client, acls, marker = ctx.client("wafv2"), [], None
    while True:  # WAFv2 pages with NextMarker and has no botocore paginator
        page = client.list_web_acls(Scope="REGIONAL", **({"NextMarker": marker} if marker else {}))
        acls += page.get("WebACLs", [])
        marker = page.get("NextMarker")
        if not marker or not page.get("WebACLs"):
            return acls


@collector("wafv2-load-balancers", service="wafv2", kinds=(WebFirewallAttachment,),
           calls=("wafv2:ListWebACLs", "wafv2:ListResourcesForWebACL", "elbv2:DescribeLoadBalancers"))
def wafv2_load_balancers(ctx: Ctx) -> Iterator[WebFirewallAttachment]:
    lbs = [lb for lb in ctx.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers")  # both default as ELB's
           if lb.get("Type", "application") == "application" and lb.get("Scheme", "internet-facing") != "internal"]
    if not lbs:
        return
    client = ctx.client("wafv2")

    def covered(acl: dict[str, Any]) -> tuple[str, list[str] | Unknown]:
        return acl["ARN"], ctx.fact("wafv2:ListResourcesForWebACL", lambda: client.list_resources_for_web_acl(
            WebACLArn=acl["ARN"], ResourceType=ALB).get("ResourceArns", []))

    by_resource: dict[str, str] = {}
    unseen: Unknown | None = None
    for acl, arns in ctx.fan_out(covered, _web_acls(ctx)):
        if isinstance(arns, Unknown):
            unseen = arns if unseen is None else unseen
            continue
        by_resource.update({arn: acl for arn in arns})
    for lb in lbs:
        arn = lb["LoadBalancerArn"]
        ref = ctx.ref("AWS::ElasticLoadBalancingV2::LoadBalancer", arn, lb["LoadBalancerName"])
        yield WebFirewallAttachment(ref=ref, web_acl=by_resource[arn] if arn in by_resource else unseen)
