"""Exposure of compute instances."""

from hitrust_policies.model import ComputeInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-instance-no-public-ip",
    title="Compute instances hold no public IP address",
    domain="network",
    severity="medium",
    remediation={
        "aws": "Launch instances in private subnets without a public IP (subnet MapPublicIpOnLaunch false, "
        "AssociatePublicIpAddress false), release any Elastic IP, and reach them through a load balancer, "
        "NAT gateway or Session Manager.",
        "azure": "Dissociate the public IP from the VM's network interface (az network nic ip-config update "
        "--remove publicIpAddress) and reach the VM through Azure Bastion, a load balancer or a private "
        "connection.",
        "gcp": "Remove the instance's external access config (gcloud compute instances delete-access-config "
        "--access-config-name ...) and use Cloud NAT and IAP TCP forwarding instead.",
    },
)
def net_instance_no_public_ip(instance: ComputeInstance):
    """A public address puts a PHI-processing host one open port away from the internet.

    Follows Azure Policy "Network interfaces should not have public IPs"
    (83a86a26-fd1f-447c-b59d-e51f44264114), AWS Config ``ec2-instance-no-public-ip``, Prowler
    ``ec2_instance_public_ip`` and CIS Google Cloud Platform Foundation 4.9 (no external IP). Global
    IPv6 addresses count too: they are internet-routable like a public IPv4. Medium, not critical: a
    bastion or NAT host may need one, and security groups still filter what reaches it.
    """
    if instance.public_addresses:
        shown = ", ".join(instance.public_addresses[:3])
        more = len(instance.public_addresses) - 3
        return f"instance holds public address {shown}" + (f" and {more} more" if more > 0 else "")
