"""Managed data-science notebook instances."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class NotebookInstance:
    """A managed notebook instance: a VM the cloud runs for one data scientist's Jupyter server, its storage
    volume holding whatever data they pulled in (often PHI extracts).

    Yielded by the AWS sources (SageMaker notebook instances); Vertex AI Workbench instances and Azure Machine
    Learning compute instances could yield it later.

    ``customer_managed_key``: the storage volume is encrypted with a key the customer manages (SageMaker
    ``KmsKeyId``); False: the service's own key. ``direct_internet_access``: the provider gives the instance its
    own path to the internet, outside the customer's network controls (``DirectInternetAccess`` ``Enabled``, the
    default). ``root_access``: notebook users can become root on the instance (``RootAccess`` ``Enabled``, the
    default).
    """

    ref: ResourceRef
    customer_managed_key: bool | Unknown
    direct_internet_access: bool | Unknown
    root_access: bool | Unknown
