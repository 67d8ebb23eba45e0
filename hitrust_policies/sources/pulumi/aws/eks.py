"""EKS clusters (``aws:eks/cluster:Cluster``): control-plane log types in ``enabledClusterLogTypes`` (none when
left out, the service default)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ClusterEndpoint, ControlPlaneLogging, Unknown
from hitrust_policies.sources.aws_eks import missing_log_types, public_sources
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:eks/cluster:Cluster", produces=ControlPlaneLogging)
def cluster(res: PulumiResource, stack: Stack) -> Iterator[ControlPlaneLogging]:
    yield ControlPlaneLogging(ref=res.ref("name"), missing=missing_log_types(res.props.get("enabledClusterLogTypes")))


@pulumi_adapter("aws:eks/cluster:Cluster", produces=ClusterEndpoint)
def endpoint(res: PulumiResource, stack: Stack) -> Iterator[ClusterEndpoint]:
    """``vpcConfig.endpointPublicAccess`` (true unless set) and ``publicAccessCidrs`` (``0.0.0.0/0`` unless set)."""
    vpc = optional(res.props.get("vpcConfig"))
    if isinstance(vpc, Unknown):
        yield ClusterEndpoint(ref=res.ref("name"), public=vpc, public_sources=vpc)
        return
    vpc = vpc or {}
    public = to_bool(vpc.get("endpointPublicAccess"), True)
    yield ClusterEndpoint(ref=res.ref("name"), public=public,
                          public_sources=public_sources(public, optional(vpc.get("publicAccessCidrs"))))
