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
        "gcp": f"Set the log bucket's retention to {MIN_RETENTION_DAYS} days or more (gcloud logging buckets "
               f"update BUCKET --location=LOCATION --retention-days={MIN_RETENTION_DAYS}), or route the logs "
               "with a sink to a bucket that keeps them that long.",
    },
)
def log_log_group_retention(group: LogGroup):
    """Incidents are often found months later; the logs must still be there.

    A Cloud Logging bucket always expires its entries (30 days unless set; ``_Required``: 400).
    """
    if group.retention_days is not None and group.retention_days < MIN_RETENTION_DAYS:
        return f"retention is {group.retention_days} days (min {MIN_RETENTION_DAYS})"
