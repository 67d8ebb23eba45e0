"""Log buckets a program configures (``logging/projectBucketConfig:ProjectBucketConfig``) as `LogGroup`s.

As live (`hitrust_policies.sources.live.gcp.cloud_logging.log_buckets`), a bucket is named ``P/L/B``
(project, location, bucket id: every project has its own ``_Required`` and ``_Default``), keeps entries
``retentionDays`` (30 when left out; ``_Required`` always 400) and has its Cloud KMS key in
``cmekSettings.kmsKeyName``; ``_Required`` and ``_Default`` hold the project's audit logs, what reaches a
user-defined bucket is not judged (Unknown), all through `gcp_semantics`. A project left out is the
provider's, not in the props: ``(provider project)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LogGroup, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig"
PROVIDER_PROJECT = "(provider project)"


def _kms_key(res: PulumiResource) -> Any:
    settings: Any = res.props.get("cmekSettings")
    if isinstance(settings, Unknown):
        return settings
    key = (settings or {}).get("kmsKeyName")
    return key if isinstance(key, Unknown) else key or None


@pulumi_adapter(LOG_BUCKET, produces=LogGroup)
def log_bucket(res: PulumiResource, stack: Stack) -> Iterator[LogGroup]:
    p = res.props
    bucket_id: Any = p.get("bucketId")
    shown = p.name_candidate("bucketId") or res.logical_name
    name = f"{p.name_candidate('project') or PROVIDER_PROJECT}/{p.name_candidate('location') or 'global'}/{shown}"
    yield LogGroup(
        ref=names.ref(res, name=name),
        retention_days=gcp.declared_log_bucket_retention(bucket_id, p.get("retentionDays")),
        kms_key=_kms_key(res),
        holds_audit_data=bucket_id if isinstance(bucket_id, Unknown) else gcp.log_bucket_holds_audit(bucket_id),
    )
