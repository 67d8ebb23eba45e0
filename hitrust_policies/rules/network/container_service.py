"""Container services handing their tasks public IP addresses."""

from hitrust_policies.model import ContainerService
from hitrust_policies.rules.registry import rule


@rule(
    "net-container-service-no-public-ip",
    title="Container services do not assign public IP addresses to their tasks",
    domain="network",
    severity="high",
    remediation={
        "aws": "Turn off public IP assignment and run the tasks in private subnets behind a load balancer (aws ecs "
        "update-service --cluster <cluster> --service <name> --network-configuration "
        "'awsvpcConfiguration={subnets=[...],securityGroups=[...],assignPublicIp=DISABLED}'; pulumi-aws "
        "ecs.Service network_configuration.assign_public_ip=False).",
    },
)
def net_container_service_no_public_ip(service: ContainerService):
    """A task with its own public address is reachable from the internet on whatever its security group leaves
    open, bypassing the load balancer, WAF and private-subnet design meant to front the PHI it handles.

    Follows Security Hub ECS.2 (AWS Config ecs-service-assign-public-ip-disabled) and Prowler
    ecs_service_no_assign_public_ip: ``assignPublicIp`` ``ENABLED`` fails.
    """
    if service.assigns_public_ip:
        return "service assigns public IP addresses to its tasks (assignPublicIp ENABLED)"
