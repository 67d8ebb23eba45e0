"""API Gateway REST API stages (``aws:apigateway/stage:Stage``) as `RequestLogging`: access logs are on when
``accessLogSettings`` names a destination (the block requires one, so a destination ARN still to be computed is
one). Named ``<api name>/<stage name>`` as the live scanner names them, the API joined through ``restApi``; an
API outside the stack leaves its id (or the stage's logical name) in the name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import RequestLogging, Unknown
from hitrust_policies.sources.aws_edge import stage_name
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

REST_API = "aws:apigateway/restApi:RestApi"
STAGE = "aws:apigateway/stage:Stage"


def stage_display_name(res: PulumiResource, stack: Stack) -> str:
    api = stack.referent(res, "restApi", (REST_API,))
    stage = res.props.name_candidate("stageName")
    if stage is None:
        return res.logical_name
    if api is not None:
        return stage_name(api.display_name("name"), stage)
    api_id = res.props.name_candidate("restApi")
    return stage_name(api_id, stage) if api_id else res.logical_name


@pulumi_adapter(STAGE, produces=RequestLogging, joins=True)
def stage(res: PulumiResource, stack: Stack) -> Iterator[RequestLogging]:
    settings: Any = res.props.get("accessLogSettings")
    enabled = settings if isinstance(settings, Unknown) else bool(
        settings and res.props.get("accessLogSettings.destinationArn") is not None)
    yield RequestLogging(ref=res.ref(name=stage_display_name(res, stack)), enabled=enabled)
