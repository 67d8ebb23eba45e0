"""Per-trail audit log integrity."""

from hitrust_policies.model import AuditTrail
from hitrust_policies.rules.registry import rule


@rule(
    "log-audit-trail-validation",
    title="Audit trails validate log file integrity",
    domain="logging",
    severity="medium",
    remediation="Enable log file validation on the trail (EnableLogFileValidation).",
)
def log_audit_trail_validation(trail: AuditTrail):
    """Tamper-evident logs are what make an audit trail evidence."""
    if not trail.log_file_validation:
        return "log file validation is disabled"
