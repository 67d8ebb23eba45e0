"""Keys workload identities sign their requests with."""

from hitrust_policies.model import ServiceAccountKey
from hitrust_policies.rules.registry import rule


@rule(
    "iam-service-account-no-user-keys",
    title="Service accounts have no user-managed keys",
    domain="iam",
    severity="high",
    remediation={
        "gcp": "Delete the key (gcloud iam service-accounts keys delete KEY_ID --iam-account SA_EMAIL; in "
               "pulumi-gcp, remove the serviceaccount.Key) and let workloads use attached service accounts, "
               "impersonation or workload identity federation; enforce the organization policy constraint "
               "iam.disableServiceAccountKeyCreation.",
    },
)
def iam_service_account_no_user_keys(key: ServiceAccountKey):
    """A user-managed key is a long-lived secret outside the cloud: copied into laptops, images and
    repositories, it lets anyone act as the service account until someone finds and deletes it.

    Follows CIS Google Cloud Platform Foundation 1.4 (only Google-managed service-account keys) and Prowler
    ``iam_sa_no_user_managed_keys`` (any USER_MANAGED key fails, disabled ones too: enabling one takes a
    single call and the private key still exists). An expired key can never sign again and passes.
    """
    if key.user_managed and not key.expired:
        state = " (disabled, but it can be enabled again)" if key.disabled else ""
        return f"{key.owner} has a user-managed key{state}"
