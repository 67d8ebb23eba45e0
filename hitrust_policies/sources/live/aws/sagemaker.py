"""Where SageMaker notebook instances become `NotebookInstance` values (``ListNotebookInstances``, then
``DescribeNotebookInstance`` per instance, a few at a time: the listing carries no key, access or root setting and
SageMaker has no batch describe)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import NotebookInstance, Unknown
from hitrust_policies.sources import aws_notebooks
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("sagemaker-notebook-instances", service="sagemaker", kinds=(NotebookInstance,),
           calls=("sagemaker:ListNotebookInstances", "sagemaker:DescribeNotebookInstance"))
def sagemaker_notebook_instances(ctx: Ctx) -> Iterator[NotebookInstance]:
    listed = list(ctx.paginate("sagemaker", "ListNotebookInstances", "NotebookInstances"))
    yield from ctx.fan_out(lambda summary: _notebook(ctx, summary), listed)


def _notebook(ctx: Ctx, summary: dict[str, Any]) -> NotebookInstance:
    name = summary["NotebookInstanceName"]
    ref = ctx.ref("AWS::SageMaker::NotebookInstance", summary["NotebookInstanceArn"], name)
    got = ctx.fact("sagemaker:DescribeNotebookInstance",
                   lambda: ctx.client("sagemaker").describe_notebook_instance(NotebookInstanceName=name))
    if isinstance(got, Unknown):
        return NotebookInstance(ref=ref, customer_managed_key=got, direct_internet_access=got, root_access=got)
    return NotebookInstance(ref=ref, customer_managed_key=aws_notebooks.customer_key(got.get("KmsKeyId")),
                            direct_internet_access=aws_notebooks.switched_on(got.get("DirectInternetAccess")),
                            root_access=aws_notebooks.switched_on(got.get("RootAccess")))
