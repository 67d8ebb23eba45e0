"""Where Lambda functions become `ServerlessFunction` values (``ListFunctions`` returns each function's
``VpcConfig``: one paginated call per region, nothing per function)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ServerlessFunction
from hitrust_policies.sources import aws_functions
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("lambda-functions", service="lambda", kinds=(ServerlessFunction,), calls=("lambda:ListFunctions",))
def lambda_functions(ctx: Ctx) -> Iterator[ServerlessFunction]:
    for fn in ctx.paginate("lambda", "ListFunctions", "Functions"):
        yield ServerlessFunction(ref=ctx.ref("AWS::Lambda::Function", fn["FunctionArn"], fn["FunctionName"]),
                                 in_private_network=aws_functions.in_vpc(fn.get("VpcConfig"), "SubnetIds"))
