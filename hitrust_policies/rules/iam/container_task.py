"""Privileged containers."""

from hitrust_policies.model import ContainerTaskDefinition
from hitrust_policies.rules.registry import rule


@rule(
    "iam-container-not-privileged",
    title="Containers do not run privileged",
    domain="iam",
    severity="high",
    remediation={
        "aws": "Register a new task definition revision without \"privileged\": true (grant only the Linux "
        "capabilities needed through linuxParameters.capabilities), and move services to it; pulumi-aws "
        "ecs.TaskDefinition container_definitions.",
    },
)
def iam_container_not_privileged(task: ContainerTaskDefinition):
    """A privileged container is root on its host with every device and capability: one compromised container
    reaches every other task on the host, their credentials and the PHI they process.

    Follows Security Hub ECS.4 (AWS Config ecs-containers-nonprivileged), Prowler
    ecs_task_definitions_no_privileged_containers and Checkov CKV_AWS_334, on the family's latest active
    revision: any container with ``privileged`` true fails.
    """
    if task.privileged_containers:
        return f"privileged containers: {', '.join(task.privileged_containers)}"
