"""EC2 instances (``aws:ec2/instance:Instance``) as `ComputeInstance`s.

A public IPv4 comes from ``associatePublicIpAddress``, or, left out, from the subnet's
``mapPublicIpOnLaunch`` (a subnet this stack creates: off unless set; no ``subnetId`` at all: the
default VPC's default subnet, which maps one). Interfaces attached as their own resources, or a
subnet the stack does not create, are only visible in a live account. IPv6 addresses count too.
Host encryption follows the instance type's family (see `aws_instances`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ComputeInstance, InstanceMetadata, Unknown
from hitrust_policies.sources import aws_instances, aws_metadata
from hitrust_policies.sources.pulumi.props import optional, to_bool, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

INSTANCE = "aws:ec2/instance:Instance"
SUBNET = "aws:ec2/subnet:Subnet"
ASSIGNED = "(public IPv4 assigned at launch)"


def _maps_public_ip(res: PulumiResource, stack: Stack) -> Any:
    """Does the subnet the instance launches in give it a public IPv4?"""
    subnet_id = res.props.get("subnetId")
    if subnet_id is None:
        return True  # the default VPC's default subnet maps public IPv4 addresses
    deps = res.property_dependencies.get("subnetId", ())
    for subnet in stack.of_type(SUBNET):
        if subnet.urn in deps or (isinstance(subnet_id, str) and subnet.props.get("id") == subnet_id):
            return to_bool(subnet.props.get("mapPublicIpOnLaunch"), False)
    if isinstance(subnet_id, Unknown):
        return subnet_id
    return Unknown(f"subnet {subnet_id} is not created in this stack: whether it maps public IPs is only visible "
                   "in a live account")


def _public_addresses(res: PulumiResource, stack: Stack) -> tuple[str, ...] | Unknown:
    interfaces = optional(res.props.get("networkInterfaces"))
    if isinstance(interfaces, Unknown):  # the interface list itself is unknown: its own reason says why
        return interfaces
    if interfaces is not None:
        return Unknown("network interfaces attached as their own resources: their public IPs are only visible "
                       "in a live account")
    public_ip = res.props.get("publicIp")
    if isinstance(public_ip, str) and public_ip:
        v4: Any = (public_ip,)
    else:
        assign = to_bool(res.props.get("associatePublicIpAddress"))
        assign = _maps_public_ip(res, stack) if assign is None else assign
        v4 = assign if isinstance(assign, Unknown) else ((ASSIGNED,) if assign else ())
    v6 = optional(res.props.get("ipv6Addresses")) or []
    count = to_int(res.props.get("ipv6AddressCount")) or 0
    if isinstance(v6, Unknown) or isinstance(count, Unknown):
        return v6 if isinstance(v6, Unknown) else count
    if isinstance(v4, Unknown):
        return v4
    return (*v4, *v6, *(["(IPv6 address assigned at launch)"] * max(count - len(v6), 0)))


def _forwards(res: PulumiResource) -> bool | Unknown:
    """``sourceDestCheck`` (true unless set) covers the primary interface; interfaces attached as their own
    resources carry their own check."""
    check = to_bool(res.props.get("sourceDestCheck"))
    if isinstance(check, Unknown) or check is False:
        return check if isinstance(check, Unknown) else True
    interfaces = optional(res.props.get("networkInterfaces"))
    if isinstance(interfaces, Unknown):
        return interfaces
    if interfaces is not None:
        return Unknown("network interfaces attached as their own resources: their source/destination checks are "
                       "not read")
    return False


@pulumi_adapter(INSTANCE, produces=ComputeInstance, joins=True)
def instance(res: PulumiResource, stack: Stack) -> Iterator[ComputeInstance]:
    yield ComputeInstance(
        ref=res.ref(),
        public_addresses=_public_addresses(res, stack),
        host_encryption=aws_instances.instance_store_encrypted_by_type(
            res.props.get("instanceType", Unknown("instanceType not set"))),
        ip_forwarding=_forwards(res),
    )


@pulumi_adapter(INSTANCE, produces=InstanceMetadata)
def metadata(res: PulumiResource, stack: Stack) -> Iterator[InstanceMetadata]:
    """``metadataOptions`` left out launches with the default, which answers IMDSv1 too."""
    options = optional(res.props.get("metadataOptions"))
    if isinstance(options, Unknown):
        yield InstanceMetadata(ref=res.ref(), endpoint_enabled=options, tokens_required=options)
        return
    options = options or {}
    yield InstanceMetadata(ref=res.ref(), endpoint_enabled=aws_metadata.endpoint_enabled(options.get("httpEndpoint")),
                           tokens_required=aws_metadata.tokens_required(options.get("httpTokens")))
