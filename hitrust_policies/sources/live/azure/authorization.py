"""Where Azure RBAC becomes model values: custom role definitions `PolicyGrant`s, the subscription's
Owner role assignments one `AccountOwners`.

Both come from Resource Graph's ``authorizationresources`` table in one query: role definitions and role
assignments of the subscription. Built-in roles are Microsoft's, not a grant the customer wrote: the
Owner role is judged through who holds it (`AccountOwners`), not as a policy document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AccountOwners, PolicyGrant, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop

ROLE_DEFINITIONS = "microsoft.authorization/roledefinitions"
ROLE_ASSIGNMENTS = "microsoft.authorization/roleassignments"
EXPORT_HAS_NO_ASSIGNMENTS = ("not in a Resource Graph export: role assignments "
                             "(Microsoft.Authorization/roleAssignments/read)")


def _custom_role(ctx: Ctx, row: dict[str, Any], assigned: set[str]) -> PolicyGrant:
    access, exceptions = az.custom_role_access(prop(row, "properties", "permissions") or [],
                                               prop(row, "properties", "assignableScopes") or [])
    name = prop(row, "properties", "roleName") or row.get("name")
    attached: bool | Unknown = az.role_definition_guid(row["id"]) in assigned
    if not attached and ctx.source == "export":
        attached = Unknown(EXPORT_HAS_NO_ASSIGNMENTS)
    return PolicyGrant(ctx.ref(row, name=name), access, attached, exceptions)


def _owners(ctx: Ctx, assignments: list[dict[str, Any]]) -> AccountOwners:
    ref = ctx.ref({"id": ctx.scope, "type": "microsoft.resources/subscriptions", "name": ctx.subscription,
                   "subscriptionId": ctx.subscription})
    if ctx.source == "export" and not assignments:  # the export may have left role assignments out
        return AccountOwners(ref, Unknown(EXPORT_HAS_NO_ASSIGNMENTS))
    owners = {f"{prop(a, 'properties', 'principalType') or 'Unknown'}:{prop(a, 'properties', 'principalId')}"
              for a in assignments if az.subscription_owner(a.get("properties") or {}, ctx.subscription)}
    return AccountOwners(ref, tuple(sorted(owners)))


@family(
    "role-based-access",
    types=(ROLE_DEFINITIONS, ROLE_ASSIGNMENTS),
    kinds=(PolicyGrant, AccountOwners),
    permissions=("Microsoft.Authorization/roleDefinitions/read", "Microsoft.Authorization/roleAssignments/read"),
    table="authorizationresources",
)
def role_based_access(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[PolicyGrant | AccountOwners]:
    assignments = [r for r in rows if str(r.get("type", "")).lower() == ROLE_ASSIGNMENTS]
    assigned = {az.role_definition_guid(prop(a, "properties", "roleDefinitionId") or "") for a in assignments}
    for row in rows:
        if str(row.get("type", "")).lower() == ROLE_DEFINITIONS and \
                str(prop(row, "properties", "type") or "").lower() == "customrole":
            yield _custom_role(ctx, row, assigned)
    yield _owners(ctx, assignments)
