"""Permission grants: policy documents and attachments of admin policies."""

from hitrust_policies.model import FULL_ADMIN, NEAR_ADMIN, PolicyGrant
from hitrust_policies.rules.registry import rule


@rule(
    "iam-policy-grant-no-admin",
    title="No policy grants administrator access (every action on every resource)",
    domain="iam",
    severity="high",
    remediation={
        "aws": "Replace the \"*\" on \"*\" (or NotAction / NotResource) statement with the actions and resources "
        "the principal needs; detach AdministratorAccess from users, groups and roles that do not administer the "
        "account.",
        "azure": "Replace the \"*\" in the custom role's Actions with the operations its holders need (az role "
        "definition update), or delete the role (az role definition delete) and assign the built-in role that fits.",
        "gcp": "Remove the roles/owner or roles/editor binding from the member (gcloud projects|folders|organizations "
               "remove-iam-policy-binding) and grant predefined or custom roles with only the permissions it needs.",
    },
)
def iam_policy_grant_no_admin(grant: PolicyGrant):
    """Admin grants defeat least privilege and make every holder a PHI reader (and an audit-log eraser).

    Follows CIS AWS Foundations 1.16 ("*:*" administrative privileges) and AWS Config
    ``iam-policy-no-statements-with-admin-access`` for customer managed policies, extended as
    Prowler is (``iam_customer_attached_policy_no_administrative_privileges``, ``..._unattached_...``,
    ``iam_inline_policy_no_administrative_privileges``, ``iam_aws_attached_policy_...``,
    ``iam_role_administratoraccess_policy``) to inline policies, unattached policies and
    attachments of AdministratorAccess; and, like Prowler, an ``Allow`` with ``NotAction`` on
    every resource is admin in disguise. The source decides the access level with its cloud's
    policy semantics; a Deny of everything in the same document cancels the grant.

    On Azure, a custom role whose Actions hold "*" and that is assignable over a subscription, a
    management group or "/" is a custom subscription owner role: Azure Policy "Custom subscription
    owner roles should not exist" (10ee2ea2-fb4d-45b8-a7e9-a2e770044cd9), CIS Microsoft Azure
    Foundations 1.23 (v2.0.0), Prowler ``iam_subscription_roles_owner_custom_not_created``.
    On Google Cloud each member of a binding of the basic Owner (every permission: full admin) or
    Editor (every permission but IAM administration: near admin) role on a project, folder or
    organization is a grant, as CIS Google Cloud Platform Foundation 1.5 holds service accounts to
    (Prowler ``iam_sa_no_administrative_privileges``) and, stricter, for every member, as this rule
    holds AWS users and groups to; other roles name their permissions and are scoped.
    """
    if grant.access == FULL_ADMIN:
        return "allows every action on every resource (administrator access)"
    if grant.access == NEAR_ADMIN:
        return f"allows every action on every resource except {grant.exceptions or 'a few named ones'}"
