"""Account password policy."""

from hitrust_policies.model import PasswordPolicy, failing
from hitrust_policies.rules.registry import rule

MIN_LENGTH = 14
MAX_AGE_DAYS = 90
REUSE_HISTORY = 24


@rule(
    "iam-password-policy-strong",
    title="Password policy requires strong, rotated, non-reused passwords",
    domain="iam",
    severity="medium",
    remediation=f"Set an account password policy: length >= {MIN_LENGTH}, upper, lower, number and symbol, "
    f"max age <= {MAX_AGE_DAYS} days, reuse prevention >= {REUSE_HISTORY}.",
)
def iam_password_policy_strong(p: PasswordPolicy):
    """Console passwords guard PHI systems; weak or never-expiring ones are the usual way in."""
    if not p.present:
        return "no account password policy is set"
    return failing(
        (lambda: p.min_length < MIN_LENGTH, f"minimum length {p.min_length} < {MIN_LENGTH}"),
        (lambda: not p.require_uppercase, "uppercase not required"),
        (lambda: not p.require_lowercase, "lowercase not required"),
        (lambda: not p.require_numbers, "numbers not required"),
        (lambda: not p.require_symbols, "symbols not required"),
        (lambda: not p.max_age_days or p.max_age_days > MAX_AGE_DAYS,
         f"max password age {p.max_age_days or 'never'} > {MAX_AGE_DAYS} days"),
        (lambda: not p.reuse_prevention or p.reuse_prevention < REUSE_HISTORY,
         f"reuse prevention {p.reuse_prevention or 0} < {REUSE_HISTORY}"),
    )
