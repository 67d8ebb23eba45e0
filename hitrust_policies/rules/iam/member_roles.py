"""The roles one member holds on a whole project, folder or organization."""

from hitrust_policies.model import MemberRoles
from hitrust_policies.rules.registry import rule

SA_ADMIN = "roles/iam.serviceAccountAdmin"  # creates, changes and deletes service accounts
SA_USER = "roles/iam.serviceAccountUser"  # runs workloads as (acts as) a service account
TOKEN_CREATOR = "roles/iam.serviceAccountTokenCreator"  # mints a service account's tokens
KMS_ADMIN = "roles/cloudkms.admin"  # manages keys: their IAM, rotation, destruction
KMS_USERS = ("roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter",
             "roles/cloudkms.cryptoKeyDecrypter")  # use keys on data


@rule(
    "iam-service-account-duties-separated",
    title="No member both administers and uses service accounts on a project, folder or organization",
    domain="iam",
    severity="high",
    remediation={
        "gcp": "Remove either roles/iam.serviceAccountAdmin or roles/iam.serviceAccountUser from the member "
               "(gcloud projects|folders|organizations remove-iam-policy-binding SCOPE --member MEMBER --role "
               "ROLE); in pulumi-gcp, drop one of its projects.IAMMember / IAMBinding grants.",
    },
)
def iam_service_account_duties_separated(holder: MemberRoles):
    """Whoever both creates service accounts and acts as them grants themselves whatever those accounts
    may do, unseen by a second person.

    Follows CIS Google Cloud Platform Foundation 1.8 (separation of duties for service-account roles) and
    Prowler ``iam_role_sa_enforce_separation_of_duties``: one member holding Service Account Admin and
    Service Account User at the same scope, whatever kind of member it is. Basic Owner / Editor, which
    carry both, are `iam-policy-grant-no-admin`'s findings.
    """
    if SA_ADMIN in holder.roles and SA_USER in holder.roles:
        return f"{holder.member} holds both {SA_ADMIN} and {SA_USER}"


@rule(
    "iam-kms-duties-separated",
    title="No member both administers and uses encryption keys on a project, folder or organization",
    domain="iam",
    severity="high",
    remediation={
        "gcp": "Remove either roles/cloudkms.admin or the CryptoKey Encrypter / Decrypter roles from the member "
               "(gcloud projects|folders|organizations remove-iam-policy-binding SCOPE --member MEMBER --role "
               "ROLE); keep key administrators and key users apart, ideally in a dedicated key project.",
    },
)
def iam_kms_duties_separated(holder: MemberRoles):
    """A key administrator who can also decrypt reads every record the keys protect and can change the
    keys' policies and rotation to hide it.

    Follows CIS Google Cloud Platform Foundation 1.11 (separation of duties for KMS roles) and Prowler
    ``iam_role_kms_enforce_separation_of_duties``: Cloud KMS Admin with any of CryptoKey
    Encrypter/Decrypter, Encrypter or Decrypter, held by one member at the same scope.
    """
    if KMS_ADMIN in holder.roles:
        using = [r for r in KMS_USERS if r in holder.roles]
        if using:
            return f"{holder.member} holds both {KMS_ADMIN} and {', '.join(using)}"


@rule(
    "iam-service-account-impersonation-scoped",
    title="No member may act as every service account of a project, folder or organization",
    domain="iam",
    severity="high",
    remediation={
        "gcp": "Remove roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator from the project, "
               "folder or organization policy and grant them on the one service account the member needs "
               "(gcloud iam service-accounts add-iam-policy-binding SA_EMAIL --member MEMBER --role ROLE; "
               "pulumi-gcp serviceaccount.IAMMember).",
    },
)
def iam_service_account_impersonation_scoped(holder: MemberRoles):
    """Granted on a project (or above), these roles let the member act as, or mint tokens for, every service
    account there, present and future, and so hold all their permissions.

    Follows CIS Google Cloud Platform Foundation 1.6 (no Service Account User or Service Account Token
    Creator at project level) and Prowler ``iam_no_service_roles_at_project_level``; stricter, folders and
    organizations count (their grants reach every project below), and so does every kind of member, not
    only users: a group or a service account holding them escalates the same way.
    """
    held = [r for r in (SA_USER, TOKEN_CREATOR) if r in holder.roles]
    if held:
        return (f"{holder.member} holds {' and '.join(held)} on the whole scope: it may act as every service "
                "account there")
