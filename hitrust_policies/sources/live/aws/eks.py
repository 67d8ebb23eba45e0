"""Where an EKS cluster's control-plane logging becomes a `ControlPlaneLogging` value (``DescribeCluster`` per
cluster, a few at a time: EKS has no batch read)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ControlPlaneLogging, Unknown
from hitrust_policies.sources.aws_eks import missing_log_types
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("eks-clusters", service="eks", kinds=(ControlPlaneLogging,),
           calls=("eks:ListClusters", "eks:DescribeCluster"))
def eks_clusters(ctx: Ctx) -> Iterator[ControlPlaneLogging]:
    names = list(ctx.paginate("eks", "ListClusters", "clusters"))
    yield from ctx.fan_out(lambda name: _logging(ctx, name), names)


def _logging(ctx: Ctx, name: str) -> ControlPlaneLogging:
    eks = ctx.client("eks")
    cluster = ctx.fact("eks:DescribeCluster", lambda: eks.describe_cluster(name=name)["cluster"])
    missing: Any
    if isinstance(cluster, Unknown):
        missing = cluster
    else:
        on = [t for group in (cluster.get("logging") or {}).get("clusterLogging", []) if group.get("enabled")
              for t in group.get("types", [])]
        missing = missing_log_types(on)
    arn = cluster.get("arn") if isinstance(cluster, dict) else None
    return ControlPlaneLogging(ref=ctx.ref("AWS::EKS::Cluster", arn or ctx.arn("eks", f"cluster/{name}"), name),
                               missing=missing)
