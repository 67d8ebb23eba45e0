"""Three-valued facts: every fact is known-true, known-false or an `Unknown`.

A source that could not see a fact (a value computed later by ``pulumi up``, an
``AccessDenied``, a throttled call) records an `Unknown` carrying why. Rules are
written naively (``if not v.encrypted: ...``); the moment a rule *decides* on an
Unknown (truth test, comparison, membership, iteration, arithmetic), `UnknownFact`
is raised and the engine turns the verdict into ``UNKNOWN`` with the reason. Python's
own short-circuiting then gives correct three-valued logic for free:

>>> from hitrust_policies.model.facts import Unknown, UnknownFact
>>> key = Unknown("computed at preview: kmsKeyId")
>>> encrypted = False
>>> bool(encrypted and key)   # decided by the known False, key never touched
False
>>> try:
...     bool(True and key)
... except UnknownFact as exc:
...     print(exc.reason)
computed at preview: kmsKeyId

What does *not* touch the value is a trap: ``key is None`` and ``isinstance(key, str)``
are silently False. The registry's meta-tests catch rules that fall into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


class UnknownFact(Exception):
    """Raised when a rule's decision depends on a fact nobody could see."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unknown:
    """A fact that could not be observed, and why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        object.__setattr__(self, "reason", reason)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("Unknown is immutable")

    def _decide(self, *_: Any, **__: Any) -> NoReturn:
        raise UnknownFact(self.reason)

    # Every way a rule can *decide* on a value raises.
    __bool__ = _decide
    __eq__ = _decide  # type: ignore[assignment]
    __ne__ = _decide  # type: ignore[assignment]
    __lt__ = __le__ = __gt__ = __ge__ = _decide
    __contains__ = __iter__ = __len__ = _decide
    __int__ = __float__ = __index__ = _decide
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _decide
    __getitem__ = _decide

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise UnknownFact(self.reason)

    def __hash__(self) -> int:
        return hash(("Unknown", self.reason))

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"

    __str__ = __repr__

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (Unknown, (self.reason,))


def is_unknown(value: object) -> bool:
    """True for an `Unknown`; the only safe way to ask without deciding on it."""
    return isinstance(value, Unknown)


def same(a: object, b: object) -> bool:
    """Structural equality for values that may hold Unknowns (tests, joins)."""
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return isinstance(a, Unknown) and isinstance(b, Unknown) and a.reason == b.reason
    return a == b


def exists(items: Iterable[T] | Unknown, predicate: Callable[[T], object]) -> bool:
    """Three-valued ``any``: True if some item is known to match.

    Unlike ``any()``, one item with an unknown fact does not hide a later item that
    is known to match; the result is unknown only if nothing matched and something
    could not be decided.

    >>> exists([1, Unknown("x"), 3], lambda n: n > 2)
    True
    >>> exists([1, 2], lambda n: n > 2)
    False
    """
    if isinstance(items, Unknown):
        items._decide()
    pending: UnknownFact | None = None
    for item in items:
        try:
            if predicate(item):
                return True
        except UnknownFact as exc:
            pending = pending or exc
    if pending is not None:
        raise pending
    return False


def every(items: Iterable[T] | Unknown, predicate: Callable[[T], object]) -> bool:
    """Three-valued ``all``: False as soon as one item is known not to match.

    >>> every([3, Unknown("x"), 1], lambda n: n > 2)
    False
    """
    return not exists(items, lambda item: not predicate(item))


def failing(*checks: tuple[Callable[[], object], str]) -> list[str]:
    """Messages of the sub-checks known to fail, deciding each one on its own.

    One unknown sub-check must neither hide another that is known to fail nor turn
    the whole verdict into a pass: the result is unknown only if no sub-check is
    known to fail and some could not be decided.

    >>> failing((lambda: 8 < 14, "too short"), (lambda: Unknown("denied") < 1, "x"))
    ['too short']
    """
    messages: list[str] = []
    pending: UnknownFact | None = None
    for condition, message in checks:
        try:
            if condition():
                messages.append(message)
        except UnknownFact as exc:
            pending = pending or exc
    if not messages and pending is not None:
        raise pending
    return messages
