"""Exported log copies that no one can delete before their retention ends."""

from hitrust_policies.model import LogArchive
from hitrust_policies.rules.registry import rule


@rule(
    "log-log-archive-retention-locked",
    title="Buckets receiving exported logs keep them under a locked retention policy",
    domain="logging",
    severity="medium",
    remediation={
        "gcp": "Give the destination bucket a retention policy and lock it (gcloud storage buckets update gs://BUCKET "
               "--retention-period=400d, then --lock-retention-period; pulumi-gcp: retentionPolicy.isLocked); for "
               "a log bucket: gcloud logging buckets update BUCKET --location=LOCATION --locked. A lock cannot "
               "be undone.",
    },
)
def log_log_archive_retention_locked(archive: LogArchive):
    """An archive of logs whoever gains access to the bucket can delete or shorten is no evidence after an
    incident; a locked retention policy keeps every entry for its period, from everyone.

    Follows CIS Google Cloud Platform Foundation 2.3 ("retention policies on Cloud Storage buckets used for
    exporting logs are configured using Bucket Lock") and Prowler ``cloudstorage_bucket_log_retention_policy_lock``;
    a log bucket a sink routes to must be ``locked`` too, and a policy must set a period.
    """
    if not archive.retention_locked:
        return f"exports logs to {archive.destination}, whose retention policy is not locked"
