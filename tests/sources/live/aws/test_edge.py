"""CloudFront distributions and API Gateway REST stages through the live scanner against moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

TLS, LOGS = "enc-tls-listener-modern", "log-request-logging"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/8f2f6c1e-portal"


def distribution_config(alias: str, *, viewer: str = "redirect-to-https", api_viewer: str = "https-only",
                        certificate: bool = True, policy: str = "TLSv1.2_2021", logged: bool = True) -> dict[str, Any]:
    """A distribution with one custom origin, a default cache behaviour and an ``/api/*`` one."""
    forwarded = {"QueryString": False, "Cookies": {"Forward": "none"}}
    return {
        "CallerReference": alias, "Comment": alias, "Enabled": True,
        "Aliases": {"Quantity": 1, "Items": [alias]},
        "Origins": {"Quantity": 1, "Items": [{"Id": "app", "DomainName": "app.example.com", "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "app", "ViewerProtocolPolicy": viewer, "MinTTL": 0,
                                 "ForwardedValues": forwarded},
        "CacheBehaviors": {"Quantity": 1, "Items": [{"PathPattern": "/api/*", "TargetOriginId": "app",
                                                     "ViewerProtocolPolicy": api_viewer, "MinTTL": 0,
                                                     "ForwardedValues": forwarded}]},
        "Logging": {"Enabled": logged, "IncludeCookies": False, "Bucket": "cf-logs.s3.amazonaws.com" if logged else "",
                    "Prefix": ""},
        "ViewerCertificate": {"ACMCertificateArn": CERT, "SSLSupportMethod": "sni-only",
                              "MinimumProtocolVersion": policy} if certificate
        else {"CloudFrontDefaultCertificate": True},
    }


def seed_distributions(session: boto3.Session) -> None:
    """portal.example.com: TLS 1.2 (TLSv1.2_2021), redirects, logs; legacy.example.com: TLSv1 policy, its API
    path serves plaintext, no logs; default.example.com: CloudFront's own certificate (served as TLSv1 whatever
    the policy says), every path plaintext (allow-all)."""
    cf = session.client("cloudfront")
    cf.create_distribution(DistributionConfig=distribution_config("portal.example.com"))
    cf.create_distribution(DistributionConfig=distribution_config("legacy.example.com", policy="TLSv1",
                                                                  api_viewer="allow-all", logged=False))
    cf.create_distribution(DistributionConfig=distribution_config("default.example.com", viewer="allow-all",
                                                                  api_viewer="allow-all", certificate=False))


def seed_stages(session: boto3.Session) -> None:
    """claims-api/prod writes access logs to CloudWatch Logs; claims-api/dev does not."""
    gw = session.client("apigateway")
    api = gw.create_rest_api(name="claims-api")["id"]
    root = gw.get_resources(restApiId=api)["items"][0]["id"]
    gw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="AWS_IAM")
    gw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = gw.create_deployment(restApiId=api)["id"]
    for stage in ("prod", "dev"):
        gw.create_stage(restApiId=api, stageName=stage, deploymentId=deployment)
    gw.update_stage(restApiId=api, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": "arn:aws:logs:us-east-1:123456789012:log-group:claims-api-access"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"}])


DISTRIBUTIONS = [
    Case("distributions", table(f"""
        {TLS}       portal.example.com   PASS
        {TLS}       portal.example.com   PASS
        {TLS}       legacy.example.com   FAIL
        {TLS}       legacy.example.com   FAIL
        {TLS}       default.example.com  FAIL
        {TLS}       default.example.com  FAIL
        {LOGS}      portal.example.com   PASS
        {LOGS}      legacy.example.com   FAIL
        {LOGS}      default.example.com  PASS
    """)),
    Case("config-denied", table(f"""
        {LOGS}      portal.example.com   UNKNOWN
        {LOGS}      legacy.example.com   UNKNOWN
        {LOGS}      default.example.com  UNKNOWN
    """), denied=(("cloudfront", "GetDistributionConfig"),),
        unknown_reason="AccessDenied: cloudfront:GetDistributionConfig"),
    Case("listing-denied", table(f"""
        {TLS}       cloudfront-distributions in all regions  UNKNOWN
    """), denied=(("cloudfront", "ListDistributions"),),
        unknown_reason="AccessDenied: cloudfront:ListDistributions (cloudfront-distributions in all regions)"),
]


@pytest.mark.parametrize("case", DISTRIBUTIONS, ids=lambda c: c.id)
def test_distributions(session: boto3.Session, case: Case) -> None:
    seed_distributions(session)
    apply_denials(session, case)
    check(scan(session, "cloudfront-distributions", "cloudfront-logging", CANARY), case)


STAGES = [
    Case("stages", table(f"""
        {LOGS}  claims-api/prod  PASS
        {LOGS}  claims-api/dev   FAIL
    """)),
    Case("stages-denied", table(f"""
        {LOGS}  claims-api/*  UNKNOWN
    """), denied=(("apigateway", "GetStages"),), unknown_reason="AccessDenied: apigateway:GetStages"),
    Case("apis-denied", table(f"""
        {LOGS}  apigateway-stages in us-east-1  UNKNOWN
    """), denied=(("apigateway", "GetRestApis"),),
        unknown_reason="AccessDenied: apigateway:GetRestApis (apigateway-stages in us-east-1)"),
]


@pytest.mark.parametrize("case", STAGES, ids=lambda c: c.id)
def test_stages(session: boto3.Session, case: Case) -> None:
    seed_stages(session)
    apply_denials(session, case)
    check(scan(session, "apigateway-stages", CANARY), case)


def test_throttled_stage_read_is_unknown(session: boto3.Session) -> None:
    seed_stages(session)
    case = Case("throttled", STAGES[1].expected, denied=STAGES[1].denied,
                unknown_reason="Throttled (retries exhausted): apigateway:GetStages")
    apply_denials(session, case, code="TooManyRequestsException", status=429)
    check(scan(session, "apigateway-stages", CANARY), case)
