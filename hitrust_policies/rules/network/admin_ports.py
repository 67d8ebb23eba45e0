"""Administrative and database services that must not face the internet, per protocol and port.

The built-in catalogue is the union of what the peers check, so a port any of them flags is
flagged here too (the tag after each entry says who):

* ``CIS``: CIS AWS Foundations Benchmark v4.0.1 5.1.2 (CIFS 445), 5.2-5.4 (22 and 3389 over
  TCP, UDP or all protocols);
* ``CFG``: AWS Config ``restricted-common-ports`` defaults (20, 21, 3389, 3306, 4333);
* ``SH``: Security Hub EC2.13 (22), EC2.14 (3389), EC2.19 (``vpc-sg-restricted-common-ports``,
  the high-risk list), EC2.21 (NACL 22/3389);
* ``PROWLER``: Prowler ``ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_*`` and
  ``..._high_risk_tcp_ports`` (its ``ec2_high_risk_ports`` defaults);
* ``PEERS``: services other scanners list or that expose admin/data planes the same way
  (NetBIOS, WinRM, LDAP, NFS, VNC, Docker, Kubernetes API / kubelet / etcd, SNMP, more
  Cassandra/MongoDB/Oracle ports) and the UDP transports of RDP, SQL Server Browser,
  Memcached and LDAP (reflection amplifiers as well as doors).

Rules take the set as their ``ports`` option (`ports_option`): a list whose entries are
``"default"`` (this catalogue), ``"tcp/8443"``, ``"udp/500-501"``, ``"tcp/8443=Admin console"``,
a bare number (a TCP port) or ``{"protocol": "tcp", "port": 8443, "service": "Admin console"}``;
a string is read as a comma-separated list. ``["default", "tcp/8443"]`` adds a port;
listing ports without ``"default"`` replaces the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model.network import TCP, UDP
from hitrust_policies.rules.registry import RuleOption

PROTOCOLS = (TCP, UDP)
DEFAULT = "default"
MAX_RANGE = 4096  # ports one range entry may expand to
SHOWN = 10  # ports a message names before summarising the rest

CATALOGUE: tuple[tuple[str, int, str, str], ...] = (
    (TCP, 20, "FTP data", "CFG SH PROWLER"),
    (TCP, 21, "FTP", "CFG SH PROWLER"),
    (TCP, 22, "SSH", "CIS SH PROWLER"),
    (TCP, 23, "Telnet", "SH PROWLER"),
    (TCP, 25, "SMTP", "SH PROWLER"),
    (TCP, 110, "POP3", "SH PROWLER"),
    (TCP, 111, "RPC portmapper", "PEERS"),
    (TCP, 135, "Microsoft RPC", "SH PROWLER"),
    (TCP, 137, "NetBIOS name", "PEERS"),
    (TCP, 138, "NetBIOS datagram", "PEERS"),
    (TCP, 139, "NetBIOS session", "PEERS"),
    (TCP, 143, "IMAP", "SH PROWLER"),
    (TCP, 389, "LDAP", "PEERS"),
    (TCP, 445, "SMB/CIFS", "CIS SH PROWLER"),
    (TCP, 636, "LDAPS", "PEERS"),
    (TCP, 1433, "SQL Server", "SH PROWLER"),
    (TCP, 1434, "SQL Server Browser", "SH PROWLER"),
    (TCP, 1521, "Oracle", "PROWLER"),
    (TCP, 2049, "NFS", "PEERS"),
    (TCP, 2375, "Docker API", "PEERS"),
    (TCP, 2376, "Docker API over TLS", "PEERS"),
    (TCP, 2379, "etcd", "PEERS"),
    (TCP, 2483, "Oracle", "PROWLER"),
    (TCP, 2484, "Oracle over TLS", "PEERS"),
    (TCP, 3000, "web development server", "SH PROWLER"),
    (TCP, 3306, "MySQL", "CFG SH PROWLER"),
    (TCP, 3389, "RDP", "CFG CIS SH PROWLER"),
    (TCP, 4333, "mSQL", "CFG SH PROWLER"),
    (TCP, 5000, "web development server", "SH PROWLER"),
    (TCP, 5432, "PostgreSQL", "SH PROWLER"),
    (TCP, 5500, "VNC", "SH PROWLER"),
    (TCP, 5601, "Kibana / OpenSearch Dashboards", "SH PROWLER"),
    (TCP, 5900, "VNC", "PEERS"),
    (TCP, 5985, "WinRM", "PEERS"),
    (TCP, 5986, "WinRM over HTTPS", "PEERS"),
    (TCP, 6379, "Redis", "PROWLER"),
    (TCP, 6443, "Kubernetes API", "PEERS"),
    (TCP, 7199, "Cassandra JMX", "PROWLER"),
    (TCP, 8080, "HTTP proxy / admin console", "SH PROWLER"),
    (TCP, 8088, "HTTP admin (Hadoop YARN)", "SH PROWLER"),
    (TCP, 8888, "Cassandra OpsCenter / alternate HTTP", "SH PROWLER"),
    (TCP, 9042, "Cassandra CQL", "PEERS"),
    (TCP, 9092, "Kafka", "PROWLER"),
    (TCP, 9160, "Cassandra Thrift", "PROWLER"),
    (TCP, 9200, "Elasticsearch / OpenSearch", "SH PROWLER"),
    (TCP, 9300, "Elasticsearch / OpenSearch transport", "SH PROWLER"),
    (TCP, 10250, "kubelet API", "PEERS"),
    (TCP, 10255, "kubelet read-only API", "PEERS"),
    (TCP, 11211, "Memcached", "PROWLER"),
    (TCP, 27017, "MongoDB", "PROWLER"),
    (TCP, 27018, "MongoDB", "PROWLER"),
    (UDP, 22, "SSH", "CIS"),
    (UDP, 111, "RPC portmapper", "PEERS"),
    (UDP, 137, "NetBIOS name", "PEERS"),
    (UDP, 138, "NetBIOS datagram", "PEERS"),
    (UDP, 161, "SNMP", "PEERS"),
    (UDP, 162, "SNMP trap", "PEERS"),
    (UDP, 389, "LDAP", "PEERS"),
    (UDP, 1434, "SQL Server Browser", "PEERS"),
    (UDP, 2049, "NFS", "PEERS"),
    (UDP, 3389, "RDP", "CIS"),
    (UDP, 11211, "Memcached", "PEERS"),
)


@dataclass(frozen=True, order=True)
class AdminPort:
    port: int
    protocol: str
    service: str = ""

    @property
    def label(self) -> str:
        """``22/tcp (SSH)``: what a finding names."""
        text = f"{self.port}/{self.protocol}"
        return f"{text} ({self.service})" if self.service else text


@dataclass(frozen=True)
class PortSet:
    """The (protocol, port) pairs a rule treats as administrative, each with its service name."""

    entries: tuple[AdminPort, ...]

    @classmethod
    def of(cls, ports: Iterable[AdminPort]) -> PortSet:
        """Deduplicated by (protocol, port), the first service name kept, ordered by port."""
        seen: dict[tuple[str, int], AdminPort] = {}
        for p in ports:
            seen.setdefault((p.protocol, p.port), p)
        return cls(tuple(sorted(seen.values())))

    def __iter__(self) -> Iterator[AdminPort]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def within(self, protocol: str, low: int, high: int) -> list[AdminPort]:
        """Entries of ``protocol`` inside ``low..high`` (deciding on unknown bounds raises)."""
        return [p for p in self.entries if p.protocol == protocol and low <= p.port <= high]

    def labels(self) -> list[str]:
        return [p.label for p in self.entries]


BUILT_IN = PortSet.of(AdminPort(port, protocol, service) for protocol, port, service, _ in CATALOGUE)


def describe(labels: list[str]) -> str:
    """Up to `SHOWN` labels, then how many more.

    >>> describe(["22/tcp (SSH)"]), describe([str(n) for n in range(12)])
    ('22/tcp (SSH)', '0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more admin ports')
    """
    if len(labels) <= SHOWN:
        return ", ".join(labels)
    return f"{', '.join(labels[:SHOWN])} and {len(labels) - SHOWN} more admin ports"


def _number(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{what} {value!r} is not a port number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError(f"{what} {value!r} is not a port number (0-65535)")
    return value


def _protocol(value: Any) -> str:
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip().lower()
    text = {"6": TCP, "17": UDP}.get(text, text)
    if text not in PROTOCOLS:
        raise ValueError(f"protocol {value!r} is not tcp or udp")
    return text


def _entry(item: Any) -> list[AdminPort]:
    if isinstance(item, dict):
        unknown = set(item) - {"protocol", "port", "service"}
        if unknown or "port" not in item:
            raise ValueError('an object needs "port" and may have "protocol", "service" only')
        service = str(item.get("service") or "").strip()
        return [AdminPort(_number(item["port"], "port"), _protocol(item.get("protocol", TCP)), service)]
    if not isinstance(item, str):
        return [AdminPort(_number(item, "port"), TCP)]
    text, _, service = item.partition("=")
    protocol, slash, ports = text.strip().rpartition("/")
    low, dash, high = ports.partition("-")
    first = _number(low, "port")
    last = _number(high, "port") if dash else first
    if last < first or last - first >= MAX_RANGE:
        raise ValueError(f"a range runs low-high, at most {MAX_RANGE} ports")
    proto = _protocol(protocol) if slash else TCP
    return [AdminPort(port, proto, service.strip()) for port in range(first, last + 1)]


def parse_ports(value: Any) -> PortSet:
    """A ``ports`` option value (see the module docstring) as a `PortSet`.

    >>> parse_ports("default,tcp/8443=Admin console").within("tcp", 8000, 9000)[:2]
    [AdminPort(port=8080, protocol='tcp', service='HTTP proxy / admin console'), \
AdminPort(port=8088, protocol='tcp', service='HTTP admin (Hadoop YARN)')]
    >>> parse_ports([8443.0, "udp/500-501", {"port": 22, "service": "SSH"}]).labels()
    ['22/tcp (SSH)', '500/udp', '501/udp', '8443/tcp']
    >>> parse_ports(["ftp/21"])
    Traceback (most recent call last):
    ...
    ValueError: entry 0 'ftp/21': protocol 'ftp' is not tcp or udp
    """
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list of ports, got {value!r}")
    ports: list[AdminPort] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip().lower() == DEFAULT:
            ports.extend(BUILT_IN)
            continue
        try:
            ports.extend(_entry(item))
        except ValueError as exc:
            raise ValueError(f"entry {i} {item!r}: {exc}") from None
    return PortSet.of(ports)


_ITEM = {"anyOf": [
    {"type": "string", "description": '"default", "tcp/22", "udp/161-162" or "tcp/8443=Service name"'},
    {"type": "integer", "minimum": 0, "maximum": 65535, "description": "a TCP port"},
    {"type": "object", "required": ["port"], "additionalProperties": False, "properties": {
        "protocol": {"type": "string", "enum": ["tcp", "udp"]},
        "port": {"type": "integer", "minimum": 0, "maximum": 65535},
        "service": {"type": "string"},
    }},
]}
PORTS_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "array", "items": _ITEM},
                                          {"type": "string", "description": "comma-separated entries"}]}


def ports_option() -> RuleOption:
    """The ``ports`` option both exposure rules take (each rule its own value)."""
    return RuleOption(
        name="ports",
        default=[DEFAULT],
        parse=parse_ports,
        schema=PORTS_SCHEMA,
        description='Administrative / database ports that must not face the internet: "default" (the '
        'built-in catalogue), "tcp/8443", "udp/500-501", "tcp/8443=Service name" or a TCP port number. '
        'Add ports with ["default", ...]; list ports without "default" to replace the catalogue.',
    )
