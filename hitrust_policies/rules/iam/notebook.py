"""Root access for notebook users."""

from hitrust_policies.model import NotebookInstance
from hitrust_policies.rules.registry import rule


@rule(
    "iam-notebook-root-access-disabled",
    title="Notebook users have no root access on the instance",
    domain="iam",
    severity="medium",
    remediation={
        "aws": "Disable root access (stop the instance, then aws sagemaker update-notebook-instance "
        "--notebook-instance-name <name> --root-access Disabled; pulumi-aws sagemaker.NotebookInstance "
        "root_access=\"Disabled\"); install packages through lifecycle configurations instead.",
    },
)
def iam_notebook_root_access_disabled(notebook: NotebookInstance):
    """Root on the notebook lets any of its users change its software, read every user's files and the
    instance's role credentials, and switch off what records their actions: least privilege fails there.

    Follows AWS Config sagemaker-notebook-instance-root-access-check, Security Hub SageMaker.3 and Prowler
    sagemaker_notebook_instance_root_access_disabled: ``RootAccess`` ``Enabled`` (the default) fails.
    """
    if notebook.root_access:
        return "notebook users can become root on the instance (RootAccess Enabled)"
