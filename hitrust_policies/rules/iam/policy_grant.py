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


@rule(
    "iam-policy-grant-no-service-wildcard",
    title="No policy grants every action of a service (service:*) on all its resources",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Replace the \"<service>:*\" action with the actions the principal needs (or narrow its Resource to "
        "named resources), in the customer managed policy (aws iam create-policy-version --set-as-default) or the "
        "inline policy (aws iam put-role-policy / put-user-policy / put-group-policy); in pulumi-aws, the policy "
        "document of aws.iam.Policy / RolePolicy / a role's inlinePolicies.",
        "azure": "Replace the \"Microsoft.<provider>/*\" entry in the custom role's Actions with the operations its "
        "holders need (az role definition update).",
        "gcp": "Nothing to change: Google Cloud roles list their permissions one by one (basic roles are judged "
        "as administrator access).",
    },
)
def iam_policy_grant_no_service_wildcard(grant: PolicyGrant):
    """Every action of a service includes its administrative ones (deleting, re-keying, sharing, changing the
    service's own policies) and every action the provider adds later: more than any workload reading or
    writing PHI needs.

    Follows Security Hub IAM.21 (customer managed policies should not allow wildcard actions for services;
    AWS Config ``iam-policy-no-statements-with-full-access``) and Prowler ``iam_policy_no_full_access_to_kms`` /
    ``iam_policy_no_full_access_to_cloudtrail`` and ``iam_inline_policy_no_full_access_to_*``, generalised to
    every service and to inline policies; only on every resource (a ``"s3:*"`` on one named bucket is
    scoped). Administrator access (``"*"``, ``NotAction``) is ``iam-policy-grant-no-admin``'s. An Azure custom
    role whose Actions hold ``"Microsoft.<provider>/*"`` is the same grant. AWS-managed policies and Google
    Cloud roles (which name each permission) are not judged here.
    """
    if grant.service_wildcards:
        return f"allows every action of {', '.join(grant.service_wildcards)} on all resources"


@rule(
    "iam-policy-grant-no-kms-decrypt-all-keys",
    title="No policy allows decrypting with every key of the key service",
    domain="iam",
    severity="high",
    remediation={
        "aws": "Allow kms:Decrypt / kms:ReEncryptFrom (or kms:*) only on the key ARNs the principal needs, or "
        "require kms:ViaService / kms:EncryptionContext conditions; in pulumi-aws, the Resource of that statement "
        "in aws.iam.Policy / RolePolicy / a role's inlinePolicies.",
        "azure": "Nothing to change here: Key Vault access is granted per vault, judged on the vault.",
        "gcp": "Nothing to change here: Cloud KMS decrypters are granted per key or key ring binding.",
    },
)
def iam_policy_grant_no_kms_decrypt_all_keys(grant: PolicyGrant):
    """Whoever may decrypt with every key reads every encrypted PHI store, snapshot and secret of the
    account: per-key grants are what makes encryption an access control.

    Follows Security Hub KMS.1 (customer managed policies) and KMS.2 (inline policies), i.e. AWS Config
    ``iam-customer-policy-blocked-kms-actions`` and ``iam-inline-policy-blocked-kms-actions`` with blocked
    actions ``kms:Decrypt`` and ``kms:ReEncryptFrom``, and Prowler ``iam_policy_no_full_access_to_kms`` /
    ``iam_inline_policy_no_full_access_to_kms``; ``kms:*`` and ``"*"`` allow both. "Every key" is ``"*"``,
    ``arn:aws:kms:*:*:key/*`` or every key of one account. AWS-managed policies, Azure roles and Google Cloud
    bindings are not judged here.
    """
    if grant.decrypt_all_keys:
        return f"allows {', '.join(grant.decrypt_all_keys)} on every KMS key"
