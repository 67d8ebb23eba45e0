"""Public exposure of analytics datasets."""

from hitrust_policies.model import AnalyticsDataset
from hitrust_policies.rules.registry import rule


@rule(
    "net-dataset-not-public",
    title="Analytics datasets are not readable by the public",
    domain="network",
    severity="high",
    remediation={
        "gcp": "Remove every allUsers / allAuthenticatedUsers entry from the dataset's access list and IAM policy "
               "(bq show --format=prettyjson PROJECT:DATASET > ds.json, delete them, bq update --source ds.json "
               "PROJECT:DATASET; pulumi-gcp: the Dataset's accesses and any bigquery.DatasetIamMember / "
               "DatasetIamBinding / DatasetAccess naming them), and keep the iam.allowedPolicyMemberDomains "
               "organization policy on.",
    },
)
def net_dataset_not_public(dataset: AnalyticsDataset):
    """A dataset granted to allUsers or allAuthenticatedUsers can be queried by anyone with a Google
    account: every table in it, and those added later.

    Follows CIS Google Cloud Platform Foundation 7.1 ("BigQuery datasets are not anonymously or publicly
    accessible"), Prowler ``bigquery_dataset_public_access`` and the policy-library template
    ``GCPBigQueryDatasetWorldReadableConstraintV1``: any role counts, as in all three.
    """
    if dataset.public_grants:
        return f"granted to the public: {', '.join(dataset.public_grants)}"
