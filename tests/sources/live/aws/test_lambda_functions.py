"""Lambda functions' VPC attachment through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table
from tests.sources.live.aws.test_lambda_urls import code

RULE = "net-function-in-private-network"


def seed(session: boto3.Session) -> None:
    """vpc-fn runs in a private subnet; public-fn in Lambda's own network."""
    ec2 = session.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="fn-sg", Description="functions", VpcId=vpc)["GroupId"]
    role = session.client("iam").create_role(RoleName="fn-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    lam = session.client("lambda")
    for name, vpc_config in (("vpc-fn", {"SubnetIds": [subnet], "SecurityGroupIds": [group]}), ("public-fn", None)):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": code()}, **({"VpcConfig": vpc_config} if vpc_config else {}))


CASES = [
    Case("functions", table(f"""
        {RULE}  vpc-fn     PASS
        {RULE}  public-fn  FAIL
    """)),
    Case("listing-denied", table(f"""
        {RULE}  lambda-functions in us-east-1  UNKNOWN
    """), denied=(("lambda", "ListFunctions"),),
        unknown_reason="AccessDenied: lambda:ListFunctions (lambda-functions in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_functions(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "lambda-functions", CANARY), case)


def test_throttled_listing_is_unknown(session: boto3.Session) -> None:
    seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): lambda:ListFunctions (lambda-functions in us-east-1)")
    apply_denials(session, case, code="TooManyRequestsException", status=429)
    check(scan(session, "lambda-functions", CANARY), case)



def test_moto_gap_answer_lists_stored_function_urls(session: boto3.Session) -> None:
    """The demo's and parity scenarios' answer for moto's missing ``ListFunctionUrlConfigs``: built from the URL
    configurations moto stores, so the URL collector reads them like Lambda's own listing."""
    from hitrust_policies.testing.moto_gaps import serve_function_url_listing

    seed(session)
    lam = session.client("lambda")
    lam.create_function_url_config(FunctionName="public-fn", AuthType="NONE")
    lam.create_function_url_config(FunctionName="vpc-fn", AuthType="AWS_IAM")
    serve_function_url_listing(session)
    check(scan(session, "lambda-function-urls", CANARY), Case("urls", table("""
        net-function-url-auth-required  public-fn  FAIL
        net-function-url-auth-required  vpc-fn     PASS
    """)))
