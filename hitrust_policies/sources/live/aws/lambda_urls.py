"""Where Lambda function URLs become `FunctionUrl` values (``ListFunctions``, then ``ListFunctionUrlConfigs`` per
function, a few at a time: Lambda has no batch read of URL configurations)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import FunctionUrl, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("lambda-function-urls", service="lambda", kinds=(FunctionUrl,),
           calls=("lambda:ListFunctions", "lambda:ListFunctionUrlConfigs"))
def lambda_function_urls(ctx: Ctx) -> Iterator[FunctionUrl]:
    functions = list(ctx.paginate("lambda", "ListFunctions", "Functions"))
    for urls in ctx.fan_out(lambda fn: _urls(ctx, fn), functions):
        yield from urls


def _urls(ctx: Ctx, fn: dict[str, Any]) -> list[FunctionUrl]:
    """The function's URLs (its unqualified one and its aliases'), named ``function`` or ``function:alias``; a
    function whose URLs cannot be listed is one Unknown named after it."""
    name, arn = fn["FunctionName"], fn["FunctionArn"]
    client = ctx.client("lambda")
    configs = ctx.fact("lambda:ListFunctionUrlConfigs",
                       lambda: [c for page in client.get_paginator("list_function_url_configs").paginate(
                           FunctionName=name) for c in page.get("FunctionUrlConfigs", [])])
    if isinstance(configs, Unknown):
        return [FunctionUrl(ref=ctx.ref("AWS::Lambda::Url", arn, name), auth_required=configs)]
    out = []
    for config in configs:
        url_arn = config.get("FunctionArn") or arn
        qualifier = url_arn.split(":")[7] if url_arn.count(":") >= 7 else None
        out.append(FunctionUrl(ref=ctx.ref("AWS::Lambda::Url", url_arn, f"{name}:{qualifier}" if qualifier else name),
                               auth_required=config.get("AuthType") != "NONE"))
    return out
