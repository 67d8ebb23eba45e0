"""Network flow logging."""

from hitrust_policies.model import Network
from hitrust_policies.rules.registry import rule


@rule(
    "log-network-flow-logs",
    title="Every network has flow logs",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Create a flow log for the VPC (traffic type ALL) to CloudWatch Logs or S3.",
        "gcp": "Turn on VPC flow logs on every subnet of the network (gcloud compute networks subnets update "
        "--enable-flow-logs).",
    },
)
def log_network_flow_logs(network: Network):
    """Flow logs are the only record of which hosts talked to PHI systems."""
    if not network.flow_logs_enabled:
        return "no flow log on this network"
