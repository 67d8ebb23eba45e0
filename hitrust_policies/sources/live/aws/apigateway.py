"""Where API Gateway REST API stages become `RequestLogging` values: a stage logs every request when its
access log settings name a destination (``GetRestApis``, then ``GetStages`` once per API, a few at a time:
API Gateway has no account-wide stage listing). Stages are named ``<api>/<stage>``, as the Pulumi source
names them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import RequestLogging, Unknown
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


@collector("apigateway-stages", service="apigateway", kinds=(RequestLogging,),
           calls=("apigateway:GetRestApis", "apigateway:GetStages"))
def apigateway_stages(ctx: Ctx) -> Iterator[RequestLogging]:
    apis = list(ctx.paginate("apigateway", "GetRestApis", "items"))

    def one(api: dict[str, Any]) -> list[RequestLogging]:
        found = stages(ctx, api)
        if isinstance(found, Unknown):
            return [RequestLogging(ref=stage_ref(ctx, api, "*"), enabled=found)]
        return [RequestLogging(ref=stage_ref(ctx, api, s["stageName"]),
                               enabled=bool(s.get("accessLogSettings", {}).get("destinationArn"))) for s in found]

    for logged in ctx.fan_out(one, apis):
        yield from logged
