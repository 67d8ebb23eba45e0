"""Inbound exposure of administrative and database ports."""

from hitrust_policies.model import ALL_PROTOCOLS, TCP, UDP, IngressRule, is_internet
from hitrust_policies.rules.network.admin_ports import PortSet, describe, ports_option
from hitrust_policies.rules.registry import rule


@rule(
    "net-ingress-rule-admin-ports",
    title="No administrative or database port is open to the internet",
    domain="network",
    severity="critical",
    remediation={
        "aws": "Restrict the rule's source to known networks, or reach hosts through a bastion / SSM / VPN.",
        "azure": "Restrict the NSG or firewall rule's source to known address ranges, or reach hosts through "
        "Azure Bastion or just-in-time VM access.",
        "gcp": "Restrict the firewall rule's source ranges to known networks, or reach hosts through "
        "Identity-Aware Proxy TCP forwarding (35.235.240.0/20).",
    },
    options=(ports_option(),),
)
def net_ingress_rule_admin_ports(r: IngressRule, *, ports: PortSet):
    """Internet-facing SSH, RDP and database ports are the most scanned doors into PHI systems.

    Follows CIS AWS Foundations Benchmark v4.0.1 5.3/5.4 (TCP, UDP or all protocols), AWS Config
    restricted-common-ports and Security Hub EC2.13/EC2.14/EC2.19 (vpc-sg-restricted-common-ports),
    Prowler ec2_securitygroup_allow_ingress_from_internet_to_*: their ports are the ``ports``
    catalogue; "the internet" is any source covering a large share of public space, not only /0.
    On Azure: NSG rules (CIS Microsoft Azure Foundations 6.1-6.4, v2.0.0) and SQL server firewall
    rules (CIS 4.1.2, Prowler sqlserver_unrestricted_inbound_access). "Allow Azure services"
    (0.0.0.0-0.0.0.0) admits the AzureCloud tag, every Azure customer's addresses: it FAILs as CIS
    4.1.2 has it (any IP), stricter than Prowler, which passes it; so do NSG rules from AzureCloud.
    """
    if r.protocol not in (TCP, UDP, ALL_PROTOCOLS) or not is_internet(r.source):
        return None
    if r.protocol == ALL_PROTOCOLS or (r.from_port <= 0 and r.to_port >= 65535):
        return f"all {'' if r.protocol == ALL_PROTOCOLS else r.protocol + ' '}ports open to {r.source}"
    exposed = ports.within(r.protocol, r.from_port, r.to_port)
    if exposed:
        return f"{describe([p.label for p in exposed])} open to {r.source}"
