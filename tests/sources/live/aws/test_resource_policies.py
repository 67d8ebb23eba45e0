"""Resource policies open to any principal (Lambda functions, SQS queues, SNS topics, ECR repositories, Secrets
Manager secrets) through the live scanner against moto: one rule, one evaluator shared with key policies."""

from __future__ import annotations

import json

import boto3
import pytest

from tests.sources.live.aws.conftest import ACCOUNT, CANARY, Case, apply_denials, check, scan, table
from tests.sources.live.aws.test_lambda_urls import code

RULE = "net-resource-policy-not-public"
COLLECTORS = ("lambda-function-policies", "ecr-repository-policies", "secretsmanager-policies", "sqs-queues",
              "sns-topics")
ANYONE = {"Effect": "Allow", "Principal": "*"}
ORG = {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}


def policy(action: str, resource: str, condition: dict | None = None) -> str:
    statement = {**ANYONE, "Action": action, "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {**statement, "Condition": condition} if condition else statement]})


def seed(session: boto3.Session) -> None:
    """Per service: one resource open to "*", one narrowed to an organization (or an account), one with no
    policy at all (the service's default)."""
    role = session.client("iam").create_role(RoleName="fn-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    lam = session.client("lambda")
    for name in ("open-fn", "org-fn", "plain-fn"):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": code()})
    lam.add_permission(FunctionName="open-fn", StatementId="anyone", Action="lambda:InvokeFunction", Principal="*")
    lam.add_permission(FunctionName="org-fn", StatementId="partner", Action="lambda:InvokeFunction",
                       Principal="111122223333")
    ecr = session.client("ecr")
    for name in ("open-repo", "org-repo", "plain-repo"):
        ecr.create_repository(repositoryName=name)
    ecr.set_repository_policy(repositoryName="open-repo", policyText=policy("ecr:BatchGetImage", "*"))
    ecr.set_repository_policy(repositoryName="org-repo", policyText=policy("ecr:BatchGetImage", "*", ORG))
    sm = session.client("secretsmanager")
    for name in ("open-secret", "org-secret", "plain-secret"):
        sm.create_secret(Name=name, SecretString="s3cr3t")
    sm.put_resource_policy(SecretId="open-secret", ResourcePolicy=policy("secretsmanager:GetSecretValue", "*"))
    sm.put_resource_policy(SecretId="org-secret", ResourcePolicy=policy("secretsmanager:GetSecretValue", "*", ORG))
    sqs = session.client("sqs")
    for name in ("open-queue", "org-queue", "plain-queue"):
        sqs.create_queue(QueueName=name)
    queue = f"arn:aws:sqs:us-east-1:{ACCOUNT}:"
    sqs.set_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName="open-queue")["QueueUrl"],
                             Attributes={"Policy": policy("sqs:SendMessage", queue + "open-queue")})
    sqs.set_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName="org-queue")["QueueUrl"],
                             Attributes={"Policy": policy("sqs:SendMessage", queue + "org-queue", ORG)})
    sns = session.client("sns")
    arns = {name: sns.create_topic(Name=name)["TopicArn"] for name in ("open-topic", "default-topic")}
    sns.set_topic_attributes(TopicArn=arns["open-topic"], AttributeName="Policy",
                             AttributeValue=policy("sns:Subscribe", arns["open-topic"]))


BASELINE = table(f"""
    {RULE}  open-fn        FAIL
    {RULE}  org-fn         PASS
    {RULE}  plain-fn       PASS
    {RULE}  open-repo      FAIL
    {RULE}  org-repo       PASS
    {RULE}  plain-repo     PASS
    {RULE}  open-secret    FAIL
    {RULE}  org-secret     PASS
    {RULE}  plain-secret   PASS
    {RULE}  open-queue     FAIL
    {RULE}  org-queue      PASS
    {RULE}  plain-queue    PASS
    {RULE}  open-topic     FAIL
    {RULE}  default-topic  PASS
""")
CASES = [
    Case("baseline", BASELINE),
    Case("function-policy-denied", table(f"""
        {RULE}  open-fn   UNKNOWN
        {RULE}  org-fn    UNKNOWN
        {RULE}  plain-fn  UNKNOWN
    """), denied=(("lambda", "GetPolicy"),), unknown_reason="AccessDenied: lambda:GetPolicy"),
    Case("repositories-unlisted", table(f"""
        {RULE}  ecr-repository-policies in us-east-1  UNKNOWN
    """), denied=(("ecr", "DescribeRepositories"),),
        unknown_reason="AccessDenied: ecr:DescribeRepositories (ecr-repository-policies in us-east-1)"),
    Case("secret-policy-denied", table(f"""
        {RULE}  open-secret   UNKNOWN
        {RULE}  org-secret    UNKNOWN
        {RULE}  plain-secret  UNKNOWN
    """), denied=(("secretsmanager", "GetResourcePolicy"),),
        unknown_reason="AccessDenied: secretsmanager:GetResourcePolicy"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_resource_policies(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    collectors = {"function-policy-denied": COLLECTORS[:1], "repositories-unlisted": COLLECTORS[1:2],
                  "secret-policy-denied": COLLECTORS[2:3]}.get(case.id, COLLECTORS)
    check(scan(session, *collectors, CANARY), case)


def test_what_a_public_policy_says(session: boto3.Session) -> None:
    seed(session)
    result = scan(session, *COLLECTORS)
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == RULE and f.status.value == "FAIL"}
    assert messages == {
        "open-fn": "the lambda function's policy grants the public: * may lambda:InvokeFunction",
        "open-repo": "the container repository's policy grants the public: * may ecr:BatchGetImage",
        "open-secret": "the secret's policy grants the public: * may secretsmanager:GetSecretValue",
        "open-queue": "the queue's policy grants the public: * may sqs:SendMessage",
        "open-topic": "the topic's policy grants the public: * may sns:Subscribe",
    }
    assert result.complete
