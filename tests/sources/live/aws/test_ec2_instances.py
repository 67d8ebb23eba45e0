"""EC2 instances -> ComputeInstance against moto: public addresses, instance-store encryption."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from hitrust_policies.model import ComputeInstance
from tests.sources.live.aws.conftest import (
    Case,
    apply_denials,
    check,
    moto_account,
    new_session,
    scan,
    table,
    verdicts,
)
from tests.verdicts import Verdicts

AMI = "ami-12c6146b"
RULES = ("net-instance-no-public-ip", "enc-instance-host-encryption")


def seed(session: boto3.Session) -> dict[str, str]:
    """Instances named after what they should get. Returns their public addresses by name."""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]

    def launch(name: str, instance_type: str, **kwargs: object) -> dict:
        return ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType=instance_type, TagSpecifications=[
            {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}], **kwargs)["Instances"][0]

    launch("app-private", "m5d.large", SubnetId=private)  # NVMe instance store: encrypted
    launch("legacy-private", "m3.medium", SubnetId=private)  # previous-generation SSD store: not encrypted
    web = launch("web-public", "t3.micro", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": private, "AssociatePublicIpAddress": True}])
    gone = launch("gone", "m3.medium", NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": private, "AssociatePublicIpAddress": True}])
    ec2.terminate_instances(InstanceIds=[gone["InstanceId"]])  # listed for an hour; not judged
    described = ec2.describe_instances(InstanceIds=[web["InstanceId"]])["Reservations"][0]["Instances"][0]
    return {"web-public": described["PublicIpAddress"]}


@pytest.fixture(scope="module")
def addresses() -> Iterator[dict[str, str]]:
    with moto_account():
        yield seed(new_session())


BASELINE = table("""
    net-instance-no-public-ip     app-private     PASS
    net-instance-no-public-ip     legacy-private  PASS
    net-instance-no-public-ip     web-public      FAIL
    enc-instance-host-encryption  app-private     PASS
    enc-instance-host-encryption  legacy-private  FAIL
    enc-instance-host-encryption  web-public      PASS
""")

CASES = [
    Case("baseline", BASELINE),
    Case(
        "instances-denied",
        table("""
            net-instance-no-public-ip     ec2-instances in us-east-1  UNKNOWN
            enc-instance-host-encryption  ec2-instances in us-east-1  UNKNOWN
        """),
        denied=(("ec2", "DescribeInstances"),),
        unknown_reason="AccessDenied: ec2:DescribeInstances (ec2-instances in us-east-1)",
    ),
    Case(
        "types-denied",  # addresses still judged; what the type says about its instance store is unknown
        table("""
            net-instance-no-public-ip     app-private     PASS
            net-instance-no-public-ip     legacy-private  PASS
            net-instance-no-public-ip     web-public      FAIL
            enc-instance-host-encryption  app-private     UNKNOWN
            enc-instance-host-encryption  legacy-private  UNKNOWN
            enc-instance-host-encryption  web-public      UNKNOWN
        """),
        denied=(("ec2", "DescribeInstanceTypes"),),
        unknown_reason="AccessDenied: ec2:DescribeInstanceTypes",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_instance_rules(addresses: dict[str, str], case: Case) -> None:
    session = new_session()
    apply_denials(session, case, code="UnauthorizedOperation")
    check(scan(session, "ec2-instances"), case)


def test_public_address_is_named(addresses: dict[str, str]) -> None:
    result = scan(new_session(), "ec2-instances")
    web = next(f for f in result.findings() if f.rule_id == RULES[0] and f.resource.name == "web-public")
    assert web.message == f"instance holds public address {addresses['web-public']}"
    assert {r.ref.native_type for r in result.resources if isinstance(r, ComputeInstance)} == {"AWS::EC2::Instance"}


FORWARDING = "net-instance-ip-forwarding-off"
FORWARDING_CASES = [
    Case("forwarding", table(f"""
        {FORWARDING}  app           PASS
        {FORWARDING}  nat-instance  FAIL
        {FORWARDING}  router        FAIL
    """)),
    Case("forwarding-denied", table(f"{FORWARDING}  ec2-instances in us-east-1  UNKNOWN"),
         denied=(("ec2", "DescribeInstances"),),
         unknown_reason="AccessDenied: ec2:DescribeInstances (ec2-instances in us-east-1)"),
]


def seed_forwarding(session: boto3.Session) -> None:
    """A NAT instance (check off on the instance), a router whose second interface has it off, an app."""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]

    def launch(name: str) -> str:
        return ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                                 TagSpecifications=[{"ResourceType": "instance",
                                                     "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0][
            "InstanceId"]

    launch("app")
    ec2.modify_instance_attribute(InstanceId=launch("nat-instance"), SourceDestCheck={"Value": False})
    eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=launch("router"), DeviceIndex=1)
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, SourceDestCheck={"Value": False})


def test_source_dest_check_off_forwards() -> None:
    """SourceDestCheck off on the instance or on any interface FAILs; as launched PASSes; denied is UNKNOWN.
    Its own moto account, filtered to its instances (the module's seed may share moto's state)."""
    with moto_account():
        seed_forwarding(new_session())
        for case in FORWARDING_CASES:
            session = new_session()
            apply_denials(session, case, code="UnauthorizedOperation")
            found = verdicts(scan(session, "ec2-instances").findings(), [FORWARDING])
            assert Verdicts({k: n for k, n in found.items() if k[1] in {n for _, n, _ in case.expected}}) == \
                case.expected, case.id
