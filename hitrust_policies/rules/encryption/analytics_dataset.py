"""Encryption at rest of analytics datasets."""

from hitrust_policies.model import AnalyticsDataset
from hitrust_policies.rules.registry import rule


@rule(
    "enc-dataset-kms",
    title="Analytics datasets encrypt new tables with a customer-managed key by default",
    domain="encryption",
    severity="medium",
    remediation={
        "gcp": "Set a default Cloud KMS key on the dataset (bq update --default_kms_key=projects/P/locations/L/"
               "keyRings/R/cryptoKeys/K PROJECT:DATASET; pulumi-gcp: defaultEncryptionConfiguration.kmsKeyName) "
               "and copy existing tables onto it (bq cp --destination_kms_key ...).",
    },
)
def enc_dataset_kms(dataset: AnalyticsDataset):
    """Tables under the provider's keys cannot be access-controlled or audited apart from the data; a
    default customer-managed key on the dataset covers every table created without an explicit one.

    Follows CIS Google Cloud Platform Foundation 7.3 ("a default customer-managed encryption key is
    specified for all BigQuery data sets") and Prowler ``bigquery_dataset_cmk_encryption``; tables set
    apart with their own key (CIS 7.2, policy-library ``GCPBigQueryCMEKEncryptionConstraintV1``) are
    not judged here.
    """
    if not dataset.kms_key:
        return "new tables are encrypted with provider-managed keys: no default customer-managed key"
