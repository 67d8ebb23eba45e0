"""EC2 volumes, regional EBS defaults, security groups / ingress rules and VPC flow logs against moto."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from hitrust_policies.model import SecurityGroup
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

EC2_COLLECTORS = ("ec2-volumes", "ec2-security-groups", "ec2-vpcs")
EC2_RULES = (
    "enc-block-volume-encrypted",
    "net-security-group-default-closed",
    "net-ingress-rule-admin-ports",
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
    session.client("ec2", region_name=OTHER).enable_ebs_encryption_by_default()  # HOME stays off
    return {"open": str(open_default["GroupId"]), "closed": str(closed_default["GroupId"])}


@pytest.fixture(scope="module")
def default_groups() -> Iterator[dict[str, str]]:
    """One seeded account for the whole module: scans are read-only, so cases can share it
    (EC2 is moto's slowest backend to build). Each test still gets its own session for its faults."""
    with moto_account():
        yield seed(new_session())


BASELINE = table("""
    enc-block-volume-encrypted         data-encrypted     PASS
    enc-block-volume-encrypted         data-plain         FAIL
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
""")

CASES = [
    Case("baseline", BASELINE),
    Case(
        "volumes-denied",
        table("enc-block-volume-encrypted  ec2-volumes in us-east-1  UNKNOWN"),
        denied=(("ec2", "DescribeVolumes"),),
        unknown_reason="AccessDenied: ec2:DescribeVolumes (ec2-volumes in us-east-1)",
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
        table("log-network-flow-logs  ec2-vpcs in us-east-1  UNKNOWN"),
        denied=(("ec2", "DescribeVpcs"),),
        unknown_reason="AccessDenied: ec2:DescribeVpcs (ec2-vpcs in us-east-1)",
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
        "ssh-world": "22 (SSH) open to 0.0.0.0/0",
        "postgres-world-v6": "5432 (PostgreSQL) open to ::/0",
        "all-world": "all ports open to 0.0.0.0/0",
        "wide-range-world": "1433 (SQL Server), 1521 (Oracle), 2375 (Docker API), 3306 (MySQL), 3389 (RDP) "
                            "open to 0.0.0.0/0",
    }


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
