"""hashicorp/azurerm plan resources as model values, through the Azure semantics every Azure source shares.

Why not the azure-native adapters (as `terraform.aws` reuses pulumi-aws): azure-native is generated from
the ARM specs, azurerm is hand-written over the Azure SDKs, so names, shapes and split resources differ
everywhere an adapter reads (``https_traffic_only_enabled`` vs ``enableHttpsTrafficOnly``, a
``customer_managed_key`` block vs ``encryption.keySource``, booleans for ARM's ``Enabled`` / ``Disabled``).
The adapters here (one module per service) only translate azurerm values to the ARM meaning and hand
them to `azure_semantics`, which decides what they mean, as it does for the live scanner and azure-native.

What this module gives them:

- `Planned`: one planned resource's values, with each ``after_unknown`` path an `Unknown` at that path,
  except top-level attributes the configuration does not write at all (computed by the provider, e.g. an
  NSG's ``security_rule`` when its rules are separate resources): those read as unset, as in
  `terraform.aws.provider_computed`. Not so for the nested blocks the adapters read whose absence would
  pass (`blocks`: an NSG's ``security_rule``, a network's ``subnet``, a web app's ``site_config``): a
  ``dynamic`` block with an unknown ``for_each`` is left out of the configuration too, so such a block is
  Unknown, naming it, unless split resources attached to the resource prove it is only their account.
- `Plan.referrers`: the join of a split resource to its parent (``storage_account_id``,
  ``network_security_group_name``, ``target_resource_id``) by the configuration's references, known
  while the parent's id is not; else by value; a link that cannot be told is `Unknown`, never a miss.
- Identity: the ref names the plan address as native id, the azurerm type as native type, ``terraform``
  as source and the resource's ``name`` (the ARM name) as display name, so a plan and an azure-native
  program declaring the same resource give the same (rule, name, status).
- Secrets: ``after_sensitive`` values are returned for the scan to scrub from messages, and never name a
  resource.

Attribute names of provider v3 and v4 differ where noted in the adapters (`Planned.first` reads the
first of several spellings that the plan carries).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from hitrust_policies.engine import CoverageGap
from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.terraform.aws import _plaintexts, _sensitive, _with_unknowns, provider_computed
from hitrust_policies.sources.terraform.azurerm.blocks import split_targets, unwritten
from hitrust_policies.sources.terraform.plan import PlanResource, resources
from hitrust_policies.sources.terraform.references import Configuration

PROVIDER = "registry.terraform.io/hashicorp/azurerm"

Adapter = Callable[["Planned", "Plan"], Iterator[Any]]
ADAPTERS: dict[str, list[tuple[Adapter, tuple[type, ...]]]] = {}


def azurerm_adapter(*types: str, produces: type | tuple[type, ...]) -> Callable[[Adapter], Adapter]:
    """Register an adapter for azurerm resource types; ``produces``: the kinds it yields."""
    kinds = produces if isinstance(produces, tuple) else (produces,)

    def register(fn: Adapter) -> Adapter:
        for t in types:
            ADAPTERS.setdefault(t, []).append((fn, kinds))
        return fn

    return register


@dataclasses.dataclass(frozen=True)
class Planned:
    """One azurerm resource as it will be after apply."""

    res: PlanResource
    values: Mapping[str, Any]
    deps: Mapping[str, list[PlanResource]]

    @property
    def address(self) -> str:
        return self.res.address

    def get(self, path: str) -> Any:
        """A value by dotted path; an integer segment indexes a list (``network_rules.0.default_action``);
        an Unknown on the way is returned as it is."""
        value: Any = self.values
        for part in path.split("."):
            if isinstance(value, Unknown) or value is None:
                return value
            if part.isdigit():
                value = value[int(part)] if isinstance(value, list) and int(part) < len(value) else None
            else:
                value = value.get(part) if isinstance(value, Mapping) else None
        return value

    def first(self, *names: str) -> Any:
        """The first of several spellings (provider v4, then v3) the plan carries with a value."""
        for name in names:
            value = self.values.get(name)
            if value is not None:
                return value
        return None

    def block(self, name: str) -> Mapping[str, Any] | Unknown | None:
        """A one-item nested block (``network_rules``, ``customer_managed_key``): its attributes, Unknown,
        or None when not set."""
        value = self.values.get(name)
        if value is None or isinstance(value, (Unknown, Mapping)):
            return value
        if isinstance(value, list) and (not value or isinstance(value[0], (Mapping, Unknown))):
            return value[0] if value else None
        raise TypeError(f"{name} is not a nested block: {type(value).__name__}")  # no provider writes this

    @property
    def name(self) -> str:
        """The ARM name (the ``name`` argument), else the logical name while it is unknown."""
        name = self.values.get("name")
        return name if isinstance(name, str) and name else self.res.logical_name

    def ref(self, name: str | None = None) -> ResourceRef:
        location = self.values.get("location")
        return ResourceRef(provider="azure", native_type=self.res.type, native_id=self.res.address,
                           name=name if name is not None else self.name,
                           region=location if isinstance(location, str) else None, source="terraform")

    def unknown(self, path: str) -> Unknown:
        return Unknown(f"known after apply: {self.address}.{path}")

    def references(self, attr: str) -> list[PlanResource]:
        return list(self.deps.get(attr, ()))


class Plan:
    """Every azurerm resource of one plan, for joins."""

    def __init__(self, planned: Iterable[Planned]) -> None:
        self.resources = list(planned)

    def of_type(self, *types: str) -> list[Planned]:
        return [p for p in self.resources if p.res.type in types]

    def links(self, source: Planned, attr: str, target: Planned, *target_attrs: str) -> bool | Unknown:
        """Does ``source.<attr>`` name ``target``? By reference first (known while ids are not), then by
        value against the target's ``target_attrs`` (e.g. ``id``, ``name``); Unknown when it cannot be told."""
        refs = source.references(attr)
        if any(r.address == target.address for r in refs):
            return True
        value = source.get(attr)
        if isinstance(value, str):
            return any(isinstance(target.get(a), str) and target.get(a).lower() == value.lower()
                       for a in target_attrs) and _same_group(source, target)
        if isinstance(value, Unknown):
            return False if refs else value  # built from other resources: not this one
        return False

    def referrers(self, target: Planned, types: tuple[str, ...], attr: str,
                  *target_attrs: str) -> tuple[list[Planned], list[Unknown]]:
        """Resources of ``types`` whose ``attr`` names ``target``, and the doubts of those that might."""
        sure, maybe = [], []
        for p in self.of_type(*types):
            hit = self.links(p, attr, target, *target_attrs)
            if isinstance(hit, Unknown):
                maybe.append(hit)
            elif hit:
                sure.append(p)
        return sure, maybe


def _same_group(a: Planned, b: Planned) -> bool:
    ga, gb = a.get("resource_group_name"), b.get("resource_group_name")
    return not (isinstance(ga, str) and isinstance(gb, str)) or ga.lower() == gb.lower()


def secrets_of(res: PlanResource, values: Mapping[str, Any]) -> set[str]:
    """The plaintexts of the values the plan marks sensitive."""
    return {text for _, value in _sensitive(values, res.sensitive, ()) for text in _plaintexts(value)}


def _planned(res: PlanResource, config: Configuration, split: set[tuple[str, str]]) -> Planned:
    written = config.expressions(res)
    unknown = provider_computed(res.unknown, written, {})
    values = _with_unknowns(dict(res.after), unknown, res.address, "")
    values.update(unwritten(res, written, split))
    if isinstance(values.get("name"), str) and values["name"] in secrets_of(res, values):
        values["name"] = res.logical_name  # a sensitive name never names a finding, nor its children's
    return Planned(res, values, config.dependencies(res))


def _is_azurerm(res: PlanResource) -> bool:
    return res.type.startswith("azurerm_") and (not res.provider or res.provider.endswith(PROVIDER.split("/", 1)[1]))


def _modules() -> None:
    from hitrust_policies.sources.terraform.azurerm import (  # noqa: F401
        authorization,
        compute,
        databases,
        keyvault,
        local_auth,
        messaging,
        monitor,
        network,
        networks,
        sql,
        storage,
        web,
    )


def supported_kinds() -> set[type]:
    """Kinds a hashicorp/azurerm plan yields."""
    _modules()
    return {kind for adapters in ADAPTERS.values() for _, kinds in adapters for kind in kinds}


def to_model(doc: Mapping[str, Any], kinds: Iterable[type] | None = None) -> tuple[list[Any], list[CoverageGap],
                                                                                 frozenset[str]]:
    """(model values, gaps for adapter failures, secret plaintexts) of one plan document."""
    _modules()
    planned_resources = [r for r in resources(doc) if _is_azurerm(r)]
    config = Configuration(doc, planned_resources)
    split = split_targets(planned_resources, config)
    plan = Plan(_planned(r, config, split) for r in planned_resources)
    wanted = set(kinds) if kinds is not None else None
    values: list[Any] = []
    gaps: list[CoverageGap] = []
    secrets: set[str] = set()
    for p in plan.resources:
        secrets |= secrets_of(p.res, dict(p.res.after))
        for adapter, produced in ADAPTERS.get(p.res.type, ()):
            if wanted is not None and not wanted & set(produced):
                continue
            try:
                found = list(adapter(p, plan))
            except Exception as exc:  # noqa: BLE001 - one resource's surprise must not hide the others
                reason = f"azurerm adapter {adapter.__name__} failed on {p.address}: {type(exc).__name__}: {exc}"
                gaps.extend(CoverageGap(kind, p.ref(), reason) for kind in produced)
                continue
            values.extend(v for v in found if wanted is None or type(v) in wanted)
    return values, gaps, frozenset(secrets)
