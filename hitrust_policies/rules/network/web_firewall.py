"""Internet-facing HTTP front ends without a web application firewall."""

from hitrust_policies.model import WebFirewallAttachment
from hitrust_policies.rules.registry import rule


@rule(
    "net-web-firewall-attached",
    title="Internet-facing web front ends have a web application firewall",
    domain="network",
    severity="medium",
    remediation={
        "aws": "Associate an AWS WAF web ACL (managed rule groups such as AWSManagedRulesCommonRuleSet) with the "
        "front end: aws wafv2 associate-web-acl --web-acl-arn <arn> --resource-arn <ALB or API Gateway stage ARN> "
        "(pulumi-aws wafv2.WebAclAssociation); for a CloudFront distribution set its web ACL (a global-scope ACL; "
        "pulumi-aws cloudfront.Distribution web_acl_id).",
    },
)
def net_web_firewall_attached(front_end: WebFirewallAttachment):
    """An application serving PHI to the internet takes injection, cross-site scripting and bot traffic first at
    its front end; a web application firewall screens those requests before they reach the code.

    Follows AWS Config alb-waf-enabled, api-gw-associated-with-waf and cloudfront-associated-with-waf, Security
    Hub ELB.16, APIGateway.4 and CloudFront.6 (WAF on ALBs, REST API stages and distributions) and Prowler
    elbv2_waf_acl_attached, apigateway_restapi_waf_acl_attached and cloudfront_distributions_using_waf. Only
    internet-facing load balancers are judged (Prowler and AWS Config judge internal ones too, which the
    internet cannot reach). Any attached ACL passes: which rules it holds is not judged here.
    """
    if not front_end.web_acl:
        return "no web application firewall (web ACL) screens its requests"
