"""Custom role definitions a program creates (``authorization:RoleDefinition``) as `PolicyGrant`s, held when
some ``authorization:RoleAssignment`` of the stack assigns them; judged as the live scanner judges the
``authorizationresources`` rows (`azure_semantics.custom_role_access`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import SCOPED, PolicyGrant, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

ROLE_DEFINITION = "azure-native:authorization:RoleDefinition"
ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment"


def _access(res: PulumiResource) -> tuple[Any, str]:
    """(access, exceptions); actions or scopes not known yet matter only where they could make it admin."""
    permissions = res.props.get("permissions")
    if isinstance(permissions, Unknown):
        return permissions, ""
    star, pending = False, None
    for entry in permissions or []:
        actions = entry if isinstance(entry, Unknown) else entry.get("actions")
        values = [actions] if isinstance(actions, Unknown) else list(actions or [])
        star = star or "*" in [v for v in values if isinstance(v, str)]
        pending = pending if pending is not None else arm.first_unknown(*values)
    if not star:
        return (pending, "") if pending is not None else (SCOPED, "")
    scopes = res.props.get("assignableScopes")
    unseen = scopes if isinstance(scopes, Unknown) else arm.first_unknown(*(scopes or []))
    if unseen is not None:
        return unseen, ""
    return az.custom_role_access([e for e in permissions if isinstance(e, Mapping)], scopes or [])


def _attached(res: PulumiResource, stack: Stack) -> bool | Unknown:
    """Some role assignment names this role: through an output of it, or by its GUID."""
    guid = res.props.name_candidate("roleDefinitionId")
    others = {r.urn for r in stack.of_type(ROLE_DEFINITION)} - {res.urn}
    pending: Unknown | None = None
    for assignment in stack.of_type(ROLE_ASSIGNMENT):
        deps = set(assignment.property_dependencies.get("roleDefinitionId", ()))
        if res.urn in deps:
            return True
        target = assignment.props.get("roleDefinitionId")
        if isinstance(target, str) and guid and az.role_definition_guid(target) == guid.lower():
            return True
        if isinstance(target, Unknown) and not deps & others:  # not an output of another role
            pending = pending if pending is not None else target
    return pending if pending is not None else False


@pulumi_adapter(ROLE_DEFINITION, produces=PolicyGrant, joins=True)
def role_definition(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    access, exceptions = _access(res)
    yield PolicyGrant(arm.ref(res, "roleName"), access, _attached(res, stack), exceptions,
                      service_wildcards=az.custom_role_service_wildcards(res.props.get("permissions")),
                      decrypt_all_keys=None)  # Key Vault data access is granted per vault: not judged here
