"""EC2 launch templates (``aws:ec2/launchTemplate:LaunchTemplate``): ``metadataOptions``, which every instance
launched from the template starts with; left out, instances get the launch default (IMDSv1 answered too)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import InstanceMetadata, Unknown
from hitrust_policies.sources import aws_metadata
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:ec2/launchTemplate:LaunchTemplate", produces=InstanceMetadata)
def launch_template(res: PulumiResource, stack: Stack) -> Iterator[InstanceMetadata]:
    options = optional(res.props.get("metadataOptions"))
    if isinstance(options, Unknown):
        yield InstanceMetadata(ref=res.ref("name"), endpoint_enabled=options, tokens_required=options)
        return
    options = options or {}
    yield InstanceMetadata(ref=res.ref("name"),
                           endpoint_enabled=aws_metadata.endpoint_enabled(options.get("httpEndpoint")),
                           tokens_required=aws_metadata.tokens_required(options.get("httpTokens")))
