"""Log sinks into buckets (``logging/projectSink``, ``folderSink``, ``organizationSink``) as `LogArchive`s.

A sink's ``destination`` (``storage.googleapis.com/<bucket>``, ``logging.googleapis.com/projects/P/
locations/L/buckets/B``) is joined with the bucket the stack creates: a ``storage/bucket:Bucket``'s
``retentionPolicy`` (``retentionPeriod``, ``isLocked``), a ``logging/projectBucketConfig``'s ``locked``,
judged by `gcp_semantics` as live. The bucket is found through the destination's ``propertyDependencies``
first (known while the value is computed), then by the value; a destination that is not a bucket
(BigQuery, Pub/Sub) is no archive; a bucket the stack does not create is unknown. Sinks are named
``<owner>/sinks/<name>`` as live, the owner from ``project`` / ``folder`` / ``orgId`` (left out: the
provider's project, not in the props: the sink's name alone).
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import LogArchive, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

SINKS = {"gcp:logging/projectSink:ProjectSink": ("project", "projects"),
         "gcp:logging/folderSink:FolderSink": ("folder", "folders"),
         "gcp:logging/organizationSink:OrganizationSink": ("orgId", "organizations")}
BUCKET = "gcp:storage/bucket:Bucket"
LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig"
NOT_ARCHIVES = ("gcp:bigquery/dataset:Dataset", "gcp:pubsub/topic:Topic")


def _name(res: PulumiResource) -> str:
    prop, kind = SINKS[res.type]
    owner = res.props.name_candidate(prop)
    sink = names.physical_name(res)
    return f"{kind}/{names.last_segment(owner)}/sinks/{sink}" if owner else sink


def _locked(bucket: PulumiResource) -> bool | Unknown:
    p = bucket.props
    if bucket.type == LOG_BUCKET:
        locked = p.get("locked")
        return locked if isinstance(locked, Unknown) else bool(locked)
    policy = p.get("retentionPolicy")
    pending = names.first_unknown(policy, *names.unknowns_in(policy))
    return pending if pending is not None else gcp.bucket_retention_locked(policy)


def _named(stack: Stack, service: str, where: str) -> PulumiResource | None:
    if service == "storage":
        return next((b for b in stack.of_type(BUCKET) if names.physical_name(b) == where), None)
    parts = where.split("/")  # projects/P/locations/L/buckets/B
    return next((b for b in stack.of_type(LOG_BUCKET) if len(parts) >= 6 and b.props.get("bucketId") == parts[5]
                 and b.props.get("location") == parts[3]), None)


def _destination(bucket: PulumiResource) -> str:
    """The destination naming a bucket of the stack, as the router writes it."""
    if bucket.type == BUCKET:
        return f"storage.googleapis.com/{names.physical_name(bucket)}"
    p = bucket.props
    project = p.name_candidate("project") or "(provider project)"
    return (f"logging.googleapis.com/projects/{project}/locations/{p.name_candidate('location')}/buckets/"
            f"{p.name_candidate('bucketId')}")


@pulumi_adapter(*SINKS, produces=LogArchive, joins=True)
def sink(res: PulumiResource, stack: Stack) -> Iterator[LogArchive]:
    if names.physical_name(res) in gcp.BUILT_IN_SINKS:
        return
    destination = res.props.get("destination")
    linked = [stack.by_urn[u] for u in res.property_dependencies.get("destination") or () if u in stack.by_urn]
    buckets = [r for r in linked if r.type in (BUCKET, LOG_BUCKET)]
    if buckets:  # the link the engine records, known even while the value is computed
        shown, locked = _destination(buckets[0]), _locked(buckets[0])
    elif isinstance(destination, Unknown):
        if any(r.type in NOT_ARCHIVES for r in linked):
            return
        shown, locked = destination.reason, destination
    else:
        target = gcp.sink_archive(destination)
        if target is None:
            return
        bucket, shown = _named(stack, *target), str(destination)
        locked = _locked(bucket) if bucket is not None else Unknown(
            f"{destination} is not created by this stack: its retention policy is not in the program")
    yield LogArchive(ref=names.ref(res, name=_name(res)), destination=shown, retention_locked=locked)
