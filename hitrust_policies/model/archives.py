"""Log archives: the buckets log entries are copied to, and whether their retention can be cut short."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class LogArchive:
    """A route copying log entries into a bucket, with what protects the copies there.

    Yielded by Google Cloud today (log sinks, the built-in ``_Required`` / ``_Default`` ones aside,
    whose destination is a Cloud Storage bucket or a Cloud Logging log bucket); AWS CloudTrail's S3
    bucket (Object Lock) and Azure diagnostic settings into an immutable storage container could yield
    it later. The ref is the route (the sink); ``destination`` names the bucket. ``retention_locked`` is
    whether the bucket keeps every entry for a retention period no one can shorten or remove (a locked
    retention policy): logs there cannot be deleted or edited before it ends, by anyone.
    """

    ref: ResourceRef
    destination: str
    retention_locked: bool | Unknown
