"""Per-trail audit log integrity and delivery."""

import math

from hitrust_policies.model import AuditTrail
from hitrust_policies.rules.registry import rule

MAX_DELIVERY_HOURS = 24


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


@rule(
    "log-audit-trail-cloudwatch",
    title="Audit trails deliver to CloudWatch Logs",
    domain="logging",
    severity="medium",
    remediation="Set the trail's CloudWatch Logs log group and delivery role (CloudWatchLogsLogGroupArn, "
    "CloudWatchLogsRoleArn) and fix any delivery error GetTrailStatus reports.",
)
def log_audit_trail_cloudwatch(trail: AuditTrail):
    """Events in a log store can be alarmed on as they happen; files in a bucket are read too late.

    Follows CIS AWS Foundations Benchmark 3.4 (v1.5, v2.0; 2.4 in v1.2; Security Hub CloudTrail.5)
    and Prowler cloudtrail_cloudwatch_logging_enabled: a log group is set and, where deliveries
    can be seen (a live trail), one reached it within the last 24 hours, so a role that lost its
    permission fails; AWS Config cloud-trail-cloud-watch-logs-enabled checks the log group (and,
    optionally, such a window). A deployment plan cannot show deliveries: there the configured
    log group decides.
    """
    if not trail.cloudwatch_logs:
        return "trail does not deliver to CloudWatch Logs"
    hours = trail.cloudwatch_delivery_hours
    if hours is not None and hours > MAX_DELIVERY_HOURS:
        if hours == math.inf:
            return "trail has never delivered to its CloudWatch Logs log group"
        return f"no delivery to CloudWatch Logs in the last {MAX_DELIVERY_HOURS} hours (last {hours:.0f} hours ago)"
