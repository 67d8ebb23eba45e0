"""Subnet-level filtering."""

from hitrust_policies.model import Subnet
from hitrust_policies.rules.registry import rule


@rule(
    "net-subnet-security-group",
    title="Subnets are associated with a network security group",
    domain="network",
    severity="medium",
    remediation={
        "azure": "Associate a network security group with the subnet (az network vnet subnet update "
        "--network-security-group <nsg>), with rules that admit only the traffic the subnet serves.",
    },
)
def net_subnet_security_group(subnet: Subnet):
    """Without a subnet NSG every host in it is reachable from the whole virtual network (and the
    internet, through any public IP) unless each NIC carries its own.

    Follows Azure Policy "Subnets should be associated with a Network Security Group"
    (e71308d3-144b-4262-b144-efdc3cc90517) and Microsoft Defender for Cloud's assessment behind it:
    gateway, firewall and route-server subnets, where Azure forbids or manages the NSG, are exempt.
    """
    if subnet.security_group_supported and not subnet.security_group:
        return "subnet has no network security group"
