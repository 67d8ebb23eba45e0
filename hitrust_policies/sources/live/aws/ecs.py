"""Where ECS services and task definitions become `ContainerService` / `ContainerTaskDefinition` values.

Services: ``ListClusters``, ``ListServices`` per cluster, ``DescribeServices`` ten at a time (its batch limit).
Task definitions: ``ListTaskDefinitionFamilies`` (active ones), then ``DescribeTaskDefinition`` of each family,
which answers its latest active revision: the one new services and tasks get."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ContainerService, ContainerTaskDefinition, Unknown
from hitrust_policies.sources import aws_containers
from hitrust_policies.sources.live.aws.collector import Ctx, collector

DESCRIBE_BATCH = 10


@collector("ecs-services", service="ecs", kinds=(ContainerService,),
           calls=("ecs:ListClusters", "ecs:ListServices", "ecs:DescribeServices"))
def ecs_services(ctx: Ctx) -> Iterator[ContainerService]:
    client = ctx.client("ecs")
    for cluster in ctx.paginate("ecs", "ListClusters", "clusterArns"):
        arns = list(ctx.paginate("ecs", "ListServices", "serviceArns", cluster=cluster))
        for start in range(0, len(arns), DESCRIBE_BATCH):
            batch = client.describe_services(cluster=cluster, services=arns[start:start + DESCRIBE_BATCH])
            for service in batch.get("services", []):
                vpc = (service.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
                yield ContainerService(
                    ref=ctx.ref("AWS::ECS::Service", service["serviceArn"], service["serviceName"]),
                    assigns_public_ip=aws_containers.assigns_public_ip(vpc.get("assignPublicIp")))


@collector("ecs-task-definitions", service="ecs", kinds=(ContainerTaskDefinition,),
           calls=("ecs:ListTaskDefinitionFamilies", "ecs:DescribeTaskDefinition"))
def ecs_task_definitions(ctx: Ctx) -> Iterator[ContainerTaskDefinition]:
    families = list(ctx.paginate("ecs", "ListTaskDefinitionFamilies", "families", status="ACTIVE"))
    yield from ctx.fan_out(lambda family: _task_definition(ctx, family), families)


def _task_definition(ctx: Ctx, family: str) -> ContainerTaskDefinition:
    got: Any = ctx.fact("ecs:DescribeTaskDefinition",
                        lambda: ctx.client("ecs").describe_task_definition(taskDefinition=family)["taskDefinition"])
    if isinstance(got, Unknown):
        arn = ctx.arn("ecs", f"task-definition/{family}")
        return ContainerTaskDefinition(ref=ctx.ref("AWS::ECS::TaskDefinition", arn, family), privileged_containers=got)
    return ContainerTaskDefinition(ref=ctx.ref("AWS::ECS::TaskDefinition", got["taskDefinitionArn"], family),
                                   privileged_containers=aws_containers.privileged(got.get("containerDefinitions")))
