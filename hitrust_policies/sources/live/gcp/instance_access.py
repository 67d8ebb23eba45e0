"""How people and code get into a Compute Engine VM (`InstanceAccess`), read from its instance asset and
its project's ``compute.googleapis.com/Project`` asset, whose ``commonInstanceMetadata`` holds the
metadata every VM of the project inherits. The ``instances`` family lists both and calls this."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hitrust_policies.model import Unknown
from hitrust_policies.model.compute import InstanceAccess
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, project_in_name, project_number

INSTANCE = "compute.googleapis.com/Instance"
COMPUTE_PROJECT = "compute.googleapis.com/Project"  # data: the Compute API's Project, commonInstanceMetadata


def project_metadata(assets: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each listed project's ``commonInstanceMetadata`` items, under its id and its number (an asset may be
    named by either)."""
    found: dict[str, dict[str, Any]] = {}
    for asset in assets:
        if asset.get("asset_type") == COMPUTE_PROJECT:
            items = gcp.metadata_items(data(asset).get("commonInstanceMetadata"))
            for key in (project_in_name(str(asset["name"])), data(asset).get("name"), project_number(asset)):
                if key:
                    found[str(key)] = items
    return found


def instance_access(ctx: Ctx, asset: Mapping[str, Any], projects: Mapping[str, dict[str, Any]]) -> InstanceAccess:
    """A VM's access settings. Its own metadata overrides its project's; where it sets no value and its
    project's Compute Engine asset was not listed (not in an export, or the project's Compute API view
    missing), the setting is Unknown, naming the asset. The service account is the VM's own
    (``serviceAccounts[0]``: a VM has at most one); a VM without one has no identity to call APIs with."""
    vm = data(asset)
    own = gcp.metadata_items(vm.get("metadata"))
    project = project_in_name(str(asset["name"])) or project_number(asset)
    shared: Any = projects.get(project or "")
    if shared is None:
        shared = Unknown(f"{COMPUTE_PROJECT} of projects/{project} not listed: project-wide metadata unseen")

    def flag(key: str) -> bool | Unknown:
        return gcp.instance_metadata_flag(key, own.get(key),
                                          shared if isinstance(shared, Unknown) else shared.get(key))

    account = next(iter(vm.get("serviceAccounts") or ()), None) or {}
    return InstanceAccess(
        ref=ctx.ref(asset),
        os_login=flag(gcp.OS_LOGIN),
        project_ssh_keys_blocked=gcp.project_ssh_keys_blocked(own.get(gcp.BLOCK_PROJECT_SSH_KEYS),
                                                              own.get(gcp.LEGACY_SSH_KEYS)),
        serial_port_enabled=flag(gcp.SERIAL_PORT),
        default_service_account=gcp.default_service_account(account.get("email")),
        full_api_scope=gcp.full_api_scope(account.get("scopes")),
        managed_node=gcp.gke_node(str(vm.get("name") or ""), vm.get("labels")),
    )
