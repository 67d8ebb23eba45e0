"""Notebook instances' storage encrypted with a customer-managed key."""

from hitrust_policies.model import NotebookInstance
from hitrust_policies.rules.registry import rule


@rule(
    "enc-notebook-kms",
    title="Notebook instance storage is encrypted with a customer-managed key",
    domain="encryption",
    severity="medium",
    remediation={
        "aws": "Recreate the notebook instance with a customer-managed KMS key (aws sagemaker "
        "create-notebook-instance --kms-key-id <key arn>; pulumi-aws sagemaker.NotebookInstance kms_key_id); the "
        "key of an existing instance cannot be changed.",
    },
)
def enc_notebook_kms(notebook: NotebookInstance):
    """A notebook's volume holds the PHI extracts analysts pull in; with the service's own key the customer can
    neither restrict who may decrypt it nor revoke access by disabling the key, nor audit its use per key.

    Follows AWS Config sagemaker-notebook-instance-kms-key-configured (in the HIPAA Security conformance pack),
    Prowler sagemaker_notebook_instance_encryption_enabled and Checkov CKV_AWS_22: no ``KmsKeyId`` fails.
    """
    if not notebook.customer_managed_key:
        return "notebook storage volume is encrypted with the service's own key, not a customer-managed key"
