"""CloudTrail trails. Provider defaults: logging on, single-region, no log file validation, and
(no event selector) every management event, read and write.

Which management events the selectors record is decided by the module the live scanner uses
too (`hitrust_policies.sources.aws_cloudtrail`). A plan shows no CloudWatch Logs deliveries:
``cloudwatch_delivery_hours`` is None (not observable), and the configured log group decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AuditTrail, Unknown
from hitrust_policies.sources.aws_cloudtrail import management_events, object_data_events
from hitrust_policies.sources.pulumi.aws.kms import key_reference
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"


def _log_group(res: PulumiResource, stack: Stack) -> Any:
    """The trail's log group ARN; one built from a log group of this stack is set even while unknown."""
    arn = optional(res.props.get("cloudWatchLogsGroupArn"))
    if isinstance(arn, Unknown):
        group = stack.referent(res, "cloudWatchLogsGroupArn", (LOG_GROUP,))
        if group is not None:
            return f"(ARN of log group {group.logical_name}, computed at preview)"
    return arn


@pulumi_adapter("aws:cloudtrail/trail:Trail", produces=AuditTrail, joins=True)
def trail(res: PulumiResource, stack: Stack) -> Iterator[AuditTrail]:
    events = management_events(res.props.get("eventSelectors"), res.props.get("advancedEventSelectors"))
    data = object_data_events(res.props.get("eventSelectors"), res.props.get("advancedEventSelectors"))
    yield AuditTrail(
        ref=res.ref("name"),
        multi_region=to_bool(res.props.get("isMultiRegionTrail"), False),
        logging=to_bool(res.props.get("enableLogging"), True),
        log_file_validation=to_bool(res.props.get("enableLogFileValidation"), False),
        kms_key=key_reference(res, stack, "kmsKeyId"),
        management_reads=events if isinstance(events, Unknown) else events.reads,
        management_writes=events if isinstance(events, Unknown) else events.writes,
        management_exclusions=events if isinstance(events, Unknown) else events.exclusions,
        cloudwatch_logs=_log_group(res, stack),
        cloudwatch_delivery_hours=None,
        object_data_reads=data if isinstance(data, Unknown) else data.reads,
        object_data_writes=data if isinstance(data, Unknown) else data.writes,
    )
