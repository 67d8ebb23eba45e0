"""The one registry behind every live source's declarations (AWS collectors, Azure and GCP families).

Each cloud declares what it reads as data, with its own decorator and its own checks (an AWS call
must be a read operation, an Azure permission a ``/read`` action, a GCP type a Cloud Asset type);
what they share lives here once: names are unique, declarations load lazily (importing a cloud's
modules costs nothing until a scan or a catalog asks), and the listing is in name order so coverage
tables, custom roles and IAM policies derived from it are stable.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


class Declarations(Generic[T]):
    """Declarations of one cloud (``what``: "collector", "family"), found in ``package``'s modules.

    >>> d = Declarations("family", "hitrust_policies.sources.live.gcp")
    >>> from types import SimpleNamespace as NS
    >>> d.add(NS(name="b")).name, d.add(NS(name="a")).name, [x.name for x in d.all(())]
    ('b', 'a', ['a', 'b'])
    >>> d.add(NS(name="a"))
    Traceback (most recent call last):
    ...
    ValueError: family a registered twice
    """

    def __init__(self, what: str, package: str) -> None:
        self.what = what
        self.package = package
        self.items: dict[str, T] = {}

    def add(self, item: T) -> T:
        if item.name in self.items:
            raise ValueError(f"{self.what} {item.name} registered twice")
        self.items[item.name] = item
        return item

    def all(self, modules: Iterable[str]) -> list[T]:
        """Every declaration, after importing the cloud's declaring ``modules``."""
        for module in modules:
            importlib.import_module(f"{self.package}.{module}")
        return sorted(self.items.values(), key=lambda item: item.name)
