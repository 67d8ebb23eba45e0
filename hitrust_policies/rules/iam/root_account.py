"""The account's root principal."""

from hitrust_policies.model import RootAccount, every, exists
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
