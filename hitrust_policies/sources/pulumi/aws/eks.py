"""EKS clusters (``aws:eks/cluster:Cluster``): control-plane log types in ``enabledClusterLogTypes`` (none when
left out, the service default)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ControlPlaneLogging
from hitrust_policies.sources.aws_eks import missing_log_types
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:eks/cluster:Cluster", produces=ControlPlaneLogging)
def cluster(res: PulumiResource, stack: Stack) -> Iterator[ControlPlaneLogging]:
    yield ControlPlaneLogging(ref=res.ref("name"), missing=missing_log_types(res.props.get("enabledClusterLogTypes")))
