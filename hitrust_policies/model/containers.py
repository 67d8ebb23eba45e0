"""Managed container services and the task definitions they run."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ContainerService:
    """A long-running service of a managed container orchestrator, keeping a number of tasks running.

    Yielded by the AWS sources (ECS services); Azure Container Apps and Cloud Run services could yield it later.
    ``assigns_public_ip``: each task the service launches gets its own public IPv4 address (ECS
    ``awsvpcConfiguration.assignPublicIp`` ``ENABLED``); services outside awsvpc networking assign none.
    """

    ref: ResourceRef
    assigns_public_ip: bool | Unknown


@dataclass(frozen=True, slots=True)
class ContainerTaskDefinition:
    """The current definition of a group of containers run together (ECS task definition family, latest active
    revision); Kubernetes-style pod specs of other clouds' managed services could yield it later.

    ``privileged_containers``: names of the containers that run privileged (root on the host, every device and
    capability: ECS ``privileged: true``).
    """

    ref: ResourceRef
    privileged_containers: tuple[str, ...] | Unknown
