"""Serverless functions outside the account's private network."""

from hitrust_policies.model import ServerlessFunction
from hitrust_policies.rules.registry import rule


@rule(
    "net-function-in-private-network",
    title="Serverless functions run inside a private network",
    domain="network",
    severity="low",
    remediation={
        "aws": "Attach the function to private subnets of a VPC with a security group (aws lambda "
        "update-function-configuration --function-name <name> --vpc-config SubnetIds=<ids>,SecurityGroupIds=<ids>; "
        "pulumi-aws lambda.Function vpc_config.subnet_ids / security_group_ids), with VPC endpoints or a NAT "
        "gateway for the services it calls.",
    },
)
def net_function_in_private_network(fn: ServerlessFunction):
    """A function outside the private network reaches PHI stores over public endpoints, beyond the security
    groups, network ACLs and flow logs that fence and record the rest of the workload.

    Follows AWS Config lambda-inside-vpc (in the HIPAA Security conformance pack), Security Hub Lambda.3 and
    Prowler awslambda_function_inside_vpc: no subnets in ``VpcConfig`` fails. Low severity, as Security Hub
    rates it: peers recommend rather than mandate it, and a function that touches no private resource may
    rightly stay outside.
    """
    if not fn.in_private_network:
        return "function runs outside the account's private network (no VPC subnets)"
