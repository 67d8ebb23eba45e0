"""Customer-managed permission policies."""

from hitrust_policies.model import PolicyGrant, exists
from hitrust_policies.rules.registry import rule


@rule(
    "iam-policy-grant-no-admin",
    title="No customer policy allows every action on every resource",
    domain="iam",
    severity="high",
    remediation="Replace the \"*\" on \"*\" statement with the actions and resources the principal needs.",
)
def iam_policy_grant_no_admin(policy: PolicyGrant):
    """Full administrator grants defeat least privilege and make every principal a PHI reader."""
    if exists(
        policy.statements,
        lambda s: s.effect == "Allow" and not s.not_actions and "*" in s.actions and "*" in s.resources,
    ):
        return 'allows "*" actions on "*" resources'
