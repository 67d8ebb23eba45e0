"""`Stack` joins answer from indexes built once per stack: they must say exactly what `Stack.points_at` says
of every pair, in the stack's type order, on real plans (known ids, unknown ids, dependencies)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack
from hitrust_policies.sources.terraform.aws import pulumi_resources

PLANS = sorted((Path(__file__).resolve().parents[2] / "terraform" / "aws").glob("*/plan.json"))


def _stack(plan: Path) -> Stack:
    return Stack(p for _, p in pulumi_resources(json.loads(plan.read_text())))


def _pairwise(stack: Stack, target: PulumiResource, types: tuple[str, ...], prop: str, **kw: object,
              ) -> tuple[list[str], list[str]]:
    sure, maybe = [], []
    for r in stack.of_type(*types):
        hit = stack.points_at(r, prop, target, **kw)  # type: ignore[arg-type]
        if isinstance(hit, Unknown):
            maybe.append(r.urn)
        elif hit:
            sure.append(r.urn)
    return sure, maybe


def _joins(stack: Stack) -> list[tuple[tuple[str, ...], str]]:
    """Every (referring type, prop) a plan links by: its dependencies and its string props."""
    found = set()
    for r in stack.resources:
        linked = (k for k, v in r.props.values.items() if isinstance(v, (str, Unknown)))
        for prop in [*r.property_dependencies, *linked]:
            found.add(((r.type,), prop))
    return sorted(found)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_referrers_and_referent_agree_with_points_at(plan: Path) -> None:
    stack = _stack(plan)
    joins = _joins(stack)
    sure_seen = 0
    for types, prop in joins:
        for target in stack.resources:
            for kw in ({}, {"match_props": ("arn", "bucket")}, {"match": lambda v, t: v.endswith(t.logical_name)}):
                sure, maybe = stack.referrers(target, types, prop, **kw)  # type: ignore[arg-type]
                assert ([r.urn for r in sure], [r.urn for r in maybe]) == _pairwise(stack, target, types, prop, **kw)
                sure_seen += len(sure)
        target_types = tuple(sorted({r.type for r in stack.resources}))
        for source in stack.of_type(*types):
            first = next((t for t in stack.of_type(*target_types) if stack.points_at(source, prop, t) is True), None)
            assert stack.referent(source, prop, target_types) is first
    assert sure_seen > 0


def test_an_unknown_link_without_dependencies_might_designate_any_target() -> None:
    stack = _stack(PLANS[0])
    target = stack.resources[0]
    lone = PulumiResource.from_wire("aws:s3/bucketPolicy:BucketPolicy",
                                    "urn:pulumi:tf::plan::aws:s3/bucketPolicy:BucketPolicy::lone",
                                    {"bucket": UNKNOWN_STRING})
    joined = Stack([*stack.resources, lone])
    sure, maybe = joined.referrers(target, ("aws:s3/bucketPolicy:BucketPolicy",), "bucket")
    assert ([r.urn for r in sure], [r.urn for r in maybe]) == _pairwise(
        joined, target, ("aws:s3/bucketPolicy:BucketPolicy",), "bucket")
    assert lone in maybe
