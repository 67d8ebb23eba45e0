"""Pack vs live scanner for the AWS network and exposure sources: the same program and account give the same
findings.

Scenarios and helpers are tests/test_parity.py's; these cover instance metadata options (IMDSv2),
subnets mapping public IPv4 addresses and EKS API server endpoints.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.parity import assert_pack_agrees_with_live
from tests.test_parity import PACK_RULES, Scenario, live_findings, pack  # noqa: F401  (pack: a fixture)

AMI = "ami-12c6146b"
IMDS = (("v2-only", {"http_tokens": "required"}), ("default-launch", None),
        ("no-imds", {"http_tokens": "optional", "http_endpoint": "disabled"}))


def imds_program() -> None:
    import pulumi_aws as aws

    for name, options in IMDS:
        aws.ec2.Instance(name, ami=AMI, instance_type="t3.micro", associate_public_ip_address=False,
                         tags={"Name": name}, **({"metadata_options": options} if options else {}))


def imds_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    for name, options in IMDS:
        extra = {"MetadataOptions": {"HttpTokens": options["http_tokens"],
                                     "HttpEndpoint": options.get("http_endpoint", "enabled")}} if options else {}
        ec2.run_instances(ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="t3.micro", NetworkInterfaces=[
            {"DeviceIndex": 0, "AssociatePublicIpAddress": False}], TagSpecifications=[
            {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}], **extra)


IMDS_RULE = "net-instance-metadata-tokens"
SCENARIOS = [
    Scenario("instance-metadata", imds_program, imds_seed, frozenset(name for name, _ in IMDS),
             frozenset({(IMDS_RULE, "default-launch")}),
             must_pass=frozenset({(IMDS_RULE, "v2-only"), (IMDS_RULE, "no-imds")})),
]


def subnets_program() -> None:
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("parity-vpc", cidr_block="10.31.0.0/16")
    for name, cidr, maps in (("private-a", "10.31.1.0/24", False), ("public-a", "10.31.2.0/24", True)):
        aws.ec2.Subnet(name, vpc_id=vpc.id, cidr_block=cidr, map_public_ip_on_launch=maps, tags={"Name": name})


def subnets_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.31.0.0/16")["Vpc"]["VpcId"]
    for name, cidr, maps in (("private-a", "10.31.1.0/24", False), ("public-a", "10.31.2.0/24", True)):
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}])["Subnet"]["SubnetId"]
        ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": maps})


SUBNET_RULE = "net-subnet-no-auto-public-ip"
SCENARIOS.append(Scenario("subnet-public-ips", subnets_program, subnets_seed, frozenset({"private-a", "public-a"}),
                          frozenset({(SUBNET_RULE, "public-a")}), must_pass=frozenset({(SUBNET_RULE, "private-a")})))


ENDPOINTS = (("private-eks", False, None), ("open-eks", True, ["0.0.0.0/0"]), ("office-eks", True, ["203.0.113.0/24"]))


def eks_program() -> None:
    import pulumi_aws as aws

    for name, public, cidrs in ENDPOINTS:
        aws.eks.Cluster(name, name=name, role_arn="arn:aws:iam::123456789012:role/eks", vpc_config={
            "subnet_ids": ["subnet-0a1b2c3d"], "endpoint_public_access": public, "endpoint_private_access": True,
            **({"public_access_cidrs": cidrs} if cidrs else {})})


def eks_seed(session: Any) -> None:
    for name, public, cidrs in ENDPOINTS:
        session.client("eks").create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks",
                                             resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d"],
                                                                 "endpointPublicAccess": public,
                                                                 "endpointPrivateAccess": True,
                                                                 **({"publicAccessCidrs": cidrs} if cidrs else {})})


EKS_RULE = "net-cluster-endpoint-not-public"
SCENARIOS.append(Scenario("eks-endpoints", eks_program, eks_seed, frozenset(n for n, _, _ in ENDPOINTS),
                          frozenset({(EKS_RULE, "open-eks")}),
                          must_pass=frozenset({(EKS_RULE, "private-eks"), (EKS_RULE, "office-eks")})))

MIGRATIONS = (("claims-migration", False), ("legacy-migration", True))


def dms_program() -> None:
    import pulumi_aws as aws

    for name, public in MIGRATIONS:
        aws.dms.ReplicationInstance(name, replication_instance_id=name, replication_instance_class="dms.t3.micro",
                                    publicly_accessible=public)


def dms_seed(session: Any) -> None:
    for name, public in MIGRATIONS:
        session.client("dms").create_replication_instance(
            ReplicationInstanceIdentifier=name, ReplicationInstanceClass="dms.t3.micro", PubliclyAccessible=public)


DMS_RULE = "net-replication-instance-not-public"
SCENARIOS.append(Scenario("dms-replication-instances", dms_program, dms_seed, frozenset(n for n, _ in MIGRATIONS),
                          frozenset({(DMS_RULE, "legacy-migration")}),
                          must_pass=frozenset({(DMS_RULE, "claims-migration")})))


FUNCTION_RULE = "net-function-in-private-network"
ZIP_CODE = "def handler(event, context):\n    return {}\n"


def functions_program() -> None:
    import pulumi
    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("fn-vpc", cidr_block="10.8.0.0/16")
    subnet = aws.ec2.Subnet("fn-private", vpc_id=vpc.id, cidr_block="10.8.1.0/24")
    code = pulumi.AssetArchive({"index.py": pulumi.StringAsset(ZIP_CODE)})
    for name, vpc_config in (("private-fn", {"subnet_ids": [subnet.id], "security_group_ids": []}),
                             ("public-fn", None)):
        aws.lambda_.Function(name, name=name, runtime="python3.12", handler="index.handler", code=code,
                             role="arn:aws:iam::123456789012:role/fn-role",
                             **({"vpc_config": vpc_config} if vpc_config else {}))


def functions_seed(session: Any) -> None:
    import io
    import zipfile

    from hitrust_policies.testing.moto_gaps import serve_function_url_listing

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", ZIP_CODE)
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]
    role = session.client("iam").create_role(RoleName="fn-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    for name, vpc_config in (("private-fn", {"SubnetIds": [subnet], "SecurityGroupIds": []}), ("public-fn", None)):
        session.client("lambda").create_function(
            FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
            Code={"ZipFile": buf.getvalue()}, **({"VpcConfig": vpc_config} if vpc_config else {}))
    serve_function_url_listing(session)  # moto does not list function URLs


SCENARIOS.append(
    Scenario("functions-private-network", functions_program, functions_seed, frozenset({"private-fn", "public-fn"}),
             frozenset({(FUNCTION_RULE, "public-fn")}), must_pass=frozenset({(FUNCTION_RULE, "private-fn")})))


NOTEBOOK_RULES = ("enc-notebook-kms", "net-notebook-no-direct-internet", "iam-notebook-root-access-disabled")
NOTEBOOK_ROLE = "arn:aws:iam::123456789012:role/notebooks"


def notebooks_program() -> None:
    import pulumi_aws as aws

    key = aws.kms.Key("nb-key", enable_key_rotation=True)
    subnet = aws.ec2.Subnet("nb-private", vpc_id=aws.ec2.Vpc("nb-vpc", cidr_block="10.9.0.0/16").id,
                            cidr_block="10.9.1.0/24")
    aws.sagemaker.NotebookInstance("locked-nb", name="locked-nb", instance_type="ml.t3.medium",
                                   role_arn=NOTEBOOK_ROLE, kms_key_id=key.arn, subnet_id=subnet.id,
                                   direct_internet_access="Disabled", root_access="Disabled")
    aws.sagemaker.NotebookInstance("default-nb", name="default-nb", instance_type="ml.t3.medium",
                                   role_arn=NOTEBOOK_ROLE)


def notebooks_seed(session: Any) -> None:
    key = session.client("kms").create_key(Description="notebooks")["KeyMetadata"]["Arn"]
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    sm = session.client("sagemaker")
    sm.create_notebook_instance(NotebookInstanceName="locked-nb", InstanceType="ml.t3.medium", RoleArn=NOTEBOOK_ROLE,
                                KmsKeyId=key, SubnetId=subnet, DirectInternetAccess="Disabled",
                                RootAccess="Disabled")
    sm.create_notebook_instance(NotebookInstanceName="default-nb", InstanceType="ml.t3.medium",
                                RoleArn=NOTEBOOK_ROLE)


SCENARIOS.append(
    Scenario("notebooks", notebooks_program, notebooks_seed, frozenset({"locked-nb", "default-nb"}),
             frozenset((rule, "default-nb") for rule in NOTEBOOK_RULES),
             must_pass=frozenset((rule, "locked-nb") for rule in NOTEBOOK_RULES)))


CONTAINER_IP, PRIVILEGED = "net-container-service-no-public-ip", "iam-container-not-privileged"
APP = {"name": "app", "image": "nginx", "memory": 128}


def containers_program() -> None:
    import json

    import pulumi_aws as aws

    vpc = aws.ec2.Vpc("ecs-vpc", cidr_block="10.7.0.0/16")
    subnet = aws.ec2.Subnet("ecs-private", vpc_id=vpc.id, cidr_block="10.7.1.0/24")
    cluster = aws.ecs.Cluster("apps", name="apps")
    web = aws.ecs.TaskDefinition("web", family="web", network_mode="awsvpc", container_definitions=json.dumps([APP]))
    aws.ecs.TaskDefinition("agent", family="agent", container_definitions=json.dumps([APP | {"privileged": True}]))
    for name, assign in (("public-svc", True), ("private-svc", False)):
        aws.ecs.Service(name, name=name, cluster=cluster.arn, task_definition=web.arn, desired_count=1,
                        launch_type="FARGATE", network_configuration={"subnets": [subnet.id],
                                                                      "assign_public_ip": assign})


def containers_seed(session: Any) -> None:
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="svc", Description="services", VpcId=vpc)["GroupId"]
    ecs = session.client("ecs")
    ecs.create_cluster(clusterName="apps")
    ecs.register_task_definition(family="web", networkMode="awsvpc", containerDefinitions=[APP])
    ecs.register_task_definition(family="agent", containerDefinitions=[APP | {"privileged": True}])
    for name, assign in (("public-svc", "ENABLED"), ("private-svc", "DISABLED")):
        ecs.create_service(cluster="apps", serviceName=name, taskDefinition="web", desiredCount=1, launchType="FARGATE",
                           networkConfiguration={"awsvpcConfiguration": {
                               "subnets": [subnet], "securityGroups": [group], "assignPublicIp": assign}})


SCENARIOS.append(
    Scenario("containers", containers_program, containers_seed,
             frozenset({"public-svc", "private-svc", "web", "agent"}),
             frozenset({(CONTAINER_IP, "public-svc"), (PRIVILEGED, "agent")}),
             must_pass=frozenset({(CONTAINER_IP, "private-svc"), (PRIVILEGED, "web")})))


TEMPLATES = (("v2-template", {"http_tokens": "required"}), ("legacy-template", None))


def templates_program() -> None:
    import pulumi_aws as aws

    for name, options in TEMPLATES:
        aws.ec2.LaunchTemplate(name, name=name, image_id=AMI, **({"metadata_options": options} if options else {}))


def templates_seed(session: Any) -> None:
    for name, options in TEMPLATES:
        data = {"ImageId": AMI} | ({"MetadataOptions": {"HttpTokens": options["http_tokens"]}} if options else {})
        session.client("ec2").create_launch_template(LaunchTemplateName=name, LaunchTemplateData=data)


SCENARIOS.append(
    Scenario("launch-template-metadata", templates_program, templates_seed, frozenset(n for n, _ in TEMPLATES),
             frozenset({(IMDS_RULE, "legacy-template")}), must_pass=frozenset({(IMDS_RULE, "v2-template")})))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    live = live_findings(scenario, monkeypatch)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
