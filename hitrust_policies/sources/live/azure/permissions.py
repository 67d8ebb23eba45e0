"""The scanner's least-privilege Azure custom role, derived from what the families declare.

``scanners/azure/custom-role.json`` is `custom_role`'s output, committed; a test keeps the two
equal, and the read-only test checks every request a scan sends is one these actions allow.
The built-in Reader role is a superset (``*/read``) and works as well.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.sources.live.azure.families import (
    GRAPH_PERMISSION,
    MANAGEMENT_GROUP_PERMISSION,
    SUBSCRIPTIONS_PERMISSION,
    all_families,
)

ROLE_NAME = "HITRUST Policies Scanner (read-only)"


def required_actions() -> list[str]:
    """Every RBAC action a scan may need: the scan's own, each family's listing and ARM reads."""
    actions = {GRAPH_PERMISSION, SUBSCRIPTIONS_PERMISSION, MANAGEMENT_GROUP_PERMISSION}
    for f in all_families():
        actions.update(f.permissions)
        actions.update(r.permission for r in f.reads)
    return sorted(actions, key=str.lower)


def custom_role(assignable_scope: str = "/subscriptions/00000000-0000-0000-0000-000000000000") -> dict[str, Any]:
    """An ``az role definition create --role-definition`` document (replace the scope)."""
    return {
        "Name": ROLE_NAME,
        "IsCustom": True,
        "Description": "Read-only access hitrust-policies needs to scan a subscription (Resource Graph queries "
                       "plus the few ARM reads Resource Graph does not carry). Generated: hitrust permissions azure.",
        "Actions": required_actions(),
        "NotActions": [],
        "DataActions": [],
        "NotDataActions": [],
        "AssignableScopes": [assignable_scope],
    }
