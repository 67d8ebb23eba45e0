"""CloudWatch log groups: ``retentionInDays`` 0 or absent means never expire (None)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LogGroup, Unknown
from hitrust_policies.sources.pulumi.props import optional, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _retention(value: Any) -> Any:
    days = to_int(value)
    if isinstance(days, Unknown):
        return days
    return days or None


@pulumi_adapter("aws:cloudwatch/logGroup:LogGroup", produces=LogGroup)
def log_group(res: PulumiResource, stack: Stack) -> Iterator[LogGroup]:
    yield LogGroup(
        ref=res.ref("name"),
        retention_days=_retention(res.props.get("retentionInDays")),
        kms_key=optional(res.props.get("kmsKeyId")),
    )
