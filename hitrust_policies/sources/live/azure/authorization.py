"""Where Azure RBAC becomes model values: custom role definitions `PolicyGrant`s, the subscription's
Owner role assignments one `AccountOwners` (guests among them read from Microsoft Graph: a role
assignment says a principal is a User, not whether the directory holds it as a Guest).

Both come from Resource Graph's ``authorizationresources`` table in one query: role definitions and role
assignments of the subscription. Built-in roles are Microsoft's, not a grant the customer wrote: the
Owner role is judged through who holds it (`AccountOwners`), not as a policy document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AccountOwners, PolicyGrant, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, GraphRead, family, prop

ROLE_DEFINITIONS = "microsoft.authorization/roledefinitions"
ROLE_ASSIGNMENTS = "microsoft.authorization/roleassignments"
# A user's directory type (Member / Guest); GET users/{id} needs User.Read.All (Directory.Read.All covers it).
USERS = GraphRead("graph-users", "/v1.0/users/{id}?$select=id,userType,userPrincipalName", "User.Read.All")
EXPORT_HAS_NO_ASSIGNMENTS = ("not in a Resource Graph export: role assignments "
                             "(Microsoft.Authorization/roleAssignments/read)")


def _custom_role(ctx: Ctx, row: dict[str, Any], assigned: set[str]) -> PolicyGrant:
    access, exceptions = az.custom_role_access(prop(row, "properties", "permissions") or [],
                                               prop(row, "properties", "assignableScopes") or [])
    name = prop(row, "properties", "roleName") or row.get("name")
    attached: bool | Unknown = az.role_definition_guid(row["id"]) in assigned
    if not attached and ctx.source == "export":
        attached = Unknown(EXPORT_HAS_NO_ASSIGNMENTS)
    wildcards = az.custom_role_service_wildcards(prop(row, "properties", "permissions") or [])
    return PolicyGrant(ctx.ref(row, name=name), access, attached, exceptions, service_wildcards=wildcards,
                       decrypt_all_keys=None)  # Key Vault data access is granted per vault: not judged here


def _guests(ctx: Ctx, users: list[str]) -> tuple[str, ...] | Unknown:
    """Owners whose directory entry says Guest, by sign-in name; Unknown if an entry went unread and no
    guest was seen (a seen guest fails whatever the others are)."""
    entries = ctx.fan_out(lambda user: ctx.graph(USERS, user), users)
    guests = tuple(sorted(str(e.get("userPrincipalName") or e.get("id")) for e in entries
                          if not isinstance(e, Unknown) and str(e.get("userType") or "").lower() == "guest"))
    unread = next((e for e in entries if isinstance(e, Unknown)), None)
    return unread if unread is not None and not guests else guests


def _owners(ctx: Ctx, assignments: list[dict[str, Any]]) -> AccountOwners:
    ref = ctx.ref({"id": ctx.scope, "type": "microsoft.resources/subscriptions", "name": ctx.subscription,
                   "subscriptionId": ctx.subscription})
    if ctx.source == "export" and not assignments:  # the export may have left role assignments out
        return AccountOwners(ref, Unknown(EXPORT_HAS_NO_ASSIGNMENTS), Unknown(EXPORT_HAS_NO_ASSIGNMENTS))
    held = [a.get("properties") or {} for a in assignments
            if az.subscription_owner(a.get("properties") or {}, ctx.subscription)]
    owners = {f"{p.get('principalType') or 'Unknown'}:{p.get('principalId')}" for p in held}
    users = sorted({str(p.get("principalId")) for p in held if str(p.get("principalType") or "").lower() == "user"})
    return AccountOwners(ref, tuple(sorted(owners)), _guests(ctx, users))


@family(
    "role-based-access",
    types=(ROLE_DEFINITIONS, ROLE_ASSIGNMENTS),
    kinds=(PolicyGrant, AccountOwners),
    permissions=("Microsoft.Authorization/roleDefinitions/read", "Microsoft.Authorization/roleAssignments/read"),
    table="authorizationresources",
    graph_reads=(USERS,),
)
def role_based_access(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[PolicyGrant | AccountOwners]:
    assignments = [r for r in rows if str(r.get("type", "")).lower() == ROLE_ASSIGNMENTS]
    assigned = {az.role_definition_guid(prop(a, "properties", "roleDefinitionId") or "") for a in assignments}
    for row in rows:
        if str(row.get("type", "")).lower() == ROLE_DEFINITIONS and \
                str(prop(row, "properties", "type") or "").lower() == "customrole":
            yield _custom_role(ctx, row, assigned)
    yield _owners(ctx, assignments)
