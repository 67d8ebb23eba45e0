"""Request logs of load balancers and other front ends."""

from hitrust_policies.model import RequestLogging
from hitrust_policies.rules.registry import rule


@rule(
    "log-request-logging",
    title="Load balancers log every request they serve",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Turn on access logs: an Application / Network Load Balancer's access_logs.s3.enabled attribute with "
        "an S3 bucket (aws elbv2 modify-load-balancer-attributes; pulumi-aws lb.LoadBalancer access_logs "
        "enabled=True), a Classic Load Balancer's AccessLog attribute (pulumi-aws elb.LoadBalancer access_logs); "
        "a CloudFront distribution's standard logging to an S3 bucket (pulumi-aws cloudfront.Distribution "
        "logging_config); an API Gateway REST stage's access log settings with a destination (aws apigateway "
        "update-stage --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log group ARN>; "
        "pulumi-aws apigateway.Stage access_log_settings).",
    },
)
def log_request_logging(front_end: RequestLogging):
    """Who reached a PHI application, from where and when is told only by its front end's request log.

    Load balancers: AWS Config elb-logging-enabled (Application, Network and Classic load balancers),
    Security Hub ELB.5, Prowler elbv2_logging_enabled and elb_logging_enabled. Gateway load balancers
    pass packets through and keep no access log: not judged. CloudFront distributions: AWS Config
    cloudfront-accesslogs-enabled, Security Hub CloudFront.5, Prowler cloudfront_distributions_logging_enabled
    (standard logging; real-time logs are not counted). API Gateway REST stages: access logs with a destination,
    a record per request, where AWS Config api-gw-execution-logging-enabled / Security Hub APIGateway.1 judge
    execution logging (ERROR or INFO), which logs errors and not every request.
    """
    if not front_end.enabled:
        return "access logging is off"
