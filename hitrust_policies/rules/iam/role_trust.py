"""Who may take on a role."""

from hitrust_policies.model import RoleTrust
from hitrust_policies.rules.registry import rule


@rule(
    "iam-role-trust-not-public",
    title="Roles cannot be assumed by any principal of any account",
    domain="iam",
    severity="critical",
    remediation={
        "aws": "Replace Principal \"*\" (or {\"AWS\": \"*\"}) in the role's trust policy with the accounts, roles or "
        "services that need it, or narrow it with a condition on aws:PrincipalOrgID, aws:PrincipalAccount, "
        "aws:SourceAccount / aws:SourceArn or sts:ExternalId (aws iam update-assume-role-policy; in pulumi-aws, "
        "the role's assumeRolePolicy).",
    },
)
def iam_role_trust_not_public(role: RoleTrust):
    """A role anyone may assume hands its permissions, over every PHI store it reaches, to every AWS account
    in the world: no credential of yours is needed to use it.

    Follows Prowler's trust-policy checks (``iam_role_cross_service_confused_deputy_prevention``'s condition
    keys: aws:SourceAccount / aws:SourceArn / aws:SourceOrgID; and the ``"*"`` principal Prowler's
    ``is_policy_public`` flags), IAM Access Analyzer's "public" finding for roles, and the condition keys AWS
    Config ``kms-key-policy-no-public-access`` accepts as narrowing; an ``sts:ExternalId`` the caller must send
    narrows too. Trust granted to named accounts without an external id is not judged here (telling an
    account of your organization from another one needs the organization's account list).
    """
    if role.public_principals:
        return f"any principal of any account may assume the role: {'; '.join(role.public_principals)}"
