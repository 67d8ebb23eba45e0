"""The admin-port rules on every port of the catalogue, port ranges, protocols and "the internet".

Expected ports are written out here from the peers' published lists, independently of the
catalogue in ``rules/network/admin_ports.py``: a port dropped from (or slipped into) the
catalogue fails a test.
"""

from __future__ import annotations

import pytest

from hitrust_policies import Status, get_rule, verdict
from hitrust_policies.model import AclEntry, IngressRule, NetworkAcl, ResourceRef
from hitrust_policies.rules.network.admin_ports import BUILT_IN

SG_RULE = get_rule("net-ingress-rule-admin-ports")
ACL_RULE = get_rule("net-network-acl-admin-ports")
WORLD = "0.0.0.0/0"

# (port -> a word the service name must contain), per protocol
TCP = {
    20: "FTP", 21: "FTP", 22: "SSH", 23: "Telnet", 25: "SMTP", 110: "POP3", 111: "portmapper", 135: "RPC",
    137: "NetBIOS", 138: "NetBIOS", 139: "NetBIOS", 143: "IMAP", 389: "LDAP", 445: "SMB", 636: "LDAPS",
    1433: "SQL Server", 1434: "SQL Server Browser", 1521: "Oracle", 2049: "NFS", 2375: "Docker", 2376: "Docker",
    2379: "etcd", 2483: "Oracle", 2484: "Oracle", 3000: "web development", 3306: "MySQL", 3389: "RDP",
    4333: "mSQL", 5000: "web development", 5432: "PostgreSQL", 5500: "VNC", 5601: "Kibana", 5900: "VNC",
    5985: "WinRM", 5986: "WinRM", 6379: "Redis", 6443: "Kubernetes", 7199: "Cassandra", 8080: "HTTP",
    8088: "HTTP", 8888: "Cassandra", 9042: "Cassandra", 9092: "Kafka", 9160: "Cassandra", 9200: "Elasticsearch",
    9300: "Elasticsearch", 10250: "kubelet", 10255: "kubelet", 11211: "Memcached", 27017: "MongoDB",
    27018: "MongoDB",
}
UDP = {
    22: "SSH", 111: "portmapper", 137: "NetBIOS", 138: "NetBIOS", 161: "SNMP", 162: "SNMP", 389: "LDAP",
    1434: "SQL Server Browser", 2049: "NFS", 3389: "RDP", 11211: "Memcached",
}
EXPECTED = [("tcp", port, word) for port, word in TCP.items()] + [("udp", port, word) for port, word in UDP.items()]

# What each peer flags (TCP unless said otherwise), as published.
PEERS = {
    "AWS Config restricted-common-ports defaults": {20, 21, 3306, 3389, 4333},
    "Security Hub EC2.19": {20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000,
                            5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300},
    "Security Hub EC2.13 / EC2.14 / EC2.21": {22, 3389},
    "Prowler per-port checks": {20, 21, 22, 23, 1433, 1434, 1521, 2483, 3306, 3389, 5432, 5601, 6379, 7199,
                                8888, 9092, 9160, 9200, 9300, 11211, 27017, 27018},
    "Prowler ec2_high_risk_ports": {25, 110, 135, 143, 445, 3000, 4333, 5000, 5500, 8080, 8088},
    "CIS AWS v4.0.1 5.1.2-5.4": {22, 445, 3389},
}


def sg(protocol: str = "tcp", low: int = 22, high: int = 22, source: str = WORLD) -> IngressRule:
    return IngressRule(ResourceRef.manual("sg"), "sg", protocol, low, high, source)


def acl(*entries: AclEntry) -> NetworkAcl:
    return NetworkAcl(ResourceRef.manual("nacl"), False, entries)


def test_catalogue_is_exactly_the_expected_ports() -> None:
    assert {(p.protocol, p.port) for p in BUILT_IN} == {(proto, port) for proto, port, _ in EXPECTED}


@pytest.mark.parametrize("peer", sorted(PEERS))
def test_catalogue_covers_each_peer(peer: str) -> None:
    assert PEERS[peer] <= set(TCP)
    assert {22, 3389} <= set(UDP)  # CIS v4: TCP, UDP or all protocols


@pytest.mark.parametrize("protocol, port, word", EXPECTED, ids=lambda v: str(v))
def test_each_port_open_to_the_world_fails_and_names_its_service(protocol: str, port: int, word: str) -> None:
    status, message = verdict(SG_RULE, sg(protocol, port, port))
    assert status is Status.FAIL
    assert message.startswith(f"{port}/{protocol} (") and message.endswith(f") open to {WORLD}")
    assert word in message
    status, message = verdict(ACL_RULE, acl(AclEntry(100, True, protocol, port, port, "::/0")))
    assert (status, message.split(" (")[0]) == (Status.FAIL, f"{port}/{protocol}")
    assert message.endswith(" reachable from the internet") and word in message


@pytest.mark.parametrize("protocol, port, word", EXPECTED, ids=lambda v: str(v))
def test_each_port_passes_from_a_private_range_and_on_the_other_protocol(protocol: str, port: int, word: str):
    assert verdict(SG_RULE, sg(protocol, port, port, "10.0.0.0/8")) == (Status.PASS, "")
    other = "udp" if protocol == "tcp" else "tcp"
    expected = Status.FAIL if port in (UDP if other == "udp" else TCP) else Status.PASS
    assert verdict(SG_RULE, sg(other, port, port))[0] is expected
    assert verdict(ACL_RULE, acl(AclEntry(100, True, other, port, port, WORLD)))[0] is expected


@pytest.mark.parametrize("protocol, low, high, message", [
    ("tcp", 21, 23, "21/tcp (FTP), 22/tcp (SSH), 23/tcp (Telnet) open to 0.0.0.0/0"),
    ("tcp", 24, 24, None),
    ("tcp", 26, 109, None),
    ("tcp", 1024, 1432, None),
    ("tcp", 1430, 1440, "1433/tcp (SQL Server), 1434/tcp (SQL Server Browser) open to 0.0.0.0/0"),
    ("tcp", 27018, 30000, "27018/tcp (MongoDB) open to 0.0.0.0/0"),
    ("tcp", 27019, 65535, None),
    ("tcp", 1, 1000, "20/tcp (FTP data), 21/tcp (FTP), 22/tcp (SSH), 23/tcp (Telnet), 25/tcp (SMTP), 110/tcp (POP3), "
                     "111/tcp (RPC portmapper), 135/tcp (Microsoft RPC), 137/tcp (NetBIOS name), "
                     "138/tcp (NetBIOS datagram) and 5 more admin ports open to 0.0.0.0/0"),
    ("udp", 150, 170, "161/udp (SNMP), 162/udp (SNMP trap) open to 0.0.0.0/0"),
    ("udp", 3389, 3389, "3389/udp (RDP) open to 0.0.0.0/0"),
    ("udp", 3306, 3306, None),
    ("udp", 53, 53, None),
    ("udp", 0, 65535, "all udp ports open to 0.0.0.0/0"),
    ("tcp", 0, 65535, "all tcp ports open to 0.0.0.0/0"),
    ("all", 0, 65535, "all ports open to 0.0.0.0/0"),
    ("icmp", -1, -1, None),
    ("icmpv6", -1, -1, None),
    ("47", 0, 65535, None),  # GRE: AWS opens every port, but no TCP/UDP service is behind them
])
def test_port_ranges_and_protocols(protocol: str, low: int, high: int, message: str | None) -> None:
    expected = (Status.PASS, "") if message is None else (Status.FAIL, message)
    assert verdict(SG_RULE, sg(protocol, low, high)) == expected


INTERNET = ["0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "::/1", "2000::/3", "2000::/4", "64.0.0.0/2",
            "0.0.0.0/5", "4.0.0.0/6", "2600::/9", "1.2.3.4/0"]
NOT_INTERNET = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                "224.0.0.0/3", "fc00::/7", "fe80::/10", "ff00::/8", "8000::/1", "17.0.0.0/8", "6.0.0.0/7",
                "203.0.113.7/32", "198.51.100.7", "2001:db8::/32", "2a00::/12", "sg-0123456789abcdef0",
                "pl-02cd2c6b", "self"]


@pytest.mark.parametrize("source", INTERNET)
def test_sources_that_are_the_internet(source: str) -> None:
    assert verdict(SG_RULE, sg(source=source)) == (Status.FAIL, f"22/tcp (SSH) open to {source}")
    assert verdict(ACL_RULE, acl(AclEntry(100, True, "tcp", 22, 22, source)))[0] is Status.FAIL


@pytest.mark.parametrize("source", NOT_INTERNET)
def test_sources_that_are_not_the_internet(source: str) -> None:
    assert verdict(SG_RULE, sg(source=source)) == (Status.PASS, "")
    if "/" in source or ":" in source:
        assert verdict(ACL_RULE, acl(AclEntry(100, True, "all", 0, 65535, source))) == (Status.PASS, "")
