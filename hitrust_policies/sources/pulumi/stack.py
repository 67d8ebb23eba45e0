"""The whole stack as one view: joins of split resources, and model values out.

pulumi-aws v7 splits one bucket over several resources (encryption, public access
block, logging), a security group over rule resources, a user over attachments. The
link is a property holding the other resource's id — unknown during a preview of new
resources — so joins go first through ``propertyDependencies`` (which the engine
sends even while the id is unknown) and only then by value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.pulumi.registry import adapters_for
from hitrust_policies.sources.pulumi.resource import PulumiResource

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdapterFailure:
    """An adapter raised on a resource: every rule over ``kinds`` is UNKNOWN there, never PASS."""

    ref: ResourceRef
    kinds: tuple[type, ...]
    reason: str


class _Links:
    """The ``prop`` of resources that may designate others, indexed for `Stack.referrers`.

    Read as `Stack.points_at` reads one pair: a dependency on the target's URN designates it; a known
    string value designates a target holding that value (or whom a ``match`` accepts); an unknown value
    with no dependency information might designate any target; anything else designates none.
    """

    def __init__(self, sources: list[PulumiResource], prop: str) -> None:
        self.sources = sources
        self.by_dependency: dict[str, list[int]] = {}
        self.by_value: dict[str, list[int]] = {}
        self.known: list[tuple[int, str]] = []
        self.unknown: list[int] = []
        for i, r in enumerate(sources):
            deps = r.property_dependencies.get(prop)
            for urn in dict.fromkeys(deps or ()):
                self.by_dependency.setdefault(urn, []).append(i)
            value = r.props.get(prop)
            if isinstance(value, Unknown):
                if not deps:
                    self.unknown.append(i)
            elif isinstance(value, str):
                self.by_value.setdefault(value, []).append(i)
                self.known.append((i, value))


class Stack:
    """All resources of one stack, indexed for joins."""

    def __init__(self, resources: Iterable[PulumiResource]) -> None:
        self.resources: list[PulumiResource] = list(resources)
        self.by_urn = {r.urn: r for r in self.resources}
        self._by_type: dict[str, list[PulumiResource]] = {}
        for r in self.resources:
            self._by_type.setdefault(r.type, []).append(r)
        self._links: dict[tuple[tuple[str, ...], str], _Links] = {}
        self._targets: dict[tuple[tuple[str, ...], tuple[str, ...]],
                            tuple[list[PulumiResource], dict[str, int], dict[str, int]]] = {}

    def of_type(self, *types: str) -> list[PulumiResource]:
        return [r for t in types for r in self._by_type.get(t, ())]

    @staticmethod
    def _keys(target: PulumiResource, match_props: Sequence[str]) -> set[str]:
        keys = set()
        for prop in ("id", *match_props):
            value = target.props.get(prop)
            if isinstance(value, str) and value:
                keys.add(value)
        return keys

    def points_at(self, source: PulumiResource, prop: str, target: PulumiResource,
                  match_props: Sequence[str] = (),
                  match: Callable[[str, PulumiResource], bool] | None = None) -> bool | Unknown:
        """Does ``source.<prop>`` designate ``target``? Unknown when it cannot be told.

        A known value is compared with the target's id and ``match_props``, or by ``match``
        where the reference is written differently (a log group ARN with ``:*`` appended).
        """
        deps = source.property_dependencies.get(prop)
        if deps and target.urn in deps:
            return True
        value = source.props.get(prop)
        if isinstance(value, Unknown):
            return False if deps else value
        if isinstance(value, str):
            return match(value, target) if match else value in self._keys(target, match_props)
        return False

    def referrers(self, target: PulumiResource, types: Sequence[str], prop: str,
                  match_props: Sequence[str] = (),
                  match: Callable[[str, PulumiResource], bool] | None = None,
                  ) -> tuple[list[PulumiResource], list[PulumiResource]]:
        """Resources of ``types`` whose ``prop`` designates ``target``, and those that might.

        The second list holds resources whose link is unknown and carries no dependency
        information: the caller must not read their absence as "none".
        """
        links = self._links_of(tuple(types), prop)
        hits = set(links.by_dependency.get(target.urn, ()))
        if match is None:
            for key in self._keys(target, match_props):
                hits.update(links.by_value.get(key, ()))
        else:
            hits.update(i for i, value in links.known if i not in hits and match(value, target))
        sources = links.sources
        return [sources[i] for i in sorted(hits)], [sources[i] for i in links.unknown]

    def _links_of(self, types: tuple[str, ...], prop: str) -> _Links:
        """What every resource of ``types`` says in ``prop``, indexed once per stack (joins stay linear)."""
        links = self._links.get((types, prop))
        if links is None:
            links = self._links[(types, prop)] = _Links(self.of_type(*types), prop)
        return links

    def referent(self, source: PulumiResource, prop: str, types: Sequence[str],
                 match_props: Sequence[str] = ()) -> PulumiResource | None:
        """The resource of ``types`` that ``source.<prop>`` designates, if it is in this stack."""
        targets, by_urn, by_key = self._targets_of(tuple(types), tuple(match_props))
        value = source.props.get(prop)
        found = [by_urn[u] for u in source.property_dependencies.get(prop) or () if u in by_urn]
        if isinstance(value, str) and value in by_key:
            found.append(by_key[value])
        return targets[min(found)] if found else None

    def _targets_of(self, types: tuple[str, ...], match_props: tuple[str, ...],
                    ) -> tuple[list[PulumiResource], dict[str, int], dict[str, int]]:
        """Resources of ``types`` with the first position of each URN and of each key (id, ``match_props``)."""
        index = self._targets.get((types, match_props))
        if index is None:
            targets = self.of_type(*types)
            by_urn: dict[str, int] = {}
            by_key: dict[str, int] = {}
            for i, t in enumerate(targets):
                by_urn.setdefault(t.urn, i)
                for key in self._keys(t, match_props):
                    by_key.setdefault(key, i)
            index = self._targets[(types, match_props)] = (targets, by_urn, by_key)
        return index


def model_values(stack: Stack, kinds: Iterable[type] | None = None,
                 only: Iterable[PulumiResource] | None = None) -> list[Any]:
    """Every model value the adapters make from the stack's resources (optionally ``only`` some).

    An adapter that raises yields an `AdapterFailure` instead of nothing, so a bug
    reads as UNKNOWN and not as a clean pass.
    """
    wanted = set(kinds) if kinds is not None else None
    out: list[Any] = []
    for res in only if only is not None else stack.resources:
        for adapter in adapters_for(res.type):
            if wanted is not None and not wanted.intersection(adapter.produces):
                continue
            try:
                values = list(adapter.fn(res, stack))
            except Exception as exc:  # noqa: BLE001 - reported as UNKNOWN, see AdapterFailure
                # no exception text in logs: it may quote a prop value, and props may hold secrets
                log.error("pulumi adapter for %s failed on %s: %s", res.type, res.urn, type(exc).__name__)
                out.append(AdapterFailure(res.ref(), adapter.produces, f"adapter error {type(exc).__name__}: {exc}"))
                continue
            out.extend(v for v in values if wanted is None or type(v) in wanted)
    return out


def to_model(resources: Iterable[PulumiResource], kinds: Iterable[type] | None = None) -> list[Any]:
    """Convenience: model values of a list of resources seen as one stack."""
    return model_values(Stack(resources), kinds)
