"""Web ACLs in front of internet-facing ALBs, CloudFront distributions and API Gateway stages, through the live
scanner against moto."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table
from tests.sources.live.aws.test_edge import distribution_config

RULE = "net-web-firewall-attached"
VISIBILITY = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "acl"}


def web_acl(session: boto3.Session, name: str, scope: str) -> str:
    region = "us-east-1"
    return session.client("wafv2", region_name=region).create_web_acl(
        Name=name, Scope=scope, DefaultAction={"Allow": {}}, VisibilityConfig=VISIBILITY, Rules=[])["Summary"]["ARN"]


def seed(session: boto3.Session) -> dict[str, list[str]]:
    """guarded-alb has the regional ACL, open-alb none, internal-alb (internal) is not judged; the portal
    distribution has a global ACL, the legacy one none; claims-api/prod has the regional ACL, claims-api/dev none;
    the private API's stage is not judged.

    Returns what each web ACL covers, for `answer_acl_resources`.
    """
    ec2, elbv2, wafv2 = session.client("ec2"), session.client("elbv2"), session.client("wafv2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    regional, global_acl = web_acl(session, "app-acl", "REGIONAL"), web_acl(session, "cdn-acl", "CLOUDFRONT")
    wafv2.create_web_acl(Name="spare-acl", Scope="REGIONAL", DefaultAction={"Allow": {}}, VisibilityConfig=VISIBILITY,
                         Rules=[])
    arns = {}
    for name, scheme in (("guarded-alb", "internet-facing"), ("open-alb", "internet-facing"),
                         ("internal-alb", "internal")):
        arns[name] = elbv2.create_load_balancer(Name=name, Subnets=subnets[:2], Scheme=scheme)[
            "LoadBalancers"][0]["LoadBalancerArn"]
    wafv2.associate_web_acl(WebACLArn=regional, ResourceArn=arns["guarded-alb"])
    cf = session.client("cloudfront")
    cf.create_distribution(DistributionConfig=distribution_config("portal.example.com") | {"WebACLId": global_acl})
    cf.create_distribution(DistributionConfig=distribution_config("legacy.example.com"))
    gw = session.client("apigateway")
    for api_name, endpoint in (("claims-api", "REGIONAL"), ("internal-api", "PRIVATE")):
        api = gw.create_rest_api(name=api_name, endpointConfiguration={"types": [endpoint]})["id"]
        root = gw.get_resources(restApiId=api)["items"][0]["id"]
        gw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="AWS_IAM")
        gw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
        deployment = gw.create_deployment(restApiId=api)["id"]
        for stage in ("prod", "dev") if endpoint == "REGIONAL" else ("prod",):
            gw.create_stage(restApiId=api, stageName=stage, deploymentId=deployment)
        if api_name == "claims-api":
            wafv2.associate_web_acl(WebACLArn=regional,
                                    ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api}/stages/prod")
    return {regional: [arns["guarded-alb"]]}


def answer_acl_resources(session: boto3.Session, covered: dict[str, list[str]]) -> None:
    """moto keeps WAFv2 associations but does not implement ``ListResourcesForWebACL``: answer it with what WAF
    returns, per asked ACL. Registered after the case's denials, which then still win."""

    def handler(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if model.service_model.service_name != "wafv2" or model.name != "ListResourcesForWebACL":
            return None
        asked = json.loads(params["body"])
        assert asked["ResourceType"] == "APPLICATION_LOAD_BALANCER"
        return AWSResponse("https://wafv2.invalid/", 200, {}, None), {
            "ResourceArns": covered.get(asked["WebACLArn"], []), "ResponseMetadata": {"HTTPStatusCode": 200}}

    session.events.register_last("before-call", handler)


COLLECTORS = ("wafv2-load-balancers", "cloudfront-distributions", "apigateway-stages", CANARY)
CASES = [
    Case("attached", table(f"""
        {RULE}  guarded-alb         PASS
        {RULE}  open-alb            FAIL
        {RULE}  portal.example.com  PASS
        {RULE}  legacy.example.com  FAIL
        {RULE}  claims-api/prod     PASS
        {RULE}  claims-api/dev      FAIL
    """)),
    Case("acl-resources-denied", table(f"""
        {RULE}  guarded-alb         UNKNOWN
        {RULE}  open-alb            UNKNOWN
        {RULE}  portal.example.com  PASS
        {RULE}  legacy.example.com  FAIL
        {RULE}  claims-api/prod     PASS
        {RULE}  claims-api/dev      FAIL
    """), denied=(("wafv2", "ListResourcesForWebACL"),), unknown_reason="AccessDenied: wafv2:ListResourcesForWebACL"),
    Case("acls-denied", table(f"""
        {RULE}  wafv2-load-balancers in us-east-1  UNKNOWN
        {RULE}  portal.example.com                 PASS
        {RULE}  legacy.example.com                 FAIL
        {RULE}  claims-api/prod                    PASS
        {RULE}  claims-api/dev                     FAIL
    """), denied=(("wafv2", "ListWebACLs"),),
        unknown_reason="AccessDenied: wafv2:ListWebACLs (wafv2-load-balancers in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_web_firewalls(session: boto3.Session, case: Case) -> None:
    covered = seed(session)
    apply_denials(session, case)
    answer_acl_resources(session, covered)
    check(scan(session, *COLLECTORS), case)


def test_throttled_acl_resources_are_unknown(session: boto3.Session) -> None:
    covered = seed(session)
    case = Case("throttled", CASES[1].expected, denied=CASES[1].denied,
                unknown_reason="Throttled (retries exhausted): wafv2:ListResourcesForWebACL")
    apply_denials(session, case, code="ThrottlingException", status=400)
    answer_acl_resources(session, covered)
    check(scan(session, *COLLECTORS), case)


def test_acls_are_read_once_each_not_per_load_balancer(session: boto3.Session) -> None:
    answer_acl_resources(session, seed(session))
    result = scan(session, "wafv2-load-balancers")
    assert result.calls["wafv2:ListResourcesForWebACL"] == 2  # app-acl and spare-acl; two ALBs judged
