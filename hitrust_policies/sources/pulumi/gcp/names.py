"""Names and links of pulumi-gcp resources, as the live scanner names the same resources.

A Google Cloud resource is named by its ``name`` argument: the program's, else the one the provider
chose (autonamed from the logical name, known in a preview's inputs and after ``pulumi up``), else the
Pulumi logical name. A resource points at another by its name, id or self link
(``network=network.self_link``, ``bucket=bucket.name``, ``key_ring=ring.id``), so a link is followed
through ``propertyDependencies`` first (known even while the value is computed at preview), then by
value: the last path segment of what the prop holds is the target's name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def physical_name(res: PulumiResource) -> str:
    return res.props.name_candidate("name") or res.logical_name


def location(res: PulumiResource) -> str | None:
    """Where the resource lives, as Cloud Asset Inventory says it: its region, zone or location, lower-case."""
    for prop in ("region", "zone", "location"):
        where = res.props.name_candidate(prop)
        if where:
            return last_segment(where).lower()
    return None


def ref(res: PulumiResource, name: str | None = None) -> ResourceRef:
    base = res.ref(name=name if name is not None else physical_name(res))
    return replace(base, region=location(res) or base.region)


def last_segment(value: str) -> str:
    """``projects/p/global/networks/vpc`` / ``b/logs`` / ``vpc`` -> the name at the end.

    >>> last_segment("https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc"), last_segment("vpc")
    ('vpc', 'vpc')
    """
    return value.rstrip("/").rsplit("/", 1)[-1]


def designates(stack: Stack, source: PulumiResource, prop: str, target: PulumiResource) -> bool | Unknown:
    """Does ``source.<prop>`` (the target's name, id or self link) name ``target``? Unknown when it cannot be told."""

    def match(value: str, candidate: PulumiResource) -> bool:
        links = {candidate.props.name_candidate(p) for p in ("id", "selfLink")} - {None}
        return value in links or last_segment(value) == physical_name(candidate)

    return stack.points_at(source, prop, target, match=match)


def referrers(stack: Stack, target: PulumiResource, types: tuple[str, ...],
              prop: str) -> tuple[list[PulumiResource], list[PulumiResource]]:
    """Resources of ``types`` whose ``prop`` names ``target``, and those whose link is not known yet."""
    sure, maybe = [], []
    for r in stack.of_type(*types):
        hit = designates(stack, r, prop, target)
        if isinstance(hit, Unknown):
            maybe.append(r)
        elif hit:
            sure.append(r)
    return sure, maybe


def parent(stack: Stack, source: PulumiResource, prop: str, types: tuple[str, ...]) -> PulumiResource | None:
    for target in stack.of_type(*types):
        if designates(stack, source, prop, target) is True:
            return target
    return None


def first_unknown(*values: Any) -> Unknown | None:
    return next((v for v in values if isinstance(v, Unknown)), None)


def unknowns_in(value: Any) -> list[Unknown]:
    """Every Unknown in a decoded value (itself, or nested in its lists and dicts)."""
    if isinstance(value, Unknown):
        return [value]
    if isinstance(value, dict):
        return [u for v in value.values() for u in unknowns_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in unknowns_in(v)]
    return []


def iam_bindings(grant: PulumiResource) -> list[dict[str, Any]] | Unknown:
    """The IAM bindings one pulumi-gcp IAM resource sets (``...IAMMember`` / ``...IAMBinding`` /
    ``...IAMPolicy`` of any service: projects, buckets, keys, datasets), in the API's shape (``role``,
    ``members``); Unknown while its role, a member or its policy document is computed at preview."""
    kind = grant.type.rsplit(":", 1)[-1].lower()
    p = grant.props
    if kind.endswith("iampolicy"):
        data = p.get("policyData")
        if isinstance(data, Unknown):
            return data
        try:
            bindings = json.loads(data or "{}").get("bindings") or []
        except (ValueError, AttributeError):
            return Unknown(f"policyData of {grant.logical_name} is not an IAM policy document")
        return [b for b in bindings if isinstance(b, Mapping)]
    role = p.get("role")
    members = [p.get("member")] if kind.endswith("iammember") else p.get("members")
    pending = first_unknown(role, *unknowns_in(members))
    return pending if pending is not None else [{"role": role, "members": list(members or ())}]
