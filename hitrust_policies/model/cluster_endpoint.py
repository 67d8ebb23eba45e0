"""Who can reach a managed Kubernetes cluster's API server."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ClusterEndpoint:
    """A managed Kubernetes cluster's API server endpoint.

    Yielded by the AWS sources (EKS clusters' ``resourcesVpcConfig``); AKS authorized IP ranges and GKE
    master authorized networks could yield it later. ``public``: the endpoint is reachable from outside the
    cluster's network; ``public_sources``: the CIDR ranges that public endpoint admits (EKS defaults to
    ``0.0.0.0/0``), ``()`` when it is private.
    """

    ref: ResourceRef
    public: bool | Unknown
    public_sources: tuple[str, ...] | Unknown
