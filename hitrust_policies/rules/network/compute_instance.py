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


@rule(
    "net-instance-ip-forwarding-off",
    title="Compute instances do not forward traffic for others",
    domain="network",
    severity="medium",
    remediation={
        "aws": "Turn source/destination checking back on (aws ec2 modify-instance-attribute --instance-id ID "
        "--source-dest-check; pulumi-aws source_dest_check=True) unless the instance is a NAT or routing "
        "appliance; prefer a managed NAT gateway.",
        "azure": "Disable IP forwarding on the VM's network interfaces (az network nic update --ip-forwarding "
        "false; azure-native enable_ip_forwarding=False) unless the VM is a network virtual appliance.",
        "gcp": "Recreate the instance with IP forwarding off (canIpForward cannot be changed on a running VM; "
        "pulumi-gcp can_ip_forward=False) unless it is a NAT or routing appliance; prefer Cloud NAT.",
    },
)
def net_instance_ip_forwarding_off(instance: ComputeInstance):
    """An instance that forwards traffic can route around the network's segmentation and spoof sources.

    Follows CIS Google Cloud Platform Foundation 4.6 and Prowler ``compute_instance_ip_forwarding_is_enabled``
    (medium; GKE nodes exempt), Azure Policy "Network interfaces should disable IP forwarding"
    (88c0b9da-ce96-4b03-9635-f29a937e2900, in neither HITRUST initiative) and, on AWS, an instance or
    interface with source/destination checking off (no AWS Config, Security Hub or Prowler control
    judges it). NAT and routing appliances need it: the legitimate exception, to suppress per resource,
    which is why this is medium, not high.
    """
    if instance.ip_forwarding:
        return "instance forwards traffic not addressed to it (IP forwarding / source-destination check off)"
