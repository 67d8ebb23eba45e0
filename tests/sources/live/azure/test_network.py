"""NSG security rules -> IngressRule: the same opening as an AWS security-group rule, exact verdicts."""

from __future__ import annotations

from hitrust_policies.model import IngressRule
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons
from tests.sources.live.azure.conftest import FAIL, PASS, SUB, SUB2, UNKNOWN, openings, scan

RULE = "net-ingress-rule-admin-ports"


def seed(fake: FakeAzure) -> None:
    web = rows.nsg_id_of(SUB, "web-nsg")
    fake.add(rows.network_security_group(SUB, "web-nsg", [
        rows.security_rule(web, "ssh-from-internet", priority=100, ports="22", sources="Internet"),
        rows.security_rule(web, "https", priority=110, ports=["80", "443"], sources="*"),
        rows.security_rule(web, "rdp-any-protocol", priority=120, protocol="*", ports="3389", sources="0.0.0.0/0"),
        rows.security_rule(web, "db-range", priority=130, ports="1000-4000", sources=["Internet", "10.1.0.0/16"]),
        rows.security_rule(web, "ssh-from-office", priority=140, ports="22", sources="203.0.113.0/24"),
        rows.security_rule(web, "deny-telnet", priority=150, ports="23", sources="*", access="Deny"),
        rows.security_rule(web, "out-ssh", priority=160, ports="22", sources="*", direction="Outbound"),
        rows.security_rule(web, "ping", priority=170, protocol="Icmp", sources="*"),
    ]))
    app = rows.nsg_id_of(SUB, "app-nsg")
    fake.add(rows.network_security_group(SUB, "app-nsg", [
        rows.security_rule(app, "everything", priority=100, protocol="*", ports="*", sources="*"),
    ]))


def test_nsg_openings(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "network-security-groups")
    assert result.complete
    defaults = {("ingress/all/0-65535/VirtualNetwork", PASS), ("ingress/all/0-65535/AzureLoadBalancer", PASS)}
    assert openings(result.findings(), RULE) == {(nsg, part, status) for nsg, part, status in [
        ("web-nsg", "ingress/tcp/22-22/0.0.0.0/0", FAIL),
        ("web-nsg", "ingress/tcp/80-80/0.0.0.0/0", PASS),
        ("web-nsg", "ingress/tcp/443-443/0.0.0.0/0", PASS),
        ("web-nsg", "ingress/tcp/3389-3389/0.0.0.0/0", FAIL),
        ("web-nsg", "ingress/udp/3389-3389/0.0.0.0/0", FAIL),  # RDP over UDP
        ("web-nsg", "ingress/tcp/1000-4000/0.0.0.0/0", FAIL),
        ("web-nsg", "ingress/tcp/1000-4000/10.1.0.0/16", PASS),
        ("web-nsg", "ingress/tcp/22-22/203.0.113.0/24", PASS),
        ("web-nsg", "ingress/icmp/-1--1/0.0.0.0/0", PASS),
        ("app-nsg", "ingress/all/0-65535/0.0.0.0/0", FAIL),
        *(("web-nsg", part, status) for part, status in defaults),
        *(("app-nsg", part, status) for part, status in defaults),
    ]}
    messages = {(f.resource.name, f.resource.part): f.message for f in result.findings() if f.rule_id == RULE}
    assert messages[("web-nsg", "ingress/tcp/1000-4000/0.0.0.0/0")] == (
        "1433/tcp (SQL Server), 1434/tcp (SQL Server Browser), 1521/tcp (Oracle), 2049/tcp (NFS), "
        "2375/tcp (Docker API), 2376/tcp (Docker API over TLS), 2379/tcp (etcd), 2483/tcp (Oracle), "
        "2484/tcp (Oracle over TLS), 3000/tcp (web development server) and 2 more admin ports open to 0.0.0.0/0")
    assert messages[("app-nsg", "ingress/all/0-65535/0.0.0.0/0")] == "all ports open to 0.0.0.0/0"
    ssh = next(r for r in result.resources if isinstance(r, IngressRule) and r.from_port == 22
               and r.source == "0.0.0.0/0")
    assert (ssh.group, ssh.protocol, ssh.to_port, ssh.ref.native_type) == (
        "web-nsg", "tcp", 22, "microsoft.network/networksecuritygroups")


def test_denied_listing_is_unknown_per_subscription(fake: FakeAzure) -> None:
    """The NSG query denied in one subscription: the rule is UNKNOWN for that scope, naming the call and
    the subscription; nothing of it passes."""
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", subscription=SUB, query="networksecuritygroups")
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"))
    result = scan(fake, "network-security-groups", "managed-disks")
    findings = result.findings()
    assert reasons(findings, [RULE]) == {
        (RULE, f"network-security-groups in subscription {SUB}",
         f"AccessDenied: Microsoft.ResourceGraph/resources/read (network-security-groups in subscription {SUB})"),
    }
    assert {(f.resource.name, f.status) for f in findings if f.rule_id == RULE} == {
        (f"network-security-groups in subscription {SUB}", UNKNOWN)}
    assert {(f.rule_id, f.resource.name, f.status) for f in findings if f.rule_id != RULE} == {
        ("enc-block-volume-encrypted", "vm1_OsDisk", PASS), ("enc-block-volume-kms", "vm1_OsDisk", FAIL)}
    assert [(c.collector, c.status) for c in result.coverage] == [("managed-disks", "ok"),
                                                                   ("network-security-groups", "failed")]


SUBNET_RULE = "net-subnet-security-group"


def test_subnets_without_nsg(fake: FakeAzure) -> None:
    """Every subnet of every VNet; Azure's gateway / firewall / route-server subnets cannot carry an NSG
    and pass, a bastion subnet can and must."""
    nsg = rows.nsg_id_of(SUB, "app-nsg")
    fake.add(rows.virtual_network(SUB, "hub", {"GatewaySubnet": None, "AzureFirewallSubnet": None,
                                               "AzureBastionSubnet": None, "RouteServerSubnet": None}),
             rows.virtual_network(SUB, "spoke", {"app": nsg, "data": None}))
    result = scan(fake, "virtual-networks")
    assert result.complete
    assert {(f.resource.name, f.status) for f in result.findings() if f.rule_id == SUBNET_RULE} == {
        ("hub/GatewaySubnet", PASS), ("hub/AzureFirewallSubnet", PASS), ("hub/RouteServerSubnet", PASS),
        ("hub/AzureBastionSubnet", FAIL), ("spoke/app", PASS), ("spoke/data", FAIL)}
    data = next(f for f in result.findings() if f.resource.name == "spoke/data")
    assert (data.message, data.resource.native_type, data.resource.native_id) == (
        "subnet has no network security group", "microsoft.network/virtualnetworks/subnets",
        f"/subscriptions/{SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/spoke/subnets/data")


def test_subnet_listing_denied_or_throttled(fake: FakeAzure) -> None:
    """403 in one subscription, 429 past the retries in the other: UNKNOWN per subscription, with why."""
    fake.add(rows.virtual_network(SUB, "spoke", {"data": None}), rows.virtual_network(SUB2, "dev", {"app": None}),
             rows.managed_disk(SUB, "vm1_OsDisk"))
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", subscription=SUB, query="virtualnetworks")
    fake.fail(429, "RateLimiting", path="resourcegraph", subscription=SUB2, retry_after=0)
    result = scan(fake, "virtual-networks", "managed-disks", subscriptions=[SUB, SUB2], max_attempts=2)
    assert reasons(result.findings(), [SUBNET_RULE]) == {
        (SUBNET_RULE, f"virtual-networks in subscription {SUB}", "AccessDenied: Microsoft.ResourceGraph/resources/"
         f"read (virtual-networks in subscription {SUB})"),
        (SUBNET_RULE, f"virtual-networks in subscription {SUB2}", "Throttled (retries exhausted): "
         f"Microsoft.ResourceGraph/resources/read (virtual-networks in subscription {SUB2})")}
