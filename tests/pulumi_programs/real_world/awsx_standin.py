"""Stand-ins for ``pulumi_awsx`` classes, built the way its generated Python SDK builds them.

The awsx SDK is not a dependency of this project; its classes are thin
``ComponentResource`` subclasses registered with ``remote=True`` whose outputs are
declared with getters and filled by the awsx provider plugin. Under mocks that plugin
never runs, which is exactly what the harness must notice.
"""

import re
from collections.abc import Sequence
from typing import Any

import pulumi


class _Remote(pulumi.ComponentResource):
    TYPE = ""
    OUTPUTS: tuple[str, ...] = ()

    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None, **args: Any) -> None:
        props = {**args, **{output: None for output in self.OUTPUTS}}
        super().__init__(self.TYPE, name, props, opts, remote=True)

    # names on the wire are camelCase, as the generated SDK's type metadata makes them
    def translate_input_property(self, prop: str) -> str:
        head, *rest = prop.split("_")
        return head + "".join(part.title() for part in rest)

    def translate_output_property(self, prop: str) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", prop).lower()


class Vpc(_Remote):
    """``awsx.ec2.Vpc``: a VPC with public and private subnets in each zone, NAT gateways, routes."""

    TYPE = "awsx:ec2:Vpc"
    OUTPUTS = ("vpc_id", "public_subnet_ids", "private_subnet_ids", "isolated_subnet_ids", "vpc", "subnets")

    @property
    @pulumi.getter(name="vpcId")
    def vpc_id(self) -> pulumi.Output[str]:
        return pulumi.get(self, "vpc_id")

    @property
    @pulumi.getter(name="publicSubnetIds")
    def public_subnet_ids(self) -> pulumi.Output[Sequence[str]]:
        return pulumi.get(self, "public_subnet_ids")

    @property
    @pulumi.getter(name="privateSubnetIds")
    def private_subnet_ids(self) -> pulumi.Output[Sequence[str]]:
        return pulumi.get(self, "private_subnet_ids")


class ApplicationLoadBalancer(_Remote):
    """``awsx.lb.ApplicationLoadBalancer``: a load balancer, a default target group and an HTTP listener."""

    TYPE = "awsx:lb:ApplicationLoadBalancer"
    OUTPUTS = ("load_balancer", "default_target_group", "listeners", "vpc_id", "default_security_group")

    @property
    @pulumi.getter(name="vpcId")
    def vpc_id(self) -> pulumi.Output[str]:
        return pulumi.get(self, "vpc_id")
