"""User principals."""

from hitrust_policies.model import Identity
from hitrust_policies.rules.days import days_option
from hitrust_policies.rules.registry import rule


@rule(
    "iam-identity-console-mfa",
    title="Users with console access have MFA",
    domain="iam",
    severity="high",
    remediation="Enroll an MFA device for the user, or remove the console password.",
    live_only=True,
)
def iam_identity_console_mfa(user: Identity):
    """A stolen password alone must not open a console that reaches PHI."""
    if user.console_access and not user.mfa_enabled:
        return "console access without MFA"


@rule(
    "iam-identity-no-direct-policies",
    title="Users get permissions through groups or roles, not direct attachments",
    domain="iam",
    severity="low",
    remediation="Move the user's policies to a group or role and detach them from the user.",
)
def iam_identity_no_direct_policies(user: Identity):
    """Grants on individuals escape access reviews, which are done per group or role."""
    if user.direct_policies:
        return "policies attached directly: " + ", ".join(user.direct_policies)


CONSOLE_UNUSED_DAYS = 45


@rule(
    "iam-identity-console-unused",
    title="Console passwords unused for 45 days or more are removed",
    domain="iam",
    severity="medium",
    remediation="Remove the user's console password (aws iam delete-login-profile --user-name <user>); the "
    "credential report's password_last_used shows the last sign-in.",
    live_only=True,
    options=(days_option(CONSOLE_UNUSED_DAYS, "Days a console password may go unused (counted from when it was "
                                              "set if it never signed in) before it FAILs; CIS AWS v3 uses 45."),),
)
def iam_identity_console_unused(user: Identity, *, days: int):
    """A password nobody signs in with belongs to someone who left or changed role; it still opens the console.

    Follows CIS AWS Foundations v3 1.12 (credentials unused for 45 days or more are disabled), Prowler
    ``iam_user_console_access_unused`` (45 days), Security Hub IAM.22 and AWS Config
    ``iam-user-unused-credentials-check`` (90 in the HIPAA conformance pack): the strictest, 45, is the
    default. A password never used counts from when it was set, where Prowler passes it.
    """
    if user.console_unused_days is not None and user.console_unused_days >= days:
        return f"console password unused for {user.console_unused_days} days (max {days - 1})"


@rule(
    "iam-identity-single-active-key",
    title="Users hold at most one active access key",
    domain="iam",
    severity="low",
    remediation="Deactivate and delete the user's older access key once workloads use the newer one "
    "(aws iam update-access-key --status Inactive, then aws iam delete-access-key).",
    live_only=True,
)
def iam_identity_single_active_key(user: Identity):
    """Two live keys double what can leak, and the second is usually a rotation never finished.

    Follows CIS AWS Foundations v3 1.13 (only one active access key for any single IAM user) and Prowler
    ``iam_user_two_active_access_key``. Sources that do not count keys (None) are not judged.
    """
    if user.active_keys is not None and user.active_keys > 1:
        return f"{user.active_keys} active access keys"
