"""azurerm custom roles (``azurerm_role_definition``) as `PolicyGrant`s, held when some ``azurerm_role_assignment``
of the plan assigns them, judged as the live scanner and azure-native judge them
(`azure_semantics.custom_role_access`).

Spellings: a ``permissions`` block's ``actions`` / ``not_actions`` are ARM ``actions`` / ``notActions``;
``assignable_scopes`` left out is the role's ``scope`` (the provider computes it so). An assignment names the
role through ``role_definition_id`` (the role's ``role_definition_resource_id``, by reference while unknown, or
its GUID by value) or ``role_definition_name``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import SCOPED, PolicyGrant, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import first_unknown

ROLE_DEFINITION, ROLE_ASSIGNMENT = "azurerm_role_definition", "azurerm_role_assignment"


def _permissions(role: Planned) -> list[Any] | Unknown:
    blocks = role.get("permissions")
    if isinstance(blocks, Unknown):
        return blocks
    return [{"actions": b.get("actions"), "notActions": b.get("not_actions")} if isinstance(b, Mapping) else b
            for b in blocks or []]


def _access(role: Planned) -> tuple[Any, str]:
    """(access, exceptions); actions or scopes not known yet matter only where they could make it admin."""
    permissions = _permissions(role)
    if isinstance(permissions, Unknown):
        return permissions, ""
    star, pending = False, None
    for entry in permissions:
        actions = entry if isinstance(entry, Unknown) else entry.get("actions")
        values = [actions] if isinstance(actions, Unknown) else list(actions or [])
        star = star or "*" in [v for v in values if isinstance(v, str)]
        pending = pending if pending is not None else first_unknown(*values)
    if not star:
        return (pending, "") if pending is not None else (SCOPED, "")
    scopes = role.get("assignable_scopes")
    if scopes is None or (isinstance(scopes, list) and not scopes):
        scopes = [role.get("scope")]
    unseen = scopes if isinstance(scopes, Unknown) else first_unknown(*scopes)
    if unseen is not None:
        return unseen, ""
    return az.custom_role_access([e for e in permissions if isinstance(e, Mapping)], scopes)


def _attached(role: Planned, plan: Plan) -> bool | Unknown:
    """Some role assignment names this role: through a reference to it, by its GUID, or by its name."""
    guid, others = role.get("role_definition_id"), {r.address for r in plan.of_type(ROLE_DEFINITION)} - {role.address}
    pending: Unknown | None = None
    for assignment in plan.of_type(ROLE_ASSIGNMENT):
        for attr in ("role_definition_id", "role_definition_name"):
            refs = {r.address for r in assignment.references(attr)}
            if role.address in refs:
                return True
            target = assignment.get(attr)
            if isinstance(target, str) and (
                    (attr == "role_definition_name" and target == role.name)
                    or (isinstance(guid, str) and az.role_definition_guid(target) == guid.lower())):
                return True
            if isinstance(target, Unknown) and not refs & others and pending is None:
                pending = target
    return pending if pending is not None else False


@azurerm_adapter(ROLE_DEFINITION, produces=PolicyGrant)
def role_definition(role: Planned, plan: Plan) -> Iterator[PolicyGrant]:
    access, exceptions = _access(role)
    yield PolicyGrant(role.ref(), access, _attached(role, plan), exceptions,
                      service_wildcards=az.custom_role_service_wildcards(_permissions(role)),
                      decrypt_all_keys=None)  # Key Vault data access is granted per vault: not judged here
