"""Network flow logging."""

from hitrust_policies.model import Network
from hitrust_policies.rules.registry import rule


@rule(
    "log-network-flow-logs",
    title="Every network has flow logs",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Create a flow log for the VPC with traffic type ALL (aws ec2 create-flow-logs --resource-type VPC "
        "--traffic-type ALL; pulumi-aws ec2.FlowLog traffic_type=\"ALL\") to CloudWatch Logs or S3; a flow log's "
        "traffic type cannot be changed: replace an ACCEPT- or REJECT-only one.",
        "azure": "Create a VNet flow log on the virtual network (az network watcher flow-log create --vnet "
        "<vnet> --storage-account <id>); NSG flow logs on every subnet's NSG also count until they retire.",
        "gcp": "Turn on VPC flow logs on every subnet of the network (gcloud compute networks subnets update "
        "--enable-flow-logs).",
    },
)
def log_network_flow_logs(network: Network):
    """Flow logs are the only record of which hosts talked to PHI systems.

    Azure: a VNet flow log on the network, or enabled flow logs covering every subnet (on the
    subnet, or on its network security group), as the Azure Policy built-ins "Audit flow logs
    configuration for every virtual network" (4c3c6c5f-0d47-4402-99b8-aa543dd8bcee) and "Flow logs
    should be configured for every network security group" (c251913d-7d24-4958-af87-478ed3b9ba41)
    ask, and CIS Microsoft Azure Foundations 6.5 (v2.0; 7.5 in v3.0) presumes (an enabled flow log
    per NSG; its retention is judged on the flow log as a log store by log-log-group-retention).

    AWS: an active flow log on the VPC capturing all traffic (TrafficType ALL). CIS AWS Foundations
    3.9 (v1.5; 3.7 in v3) asks for REJECT at least and AWS Config vpc-flow-logs-enabled / Prowler
    vpc_flow_logs_enabled accept any traffic type; a REJECT-only log never records which hosts an
    attacker (or an insider) reached, so the strictest, ALL, is asked (AWS Config's trafficType
    parameter set to ALL). Flow logs on single subnets or interfaces do not cover the network.
    """
    if not network.flow_logs_enabled:
        return "no flow log records all of this network's traffic"
