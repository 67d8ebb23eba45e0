"""Access logging on object stores."""

from hitrust_policies.model import ObjectStore
from hitrust_policies.rules.registry import rule


@rule(
    "log-object-store-access-logging",
    title="Object stores log access requests",
    domain="logging",
    severity="low",
    remediation="Enable server access logging on the bucket to a separate log bucket.",
)
def log_object_store_access_logging(store: ObjectStore):
    """Who read which object is the first question after a PHI disclosure."""
    if not store.access_logging:
        return "server access logging is disabled"
