"""Build analyzer resources from captured-shape wire props, for adapter unit tests."""

from typing import Any

from hitrust_policies.sources.pulumi import PulumiResource

STACK = "urn:pulumi:dev::phi::"


def res(type_: str, name: str, props: dict[str, Any] | None = None, **deps: list[str]) -> PulumiResource:
    """A resource as AnalyzeStack sends it; ``deps`` are propertyDependencies (prop -> URNs)."""
    return PulumiResource.from_wire(type_, urn(type_, name), props or {}, property_dependencies=deps)


def urn(type_: str, name: str) -> str:
    return f"{STACK}{type_}::{name}"
