"""Verdicts as a multiset: two findings that share a rule, a resource name and a status count twice.

A set of (rule id, resource name, status) hides a dropped finding whenever another one looks the
same: two openings of one security group, two default groups both named "default". The helpers
here count instead, and refuse a finding id seen twice (the same rule reported twice on the same
resource or opening), so "one missing" and "one too many" both fail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any


class Verdicts(Counter):  # type: ignore[type-arg]
    """A multiset of verdict tuples (``(rule id, name, status)``, or a pack's ``(policy, name, level)``).

    Equal to another multiset when every tuple occurs as often in both. Equal to a plain set when
    each member of the set occurs exactly once and nothing else occurs: a set cannot say "twice", so
    expectations written as sets stay valid and still catch a duplicated or an extra same-named
    verdict. Write the row twice in a `table` (or use a Counter) where two findings look alike.
    """

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (set, frozenset)):
            other = Counter(other)
        if not isinstance(other, Counter):
            return NotImplemented
        return dict(+self) == dict(+other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def where(self, keep: Callable[[Any], bool]) -> Verdicts:
        """The verdicts ``keep`` accepts, with their counts."""
        return Verdicts({t: n for t, n in self.items() if keep(t)})

    def of_rules(self, rule_ids: Iterable[str]) -> Verdicts:
        """Only the verdicts of these rules (the first element of each tuple)."""
        wanted = set(rule_ids)
        return self.where(lambda t: t[0] in wanted)


def unique_ids(findings: Iterable[Any]) -> list[Any]:
    """The findings, after checking no finding id occurs twice (keyed the way reports and SIEMs dedup)."""
    findings = list(findings)
    twice = sorted(i for i, n in Counter(f.id for f in findings).items() if n > 1)
    assert not twice, f"finding id(s) reported more than once: {twice}"
    return findings


def multiset(items: Iterable[Hashable]) -> Verdicts:
    return Verdicts(items)
