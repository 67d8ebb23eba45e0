"""CloudWatch log groups: ``retentionInDays`` 0 or absent means never expire (None).

Whether a group holds audit data is joined from the stack: a trail whose
``cloudWatchLogsGroupArn`` (usually ``${group.arn}:*``) or a flow log whose ``logDestination`` /
``logGroupName`` designates it. As for every join here, the stack is the world: a group no
resource of this stack delivers to is taken to hold no audit data (the live scanner sees the
whole account).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LogGroup, Unknown
from hitrust_policies.sources.pulumi.aws.kms import key_reference
from hitrust_policies.sources.pulumi.props import to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

TRAIL = "aws:cloudtrail/trail:Trail"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"


def _retention(value: Any) -> Any:
    days = to_int(value)
    if isinstance(days, Unknown):
        return days
    return days or None


def _same_group(value: str, group: PulumiResource) -> bool:
    """A log group named by ARN (``:*`` allowed) or by name."""
    value = value.removesuffix(":*")
    arn, name = group.props.get("arn"), group.props.get("name")
    if value.startswith("arn:"):
        if isinstance(arn, str) and arn:
            return value == arn.removesuffix(":*")
        return isinstance(name, str) and value.split(":")[6:7] == [name]
    return isinstance(name, str) and value == name


def _to_log_group(flow: PulumiResource) -> bool | Unknown:
    """Does the flow log deliver to CloudWatch Logs (the provider default) rather than S3 / Firehose?"""
    kind = flow.props.get("logDestinationType", "cloud-watch-logs")
    return kind if isinstance(kind, Unknown) else kind == "cloud-watch-logs"


def _holds_audit_data(group: PulumiResource, stack: Stack) -> Any:
    trails, maybe = stack.referrers(group, (TRAIL,), "cloudWatchLogsGroupArn", match=_same_group)
    flows: list[PulumiResource] = []
    for prop in ("logDestination", "logGroupName"):
        sure, unsure = stack.referrers(group, (FLOW_LOG,), prop, match=_same_group)
        flows += [f for f in sure if _to_log_group(f) is True]
        maybe += [f for f in sure + unsure if isinstance(_to_log_group(f), Unknown)]
        maybe += [f for f in unsure if _to_log_group(f) is True]
    if trails or flows:
        return True
    if maybe:
        return Unknown(f"computed at preview: destination of {maybe[0].logical_name}")
    return False


@pulumi_adapter("aws:cloudwatch/logGroup:LogGroup", produces=LogGroup, joins=True)
def log_group(res: PulumiResource, stack: Stack) -> Iterator[LogGroup]:
    yield LogGroup(
        ref=res.ref("name"),
        retention_days=_retention(res.props.get("retentionInDays")),
        kms_key=key_reference(res, stack, "kmsKeyId"),
        holds_audit_data=_holds_audit_data(res, stack),
    )
