"""Where API Gateway REST API stages become `RequestLogging` values (a stage logs every request when its
access log settings name a destination) and, unless the API is private (reachable from VPC endpoints only),
`WebFirewallAttachment`s (the stage's ``webAclArn``, set by WAFv2 and WAF Classic associations alike).

``GetRestApis``, then ``GetStages`` once per API, a few at a time: API Gateway has no account-wide stage
listing. Stages are named ``<api>/<stage>``, as the Pulumi source names them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import RequestLogging, Unknown, WebFirewallAttachment
from hitrust_policies.sources.aws_edge import stage_name
from hitrust_policies.sources.live.aws.collector import Ctx, collector

NATIVE_TYPE = "AWS::ApiGateway::Stage"


def stages(ctx: Ctx, api: dict[str, Any]) -> list[dict[str, Any]] | Unknown:
    """The API's stages, or one Unknown for all of them."""
    return ctx.fact("apigateway:GetStages",
                    lambda: ctx.client("apigateway").get_stages(restApiId=api["id"]).get("item", []))


def stage_ref(ctx: Ctx, api: dict[str, Any], stage: str) -> Any:
    arn = f"arn:{ctx.partition}:apigateway:{ctx.region}::/restapis/{api['id']}/stages/{stage}"
    return ctx.ref(NATIVE_TYPE, arn, stage_name(api["name"], stage))


def private(api: dict[str, Any]) -> bool:
    return "PRIVATE" in api.get("endpointConfiguration", {}).get("types", [])


@collector("apigateway-stages", service="apigateway", kinds=(RequestLogging, WebFirewallAttachment),
           calls=("apigateway:GetRestApis", "apigateway:GetStages"))
def apigateway_stages(ctx: Ctx) -> Iterator[RequestLogging | WebFirewallAttachment]:
    apis = list(ctx.paginate("apigateway", "GetRestApis", "items"))

    def one(api: dict[str, Any]) -> list[RequestLogging | WebFirewallAttachment]:
        found = stages(ctx, api)
        if isinstance(found, Unknown):
            ref = stage_ref(ctx, api, "*")
            return [RequestLogging(ref=ref, enabled=found)] + (
                [] if private(api) else [WebFirewallAttachment(ref=ref, web_acl=found)])
        out: list[RequestLogging | WebFirewallAttachment] = []
        for s in found:
            ref = stage_ref(ctx, api, s["stageName"])
            out.append(RequestLogging(ref=ref, enabled=bool(s.get("accessLogSettings", {}).get("destinationArn"))))
            if not private(api):
                out.append(WebFirewallAttachment(ref=ref, web_acl=s.get("webAclArn") or None))
        return out

    for logged in ctx.fan_out(one, apis):
        yield from logged
