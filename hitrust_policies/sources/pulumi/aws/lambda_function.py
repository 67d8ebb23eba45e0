"""Lambda functions (``aws:lambda/function:Function``): ``vpcConfig.subnetIds``, none unless set."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ServerlessFunction
from hitrust_policies.sources import aws_functions
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:lambda/function:Function", produces=ServerlessFunction)
def function(res: PulumiResource, stack: Stack) -> Iterator[ServerlessFunction]:
    yield ServerlessFunction(ref=res.ref("name"),
                             in_private_network=aws_functions.in_vpc(optional(res.props.get("vpcConfig")), "subnetIds"))
