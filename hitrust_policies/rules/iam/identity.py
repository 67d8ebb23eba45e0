"""User principals."""

from hitrust_policies.model import Identity
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
