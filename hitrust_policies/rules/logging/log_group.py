"""Log retention."""

from hitrust_policies.model import LogGroup
from hitrust_policies.rules.registry import rule

MIN_RETENTION_DAYS = 365


@rule(
    "log-log-group-retention",
    title=f"Logs are kept at least {MIN_RETENTION_DAYS} days",
    domain="logging",
    severity="medium",
    remediation={
        "aws": f"Set the log group's retention to {MIN_RETENTION_DAYS} days or more (or never expire).",
        "azure": f"Set the Log Analytics workspace's retention to {MIN_RETENTION_DAYS} days or more (az monitor "
        f"log-analytics workspace update --retention-time {MIN_RETENTION_DAYS}), or keep audit tables longer "
        "with a total (archive) retention.",
        "gcp": f"Set the log bucket's retention to {MIN_RETENTION_DAYS} days or more (gcloud logging buckets "
               f"update BUCKET --location=LOCATION --retention-days={MIN_RETENTION_DAYS}), or route the logs "
               "with a sink to a bucket that keeps them that long.",
    },
)
def log_log_group_retention(group: LogGroup):
    """Incidents are often found months later; the logs must still be there.

    A year, as the HITRUST CSF v11.3 initiative's Azure Policy "Activity log should be retained for
    at least one year" (b02aacc0-b073-424e-8298-42b22829ee0a) and CIS Microsoft Azure Foundations
    v1.x 5.1.2 (activity log retention of 365 days) ask. On Azure the log stores are Log Analytics
    workspaces (``retentionInDays``) and flow logs (their storage retention policy).
    A Cloud Logging bucket always expires its entries (30 days unless set; ``_Required``: 400).
    """
    if group.retention_days is not None and group.retention_days < MIN_RETENTION_DAYS:
        return f"retention is {group.retention_days} days (min {MIN_RETENTION_DAYS})"
