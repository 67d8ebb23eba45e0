"""Compute Engine VMs (``gcp:compute/instance:Instance``) as `InstanceAccess`, joined with the project's
metadata the stack declares.

A VM's own ``metadata`` map overrides the project's. The project's values come from
``compute/projectMetadata:ProjectMetadata`` (the whole project metadata: a key it lacks is not set) or
``compute/projectMetadataItem:ProjectMetadataItem`` (one key) of the same ``project`` (or both left to the
provider's project). A stack that manages neither leaves the project's value outside the program: a VM
that sets the key itself is judged on its own value, any other is UNKNOWN naming the key and those two
resource types (it may inherit anything). ``block-project-ssh-keys`` is only ever read from the VM.

``serviceAccount`` absent: the VM has no service account (the provider sends none); present without
``email``: the project's Compute Engine default account, as the provider documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import Unknown
from hitrust_policies.model.compute import InstanceAccess
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

INSTANCE = "gcp:compute/instance:Instance"
PROJECT_METADATA = "gcp:compute/projectMetadata:ProjectMetadata"
PROJECT_METADATA_ITEM = "gcp:compute/projectMetadataItem:ProjectMetadataItem"


def _same_project(res: PulumiResource, other: PulumiResource) -> bool:
    """Both in one project: the same ``project``, or either left to the provider's (one project a stack)."""
    mine, theirs = res.props.get("project"), other.props.get("project")
    if isinstance(mine, Unknown) or isinstance(theirs, Unknown):
        return False
    return not mine or not theirs or mine == theirs


def project_value(stack: Stack, res: PulumiResource, key: str) -> Any:
    """The project's value of ``key`` as the stack sets it (None: known not set), else an Unknown."""
    for whole in stack.of_type(PROJECT_METADATA):
        if _same_project(res, whole):
            metadata = whole.props.get("metadata")
            return metadata if isinstance(metadata, Unknown) else (metadata or {}).get(key)
    pending = None
    for item in stack.of_type(PROJECT_METADATA_ITEM):
        if _same_project(res, item):
            named = item.props.get("key")
            if named == key:
                return item.props.get("value")
            pending = pending or (named if isinstance(named, Unknown) else None)
    return pending or Unknown(f"project metadata {key} is not in the stack ({PROJECT_METADATA} or "
                              f"{PROJECT_METADATA_ITEM}): the project's value applies")


def _account(res: PulumiResource) -> tuple[Any, Any]:
    """(runs as the default service account, carries the cloud-platform scope)."""
    account = res.props.get("serviceAccount")
    if account is None or isinstance(account, Unknown):
        return (account, account) if account is not None else (False, False)
    email = account.get("email")
    return gcp.default_service_account("default" if email is None else email), gcp.full_api_scope(account.get("scopes"))


@pulumi_adapter(INSTANCE, produces=InstanceAccess, joins=True)
def instance_access(res: PulumiResource, stack: Stack) -> Iterator[InstanceAccess]:
    metadata = res.props.get("metadata")

    def own(key: str) -> Any:
        return metadata if isinstance(metadata, Unknown) else (metadata or {}).get(key)

    def flag(key: str) -> Any:
        mine = gcp.metadata_flag(key, own(key))
        return mine if mine is not None else gcp.instance_metadata_flag(key, None, project_value(stack, res, key))

    default_account, full_scope = _account(res)
    blocked = gcp.project_ssh_keys_blocked(own(gcp.BLOCK_PROJECT_SSH_KEYS), own(gcp.LEGACY_SSH_KEYS))
    labels = res.props.get("labels")
    yield InstanceAccess(
        ref=names.ref(res),
        os_login=flag(gcp.OS_LOGIN),
        project_ssh_keys_blocked=blocked,
        serial_port_enabled=flag(gcp.SERIAL_PORT),
        default_service_account=default_account,
        full_api_scope=full_scope,
        managed_node=gcp.gke_node(names.physical_name(res), labels if isinstance(labels, Mapping) else None),
    )
