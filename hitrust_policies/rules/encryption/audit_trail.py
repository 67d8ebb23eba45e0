"""Encryption of audit logs."""

from hitrust_policies.model import AuditTrail
from hitrust_policies.rules.registry import rule


@rule(
    "enc-audit-trail-kms",
    title="Audit trails are encrypted with a KMS key",
    domain="encryption",
    severity="medium",
    remediation="Set a customer-managed KMS key on the trail (CloudTrail KmsKeyId).",
)
def enc_audit_trail_kms(trail: AuditTrail):
    """Audit logs reveal who touched PHI; a separate key adds an access check and its own audit."""
    if not trail.kms_key:
        return "trail log files are not encrypted with a KMS key"
