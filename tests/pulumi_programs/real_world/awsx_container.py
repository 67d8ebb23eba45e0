"""A container service on awsx components (pulumi/templates container-aws-python and kubernetes-aws-python).

``awsx.ec2.Vpc`` and ``awsx.lb.ApplicationLoadBalancer`` are remote components: their
provider plugin creates the subnets, gateways, load balancer and listeners. Under mocks
it never runs, so those resources exist nowhere in the capture; the harness must say so.
"""

import pulumi

from tests.pulumi_programs.real_world import awsx_standin as awsx


def program() -> None:
    import pulumi_aws as aws

    config = pulumi.Config()
    container_port = config.get_int("containerPort", 80)

    vpc = awsx.Vpc("vpc", enable_dns_hostnames=True, cidr_block="10.0.0.0/16")
    cluster = aws.ecs.Cluster("cluster")
    balancer = awsx.ApplicationLoadBalancer("loadbalancer", subnet_ids=vpc.public_subnet_ids)
    group = aws.ec2.SecurityGroup(
        "service-sg", vpc_id=vpc.vpc_id, description="container port from anywhere",
        ingress=[{"protocol": "tcp", "from_port": container_port, "to_port": container_port,
                  "cidr_blocks": ["0.0.0.0/0"]}])

    pulumi.export("cluster", cluster.name)
    pulumi.export("vpc_id", vpc.vpc_id)
    pulumi.export("service_group", group.id)
    pulumi.export("balancer", balancer.urn)


def program_reading_remote_outputs() -> None:
    """The template's last line: a URL from the balancer's outputs, which only the awsx provider computes."""
    vpc = awsx.Vpc("vpc")
    pulumi.export("vpc_url", pulumi.Output.concat("https://", vpc.vpc_id, ".example.com"))
