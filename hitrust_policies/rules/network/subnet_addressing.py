"""Subnets that give every launch a public address."""

from hitrust_policies.model import SubnetAddressing
from hitrust_policies.rules.registry import rule


@rule(
    "net-subnet-no-auto-public-ip",
    title="Subnets do not assign public IP addresses to what launches in them",
    domain="network",
    severity="medium",
    remediation={
        "aws": "Turn off auto-assigned public IPv4 addresses (aws ec2 modify-subnet-attribute --subnet-id <id> "
        "--no-map-public-ip-on-launch; pulumi-aws ec2.Subnet map_public_ip_on_launch=False) and give a public "
        "address only to the interfaces that must be reachable.",
    },
)
def net_subnet_no_auto_public_ip(subnet: SubnetAddressing):
    """A subnet that maps public addresses makes every instance, container task or database interface
    launched into it reachable from the internet unless each launch remembers to opt out.

    Follows AWS Config subnet-auto-assign-public-ip-disabled and Security Hub EC2.15 (``MapPublicIpOnLaunch``
    false); default subnets of a default VPC map public addresses and so fail too.
    """
    if subnet.maps_public_ip:
        return "subnet assigns a public IPv4 address to every launch (MapPublicIpOnLaunch)"
