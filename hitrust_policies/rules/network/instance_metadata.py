"""Instance metadata endpoints: session tokens required (IMDSv2)."""

from hitrust_policies.model import InstanceMetadata
from hitrust_policies.rules.registry import rule


@rule(
    "net-instance-metadata-tokens",
    title="VM instance metadata endpoints require session tokens (IMDSv2)",
    domain="network",
    severity="high",
    remediation={
        "aws": "Require IMDSv2 (aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens "
        "required --http-endpoint enabled; pulumi-aws ec2.Instance metadata_options.http_tokens=\"required\").",
    },
)
def net_instance_metadata_tokens(metadata: InstanceMetadata):
    """A token-less metadata endpoint hands the VM's role credentials to any server-side request forgery
    through an application on it, so one web bug becomes cloud API access to the PHI the role can read.

    Follows AWS Config ec2-imdsv2-check and Prowler ec2_instance_imdsv2_enabled (HttpTokens ``required``;
    an endpoint switched off passes), Security Hub EC2.8, and Checkov CKV_AWS_79 for declarations that
    leave the option out (the launch default answers IMDSv1); for launch templates, Security Hub EC2.170 and
    AutoScaling.3.
    """
    if metadata.endpoint_enabled and not metadata.tokens_required:
        return "instance metadata endpoint answers requests without a session token (IMDSv1)"
