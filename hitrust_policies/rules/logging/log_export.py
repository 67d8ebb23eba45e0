"""Copies of every log entry kept outside the project's own log buckets."""

from hitrust_policies.model import LogExport
from hitrust_policies.rules.registry import rule


@rule(
    "log-log-export-all-entries",
    title="A log sink exports a copy of every log entry",
    domain="logging",
    severity="medium",
    remediation={
        "gcp": "Create a sink with no filter and no exclusions to a Cloud Storage bucket, BigQuery dataset or log "
               "bucket kept for the retention period (gcloud logging sinks create NAME DESTINATION), or one at "
               "the organization with --include-children; keep it enabled.",
    },
    live_only=True,
)
def log_log_export_all_entries(export: LogExport):
    """Logs kept only where the project's default sinks put them share its fate (30 days in _Default,
    gone with the project); a copy of every entry routed elsewhere can outlive both.

    Follows CIS Google Cloud Platform Foundation 2.2 ("sinks are configured for all log entries") and
    Prowler ``logging_sink_created`` (a sink with no filter, in the project or at the organization with
    includeChildren); stricter, a disabled sink or one with exclusions exports not every entry, and a
    folder's including sink counts as the organization's does.
    """
    if not export.sinks_exporting_all:
        return "no enabled sink without filter or exclusions routes every log entry out of the project"
