"""Web ACLs in front of internet-facing Application Load Balancers and API Gateway REST stages, joined through
``aws:wafv2/webAclAssociation:WebAclAssociation`` (``resourceArn`` -> the front end), as `WebFirewallAttachment`s
(CloudFront distributions name theirs in ``webAclId``: `sources.pulumi.aws.cloudfront`). An association whose
target is unknown at preview leaves a front end with no known association UNKNOWN. Internal load balancers and
private APIs are not yielded, as live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Unknown, WebFirewallAttachment
from hitrust_policies.sources.aws_tls import DEFAULT_LOAD_BALANCER_TYPE
from hitrust_policies.sources.pulumi.aws.apigateway import REST_API, STAGE, stage_display_name
from hitrust_policies.sources.pulumi.aws.lb import LOAD_BALANCERS
from hitrust_policies.sources.pulumi.props import preview_unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"


def attached_acl(res: PulumiResource, stack: Stack) -> str | None | Unknown:
    """The web ACL an association in the stack attaches to ``res`` (its ARN, or the association's name while the
    ARN is computed), None when none does, Unknown when an association's target is not known yet."""
    sure, maybe = stack.referrers(res, (ASSOCIATION,), "resourceArn", match_props=("arn",))
    if sure:
        acl = sure[0].props.get("webAclArn")
        return acl if isinstance(acl, str) and acl else f"web ACL of {sure[0].logical_name}"
    if maybe:
        return preview_unknown(f"resourceArn of {maybe[0].logical_name}")
    return None


@pulumi_adapter(*LOAD_BALANCERS, produces=WebFirewallAttachment, joins=True)
def load_balancer(res: PulumiResource, stack: Stack) -> Iterator[WebFirewallAttachment]:
    kind, internal = res.props.get("loadBalancerType", DEFAULT_LOAD_BALANCER_TYPE), res.props.get("internal", False)
    if (isinstance(kind, str) and kind != "application") or internal is True:
        return
    acl: Any = attached_acl(res, stack)
    if acl is None and isinstance(internal, Unknown):
        acl = internal  # an internal load balancer would not be judged at all
    yield WebFirewallAttachment(ref=res.ref("name"), web_acl=acl)


@pulumi_adapter(STAGE, produces=WebFirewallAttachment, joins=True)
def stage(res: PulumiResource, stack: Stack) -> Iterator[WebFirewallAttachment]:
    api = stack.referent(res, "restApi", (REST_API,))
    types = api.props.get("endpointConfiguration.types") if api is not None else None
    if types == "PRIVATE" or (isinstance(types, list) and "PRIVATE" in types):  # a string on pulumi-aws v7
        return
    yield WebFirewallAttachment(ref=res.ref(name=stage_display_name(res, stack)), web_acl=attached_acl(res, stack))
