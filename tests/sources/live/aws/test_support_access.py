"""The roles that may open AWS Support cases (AWSSupportAccess attachments) against moto."""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest

from tests.sources.live.aws.conftest import (
    ACCOUNT,
    Case,
    apply_denials,
    check,
    moto_account,
    new_session,
    scan,
    table,
)

COLLECTOR = "iam-support-access"
RULE = "iam-support-role-exists"
NAME = f"support-access-{ACCOUNT}"
SUPPORT = "arn:aws:iam::aws:policy/AWSSupportAccess"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                             "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}]})


@pytest.fixture
def managed_session() -> Iterator[boto3.Session]:
    """AWS-managed policies (AWSSupportAccess) exist and can be attached."""
    with moto_account({"iam": {"load_aws_managed_policies": True}}):
        yield new_session()


CASES = [
    Case("role-holds-it", table(f"{RULE}  {NAME}  PASS"), extra={"role": True}),
    # a user holding the policy is no support role (CIS asks for a role)
    Case("only-a-user-holds-it", table(f"{RULE}  {NAME}  FAIL"), extra={"user": True}),
    Case("denied", table(f"{RULE}  {NAME}  UNKNOWN"), denied=(("iam", "ListEntitiesForPolicy"),),
         unknown_reason="AccessDenied: iam:ListEntitiesForPolicy", extra={"role": True}),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_support_role(managed_session: boto3.Session, case: Case) -> None:
    iam = managed_session.client("iam")
    iam.create_role(RoleName="app-deployer", AssumeRolePolicyDocument=TRUST)
    iam.attach_role_policy(RoleName="app-deployer", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    if case.extra.get("role"):
        iam.create_role(RoleName="incident-responders", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="incident-responders", PolicyArn=SUPPORT)
    if case.extra.get("user"):
        iam.create_user(UserName="oncall")
        iam.attach_user_policy(UserName="oncall", PolicyArn=SUPPORT)
    apply_denials(managed_session, case)
    result = scan(managed_session, COLLECTOR)
    check(result, case)
    assert result.calls["iam:ListEntitiesForPolicy"] == 1


def test_the_roles_are_named(managed_session: boto3.Session) -> None:
    iam = managed_session.client("iam")
    for role in ("support-l2", "incident-responders"):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName=role, PolicyArn=SUPPORT)
    [value] = scan(managed_session, COLLECTOR).resources
    assert value.roles == ("incident-responders", "support-l2")


def test_an_account_without_the_managed_policy_has_no_support_role(session: boto3.Session) -> None:
    """moto without AWS-managed policies answers NoSuchEntity for the policy: nobody holds it, a known FAIL."""
    result = scan(session, COLLECTOR)
    check(result, Case("no-such-policy", table(f"{RULE}  {NAME}  FAIL")))
    assert result.complete
