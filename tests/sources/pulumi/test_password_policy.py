"""``aws.iam.AccountPasswordPolicy`` from real pulumi-aws programs: one weak setting each, exactly its message.

Catches an adapter reading the wrong property or the wrong default: every other setting is strong,
so only the one left weak (or unset) can fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from hitrust_policies import Status, Unknown, evaluate, get_rule
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture

RULE = get_rule("iam-password-policy-strong")
STRONG: dict[str, Any] = dict(minimum_password_length=14, require_uppercase_characters=True,
                              require_lowercase_characters=True, require_numbers=True, require_symbols=True,
                              max_password_age=90, password_reuse_prevention=24)
WEAK = {
    "strong": ({}, None),
    "short": ({"minimum_password_length": 13}, "minimum length 13 < 14"),
    "default-length": ({"minimum_password_length": None}, "minimum length 6 < 14"),  # the provider's default
    "no-upper": ({"require_uppercase_characters": False}, "uppercase not required"),
    "upper-unset": ({"require_uppercase_characters": None}, "uppercase not required"),
    "no-lower": ({"require_lowercase_characters": False}, "lowercase not required"),
    "no-numbers": ({"require_numbers": False}, "numbers not required"),
    "no-symbols": ({"require_symbols": False}, "symbols not required"),
    "long-lived": ({"max_password_age": 91}, "max password age 91 > 90 days"),
    "never-expires": ({"max_password_age": None}, "max password age never > 90 days"),
    "short-history": ({"password_reuse_prevention": 23}, "reuse prevention 23 < 24"),
    "no-history": ({"password_reuse_prevention": None}, "reuse prevention 0 < 24"),
}


def program() -> None:
    import pulumi_aws as aws

    for name, (changes, _) in WEAK.items():
        args = {k: v for k, v in {**STRONG, **changes}.items() if v is not None}
        aws.iam.AccountPasswordPolicy(name, **args)


@pytest.fixture(scope="module")
def verdicts() -> dict[str, tuple[Status, str]]:
    values = to_model(PulumiResource.from_wire(r.type, r.urn, r.inputs, name=r.name) for r in capture(program))
    findings = evaluate(values, [RULE])
    assert len(findings) == len(WEAK)
    return {f.resource.name: (f.status, f.message) for f in findings}


@pytest.mark.parametrize("name", list(WEAK))
def test_one_weak_setting(verdicts: dict[str, tuple[Status, str]], name: str) -> None:
    message = WEAK[name][1]
    assert verdicts[name] == ((Status.FAIL, message) if message else (Status.PASS, ""))


TOKEN = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"
STRONG_WIRE = {"minimumPasswordLength": 14.0, "requireUppercaseCharacters": True, "requireLowercaseCharacters": True,
               "requireNumbers": True, "requireSymbols": True, "maxPasswordAge": 90.0, "passwordReusePrevention": 24.0}


def test_zero_means_not_set_as_the_live_api_says() -> None:
    """The provider's 0 is "not set"; GetAccountPasswordPolicy omits the field: both become None."""
    from tests.sources.pulumi.helpers import res

    [p] = to_model([res(TOKEN, "pp", {**STRONG_WIRE, "maxPasswordAge": 0.0, "passwordReusePrevention": 0.0})])
    assert (p.max_age_days, p.reuse_prevention) == (None, None)


@pytest.mark.parametrize("prop, field", [("maxPasswordAge", "max_age_days"),
                                         ("passwordReusePrevention", "reuse_prevention")])
def test_a_setting_unknown_at_preview_stays_unknown(prop: str, field: str) -> None:
    from hitrust_policies.model.facts import same
    from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING
    from tests.sources.pulumi.helpers import res

    [p] = to_model([res(TOKEN, "pp", {**STRONG_WIRE, prop: UNKNOWN_STRING})])
    assert same(getattr(p, field), Unknown(f"computed at preview: {prop}"))
    assert evaluate([p], [RULE])[0].status is Status.UNKNOWN
