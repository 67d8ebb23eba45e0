"""hashicorp/aws plan resources evaluated through the pulumi-aws adapters, unchanged.

Why no second set of adapters: pulumi-aws is generated from this provider (v7 from provider v6), so a
planned ``aws_s3_bucket_server_side_encryption_configuration`` *is* a pulumi-aws
``BucketServerSideEncryptionConfiguration`` with other spellings. The translation is faithful in
each part an adapter reads, so each fact keeps one adapter and each split-resource join one copy:

- type: ``aws_names.TOKENS`` (every token a pulumi-aws adapter or join reads; other types are skipped);
- props: camelCase names, lists pluralised, one-item blocks flattened, from the provider's schema
  (``aws_names``); attribute names of provider v5 and v6 differ nowhere an adapter reads except
  ``region``, an argument on every v6 resource (the ref's region) and absent or computed in v5;
- unknowns: each ``after_unknown`` path becomes an `Unknown` at exactly that path (a whole
  attribute, one list item, one nested field), as a Pulumi preview's unknown sentinel does; except
  an attribute the configuration does not set at all (`provider_computed`): the adapters
  read a program's inputs, where such an output is absent;
- secrets: ``after_sensitive`` paths are the props' secret paths and their values its secrets:
  `name_candidate` never shows them and findings are scrubbed of them;
- joins: the configuration's references (`references`) become ``property_dependencies`` keyed by
  the translated top-level prop, holding the referenced instances' URNs, which is what the Pulumi
  engine sends and what `Stack.points_at` tries first while ids are unknown.

Identity: the synthetic URN ``urn:pulumi:terraform::plan::<token>::<logical>`` carries the Pulumi
type (joins test URN types) and the logical name: the address without its type segment (``web``,
``this["phi"]``, ``module.records.this["phi"]``), which is the Pulumi logical name of a root resource
declared under the same name. A finding's ref then names the plan address as native id and
``terraform`` as source; its display name is the pulumi rule's (physical name, else Name tag, else
logical name), so the same infrastructure written both ways gives the same (rule, name, status).

Evidence the reuse holds: real plans of every kind the pulumi-aws adapters yield give exact verdicts
(tests/sources/terraform), and four scenarios written as Terraform, as pulumi-aws programs and as moto
accounts give the same verdicts through the adapters, the policy-pack process and the live scanner
(tests/test_parity_terraform.py). What
the plan cannot say, and so stays UNKNOWN where a program's inputs would decide: a v5 nested block
computed at apply and not written (a bucket's inline ``logging`` / ``server_side_encryption_configuration``
without the split resource), as a ``dynamic`` block whose ``for_each`` is unknown looks the same; a
document built from an unknown ARN (a bucket policy naming its own bucket's ``arn``).

Nested blocks wholly unknown in the plan (checked with Terraform 1.11 and provider 5.100,
tests/terraform/aws/dynamic_blocks): a block the provider does not compute plans as ``[]`` when
unwritten, so wholly unknown means a ``dynamic`` block whose ``for_each`` is known only after apply:
UNKNOWN, naming the block, never "no block" (a trail's event selectors, a default ACL's rules). An
Optional+Computed block plans wholly unknown both unwritten and so written; where the provider proves
which (`EMPTY_UNLESS_WRITTEN`: an instance's ``network_interface`` conflicts with
``associate_public_ip_address``, ``subnet_id``, ``source_dest_check``... and its read lists only the
interfaces written) the block is known empty and the instance's own arguments decide, as in a Pulumi
program; otherwise (nothing conflicting written) it stays UNKNOWN. Blocks no adapter reads (an
instance's ``root_block_device``) are left as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.pulumi.props import Props
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import AdapterFailure, Stack, model_values
from hitrust_policies.sources.terraform import aws_names
from hitrust_policies.sources.terraform.plan import PlanResource, resources
from hitrust_policies.sources.terraform.references import Configuration

PROVIDER = "registry.terraform.io/hashicorp/aws"


def after_apply_unknown(address: str, path: str) -> Unknown:
    """The one wording for a value Terraform only knows once applied."""
    return Unknown(f"known after apply: {address}.{path}")


def _with_unknowns(value: Any, unknown: Any, address: str, path: str) -> Any:
    """``value`` with an `Unknown` wherever ``unknown`` (the after_unknown tree) says True."""
    if unknown is True:
        return after_apply_unknown(address, path)
    if isinstance(unknown, Mapping):
        base = dict(value) if isinstance(value, Mapping) else {}
        for key, sub in unknown.items():
            base[key] = _with_unknowns(base.get(key), sub, address, f"{path}.{key}" if path else key)
        return base if (base or isinstance(value, Mapping)) else value
    if isinstance(unknown, list) and unknown:
        items = list(value) if isinstance(value, list) else []
        items += [None] * (len(unknown) - len(items))
        return [_with_unknowns(v, u, address, f"{path}[{i}]") for i, (v, u) in
                enumerate(zip(items, unknown + [False] * (len(items) - len(unknown)), strict=False))]
    return value


def _sensitive(value: Any, mark: Any, path: tuple[Any, ...]) -> Iterable[tuple[tuple[Any, ...], Any]]:
    """(path, value) of every sensitive part of a resource's values."""
    if mark is True:
        yield path, value
    elif isinstance(mark, Mapping):
        for key, sub in mark.items():
            yield from _sensitive(value.get(key) if isinstance(value, Mapping) else None, sub, (*path, key))
    elif isinstance(mark, list):
        for i, sub in enumerate(mark):
            yield from _sensitive(value[i] if isinstance(value, list) and i < len(value) else None, sub, (*path, i))


def _plaintexts(value: Any) -> Iterable[str]:
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _plaintexts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _plaintexts(v)
    elif value is not None and not isinstance(value, (bool, Unknown)) and str(value).strip():
        yield str(value)


def urn(token: str, res: PlanResource) -> str:
    return f"urn:pulumi:terraform::plan::{token}::{res.logical_name}"


def provider_computed(unknown: Any, written: Mapping[str, Any] | None, block: Mapping[str, Any]) -> Any:
    """``unknown`` (an after_unknown tree) without the outputs the provider computes: attributes wholly
    unknown that the configuration does not set (``arn``, an instance's ``public_ip``, a group's
    ``ingress`` when its rules are separate resources, a listener action's ``order``). A Pulumi
    program's inputs would not hold them either, so they read as unset.

    Not so for a nested block (a v5 bucket's ``logging``): Terraform leaves ``dynamic`` blocks out of
    the plan's configuration, and one whose ``for_each`` is only known after apply makes the block
    wholly unknown too, so it stays unknown. (For a list-of-objects attribute such as ``ingress``, the
    same dynamic block leaves a placeholder item with unknown fields: checked with Terraform 1.11.)
    Inside a block, fields count as written if any written item of that block sets them, and only
    when the written items are as many as the planned ones (no dynamic item among them).
    """
    if written is None or not isinstance(unknown, Mapping):
        return unknown
    blocks = block.get("blocks", {})
    out: dict[str, Any] = {}
    for key, value in unknown.items():
        nested = blocks.get(key)
        if value is True and key not in written and (nested is None or nested.get("attr")):
            continue
        items = written.get(key)
        if (nested is not None and isinstance(value, list) and isinstance(items, list) and value
                and len(items) == len(value) and all(isinstance(i, Mapping) for i in items)):
            merged: dict[str, Any] = {}
            for item in items:
                for k, v in item.items():
                    merged[k] = [*merged.get(k, []), *v] if isinstance(v, list) else v
            value = [provider_computed(v, merged, nested) for v in value]
        out[key] = value
    return out


# Optional+Computed nested blocks (provider v5) that stay empty after apply unless the configuration
# writes them, and that the provider refuses next to any of these arguments (ConflictsWith, checked
# against hashicorp/aws 5.100 with `terraform validate`). The plan shows such a block wholly unknown
# whether it is unwritten or written by a ``dynamic`` block whose for_each is unknown at plan time: one
# of these arguments written with a known value rules the dynamic block out (an apply with both fails
# validation, so no such resource exists), and the unwritten block is empty: the provider's read lists
# only the interfaces the configuration names.
EMPTY_UNLESS_WRITTEN: Mapping[tuple[str, str], frozenset[str]] = {
    ("aws_instance", "network_interface"): frozenset({
        "associate_public_ip_address", "subnet_id", "private_ip", "secondary_private_ips", "vpc_security_group_ids",
        "security_groups", "ipv6_addresses", "ipv6_address_count", "source_dest_check"}),
}


def empty_unless_written(res: PlanResource, unknown: Any, written: Mapping[str, Any] | None) -> tuple[
        dict[str, Any], Any]:
    """(after, after_unknown) of ``res`` with each block of `EMPTY_UNLESS_WRITTEN` the plan proves empty
    known as ``[]``: wholly unknown, not in the configuration, and one of its conflicting arguments written
    with a value known at plan time (a value unknown then may still turn out null, which conflicts with
    nothing)."""
    after = dict(res.after)
    if written is None or not isinstance(unknown, Mapping):
        return after, unknown
    for (resource_type, key), conflicts in EMPTY_UNLESS_WRITTEN.items():
        if resource_type == res.type and unknown.get(key) is True and key not in written and any(
                a in written and after.get(a) is not None and unknown.get(a) is not True for a in conflicts):
            after[key] = []
            unknown = {k: v for k, v in unknown.items() if k != key}
    return after, unknown


def _unwritten_reason(address: str, key: str, block: Mapping[str, Any]) -> str:
    nested = block.get("blocks", {}).get(key)
    if nested is not None and not nested.get("attr"):
        return (f"known after apply: {address}.{key} (nested block `{key}` is not in the configuration: a dynamic "
                "block whose for_each is known only after apply writes it, or the provider computes it; not read "
                "as absent)")
    return (f"known after apply: {address}.{key} (not in the configuration: computed by the provider, or written "
            "by a dynamic block)")


def to_pulumi(res: PlanResource, deps: Mapping[str, list[PlanResource]],
              written: Mapping[str, Any] | None = None) -> PulumiResource:
    """The pulumi-aws resource a plan resource is (``res.type`` must be in `aws_names.TOKENS`);
    ``written``: its configuration expressions (None when unknown: every unknown then stays)."""
    token = aws_names.TOKENS[res.type]
    block = aws_names.schema().get(res.type, {})
    after, unknown = empty_unless_written(res, res.unknown, written)
    unknown = provider_computed(unknown, written, block)
    values = _with_unknowns(after, unknown, res.address, "")
    if written is not None:
        for key in (k for k, v in unknown.items() if v is True and k not in written) if isinstance(
                unknown, Mapping) else ():
            values[key] = Unknown(_unwritten_reason(res.address, key, block))
    secrets: set[str] = set()
    secret_paths: set[str] = set()
    for path, value in _sensitive(values, res.sensitive, ()):
        secret_paths.add(aws_names.key_path(path, block))
        secrets.update(_plaintexts(value))
    top = {key: aws_names.key_path((key,), block) for key in deps}
    return PulumiResource(
        type=token, urn=urn(token, res), name=res.logical_name,
        props=Props(aws_names.translate(values, block), frozenset(secrets), frozenset(secret_paths)),
        property_dependencies={top[k]: tuple(urn(aws_names.TOKENS[d.type], d) for d in v
                                             if d.type in aws_names.TOKENS) for k, v in deps.items()},
        dependencies=tuple(sorted({urn(aws_names.TOKENS[d.type], d) for v in deps.values() for d in v
                                   if d.type in aws_names.TOKENS})),
    )


def _is_aws(res: PlanResource) -> bool:
    return res.type in aws_names.TOKENS and (not res.provider or res.provider.endswith(PROVIDER.split("/", 1)[1]))


Pairs = list[tuple[PlanResource, PulumiResource]]


def translated(doc: Mapping[str, Any], keep: Callable[[PlanResource], bool],
               bridge: Callable[..., PulumiResource]) -> tuple[Pairs, Configuration]:
    """The plan's resources one bridged provider reads (``keep``), each with the Pulumi resource its
    bridge generates (``bridge(resource, dependencies, expressions)``), and the plan's configuration."""
    planned = resources(doc)
    config = Configuration(doc, planned)
    return [(r, bridge(r, config.dependencies(r), config.expressions(r))) for r in planned if keep(r)], config


def _translated(doc: Mapping[str, Any]) -> tuple[Pairs, Configuration]:
    return translated(doc, _is_aws, to_pulumi)


def pulumi_resources(doc: Mapping[str, Any]) -> list[tuple[PlanResource, PulumiResource]]:
    """Every AWS resource of a plan that some adapter or join reads, translated."""
    return _translated(doc)[0]


def _terraform_ref(value: Any, by_urn: Mapping[str, PlanResource], config: Configuration) -> Any:
    """The plan's identity on a model value: address, Terraform type, and the provider's region where
    the resource has no ``region`` of its own (v5; v6 resources may set one)."""
    res = by_urn.get(value.ref.native_id)
    if res is None:
        return value
    ref = dataclasses.replace(value.ref, native_id=res.address, native_type=res.type, source="terraform",
                              region=value.ref.region or config.region(res))
    return dataclasses.replace(value, ref=ref)


def to_model(doc: Mapping[str, Any], kinds: Iterable[type] | None = None) -> tuple[list[Any], list[CoverageGap],
                                                                                 frozenset[str]]:
    """(model values, gaps for adapter failures, secret plaintexts) of one plan document."""
    return judged(*_translated(doc), kinds)


def judged(pairs: Pairs, config: Configuration, kinds: Iterable[type] | None = None) -> tuple[
        list[Any], list[CoverageGap], frozenset[str]]:
    """What a bridged provider's Pulumi adapters make of its translated resources, named as the plan names
    them: (model values, gaps for adapter failures, secret plaintexts)."""
    by_urn = {p.urn: r for r, p in pairs}
    values, gaps = [], []
    for value in model_values(Stack(p for _, p in pairs), kinds):
        value = _terraform_ref(value, by_urn, config)
        if isinstance(value, AdapterFailure):
            gaps.extend(CoverageGap(kind, value.ref, value.reason) for kind in value.kinds)
        else:
            values.append(value)
    return values, gaps, frozenset(s for _, p in pairs for s in p.props.secrets)
