"""Function URLs anyone can invoke."""

from hitrust_policies.model import FunctionUrl
from hitrust_policies.rules.registry import rule


@rule(
    "net-function-url-auth-required",
    title="Function URLs require authenticated callers",
    domain="network",
    severity="high",
    remediation={
        "aws": "Set the function URL's auth type to AWS_IAM (aws lambda update-function-url-config --function-name "
        "<name> --auth-type AWS_IAM; pulumi-aws lambda.FunctionUrl authorization_type=\"AWS_IAM\"), or delete it "
        "and front the function with an authenticated API.",
    },
)
def net_function_url_auth_required(url: FunctionUrl):
    """A function URL without authentication lets anyone on the internet run the function, with whatever
    PHI its role can read, and the caller is never identified in the logs.

    Follows Prowler awslambda_function_url_public (``AuthType`` ``NONE`` fails) and AWS Config
    lambda-function-public-access-prohibited's intent for the URL path.
    """
    if not url.auth_required:
        return "function URL accepts unauthenticated requests (AuthType NONE)"
