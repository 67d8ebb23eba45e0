"""Managed Kubernetes API servers reachable from the whole internet."""

from hitrust_policies.model import ClusterEndpoint
from hitrust_policies.model.addresses import is_internet
from hitrust_policies.rules.registry import rule


@rule(
    "net-cluster-endpoint-not-public",
    title="Kubernetes API server endpoints are not open to the internet",
    domain="network",
    severity="high",
    remediation={
        "aws": "Turn the EKS public endpoint off or restrict it to known ranges (aws eks update-cluster-config "
        "--resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true, or publicAccessCidrs=<ranges>;"
        " pulumi-aws eks.Cluster vpc_config endpoint_public_access / public_access_cidrs).",
    },
)
def net_cluster_endpoint_not_public(endpoint: ClusterEndpoint):
    """An API server any address can reach leaves one stolen token or one control-plane flaw between the
    internet and every workload (and secret) of a cluster running PHI services.

    Follows Prowler eks_cluster_not_publicly_accessible (public endpoint admitting 0.0.0.0/0) and CIS EKS
    Benchmark 5.4.2; AWS Config eks-endpoint-no-public-access fails any public endpoint, which would also fail
    endpoints restricted to an office's ranges, so the internet-wide opening is what is asked.
    """
    if endpoint.public:
        open_to = [cidr for cidr in endpoint.public_sources if is_internet(cidr)]
        if open_to:
            return f"public API server endpoint admits {', '.join(open_to)}"
