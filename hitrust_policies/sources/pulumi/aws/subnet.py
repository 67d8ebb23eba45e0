"""VPC subnets (``aws:ec2/subnet:Subnet``): ``mapPublicIpOnLaunch``, off unless set."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import SubnetAddressing
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:ec2/subnet:Subnet", produces=SubnetAddressing)
def subnet(res: PulumiResource, stack: Stack) -> Iterator[SubnetAddressing]:
    yield SubnetAddressing(ref=res.ref(), maps_public_ip=to_bool(res.props.get("mapPublicIpOnLaunch"), False))
