"""The account's root principal."""

from hitrust_policies.model import RootAccount
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


@rule(
    "iam-root-account-mfa",
    title="The root user has MFA",
    domain="iam",
    severity="critical",
    remediation="Sign in as the root user and assign an MFA device (a hardware key for production accounts); "
    "keep its recovery in a controlled safe.",
    live_only=True,
)
def iam_root_account_mfa(root: RootAccount):
    """The root user bypasses every policy; a password alone must not be enough to take the whole account."""
    if not root.mfa_enabled:
        return "root user has no MFA device"
