"""The scanner's least-privilege GCP custom role, derived from what the families declare.

``scanners/gcp/custom-role.yaml`` is `custom_role_yaml`'s output, committed; a test keeps the two
equal, and the read-only test checks every request a scan sends needs only these permissions. The
predefined roles ``roles/cloudasset.viewer`` plus ``roles/serviceusage.serviceUsageConsumer`` are a
superset and work as well.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.sources.live.gcp.families import PERMISSIONS, RESOURCE, SERVICE_USAGE_PERMISSION, all_families

ROLE_ID = "hitrustScanner"
ROLE_TITLE = "HITRUST Policies Scanner (read-only)"
PREDEFINED_ROLES = ("roles/cloudasset.viewer", "roles/serviceusage.serviceUsageConsumer")


def required_permissions() -> list[str]:
    """Every permission a scan may need: the project listing's, each family's listings', service usage."""
    permissions = {PERMISSIONS[RESOURCE], SERVICE_USAGE_PERMISSION}
    for f in all_families():
        permissions.update(f.permissions)
    return sorted(permissions)


def custom_role() -> dict[str, Any]:
    """A ``gcloud iam roles create hitrustScanner --organization=ORG --file=custom-role.yaml`` document."""
    return {
        "title": ROLE_TITLE,
        "description": "Read-only Cloud Asset Inventory listings hitrust-policies needs to scan projects, folders "
                       "and organizations. Generated: hitrust permissions gcp.",
        "stage": "GA",
        "includedPermissions": required_permissions(),
    }


def custom_role_yaml() -> str:
    import yaml

    return yaml.safe_dump(custom_role(), sort_keys=False, width=100)
