"""Small helpers shared by the pack tests."""

from collections.abc import Callable, Iterable
from functools import cache

from hitrust_policies.testing.pulumi import CapturedResource, Violation, capture

MANDATORY = {"all": "mandatory"}


@cache
def captured(program: Callable[[], None], preview: bool = True) -> tuple[CapturedResource, ...]:
    """Capture each program once per session (capturing costs a few ms; importing pulumi_aws ~1 s)."""
    return tuple(capture(program, preview=preview))


def keys(violations: Iterable[Violation]) -> set[tuple[str, str, str]]:
    """(policy, resource logical name, enforcement level) of every violation."""
    found = [v.key for v in violations]
    assert len(found) == len(set(found)) or all(v.policy == "net-ingress-rule-admin-ports" for v in violations), (
        f"duplicate violations: {sorted(found)}"
    )
    return set(found)
