"""ECS services (``aws:ecs/service:Service``: ``networkConfiguration.assignPublicIp``, off unless set) and task
definitions (``aws:ecs/taskDefinition:TaskDefinition``: ``containerDefinitions``, a JSON string, often built from
other resources' outputs and then unknown at preview), named like the live scanner: service name, family."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ContainerService, ContainerTaskDefinition, Unknown
from hitrust_policies.sources import aws_containers
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:ecs/service:Service", produces=ContainerService)
def service(res: PulumiResource, stack: Stack) -> Iterator[ContainerService]:
    network = optional(res.props.get("networkConfiguration"))
    assign = network if isinstance(network, Unknown) else (network or {}).get("assignPublicIp")
    yield ContainerService(ref=res.ref("name"), assigns_public_ip=aws_containers.assigns_public_ip(assign))


@pulumi_adapter("aws:ecs/taskDefinition:TaskDefinition", produces=ContainerTaskDefinition)
def task_definition(res: PulumiResource, stack: Stack) -> Iterator[ContainerTaskDefinition]:
    definitions = res.props.get("containerDefinitions", Unknown("containerDefinitions not set"))
    yield ContainerTaskDefinition(ref=res.ref("family"), privileged_containers=aws_containers.privileged(definitions))
