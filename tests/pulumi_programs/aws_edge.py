"""pulumi-aws programs at the edge: CloudFront distributions and API Gateway stages."""

from __future__ import annotations

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/8f2f6c1e-portal"


def _distribution(name: str, alias: str, *, viewer: object = "redirect-to-https", api_viewer: object = "https-only",
                  certificate: bool = True, policy: object = "TLSv1.2_2021", logged: bool = True,
                  web_acl: object = None) -> None:
    import pulumi_aws as aws

    aws.cloudfront.Distribution(
        name, enabled=True, aliases=[alias], web_acl_id=web_acl,
        origins=[{"origin_id": "app", "domain_name": "app.example.com", "custom_origin_config": {
            "http_port": 80, "https_port": 443, "origin_protocol_policy": "https-only",
            "origin_ssl_protocols": ["TLSv1.2"]}}],
        default_cache_behavior={"target_origin_id": "app", "viewer_protocol_policy": viewer,
                                "allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"],
                                "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        ordered_cache_behaviors=[{"path_pattern": "/api/*", "target_origin_id": "app",
                                  "viewer_protocol_policy": api_viewer, "allowed_methods": ["GET", "HEAD"],
                                  "cached_methods": ["GET", "HEAD"],
                                  "cache_policy_id": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"}],
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        logging_config={"bucket": "cf-logs.s3.amazonaws.com"} if logged else None,
        viewer_certificate={"acm_certificate_arn": CERT, "ssl_support_method": "sni-only",
                            "minimum_protocol_version": policy} if certificate
        else {"cloudfront_default_certificate": True},
    )


def distributions() -> None:
    """As tests/sources/live/aws/test_edge.py seeds them, plus late.example.com whose security policy and API
    behaviour's viewer policy wait on another resource."""
    import pulumi_aws as aws

    _distribution("portal", "portal.example.com")
    _distribution("legacy", "legacy.example.com", policy="TLSv1", api_viewer="allow-all", logged=False)
    _distribution("default", "default.example.com", viewer="allow-all", api_viewer="allow-all", certificate=False)
    key = aws.kms.Key("late-edge-key", enable_key_rotation=True)
    _distribution("late", "late.example.com", policy=key.key_id.apply(lambda _: "TLSv1.2_2021"),
                  api_viewer=key.key_id.apply(lambda _: "allow-all"))


def stages() -> None:
    """claims-api/prod writes access logs to a log group created alongside; claims-api/dev writes none."""
    import pulumi_aws as aws

    api = aws.apigateway.RestApi("claims-api", name="claims-api")
    method = aws.apigateway.Method("claims-get", rest_api=api.id, resource_id=api.root_resource_id,
                                   http_method="GET", authorization="AWS_IAM")
    integration = aws.apigateway.Integration("claims-get", rest_api=api.id, resource_id=api.root_resource_id,
                                             http_method=method.http_method, type="MOCK")
    deployment = aws.apigateway.Deployment("claims", rest_api=api.id,
                                           opts=__import__("pulumi").ResourceOptions(depends_on=[integration]))
    group = aws.cloudwatch.LogGroup("claims-api-access", retention_in_days=365)
    aws.apigateway.Stage("claims-prod", rest_api=api.id, deployment=deployment.id, stage_name="prod",
                         access_log_settings={"destination_arn": group.arn, "format": "$context.requestId"})
    aws.apigateway.Stage("claims-dev", rest_api=api.id, deployment=deployment.id, stage_name="dev")


def web_acl(name: str, scope: str) -> object:
    import pulumi_aws as aws

    return aws.wafv2.WebAcl(name, name=name, scope=scope, default_action={"allow": {}}, visibility_config={
        "cloudwatch_metrics_enabled": False, "sampled_requests_enabled": False, "metric_name": name})


def web_firewalls() -> None:
    """As tests/sources/live/aws/test_web_firewall.py seeds them: guarded-alb has the regional ACL, open-alb none,
    internal-alb is internal; the portal distribution names a global ACL, the legacy one none; claims-api/prod has
    the regional ACL, claims-api/dev none, the private API's stage is not judged."""
    import pulumi_aws as aws

    regional, cdn = web_acl("app-acl", "REGIONAL"), web_acl("cdn-acl", "CLOUDFRONT")
    subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    guarded = aws.lb.LoadBalancer("guarded-alb", name="guarded-alb", subnets=subnets)
    aws.lb.LoadBalancer("open-alb", name="open-alb", subnets=subnets)
    aws.lb.LoadBalancer("internal-alb", name="internal-alb", subnets=subnets, internal=True)
    aws.wafv2.WebAclAssociation("guarded-waf", resource_arn=guarded.arn, web_acl_arn=regional.arn)
    _distribution("portal", "portal.example.com", web_acl=cdn.arn)
    _distribution("legacy", "legacy.example.com")
    for api_name, endpoint in (("claims-api", "REGIONAL"), ("internal-api", "PRIVATE")):
        api = aws.apigateway.RestApi(api_name, name=api_name, endpoint_configuration={"types": endpoint})
        method = aws.apigateway.Method(f"{api_name}-get", rest_api=api.id, resource_id=api.root_resource_id,
                                       http_method="GET", authorization="AWS_IAM")
        integration = aws.apigateway.Integration(f"{api_name}-get", rest_api=api.id,
                                                 resource_id=api.root_resource_id, http_method=method.http_method,
                                                 type="MOCK")
        deployment = aws.apigateway.Deployment(api_name, rest_api=api.id, opts=__import__("pulumi").ResourceOptions(
            depends_on=[integration]))
        stages = ("prod", "dev") if endpoint == "REGIONAL" else ("prod",)
        made = {s: aws.apigateway.Stage(f"{api_name}-{s}", rest_api=api.id, deployment=deployment.id, stage_name=s)
                for s in stages}
        if api_name == "claims-api":
            aws.wafv2.WebAclAssociation("claims-waf", resource_arn=made["prod"].arn, web_acl_arn=regional.arn)
