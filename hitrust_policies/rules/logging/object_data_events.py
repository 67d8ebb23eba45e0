"""Object-level (data-plane) events of every bucket, recorded by a multi-region trail."""

from hitrust_policies.model import AuditCoverage, AuditTrail, exists
from hitrust_policies.rules.registry import rule


@rule(
    "log-audit-trail-object-data-events",
    title="A multi-region audit trail records every bucket's object-level reads and writes",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "Record S3 data events for all current and future buckets on a logging multi-region trail: an "
        "advanced event selector with eventCategory Data and resources.type AWS::S3::Object and no resources.ARN "
        "or eventName narrowing (or a basic selector with DataResources Type AWS::S3::Object, Values "
        "[\"arn:aws:s3\"] and ReadWriteType All); pulumi-aws cloudtrail.Trail advancedEventSelectors.",
        "azure": "Not judged on Azure (the activity log holds no data-plane events); log blob reads and writes with "
                 "the storage account's blobServices diagnostic setting (StorageRead, StorageWrite, StorageDelete).",
        "gcp": "Not judged on Google Cloud here; Cloud Storage object reads and writes are the DATA_READ / DATA_WRITE "
               "Data Access audit logs of storage.googleapis.com in the project's IAM policy auditConfigs.",
    },
    live_only=True,
)
def log_audit_trail_object_data_events(coverage: AuditCoverage):
    """Who read or changed which PHI object is what a breach investigation asks first; management events
    record bucket configuration only, never GetObject / PutObject / DeleteObject.

    Follows CIS AWS Foundations Benchmark 3.8 / 3.9 (v3; 3.10 / 3.11 in v1.5: object-level logging of
    write / read events; Security Hub S3.22 / S3.23), Prowler cloudtrail_s3_dataevents_write_enabled /
    cloudtrail_s3_dataevents_read_enabled and AWS Config cloudtrail-s3-dataevents-enabled (without its
    bucket-name parameter: every bucket). Strictest sound reading kept: the trail must be multi-region and
    logging, and a selector narrowed to some buckets or calls does not count. Reads and writes may come
    from two trails. Clouds whose trails hold no object data events (``object_data_judged`` False) pass.
    """
    if not coverage.object_data_judged:
        return None
    missing = [side for side, field in (("read", "object_data_reads"), ("write", "object_data_writes"))
               if not exists(coverage.trails, lambda t, f=field: _records(t, f))]
    if missing:
        return f"no logging multi-region trail records every bucket's object-level {' or '.join(missing)} events"


def _records(t: AuditTrail, field: str) -> bool:
    return bool(t.multi_region and t.logging and getattr(t, field))
