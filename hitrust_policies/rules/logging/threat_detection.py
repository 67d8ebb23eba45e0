"""Continuous threat detection over account and network activity."""

from hitrust_policies.model import ThreatDetection
from hitrust_policies.rules.registry import rule


@rule(
    "log-threat-detection-enabled",
    title="Threat detection is on in every region",
    domain="logging",
    severity="medium",
    remediation="Enable GuardDuty in the region (create a detector, or enable the existing one); "
    "in an organization, let a delegated administrator auto-enable it for every member account.",
)
def log_threat_detection_enabled(detection: ThreatDetection):
    """Intrusions into PHI systems are noticed only if account and network activity is monitored continuously."""
    if not detection.enabled:
        return "no enabled threat detector in this region"
