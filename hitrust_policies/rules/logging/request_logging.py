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
        "enabled=True), a Classic Load Balancer's AccessLog attribute (pulumi-aws elb.LoadBalancer access_logs).",
    },
)
def log_request_logging(front_end: RequestLogging):
    """Who reached a PHI application, from where and when is told only by its front end's request log.

    Load balancers: AWS Config elb-logging-enabled (Application, Network and Classic load balancers),
    Security Hub ELB.5, Prowler elbv2_logging_enabled and elb_logging_enabled. Gateway load balancers
    pass packets through and keep no access log: not judged.
    """
    if not front_end.enabled:
        return "access logging is off"
