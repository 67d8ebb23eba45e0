"""Continuous threat detection over account and network activity."""

from hitrust_policies.model import ThreatDetection
from hitrust_policies.rules.registry import rule


@rule(
    "log-threat-detection-enabled",
    title="Threat detection is on in every region",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Enable GuardDuty in the region (create a detector, or enable the existing one); "
        "in an organization, let a delegated administrator auto-enable it for every member account.",
        "azure": "Turn the Microsoft Defender for Cloud plan on for the subscription (az security pricing create "
        "-n <plan> --tier Standard), or assign the Defender plan policies at the management group.",
    },
)
def log_threat_detection_enabled(detection: ThreatDetection):
    """Intrusions into PHI systems are noticed only if account and network activity is monitored continuously.

    AWS: one value per region, on when some GuardDuty detector is enabled (Security Hub
    GuardDuty.1, AWS Config guardduty-enabled-centralized, Prowler guardduty_is_enabled).
    Azure: one value per Microsoft Defender for Cloud plan that detects threats, on at the Standard
    tier, as CIS Microsoft Azure Foundations 2.1.x (v2; 3.1.x in v3),
    Prowler defender_ensure_defender_for_*_is_on and the Azure Policy "Azure Defender for <plan>
    should be enabled" built-ins (e.g. Resource Manager c3d20c29-b36d-48fe-808b-99a87530ad99, Key
    Vault 0e6763cc-5078-4e64-889d-ff4d9a839047, App Service 2913021d-f2fd-4f3d-b958-22354e2bdbcb)
    check them one by one; retired plans (DNS, Kubernetes, registries) are not judged.
    """
    if not detection.enabled:
        return f"no enabled threat detector for {detection.ref.name}"
