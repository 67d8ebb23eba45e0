"""The account's root principal."""

from hitrust_policies.model import RootAccount, every, exists
from hitrust_policies.rules.days import days_option
from hitrust_policies.rules.registry import rule


@rule(
    "iam-root-account-no-access-keys",
    title="The root user has no access keys",
    domain="iam",
    severity="critical",
    remediation="Delete the root user's access keys; use IAM roles for automation.",
    live_only=True,
)
def iam_root_account_no_access_keys(root: RootAccount):
    """Root keys cannot be limited by any policy; one leak is a full-account compromise."""
    if root.access_keys_present:
        return "root user has active access keys"


def _nothing_to_sign_in_with(root: RootAccount) -> bool:
    """No password, no keys, and nobody can recover a password from the root e-mail alone."""
    return every((lambda: root.credentials_centrally_managed, lambda: not root.password_present,
                  lambda: not root.access_keys_present), lambda check: check())


@rule(
    "iam-root-account-mfa",
    title="The root user has MFA (or no credentials at all)",
    domain="iam",
    severity="critical",
    remediation="Sign in as the root user and assign an MFA device (a hardware key for production accounts); "
    "keep its recovery in a controlled safe. In an AWS Organizations member account, enable centralized root "
    "access and delete the root user's credentials instead.",
    live_only=True,
)
def iam_root_account_mfa(root: RootAccount):
    """The root user bypasses every policy; a password alone must not be enough to take the whole account.

    Follows CIS AWS Foundations 1.5 and AWS Config ``root-account-mfa-enabled``. Like Prowler's
    ``iam_root_mfa_enabled`` (which reports only a root user with a password or access keys), a
    root user with no credentials passes, but only where AWS Organizations manages root
    credentials centrally: elsewhere whoever holds the root e-mail can recover a password.
    """
    if not exists((lambda: root.mfa_enabled, lambda: _nothing_to_sign_in_with(root)), lambda check: check()):
        return "root user has no MFA device"


@rule(
    "iam-root-account-hardware-mfa",
    title="The root user's MFA is a hardware device",
    domain="iam",
    severity="high",
    remediation="Sign in as the root user, register a hardware MFA device (a FIDO security key or a hardware "
    "TOTP token) and remove the virtual (authenticator app) device. In an AWS Organizations member account, "
    "enable centralized root access and delete the root user's credentials instead.",
    live_only=True,
)
def iam_root_account_hardware_mfa(root: RootAccount):
    """A virtual MFA lives on a phone or laptop that is lost, backed up and shared; the root user's second
    factor should be a device that exists once, kept in a safe.

    Follows CIS AWS Foundations v3 1.6, AWS Config ``root-account-hardware-mfa-enabled`` (non-compliant
    without MFA too), Security Hub IAM.6 and Prowler ``iam_root_hardware_mfa_enabled`` (a virtual device
    assigned to the root user FAILs). A root user with nothing to sign in with passes, as for
    ``iam-root-account-mfa``.
    """
    if root.mfa_enabled:  # deleting root credentials centrally removes its MFA devices too
        if root.mfa_virtual:
            return "root user's MFA is a virtual (software) device, not a hardware one"
        return None
    if not _nothing_to_sign_in_with(root):
        return "root user has no MFA device (a hardware one is required)"


ROOT_USE_DAYS = 30


@rule(
    "iam-root-account-not-used",
    title="The root user was not used recently",
    domain="iam",
    severity="high",
    remediation="Find who used the root user and why (CloudTrail events with userIdentity.type Root); give "
    "that task an IAM role or IAM Identity Center permission set, and keep the root credentials in a safe. "
    "In an AWS Organizations member account, enable centralized root access and delete them.",
    live_only=True,
    options=(days_option(ROOT_USE_DAYS, "A root password or access key used within this many days FAILs "
                                        "(Prowler's iam_avoid_root_usage uses 1)."),),
)
def iam_root_account_not_used(root: RootAccount, *, days: int):
    """The root user escapes every policy and every permission boundary; daily work must not need it.

    Follows CIS AWS Foundations v3 1.7 (eliminate use of the root user for administrative and daily
    tasks; its audit reads the credential report's root row: password_last_used,
    access_key_1/2_last_used_date) and Prowler ``iam_avoid_root_usage``, which FAILs a use within 1 day;
    30 days, the window of earlier CIS benchmarks' audit, catches a use a weekly or monthly scan would
    otherwise miss. A root user never used (None) passes.
    """
    if root.last_used_days is not None and root.last_used_days < days:
        return f"root user was last used {root.last_used_days} day(s) ago (within {days} days)"
