"""Subnet-level exposure: network ACL entries that let the internet reach admin ports."""

from hitrust_policies.model import NetworkAcl, failing, internet_admits
from hitrust_policies.rules.network.admin_ports import PortSet, describe, ports_option
from hitrust_policies.rules.registry import rule


@rule(
    "net-network-acl-admin-ports",
    title="No network ACL lets the internet reach an administrative or database port",
    domain="network",
    severity="medium",
    remediation="Add a deny entry for these ports from 0.0.0.0/0 and ::/0 numbered before the broad allow, "
    "or narrow the allow to known networks; keep security groups as the primary control.",
    options=(ports_option(),),
)
def net_network_acl_admin_ports(acl: NetworkAcl, *, ports: PortSet):
    """A subnet's ACL is the second wall in front of PHI hosts; it must not wave admin traffic in.

    Follows CIS AWS Foundations Benchmark v4.0.1 5.2 (v3.0.0 5.1: 22/3389 over TCP, UDP or all
    protocols), AWS Config nacl-no-unrestricted-ssh-rdp (Security Hub EC2.21) and Prowler
    ec2_networkacl_allow_ingress_tcp_port_22 / _3389 / _any_port, over the whole ``ports``
    catalogue; entries are evaluated in order, so a deny numbered first shadows a later allow.
    """
    reachable = failing(*((lambda p=p: internet_admits(acl.ingress, p.protocol, p.port), p.label) for p in ports))
    if reachable:
        return f"{describe(reachable)} reachable from the internet"
