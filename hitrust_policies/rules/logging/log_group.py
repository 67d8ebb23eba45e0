"""Log retention."""

from hitrust_policies.model import LogGroup
from hitrust_policies.rules.registry import rule

MIN_RETENTION_DAYS = 365


@rule(
    "log-log-group-retention",
    title=f"Logs are kept at least {MIN_RETENTION_DAYS} days",
    domain="logging",
    severity="medium",
    remediation=f"Set the log group's retention to {MIN_RETENTION_DAYS} days or more (or never expire).",
)
def log_log_group_retention(group: LogGroup):
    """Incidents are often found months later; the logs must still be there."""
    if group.retention_days is not None and group.retention_days < MIN_RETENTION_DAYS:
        return f"retention is {group.retention_days} days (min {MIN_RETENTION_DAYS})"
