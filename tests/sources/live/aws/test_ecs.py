"""ECS services and task definitions through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

IP, PRIV = "net-container-service-no-public-ip", "iam-container-not-privileged"


def seed(session: boto3.Session) -> None:
    """Cluster apps: public-svc's tasks get public IPs, private-svc's do not, bridge-svc runs outside awsvpc.
    Families: agent's latest revision runs a privileged container (its first did not), web's never did. (A family
    whose revisions are all deregistered is left out by ``status=ACTIVE``; moto ignores that filter.)"""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="svc-sg", Description="services", VpcId=vpc)["GroupId"]
    ecs = session.client("ecs")
    ecs.create_cluster(clusterName="apps")
    container = {"name": "app", "image": "nginx", "memory": 128}
    ecs.register_task_definition(family="web", networkMode="awsvpc", containerDefinitions=[container])
    ecs.register_task_definition(family="agent", containerDefinitions=[container | {"privileged": False}])
    ecs.register_task_definition(family="agent", containerDefinitions=[
        container, {"name": "collector", "image": "agent", "memory": 128, "privileged": True}])
    for name, assign in (("public-svc", "ENABLED"), ("private-svc", "DISABLED")):
        ecs.create_service(cluster="apps", serviceName=name, taskDefinition="web", desiredCount=1, launchType="FARGATE",
                           networkConfiguration={"awsvpcConfiguration": {
                               "subnets": [subnet], "securityGroups": [group], "assignPublicIp": assign}})
    ecs.create_service(cluster="apps", serviceName="bridge-svc", taskDefinition="agent", desiredCount=1)


CASES = [
    Case("ecs", table(f"""
        {IP}    public-svc   FAIL
        {IP}    private-svc  PASS
        {IP}    bridge-svc   PASS
        {PRIV}  agent        FAIL
        {PRIV}  web          PASS
    """)),
    Case("describe-task-definition-denied", table(f"""
        {PRIV}  agent  UNKNOWN
        {PRIV}  web    UNKNOWN
    """), denied=(("ecs", "DescribeTaskDefinition"),), unknown_reason="AccessDenied: ecs:DescribeTaskDefinition"),
    Case("services-denied", table(f"""
        {IP}  ecs-services in us-east-1  UNKNOWN
    """), denied=(("ecs", "DescribeServices"),),
        unknown_reason="AccessDenied: ecs:DescribeServices (ecs-services in us-east-1)"),
    Case("families-denied", table(f"""
        {PRIV}  ecs-task-definitions in us-east-1  UNKNOWN
    """), denied=(("ecs", "ListTaskDefinitionFamilies"),),
        unknown_reason="AccessDenied: ecs:ListTaskDefinitionFamilies (ecs-task-definitions in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_ecs(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "ecs-services", "ecs-task-definitions", CANARY), case)


def test_throttled_task_definition_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): ecs:DescribeTaskDefinition")
    apply_denials(session, case, code="ThrottlingException", status=400)
    check(scan(session, "ecs-services", "ecs-task-definitions", CANARY), case)


def test_services_are_described_ten_at_a_time(session: boto3.Session) -> None:
    """DescribeServices takes at most ten services: twelve services are two calls."""
    seed(session)
    ecs = session.client("ecs")
    for n in range(9):
        ecs.create_service(cluster="apps", serviceName=f"extra-{n}", taskDefinition="agent", desiredCount=0)
    result = scan(session, "ecs-services")
    assert result.calls["ecs:DescribeServices"] == 2
    assert len([f for f in result.findings() if f.rule_id == IP]) == 12
