"""Notebook instances with the provider's own path to the internet."""

from hitrust_policies.model import NotebookInstance
from hitrust_policies.rules.registry import rule


@rule(
    "net-notebook-no-direct-internet",
    title="Notebook instances have no direct internet access",
    domain="network",
    severity="high",
    remediation={
        "aws": "Recreate the notebook instance in a private subnet with direct internet access disabled (aws "
        "sagemaker create-notebook-instance --subnet-id <id> --security-group-ids <ids> --direct-internet-access "
        "Disabled; pulumi-aws sagemaker.NotebookInstance direct_internet_access=\"Disabled\" with subnet_id), "
        "reaching the internet, if at all, through the VPC's NAT gateway and its controls.",
    },
)
def net_notebook_no_direct_internet(notebook: NotebookInstance):
    """Direct internet access gives the notebook a path out that bypasses the customer's network: data can leave
    and code can come in without the VPC's security groups, network firewall or flow logs seeing it.

    Follows AWS Config sagemaker-notebook-no-direct-internet-access (HIPAA Security conformance pack), Security
    Hub SageMaker.1, Prowler sagemaker_notebook_instance_without_direct_internet_access_configured and Checkov
    CKV_AWS_122: ``DirectInternetAccess`` ``Enabled`` (the default) fails.
    """
    if notebook.direct_internet_access:
        return "notebook instance has direct internet access (DirectInternetAccess Enabled)"
