"""Resource policies of Lambda functions, SQS queues, SNS topics, ECR repositories and Secrets Manager secrets
as `ResourcePolicy` values, judged with `aws_iam_policy.public_grants` as the live scanner judges the
policies it reads (and as key policies are judged).

A queue, topic or secret may carry its own ``policy``; a separate ``QueuePolicy`` / ``TopicPolicy`` /
``RepositoryPolicy`` / ``SecretPolicy`` of the stack naming it replaces it (AWS keeps one policy per
resource). A function's policy is the sum of the ``lambda.Permission`` resources naming it: one with
``principal: "*"`` and no ``sourceAccount`` / ``sourceArn`` / ``principalOrgId`` is open to everyone. A
separate policy whose target is not known yet might be the resource's: unknown. Named as the live scanner
names them (the resource's ``name`` when known, else its logical name).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ResourcePolicy, Unknown
from hitrust_policies.sources.aws_iam_policy import public_grants
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

# resource type -> (what it is, its separate policy's type, the prop naming the resource, the props it may name)
TARGETS = {
    "aws:sqs/queue:Queue": ("queue", "aws:sqs/queuePolicy:QueuePolicy", "queueUrl", ("url", "arn")),
    "aws:sns/topic:Topic": ("topic", "aws:sns/topicPolicy:TopicPolicy", "arn", ("arn",)),
    "aws:ecr/repository:Repository": ("container repository", "aws:ecr/repositoryPolicy:RepositoryPolicy",
                                      "repository", ("name",)),
    "aws:secretsmanager/secret:Secret": ("secret", "aws:secretsmanager/secretPolicy:SecretPolicy", "secretArn",
                                         ("arn",)),
}
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
_PERMISSION_NARROWING = {"sourceAccount": "aws:SourceAccount", "sourceArn": "aws:SourceArn",
                         "principalOrgId": "aws:PrincipalOrgID"}


def _name(res: PulumiResource) -> str:
    return res.props.name_candidate("name") or res.props.name_candidate("functionName") or res.logical_name


@pulumi_adapter(*TARGETS, produces=ResourcePolicy, joins=True)
def resource_policy(res: PulumiResource, stack: Stack) -> Iterator[ResourcePolicy]:
    what, separate_type, prop, match_props = TARGETS[res.type]
    policy: Any = optional(res.props.get("policy"))
    for separate in stack.of_type(separate_type):
        names_it = stack.points_at(separate, prop, res, match_props)
        if isinstance(names_it, Unknown):
            yield ResourcePolicy(res.ref(name=_name(res)), what, names_it)
            return
        if names_it:
            policy = separate.props.get("policy")
    if isinstance(policy, str) and not policy:
        policy = None  # an empty policy: none at all
    yield ResourcePolicy(res.ref(name=_name(res)), what, public_grants(policy))


def _statement(permission: PulumiResource) -> dict[str, Any]:
    """The statement Lambda's AddPermission writes for a ``lambda.Permission``; a narrowing value computed at
    preview (an ARN, an account id) is a fixed value all the same."""
    p = permission.props
    principal = p.get("principal")
    statement: dict[str, Any] = {"Effect": "Allow", "Action": p.get("action"),
                                 "Principal": "*" if principal == "*" else {"AWS": principal}}
    conditions = {key: "(computed at preview)" if isinstance(p.get(prop), Unknown) else p.get(prop)
                  for prop, key in _PERMISSION_NARROWING.items() if p.get(prop) is not None}
    if conditions:
        statement["Condition"] = {"StringEquals": conditions}
    return statement


@pulumi_adapter(FUNCTION, produces=ResourcePolicy, joins=True)
def function_policy(res: PulumiResource, stack: Stack) -> Iterator[ResourcePolicy]:
    """The permissions naming the function; one whose function is not known yet may be its (unknown)."""
    statements = []
    for permission in stack.of_type(PERMISSION):
        # a Terraform plan keeps the provider's function_name
        prop = "functionName" if permission.props.get("function") is None and (
            permission.props.get("functionName") is not None
            or "functionName" in permission.property_dependencies) else "function"
        names_it = stack.points_at(permission, prop, res, ("name", "functionName", "arn"))
        if isinstance(names_it, Unknown):
            statements.append({"Effect": "Allow", "Principal": names_it, "Action": "lambda:InvokeFunction"})
        elif names_it:
            statements.append(_statement(permission))
    document = {"Statement": statements} if statements else None
    yield ResourcePolicy(res.ref(name=_name(res)), "lambda function", public_grants(document))
