"""Where an EKS cluster's control-plane logging becomes a `ControlPlaneLogging` value (``DescribeCluster`` per
cluster, a few at a time: EKS has no batch read)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ClusterEndpoint, ControlPlaneLogging, Unknown
from hitrust_policies.sources.aws_eks import missing_log_types, public_sources
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("eks-clusters", service="eks", kinds=(ControlPlaneLogging, ClusterEndpoint),
           calls=("eks:ListClusters", "eks:DescribeCluster"))
def eks_clusters(ctx: Ctx) -> Iterator[ControlPlaneLogging | ClusterEndpoint]:
    names = list(ctx.paginate("eks", "ListClusters", "clusters"))
    for values in ctx.fan_out(lambda name: _cluster(ctx, name), names):
        yield from values


def _cluster(ctx: Ctx, name: str) -> tuple[ControlPlaneLogging, ClusterEndpoint]:
    """One ``DescribeCluster``: its logging, and its API server endpoint (``endpointPublicAccess`` and
    ``publicAccessCidrs``, which the API always returns; left out, their defaults: public, ``0.0.0.0/0``)."""
    eks = ctx.client("eks")
    cluster = ctx.fact("eks:DescribeCluster", lambda: eks.describe_cluster(name=name)["cluster"])
    missing: Any
    public: Any
    sources: Any
    if isinstance(cluster, Unknown):
        missing = public = sources = cluster
    else:
        on = [t for group in (cluster.get("logging") or {}).get("clusterLogging", []) if group.get("enabled")
              for t in group.get("types", [])]
        missing = missing_log_types(on)
        vpc = cluster.get("resourcesVpcConfig") or {}
        public = vpc.get("endpointPublicAccess", True)
        sources = public_sources(public, vpc.get("publicAccessCidrs"))
    arn = cluster.get("arn") if isinstance(cluster, dict) else None
    ref = ctx.ref("AWS::EKS::Cluster", arn or ctx.arn("eks", f"cluster/{name}"), name)
    return ControlPlaneLogging(ref=ref, missing=missing), ClusterEndpoint(ref=ref, public=public,
                                                                         public_sources=sources)
