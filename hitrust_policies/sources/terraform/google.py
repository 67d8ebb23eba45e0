"""hashicorp/google plan resources evaluated through the pulumi-gcp adapters, unchanged.

The same reuse as `hitrust_policies.sources.terraform.aws` (read its docstring: identity, unknowns,
secrets, joins), for the other bridged provider: pulumi-gcp is generated from hashicorp/google-beta (a
superset of hashicorp/google; resources of either provider are read), so a
planned ``google_storage_bucket`` is a pulumi-gcp ``storage.Bucket`` with other spellings, and every
fact keeps one adapter and every join (a bucket's IAM grants, a key's grants, an instance's project
metadata, a proxy's SSL policy, a dataset's access) one copy:

- type: ``google_names.TOKENS`` (every token a pulumi-gcp adapter or join reads; other types skipped);
- props: the names the pulumi-gcp SDK declares (``google_names``, ``google_schema.json``);
- unknowns, secrets, references: exactly as for AWS plans, with the same helpers. Nested objects of
  this provider are blocks, so one wholly unknown and not written stays unknown (a ``dynamic`` block
  whose ``for_each`` is only known after apply looks the same); a top-level attribute the
  configuration does not set and the provider computes (``self_link``, a bucket's ``url``) reads as
  unset, as it is absent from a program's inputs.

A resource is named as the pulumi-gcp adapters name it: by its ``name`` (the physical name), else
its logical name (the plan address without the type segment), so a plan and a program of the same
infrastructure give the same (rule, name, status). What the plan cannot say stays UNKNOWN where a
program's inputs would decide: a name built from an unknown (``"${random_id.x.hex}-logs"``), a grant's
member that is another resource's computed e-mail, a key ring or bucket named only by a computed id
of a resource outside the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.pulumi.props import Props
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.terraform import google_names
from hitrust_policies.sources.terraform.aws import (
    Pairs,
    _plaintexts,
    _sensitive,
    _with_unknowns,
    judged,
    provider_computed,
    translated,
    urn,
)
from hitrust_policies.sources.terraform.plan import PlanResource
from hitrust_policies.sources.terraform.references import Configuration

PROVIDER = "registry.terraform.io/hashicorp/google"
PROVIDERS = (PROVIDER, "registry.terraform.io/hashicorp/google-beta")  # the one pulumi-gcp is bridged from


def _blocks(props: Mapping[str, Any]) -> dict[str, Any]:
    """The SDK's nested objects in the shape `provider_computed` reads, under every Terraform name
    that resolves to them (``allow`` and ``allows`` alike)."""
    blocks: dict[str, Any] = {}
    for key, spec in props.items():
        if "block" in spec:
            names = google_names.singulars(key) if spec.get("many") else {key}
            for name in names:
                if google_names.pulumi_key(name, dict(props)) == key:
                    blocks[name] = {**_blocks(spec["block"]), **({} if spec.get("many") else {"one": True})}
    return {"blocks": blocks} if blocks else {}


@cache
def _computed_shape(tf_type: str) -> dict[str, Any]:
    return _blocks(google_names.schema().get(tf_type, {}))


def to_pulumi(res: PlanResource, deps: Mapping[str, list[PlanResource]],
              written: Mapping[str, Any] | None = None) -> PulumiResource:
    """The pulumi-gcp resource a plan resource is (``res.type`` must be in `google_names.TOKENS`);
    ``written``: its configuration expressions (None when unknown: every unknown then stays)."""
    token = google_names.TOKENS[res.type]
    props = google_names.schema().get(res.type, {})
    unknown = provider_computed(res.unknown, written, _computed_shape(res.type))
    values = _with_unknowns(dict(res.after), unknown, res.address, "")
    if written is not None and isinstance(unknown, Mapping):
        for key in (k for k, v in unknown.items() if v is True and k not in written):
            values[key] = Unknown(f"known after apply: {res.address}.{key} (not in the configuration: computed "
                                  "by the provider, or written by a dynamic block)")
    secrets: set[str] = set()
    secret_paths: set[str] = set()
    for path, value in _sensitive(values, res.sensitive, ()):
        secret_paths.add(google_names.key_path(path, props))
        secrets.update(_plaintexts(value))
    top = {key: google_names.key_path((key,), props) for key in deps}
    mapped = {key: [d for d in v if d.type in google_names.TOKENS] for key, v in deps.items()}
    return PulumiResource(
        type=token, urn=urn(token, res), name=res.logical_name,
        props=Props(google_names.translate(values, props), frozenset(secrets), frozenset(secret_paths)),
        property_dependencies={top[k]: tuple(urn(google_names.TOKENS[d.type], d) for d in v)
                               for k, v in mapped.items()},
        dependencies=tuple(sorted({urn(google_names.TOKENS[d.type], d) for v in mapped.values() for d in v})),
    )


def is_google(res: PlanResource) -> bool:
    """A resource of this provider (the provider address, whatever host or namespace alias wrote it)."""
    return res.type in google_names.TOKENS and (
        not res.provider or any(res.provider.endswith(p.split("/", 1)[1]) for p in PROVIDERS))


def _translated(doc: Mapping[str, Any]) -> tuple[Pairs, Configuration]:
    return translated(doc, is_google, to_pulumi)


def pulumi_resources(doc: Mapping[str, Any]) -> list[tuple[PlanResource, PulumiResource]]:
    """Every Google Cloud resource of a plan that some adapter or join reads, translated."""
    return _translated(doc)[0]


def to_model(doc: Mapping[str, Any], kinds: Iterable[type] | None = None) -> tuple[list[Any], list[CoverageGap],
                                                                                 frozenset[str]]:
    """(model values, gaps for adapter failures, secret plaintexts) of one plan document."""
    return judged(*_translated(doc), kinds)


__all__ = ["PROVIDER", "is_google", "pulumi_resources", "to_model", "to_pulumi"]
