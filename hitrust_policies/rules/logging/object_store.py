"""Access logging on object stores."""

from hitrust_policies.model import ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "log-object-store-access-logging",
    title="Object stores log access requests",
    domain="logging",
    severity="low",
    remediation={
        "aws": "Enable server access logging on the bucket to a separate log bucket.",
        "azure": "Send the blob service's StorageRead, StorageWrite and StorageDelete logs to a Log Analytics "
        "workspace or storage account (az monitor diagnostic-settings create on "
        ".../blobServices/default).",
        "gcp": "Turn on Data Access audit logs (DATA_READ, DATA_WRITE) for storage.googleapis.com, or usage "
        "logs on the bucket (gcloud storage buckets update --log-bucket).",
    },
)
def log_object_store_access_logging(store: ObjectStore):
    """Who read which object is the first question after a PHI disclosure."""
    if not store.access_logging:
        return "server access logging is disabled"
