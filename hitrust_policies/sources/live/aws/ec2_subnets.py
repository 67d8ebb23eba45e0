"""Where VPC subnets' launch defaults become `SubnetAddressing` values (``DescribeSubnets``, paginated: one call per
thousand subnets)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import SubnetAddressing
from hitrust_policies.sources.live.aws.collector import Ctx, collector, tag


@collector("ec2-subnets", service="ec2", kinds=(SubnetAddressing,), calls=("ec2:DescribeSubnets",))
def ec2_subnets(ctx: Ctx) -> Iterator[SubnetAddressing]:
    """Every subnet, a default VPC's default subnets (which map public IPv4 addresses) included."""
    for subnet in ctx.paginate("ec2", "DescribeSubnets", "Subnets"):
        sid = subnet["SubnetId"]
        yield SubnetAddressing(
            ref=ctx.ref("AWS::EC2::Subnet", subnet.get("SubnetArn") or ctx.arn("ec2", f"subnet/{sid}"),
                        tag(subnet.get("Tags")) or sid),
            maps_public_ip=bool(subnet.get("MapPublicIpOnLaunch")),
        )
