"""Names and links of azure-native resources, as the live scanner names the same resources.

An ARM resource is named by the last parameter of its path (``accountName``,
``networkSecurityGroupName``, ``serverName``): that input when the program gives it, else the
``name`` output (after ``pulumi up``, or when the provider autonamed it), else the Pulumi
logical name. Child resources point at their parent by that name (``serverName=server.name``),
so a link is followed through ``propertyDependencies`` first (known even while the name is
computed at preview), then by value, within the same resource group when both are known.
"""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def physical_name(res: PulumiResource, name_prop: str) -> str:
    """The ARM name of a resource: its path-parameter input, else ``name``, else its logical name."""
    return res.props.name_candidate(name_prop) or res.props.name_candidate("name") or res.logical_name


def ref(res: PulumiResource, name_prop: str, name: str | None = None) -> ResourceRef:
    return res.ref(name=name if name is not None else physical_name(res, name_prop))


def _same_group(source: PulumiResource, target: PulumiResource) -> bool:
    """Both in the same resource group, unless one of them does not say (or not yet)."""
    a, b = source.props.get("resourceGroupName"), target.props.get("resourceGroupName")
    return not (isinstance(a, str) and isinstance(b, str)) or a.lower() == b.lower()


def designates(stack: Stack, source: PulumiResource, prop: str, target: PulumiResource,
               name_prop: str) -> bool | Unknown:
    """Does ``source.<prop>`` (a parent's name, or its id) name ``target``? Unknown when it cannot be told."""

    def match(value: str, candidate: PulumiResource) -> bool:
        names = {candidate.props.name_candidate(p) for p in (name_prop, "name", "id")} - {None}
        return value in names and _same_group(source, candidate)

    return stack.points_at(source, prop, target, match=match)


def parent(stack: Stack, source: PulumiResource, prop: str, types: tuple[str, ...],
           name_prop: str) -> PulumiResource | None:
    """The resource of ``types`` in the stack that ``source.<prop>`` names, if any."""
    for target in stack.of_type(*types):
        if designates(stack, source, prop, target, name_prop) is True:
            return target
    return None


def referrers(stack: Stack, target: PulumiResource, types: tuple[str, ...], prop: str,
              name_prop: str) -> tuple[list[PulumiResource], list[PulumiResource]]:
    """Resources of ``types`` whose ``prop`` names ``target``, and those whose link is not known yet."""
    sure, maybe = [], []
    for r in stack.of_type(*types):
        hit = designates(stack, r, prop, target, name_prop)
        if isinstance(hit, Unknown):
            maybe.append(r)
        elif hit:
            sure.append(r)
    return sure, maybe


def first_unknown(*values: Any) -> Unknown | None:
    return next((v for v in values if isinstance(v, Unknown)), None)
