"""Where a CloudWatch log group becomes a model value."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import LogGroup
from hitrust_policies.sources.live.aws.audit_logs import NOT_JOINED
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector("logs-log-groups", service="logs", kinds=(LogGroup,), calls=("logs:DescribeLogGroups",))
def logs_log_groups(ctx: Ctx) -> Iterator[LogGroup]:
    for g in ctx.paginate("logs", "DescribeLogGroups", "logGroups"):
        name = g["logGroupName"]
        yield LogGroup(
            ref=ctx.ref("AWS::Logs::LogGroup", ctx.arn("logs", f"log-group:{name}"), name),
            retention_days=g.get("retentionInDays"),  # absent: never expire
            kms_key=g.get("kmsKeyId"),
            holds_audit_data=NOT_JOINED,  # decided by the scan from trails and flow logs (audit_logs.py)
        )
