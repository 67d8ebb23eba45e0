"""EC2 volumes, regional EBS defaults, security groups / ingress rules, network ACLs and VPC flow logs
against moto."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from hitrust_policies.model import NetworkAcl, SecurityGroup
from tests.sources.live.aws.conftest import (
    FAIL,
    HOME,
    PASS,
    Case,
    apply_denials,
    check,
    moto_account,
    new_session,
    scan,
    table,
    verdicts,
)

EC2_COLLECTORS = ("ec2-volumes", "ec2-security-groups", "ec2-network-acls", "ec2-vpcs")
EC2_RULES = (
    "enc-block-volume-encrypted",
    "enc-block-volume-kms",
    "net-security-group-default-closed",
    "net-ingress-rule-admin-ports",
    "net-network-acl-admin-ports",
    "log-network-flow-logs",
)
EBS_RULE = "enc-block-storage-default-encryption"
EBS_NAME = f"ebs-encryption-by-default/{HOME}"
OTHER = "eu-west-1"


def _tags(name: str, kind: str) -> list[dict[str, object]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def seed(session: boto3.Session) -> dict[str, str]:
    """Volumes, groups and VPCs named after what they should get. Returns the default groups' ids."""
    ec2 = session.client("ec2")
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8, Encrypted=True,
                      TagSpecifications=_tags("data-encrypted", "volume"))
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8, Encrypted=False,
                      TagSpecifications=_tags("data-plain", "volume"))
    cmk = session.client("kms").create_key(Description="phi disks")["KeyMetadata"]["Arn"]
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8, Encrypted=True, KmsKeyId=cmk,
                      TagSpecifications=_tags("data-cmk", "volume"))
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8, Encrypted=True, KmsKeyId="alias/aws/ebs",
                      TagSpecifications=_tags("data-aws-ebs", "volume"))

    default_vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    ec2.create_tags(Resources=[default_vpc], Tags=[{"Key": "Name", "Value": "default-vpc"}])
    logged_vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=_tags("logged-vpc", "vpc"))["Vpc"]["VpcId"]
    session.client("s3").create_bucket(Bucket="flow-log-bucket")
    ec2.create_flow_logs(ResourceIds=[logged_vpc], ResourceType="VPC", TrafficType="ALL",
                         LogDestinationType="s3", LogDestination="arn:aws:s3:::flow-log-bucket")

    def default_group(vpc: str) -> dict[str, object]:
        return ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]

    open_default, closed_default = default_group(default_vpc), default_group(logged_vpc)
    for perm in closed_default["IpPermissionsEgress"]:  # type: ignore[union-attr]
        ec2.revoke_security_group_egress(GroupId=closed_default["GroupId"], IpPermissions=[perm])
    for perm in closed_default["IpPermissions"]:  # type: ignore[union-attr]
        ec2.revoke_security_group_ingress(GroupId=closed_default["GroupId"], IpPermissions=[perm])

    def group(name: str, *perms: dict[str, object]) -> str:
        gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=default_vpc)["GroupId"]
        if perms:
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=list(perms))
        return gid

    def tcp(port: int, cidr: str | None = None, v6: str | None = None, group_id: str | None = None) -> dict:
        perm: dict[str, object] = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
        if cidr:
            perm["IpRanges"] = [{"CidrIp": cidr}]
        if v6:
            perm["Ipv6Ranges"] = [{"CidrIpv6": v6}]
        if group_id:
            perm["UserIdGroupPairs"] = [{"GroupId": group_id}]
        return perm

    web = group("web-world", tcp(443, "0.0.0.0/0", "::/0"))
    group("ssh-world", tcp(22, "0.0.0.0/0"))
    group("ssh-internal", tcp(22, "10.0.0.0/8"))
    group("ssh-from-web", tcp(22, group_id=web))
    group("postgres-world-v6", tcp(5432, v6="::/0"))
    group("all-world", {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
    group("wide-range-world", {"IpProtocol": "tcp", "FromPort": 1000, "ToPort": 4000,
                               "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})  # spans 1433, 1521, 2375, 3306, 3389
    group("icmp-world", {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
    world = [{"CidrIp": "0.0.0.0/0"}]
    group("ssh-world-numeric", {"IpProtocol": "6", "FromPort": 22, "ToPort": 22, "IpRanges": world})
    group("snmp-world", {"IpProtocol": "udp", "FromPort": 161, "ToPort": 161, "IpRanges": world})
    group("rdp-udp-numeric-v6", {"IpProtocol": "17", "FromPort": 3389, "ToPort": 3389,
                                 "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
    group("dns-world-udp", {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": world})
    group("mysql-port-udp-world", {"IpProtocol": "17", "FromPort": 3306, "ToPort": 3306, "IpRanges": world})
    group("rdp-split-world", {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389,
                              "IpRanges": [{"CidrIp": "0.0.0.0/1"}, {"CidrIp": "128.0.0.0/1"}]})
    group("rdp-private-ranges", {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389,
                                 "IpRanges": [{"CidrIp": "172.16.0.0/12"}, {"CidrIp": "100.64.0.0/10"}],
                                 "Ipv6Ranges": [{"CidrIpv6": "fc00::/7"}]})
    seed_network_acls(ec2, default_vpc, logged_vpc)
    session.client("ec2", region_name=OTHER).enable_ebs_encryption_by_default()  # HOME stays off
    return {"open": str(open_default["GroupId"]), "closed": str(closed_default["GroupId"])}


def seed_network_acls(ec2: object, default_vpc: str, logged_vpc: str) -> None:
    """Both VPCs' default ACLs (allow all, as AWS creates them) and custom ACLs named after their verdict."""
    defaults = ec2.describe_network_acls(Filters=[{"Name": "default", "Values": ["true"]}])["NetworkAcls"]
    for acl in defaults:
        name = "default-acl-" + ("default-vpc" if acl["VpcId"] == default_vpc else "logged-vpc")
        ec2.create_tags(Resources=[acl["NetworkAclId"]], Tags=[{"Key": "Name", "Value": name}])

    def acl(name: str, *entries: tuple[int, str, str, str, int | None]) -> None:
        aid = ec2.create_network_acl(VpcId=logged_vpc, TagSpecifications=_tags(name, "network-acl"))[
            "NetworkAcl"]["NetworkAclId"]
        for number, action, proto, cidr, port in entries:
            kwargs: dict[str, object] = {"Ipv6CidrBlock": cidr} if ":" in cidr else {"CidrBlock": cidr}
            if port is not None:
                kwargs["PortRange"] = {"From": port, "To": port}
            ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=number, Protocol=proto, RuleAction=action,
                                         Egress=False, **kwargs)
        # an egress allow-all must not count as an opening
        ec2.create_network_acl_entry(NetworkAclId=aid, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                     Egress=True, CidrBlock="0.0.0.0/0")

    acl("acl-ssh-world", (100, "allow", "6", "0.0.0.0/0", 22))
    acl("acl-ssh-shadowed", (90, "deny", "6", "0.0.0.0/0", 22), (100, "allow", "6", "0.0.0.0/0", 22),
        (110, "allow", "6", "0.0.0.0/0", 443))
    acl("acl-internal", (100, "allow", "-1", "10.0.0.0/8", None))
    acl("acl-rdp-udp-v6", (100, "allow", "17", "::/0", 3389))
    acl("acl-postgres-half", (100, "allow", "tcp", "128.0.0.0/1", 5432))
    acl("acl-empty")


@pytest.fixture(scope="module")
def default_groups() -> Iterator[dict[str, str]]:
    """One seeded account for the whole module: scans are read-only, so cases can share it
    (EC2 is moto's slowest backend to build). Each test still gets its own session for its faults."""
    with moto_account():
        yield seed(new_session())


BASELINE = table("""
    enc-block-volume-encrypted         data-encrypted     PASS
    enc-block-volume-encrypted         data-plain         FAIL
    enc-block-volume-encrypted         data-cmk           PASS
    enc-block-volume-encrypted         data-aws-ebs       PASS
    # moto's default EBS key answers DescribeKey as KeyManager CUSTOMER (real AWS: the aws/ebs key, AWS)
    enc-block-volume-kms               data-encrypted     PASS
    enc-block-volume-kms               data-plain         FAIL
    enc-block-volume-kms               data-cmk           PASS
    enc-block-volume-kms               data-aws-ebs       FAIL
    log-network-flow-logs              logged-vpc         PASS
    log-network-flow-logs              default-vpc        FAIL
    # both default groups are named "default": the closed one passes, the open one fails
    net-security-group-default-closed  default            PASS
    net-security-group-default-closed  default            FAIL
    net-security-group-default-closed  web-world          PASS
    net-security-group-default-closed  ssh-world          PASS
    net-security-group-default-closed  ssh-internal       PASS
    net-security-group-default-closed  ssh-from-web       PASS
    net-security-group-default-closed  postgres-world-v6  PASS
    net-security-group-default-closed  all-world          PASS
    net-security-group-default-closed  wide-range-world   PASS
    net-security-group-default-closed  icmp-world         PASS
    net-security-group-default-closed  ssh-world-numeric  PASS
    net-security-group-default-closed  snmp-world         PASS
    net-security-group-default-closed  rdp-udp-numeric-v6  PASS
    net-security-group-default-closed  dns-world-udp      PASS
    net-security-group-default-closed  mysql-port-udp-world  PASS
    net-security-group-default-closed  rdp-split-world    PASS
    net-security-group-default-closed  rdp-private-ranges  PASS
    # web-world opens 443 twice (0.0.0.0/0 and ::/0): two findings, one per opening
    net-ingress-rule-admin-ports       web-world          PASS
    net-ingress-rule-admin-ports       web-world          PASS
    net-ingress-rule-admin-ports       ssh-world          FAIL
    net-ingress-rule-admin-ports       ssh-internal       PASS
    net-ingress-rule-admin-ports       ssh-from-web       PASS
    net-ingress-rule-admin-ports       postgres-world-v6  FAIL
    net-ingress-rule-admin-ports       all-world          FAIL
    net-ingress-rule-admin-ports       wide-range-world   FAIL
    net-ingress-rule-admin-ports       icmp-world         PASS
    net-ingress-rule-admin-ports       ssh-world-numeric  FAIL
    net-ingress-rule-admin-ports       snmp-world         FAIL
    net-ingress-rule-admin-ports       rdp-udp-numeric-v6  FAIL
    net-ingress-rule-admin-ports       dns-world-udp      PASS
    net-ingress-rule-admin-ports       mysql-port-udp-world  PASS
    net-ingress-rule-admin-ports       rdp-split-world    FAIL
    net-ingress-rule-admin-ports       rdp-split-world    FAIL
    net-ingress-rule-admin-ports       rdp-private-ranges  PASS
    net-ingress-rule-admin-ports       rdp-private-ranges  PASS
    net-ingress-rule-admin-ports       rdp-private-ranges  PASS
    net-network-acl-admin-ports        default-acl-default-vpc  FAIL
    net-network-acl-admin-ports        default-acl-logged-vpc   FAIL
    net-network-acl-admin-ports        acl-ssh-world      FAIL
    net-network-acl-admin-ports        acl-ssh-shadowed   PASS
    net-network-acl-admin-ports        acl-internal       PASS
    net-network-acl-admin-ports        acl-rdp-udp-v6     FAIL
    net-network-acl-admin-ports        acl-postgres-half  FAIL
    net-network-acl-admin-ports        acl-empty          PASS
""")

CASES = [
    Case("baseline", BASELINE),
    Case(
        "volumes-denied",
        table("""
            enc-block-volume-encrypted  ec2-volumes in us-east-1  UNKNOWN
            enc-block-volume-kms        ec2-volumes in us-east-1  UNKNOWN
        """),
        denied=(("ec2", "DescribeVolumes"),),
        unknown_reason="AccessDenied: ec2:DescribeVolumes (ec2-volumes in us-east-1)",
    ),
    Case(
        "key-lookup-denied",  # volumes still judged; a key only DescribeKey can place is unknown
        table("""
            enc-block-volume-kms  data-encrypted  UNKNOWN
            enc-block-volume-kms  data-plain      FAIL
            enc-block-volume-kms  data-cmk        UNKNOWN
            enc-block-volume-kms  data-aws-ebs    FAIL
        """),
        denied=(("kms", "DescribeKey"),),
        unknown_reason="AccessDenied: kms:DescribeKey",
    ),
    Case(
        "security-groups-denied",
        table("""
            net-security-group-default-closed  ec2-security-groups in us-east-1  UNKNOWN
            net-ingress-rule-admin-ports       ec2-security-groups in us-east-1  UNKNOWN
        """),
        denied=(("ec2", "DescribeSecurityGroups"),),
        unknown_reason="AccessDenied: ec2:DescribeSecurityGroups (ec2-security-groups in us-east-1)",
    ),
    Case(
        "network-acls-denied",
        table("net-network-acl-admin-ports  ec2-network-acls in us-east-1  UNKNOWN"),
        denied=(("ec2", "DescribeNetworkAcls"),),
        unknown_reason="AccessDenied: ec2:DescribeNetworkAcls (ec2-network-acls in us-east-1)",
    ),
    Case(
        "flow-logs-denied",  # the VPCs are still listed; only their flow-log fact is unknown
        table("""
            log-network-flow-logs  logged-vpc   UNKNOWN
            log-network-flow-logs  default-vpc  UNKNOWN
        """),
        denied=(("ec2", "DescribeFlowLogs"),),
        unknown_reason="AccessDenied: ec2:DescribeFlowLogs",
    ),
    Case(
        "vpcs-denied",
        table("""
            log-network-flow-logs       ec2-vpcs in us-east-1  UNKNOWN
            net-network-default-absent  ec2-vpcs in us-east-1  UNKNOWN
        """),
        denied=(("ec2", "DescribeVpcs"),),
        unknown_reason="AccessDenied: ec2:DescribeVpcs (ec2-vpcs in us-east-1)",
    ),
    Case(
        "default-vpc-not-pre-opened",  # the account's default VPC (IsDefault) passes: see the rule's docstring
        table("""
            net-network-default-absent  logged-vpc   PASS
            net-network-default-absent  default-vpc  PASS
        """),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_ec2_rules(default_groups: dict[str, str], case: Case) -> None:
    """Exact verdicts per volume / group / VPC; EC2's UnauthorizedOperation reads as AccessDenied."""
    session = new_session()
    apply_denials(session, case, code="UnauthorizedOperation")
    result = scan(session, *EC2_COLLECTORS)
    check(result, case)
    untouched = set(EC2_RULES) - {r for r, _, _ in case.expected}
    assert verdicts(result.findings(), untouched) == BASELINE.of_rules(untouched)


def test_default_groups_told_apart(default_groups: dict[str, str]) -> None:
    """Both default groups share the name "default": pin which one passed by its id."""
    result = scan(new_session(), "ec2-security-groups")
    status = {f.resource.native_id.rsplit("/", 1)[1]: f.status for f in result.findings()
              if f.rule_id == "net-security-group-default-closed" and f.resource.name == "default"}
    assert status == {default_groups["closed"]: PASS, default_groups["open"]: FAIL}
    assert len([r for r in result.resources if isinstance(r, SecurityGroup) and r.is_default]) == 2


def test_ingress_rule_messages_name_ports(default_groups: dict[str, str]) -> None:
    """FAIL messages say which admin ports are open to which source (what a reviewer acts on)."""
    messages = {f.resource.name: f.message for f in scan(new_session(), "ec2-security-groups").findings()
                if f.rule_id == "net-ingress-rule-admin-ports" and f.status is FAIL}
    assert messages == {
        "ssh-world": "22/tcp (SSH) open to 0.0.0.0/0",
        "ssh-world-numeric": "22/tcp (SSH) open to 0.0.0.0/0",
        "postgres-world-v6": "5432/tcp (PostgreSQL) open to ::/0",
        "all-world": "all ports open to 0.0.0.0/0",
        "wide-range-world": "1433/tcp (SQL Server), 1434/tcp (SQL Server Browser), 1521/tcp (Oracle), "
                            "2049/tcp (NFS), 2375/tcp (Docker API), 2376/tcp (Docker API over TLS), 2379/tcp (etcd), "
                            "2483/tcp (Oracle), 2484/tcp (Oracle over TLS), 3000/tcp (web development server) "
                            "and 2 more admin ports open to 0.0.0.0/0",
        "snmp-world": "161/udp (SNMP) open to 0.0.0.0/0",
        "rdp-udp-numeric-v6": "3389/udp (RDP) open to ::/0",
        # one finding per opening: each half of the split is the internet on its own
        "rdp-split-world": "3389/tcp (RDP) open to 128.0.0.0/1",
    }


def test_each_opening_of_a_split_source_is_its_own_finding(default_groups: dict[str, str]) -> None:
    findings = [f for f in scan(new_session(), "ec2-security-groups").findings()
                if f.rule_id == "net-ingress-rule-admin-ports" and f.resource.name == "rdp-split-world"]
    assert sorted((f.resource.part, f.status.value, f.message) for f in findings) == [
        ("ingress/tcp/3389-3389/0.0.0.0/1", "FAIL", "3389/tcp (RDP) open to 0.0.0.0/1"),
        ("ingress/tcp/3389-3389/128.0.0.0/1", "FAIL", "3389/tcp (RDP) open to 128.0.0.0/1"),
    ]


def test_network_acl_messages_and_entries(default_groups: dict[str, str]) -> None:
    """Inbound entries as the API lists them, egress left out; messages name the reachable ports."""
    result = scan(new_session(), "ec2-network-acls")
    messages = {f.resource.name: f.message for f in result.findings() if f.status is FAIL}
    assert messages["acl-ssh-world"] == "22/tcp (SSH) reachable from the internet"
    assert messages["acl-rdp-udp-v6"] == "3389/udp (RDP) reachable from the internet"
    assert messages["acl-postgres-half"] == "5432/tcp (PostgreSQL) reachable from the internet"
    assert messages["default-acl-logged-vpc"].endswith("and 52 more admin ports reachable from the internet")
    acls = {a.ref.name: a for a in result.resources if isinstance(a, NetworkAcl)}
    assert [(e.number, e.allow, e.protocol, e.from_port, e.to_port, e.source)
            for e in acls["acl-ssh-shadowed"].ingress] == [
        (90, False, "tcp", 22, 22, "0.0.0.0/0"), (100, True, "tcp", 22, 22, "0.0.0.0/0"),
        (110, True, "tcp", 443, 443, "0.0.0.0/0")]
    assert acls["default-acl-default-vpc"].is_default is True and acls["acl-empty"].is_default is False
    assert acls["acl-empty"].ingress == ()
    assert acls["acl-ssh-world"].ref.native_id.startswith(f"arn:aws:ec2:{HOME}:123456789012:network-acl/acl-")


EBS_CASES = [
    Case(
        "ebs-default-per-region",  # on in eu-west-1 says nothing about us-east-1
        table(f"""
            {EBS_RULE}  ebs-encryption-by-default/{OTHER}  PASS
            {EBS_RULE}  {EBS_NAME}                         FAIL
        """),
    ),
    Case(
        "ebs-default-denied-in-one-region",
        table(f"""
            {EBS_RULE}  ebs-encryption-by-default/{OTHER}  UNKNOWN
            {EBS_RULE}  {EBS_NAME}                         FAIL
        """),
        denied=(("ec2", "GetEbsEncryptionByDefault"),),
        unknown_reason="AccessDenied: ec2:GetEbsEncryptionByDefault",
        denied_in=(OTHER,),
    ),
]


@pytest.mark.parametrize("case", EBS_CASES, ids=lambda c: c.id)
def test_ebs_encryption_by_default(default_groups: dict[str, str], case: Case) -> None:
    """The regional default is one resource per region: PASS/FAIL by its flag, UNKNOWN where denied."""
    session = new_session()
    apply_denials(session, case, code="UnauthorizedOperation")
    check(scan(session, "ec2-ebs-encryption-by-default", regions=(HOME, OTHER)), case)
