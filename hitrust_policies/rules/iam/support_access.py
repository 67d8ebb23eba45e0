"""Who works with the cloud provider's support when an incident needs it."""

from hitrust_policies.model import SupportAccess
from hitrust_policies.rules.registry import rule


@rule(
    "iam-support-role-exists",
    title="A role may manage incidents with the provider's support",
    domain="iam",
    severity="low",
    remediation="Create a role for the incident responders (trusting their accounts or identity provider) and "
    "attach arn:aws:iam::aws:policy/AWSSupportAccess to it (aws iam attach-role-policy --role-name <role> "
    "--policy-arn arn:aws:iam::aws:policy/AWSSupportAccess).",
    live_only=True,
)
def iam_support_role_exists(account: SupportAccess):
    """During an incident, opening a support case must not wait for someone to be granted the right, nor
    fall to the root user or an administrator.

    Follows CIS AWS Foundations v3 1.17 (a support role has been created to manage incidents with AWS
    Support), Security Hub IAM.18 and Prowler ``iam_support_role_created``: some role holds the
    ``AWSSupportAccess`` managed policy (a user or group holding it does not count: CIS asks for a role).
    """
    if not account.roles:
        return "no role holds AWSSupportAccess: nobody is set up to open support cases for incidents"
