"""Who the resource policies of Lambda functions, ECR repositories and Secrets Manager secrets let in (queues
and topics are read with their attributes in sqs.py / sns.py; keys in kms.py).

One policy read per resource (none of these services has a batch read of policies), a few at a time; a
resource without a policy (the service's "not found" answer) is open to its own account only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ResourcePolicy, Unknown
from hitrust_policies.sources.aws_iam_policy import public_grants
from hitrust_policies.sources.live.aws.collector import Ctx, collector

NO_POLICY = ""  # stands for "the resource has no policy" (public_grants of None)


def _public(document: Any) -> tuple[str, ...] | Unknown:
    if isinstance(document, Unknown):
        return document
    return public_grants(None if document == NO_POLICY else document)


@collector("lambda-function-policies", service="lambda", kinds=(ResourcePolicy,),
           calls=("lambda:ListFunctions", "lambda:GetPolicy"))
def lambda_function_policies(ctx: Ctx) -> Iterator[ResourcePolicy]:
    """Each function's resource-based policy (its unqualified one: the permissions lambda:AddPermission gave)."""
    client = ctx.client("lambda")

    def one(fn: dict[str, Any]) -> ResourcePolicy:
        name, arn = fn["FunctionName"], fn["FunctionArn"]
        policy = ctx.fact("lambda:GetPolicy", lambda: client.get_policy(FunctionName=name).get("Policy"),
                          absent={"ResourceNotFoundException": NO_POLICY})
        return ResourcePolicy(ctx.ref("AWS::Lambda::Function", arn, name), "lambda function", _public(policy))

    yield from ctx.fan_out(one, ctx.paginate("lambda", "ListFunctions", "Functions"))


@collector("ecr-repository-policies", service="ecr", kinds=(ResourcePolicy,),
           calls=("ecr:DescribeRepositories", "ecr:GetRepositoryPolicy"))
def ecr_repository_policies(ctx: Ctx) -> Iterator[ResourcePolicy]:
    client = ctx.client("ecr")

    def one(repo: dict[str, Any]) -> ResourcePolicy:
        name, arn = repo["repositoryName"], repo["repositoryArn"]
        policy = ctx.fact("ecr:GetRepositoryPolicy",
                          lambda: client.get_repository_policy(repositoryName=name).get("policyText"),
                          absent={"RepositoryPolicyNotFoundException": NO_POLICY})
        return ResourcePolicy(ctx.ref("AWS::ECR::Repository", arn, name), "container repository", _public(policy))

    yield from ctx.fan_out(one, ctx.paginate("ecr", "DescribeRepositories", "repositories"))


@collector("secretsmanager-policies", service="secretsmanager", kinds=(ResourcePolicy,),
           calls=("secretsmanager:ListSecrets", "secretsmanager:GetResourcePolicy"))
def secret_policies(ctx: Ctx) -> Iterator[ResourcePolicy]:
    client = ctx.client("secretsmanager")

    def one(secret: dict[str, Any]) -> ResourcePolicy:
        name, arn = secret["Name"], secret["ARN"]
        policy = ctx.fact("secretsmanager:GetResourcePolicy",
                          lambda: client.get_resource_policy(SecretId=arn).get("ResourcePolicy") or NO_POLICY)
        return ResourcePolicy(ctx.ref("AWS::SecretsManager::Secret", arn, name), "secret", _public(policy))

    yield from ctx.fan_out(one, ctx.paginate("secretsmanager", "ListSecrets", "SecretList"))
