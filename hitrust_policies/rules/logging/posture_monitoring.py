"""Continuous security posture monitoring."""

from hitrust_policies.model import PostureMonitoring
from hitrust_policies.rules.registry import rule


@rule(
    "log-posture-monitoring-enabled",
    title="Security posture monitoring is on in every region",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Enable AWS Security Hub in the region (aws securityhub enable-security-hub; pulumi-aws "
        "securityhub.Account), or let the organization's delegated administrator enable it for every account "
        "and region (central configuration).",
    },
    live_only=True,
)
def log_posture_monitoring_enabled(posture: PostureMonitoring):
    """Drift of PHI systems away from their secure baseline is seen only where it is checked continuously.

    Follows AWS Config securityhub-enabled and Prowler securityhub_enabled (Security Hub on in each region
    scanned; an account never subscribed is a FAIL, a read that was denied is UNKNOWN). Live only: a
    deployment that declares Security Hub can only turn it on, and one that does not says nothing about it.
    """
    if not posture.enabled:
        return f"Security Hub is not enabled in {posture.ref.region or posture.ref.name}"
