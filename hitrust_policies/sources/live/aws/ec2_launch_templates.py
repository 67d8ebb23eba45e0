"""Where EC2 launch templates' default versions become `InstanceMetadata` values: the metadata options every
instance launched from the template (directly, by an Auto Scaling group or an EKS node group) starts with.

One paginated ``DescribeLaunchTemplateVersions`` with ``Versions=["$Default"]`` and no template id answers the
default version of every template in the region: nothing per template."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import InstanceMetadata
from hitrust_policies.sources import aws_metadata
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("ec2-launch-templates", service="ec2", kinds=(InstanceMetadata,),
           calls=("ec2:DescribeLaunchTemplateVersions",))
def ec2_launch_templates(ctx: Ctx) -> Iterator[InstanceMetadata]:
    for version in ctx.paginate("ec2", "DescribeLaunchTemplateVersions", "LaunchTemplateVersions",
                                Versions=["$Default"]):
        options = (version.get("LaunchTemplateData") or {}).get("MetadataOptions") or {}
        template_id = version["LaunchTemplateId"]
        yield InstanceMetadata(
            ref=ctx.ref("AWS::EC2::LaunchTemplate", ctx.arn("ec2", f"launch-template/{template_id}"),
                        version.get("LaunchTemplateName") or template_id),
            endpoint_enabled=aws_metadata.endpoint_enabled(options.get("HttpEndpoint")),
            tokens_required=aws_metadata.tokens_required(options.get("HttpTokens")),
        )
