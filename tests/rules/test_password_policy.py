"""Each requirement of the password-policy rule on its own: exactly one weakness gives exactly its message.

The thresholds follow CIS AWS Foundations Benchmark 1.8 / 1.9 (length >= 14, reuse prevention >= 24) and
AWS Config's ``iam-password-policy`` defaults (upper, lower, number, symbol; max age <= 90 days).
"""

from __future__ import annotations

from typing import Any

import pytest

from hitrust_policies import PasswordPolicy, ResourceRef, Status, Unknown, get_rule, verdict

RULE = get_rule("iam-password-policy-strong")
STRONG = dict(present=True, min_length=14, require_uppercase=True, require_lowercase=True, require_numbers=True,
              require_symbols=True, max_age_days=90, reuse_prevention=24)


def policy(**changes: Any) -> PasswordPolicy:
    return PasswordPolicy(ResourceRef.manual("password-policy"), **{**STRONG, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"present": False}, "no account password policy is set"),
        ({"min_length": 13}, "minimum length 13 < 14"),
        ({"min_length": 6}, "minimum length 6 < 14"),
        ({"require_uppercase": False}, "uppercase not required"),
        ({"require_lowercase": False}, "lowercase not required"),
        ({"require_numbers": False}, "numbers not required"),
        ({"require_symbols": False}, "symbols not required"),
        ({"max_age_days": 91}, "max password age 91 > 90 days"),
        ({"max_age_days": None}, "max password age never > 90 days"),
        ({"reuse_prevention": 23}, "reuse prevention 23 < 24"),
        ({"reuse_prevention": None}, "reuse prevention 0 < 24"),
    ],
    ids=lambda v: "-".join(f"{k}={v}" for k, v in v.items()) if isinstance(v, dict) else None,
)
def test_one_weakness_alone(changes: dict[str, Any], message: str) -> None:
    assert verdict(RULE, policy(**changes)) == (Status.FAIL, message)


@pytest.mark.parametrize(
    "changes",
    [{}, {"min_length": 15}, {"max_age_days": 1}, {"max_age_days": 89}, {"reuse_prevention": 25}],
    ids=["at-every-threshold", "longer", "one-day", "shorter-age", "longer-history"],
)
def test_at_or_beyond_every_threshold_passes(changes: dict[str, Any]) -> None:
    assert verdict(RULE, policy(**changes)) == (Status.PASS, "")


def test_every_weakness_is_listed_in_order() -> None:
    weak = policy(min_length=8, require_uppercase=False, require_lowercase=False, require_numbers=False,
                  require_symbols=False, max_age_days=None, reuse_prevention=None)
    assert verdict(RULE, weak) == (Status.FAIL, "minimum length 8 < 14; uppercase not required; lowercase not "
                                                "required; numbers not required; symbols not required; max password "
                                                "age never > 90 days; reuse prevention 0 < 24")


@pytest.mark.parametrize("field", [f for f in STRONG if f != "present"] + ["present"])
def test_one_unseen_requirement_alone_is_unknown(field: str) -> None:
    """Every other requirement is met, so the verdict hangs on the one nobody could read."""
    assert verdict(RULE, policy(**{field: Unknown(f"AccessDenied: {field}")})) == (
        Status.UNKNOWN, f"AccessDenied: {field}")


def test_an_unseen_requirement_does_not_hide_a_known_weakness() -> None:
    assert verdict(RULE, policy(require_symbols=Unknown("denied"), reuse_prevention=3)) == (
        Status.FAIL, "reuse prevention 3 < 24")
