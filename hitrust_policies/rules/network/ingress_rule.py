"""Inbound exposure of administrative and database ports."""

from hitrust_policies.model import IngressRule, exists
from hitrust_policies.rules.registry import rule

ADMIN_PORTS = {
    22: "SSH",
    23: "Telnet",
    135: "RPC",
    445: "SMB",
    1433: "SQL Server",
    1521: "Oracle",
    2375: "Docker API",
    3306: "MySQL",
    3389: "RDP",
    5432: "PostgreSQL",
    5500: "VNC",
    5900: "VNC",
    6379: "Redis",
    9200: "Elasticsearch",
    11211: "Memcached",
    27017: "MongoDB",
}
WORLD = ("0.0.0.0/0", "::/0")


@rule(
    "net-ingress-rule-admin-ports",
    title="No administrative or database port is open to the internet",
    domain="network",
    severity="critical",
    remediation="Restrict the rule's source to known networks, or reach hosts through a bastion / SSM / VPN.",
)
def net_ingress_rule_admin_ports(r: IngressRule):
    """Internet-facing SSH, RDP and database ports are the most scanned doors into PHI systems."""
    if r.source not in WORLD or r.protocol not in ("tcp", "all"):
        return None
    if r.protocol == "all" or (r.from_port <= 0 and r.to_port >= 65535):
        return f"all ports open to {r.source}"
    if exists(ADMIN_PORTS, lambda port: r.from_port <= port <= r.to_port):
        ports = [f"{port} ({name})" for port, name in ADMIN_PORTS.items() if r.from_port <= port <= r.to_port]
        return f"{', '.join(ports)} open to {r.source}"
