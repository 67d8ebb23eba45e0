"""Lambda function URLs (``aws:lambda/functionUrl:FunctionUrl``): ``authorizationType`` (required: ``NONE`` or
``AWS_IAM``), named after the function (and its alias when ``qualifier`` is set)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import FunctionUrl, Unknown
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:lambda/functionUrl:FunctionUrl", produces=FunctionUrl)
def function_url(res: PulumiResource, stack: Stack) -> Iterator[FunctionUrl]:
    auth = res.props.get("authorizationType", Unknown("authorizationType not set"))
    yield FunctionUrl(ref=res.ref("functionName"), auth_required=auth if isinstance(auth, Unknown) else auth != "NONE")
