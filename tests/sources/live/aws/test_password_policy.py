"""Each field of GetAccountPasswordPolicy on its own, through moto: one weak setting, exactly its message.

Catches a collector that reads the wrong key (``RequireSymbols`` for ``RequireNumbers``), a wrong
default, or a dropped field: with every other setting strong, only the one weakened field can fail.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.sources.live.aws.conftest import ACCOUNT, FAIL, PASS, respond, scan, verdicts

RULE = "iam-password-policy-strong"
NAME = f"password-policy-{ACCOUNT}"
STRONG = {"MinimumPasswordLength": 14, "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
          "RequireNumbers": True, "RequireSymbols": True, "MaxPasswordAge": 90, "PasswordReusePrevention": 24}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"MinimumPasswordLength": 13}, "minimum length 13 < 14"),
        ({"RequireUppercaseCharacters": False}, "uppercase not required"),
        ({"RequireLowercaseCharacters": False}, "lowercase not required"),
        ({"RequireNumbers": False}, "numbers not required"),
        ({"RequireSymbols": False}, "symbols not required"),
        ({"MaxPasswordAge": 91}, "max password age 91 > 90 days"),
        ({"MaxPasswordAge": None}, "max password age never > 90 days"),
        ({"PasswordReusePrevention": 23}, "reuse prevention 23 < 24"),
        ({"PasswordReusePrevention": None}, "reuse prevention 0 < 24"),
    ],
    ids=lambda v: ",".join(f"{k}={v}" for k, v in v.items()) if isinstance(v, dict) else None,
)
def test_one_weak_setting(session: boto3.Session, changes: dict[str, Any], message: str) -> None:
    policy = {k: v for k, v in {**STRONG, **changes}.items() if v is not None}
    session.client("iam").update_account_password_policy(**policy)
    findings = scan(session, "iam-password-policy").findings()
    assert verdicts(findings, [RULE]) == {(RULE, NAME, FAIL)}
    assert [f.message for f in findings] == [message]


def test_strong_policy_passes_and_is_read_from_the_account(session: boto3.Session) -> None:
    session.client("iam").update_account_password_policy(**STRONG)
    result = scan(session, "iam-password-policy")
    assert verdicts(result.findings(), [RULE]) == {(RULE, NAME, PASS)}
    [p] = result.resources
    assert (p.ref.native_id, p.ref.region, p.present, p.min_length, p.max_age_days, p.reuse_prevention) == (
        f"arn:aws:iam::{ACCOUNT}:password-policy", "", True, 14, 90, 24)
    assert result.complete


def test_unset_minimum_length_is_the_aws_default_of_6(session: boto3.Session) -> None:
    """GetAccountPasswordPolicy omits MinimumPasswordLength when it was never set: IAM then applies 6."""
    policy = {k: v for k, v in STRONG.items() if k != "MinimumPasswordLength"}
    respond(session, "iam", "GetAccountPasswordPolicy", {"PasswordPolicy": policy})
    findings = scan(session, "iam-password-policy").findings()
    assert [(f.status, f.message) for f in findings] == [(FAIL, "minimum length 6 < 14")]
