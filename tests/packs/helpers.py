"""Small helpers shared by the pack tests."""

from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from hitrust_policies.testing.pulumi import CapturedResource, Violation, capture
from tests.verdicts import Verdicts

MANDATORY = {"all": "mandatory"}


@cache
def captured(program: Callable[[], None], preview: bool = True) -> tuple[CapturedResource, ...]:
    """Capture each program once per session (capturing costs a few ms; importing pulumi_aws ~1 s)."""
    return tuple(capture(program, preview=preview))


def keys(violations: Iterable[Violation]) -> Verdicts:
    """(policy, resource logical name, enforcement level) of every violation, counted.

    Two openings of one security group are two violations with the same key: a multiset keeps both
    (see tests/verdicts.py). The same message twice for the same resource is a duplicate and fails.
    """
    violations = list(violations)
    twice = [k for k, n in Counter((v.policy, v.urn, v.message) for v in violations).items() if n > 1]
    assert not twice, f"duplicate violations: {sorted(twice)}"
    return Verdicts(v.key for v in violations)
