"""A rule option counting days (how long a credential may sit unused, how recent a use counts)."""

from __future__ import annotations

from typing import Any

from hitrust_policies.rules.registry import RuleOption


def parse_days(raw: Any) -> int:
    """A whole, positive number of days (a pack config sends numbers as floats, a CLI flag as text).

    >>> parse_days(45), parse_days(90.0), parse_days("30")
    (45, 90, 30)
    >>> parse_days(0)
    Traceback (most recent call last):
    ...
    ValueError: expected a whole number of days >= 1, got 0
    """
    try:
        days = float(raw)
    except (TypeError, ValueError):
        days = 0.0
    if isinstance(raw, bool) or not days.is_integer() or days < 1:
        raise ValueError(f"expected a whole number of days >= 1, got {raw!r}")
    return int(days)


def days_option(default: int, description: str) -> RuleOption:
    return RuleOption(name="days", default=default, parse=parse_days,
                      schema={"type": "integer", "minimum": 1}, description=description)
