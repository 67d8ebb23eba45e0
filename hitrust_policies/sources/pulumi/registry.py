"""Adapters keyed by Pulumi type token.

An adapter turns one resource into zero or more model values. It receives the
`Stack` too, for facts split over several resources (a bucket and its separate
encryption resource); ``joins=True`` says it reads other resources, so rules over the
kinds it produces must run as stack policies, where the engine sends every resource.

Adapters are grouped by Pulumi package (the type token's first part: ``aws``,
``azure-native``): each policy pack checks one package's resources, so which kinds a pack
can check, and which of them need joins, are asked per package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hitrust_policies.sources.pulumi.resource import PulumiResource
    from hitrust_policies.sources.pulumi.stack import Stack

AdapterFn = Callable[["PulumiResource", "Stack"], Iterable[Any]]


@dataclass(frozen=True)
class Adapter:
    type_token: str
    produces: tuple[type, ...]
    joins: bool
    fn: AdapterFn

    @property
    def package(self) -> str:
        """The Pulumi package of the type token: ``aws``, ``azure-native``."""
        return package_of(self.type_token)


def package_of(type_token: str) -> str:
    """``azure-native:storage:StorageAccount`` -> ``azure-native``."""
    return type_token.split(":", 1)[0]


_ADAPTERS: dict[str, list[Adapter]] = {}


def pulumi_adapter(
    *type_tokens: str, produces: type | tuple[type, ...], joins: bool = False
) -> Callable[[AdapterFn], AdapterFn]:
    """Register ``fn`` for each type token (aliases such as ``aws:alb/...`` share one function)."""
    kinds = produces if isinstance(produces, tuple) else (produces,)

    def register(fn: AdapterFn) -> AdapterFn:
        for token in type_tokens:
            _ADAPTERS.setdefault(token, []).append(Adapter(token, kinds, joins, fn))
        return fn

    return register


def _load() -> None:
    import hitrust_policies.sources.pulumi.aws  # noqa: F401  (registers the AWS adapters)
    import hitrust_policies.sources.pulumi.azure  # noqa: F401  (registers the azure-native adapters)
    import hitrust_policies.sources.pulumi.gcp  # noqa: F401  (registers the pulumi-gcp adapters)


def adapters_for(type_token: str) -> list[Adapter]:
    _load()
    return _ADAPTERS.get(type_token, [])


def all_adapters(package: str | None = None) -> list[Adapter]:
    """Every adapter, or those of one Pulumi package."""
    _load()
    return [a for group in _ADAPTERS.values() for a in group if package is None or a.package == package]


def packages() -> list[str]:
    """Pulumi packages some adapter reads (``aws``, ``azure-native``)."""
    return sorted({a.package for a in all_adapters()})


def supported_kinds(package: str | None = None) -> set[type]:
    """Kinds some Pulumi adapter (of ``package``) can produce: rules over other kinds have no Pulumi source."""
    return {kind for a in all_adapters(package) for kind in a.produces}


def stack_level_kinds(package: str | None = None) -> set[type]:
    """Kinds that need joins in ``package``: their rules run in ``AnalyzeStack``, not per resource."""
    return {kind for a in all_adapters(package) if a.joins for kind in a.produces}
