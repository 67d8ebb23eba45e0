"""SageMaker notebook instances (``aws:sagemaker/notebookInstance:NotebookInstance``): ``kmsKeyId`` (none: the
service's key; one of this stack's keys counts while its ARN is unknown), ``directInternetAccess`` and
``rootAccess`` (``Enabled`` unless set)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import NotebookInstance
from hitrust_policies.sources import aws_notebooks
from hitrust_policies.sources.pulumi.aws.kms import key_reference
from hitrust_policies.sources.pulumi.props import optional
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:sagemaker/notebookInstance:NotebookInstance", produces=NotebookInstance, joins=True)
def notebook_instance(res: PulumiResource, stack: Stack) -> Iterator[NotebookInstance]:
    props = res.props
    yield NotebookInstance(
        ref=res.ref("name"),
        customer_managed_key=aws_notebooks.customer_key(key_reference(res, stack, "kmsKeyId")),
        direct_internet_access=aws_notebooks.switched_on(optional(props.get("directInternetAccess"))),
        root_access=aws_notebooks.switched_on(optional(props.get("rootAccess"))),
    )
