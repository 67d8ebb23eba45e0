"""Where a region's AWS Config recorders become one `ConfigRecording` value.

Like GuardDuty's, a regional switch: one value per account and region named ``config/<region>``, with a
stable id whether or not a recorder exists. Recorders and their statuses are two listing calls per region.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ConfigRecording, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector


def records_all_types(group: dict[str, Any] | None) -> bool:
    """Does a recording group record every supported resource type? (absent: the service's default, all)

    >>> records_all_types(None), records_all_types({"allSupported": False, "resourceTypes": ["AWS::S3::Bucket"]})
    (True, False)
    >>> records_all_types({"allSupported": True, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}})
    True
    """
    if not group:
        return True
    strategy = (group.get("recordingStrategy") or {}).get("useOnly", "ALL_SUPPORTED_RESOURCE_TYPES")
    return bool(group.get("allSupported", True)) and strategy == "ALL_SUPPORTED_RESOURCE_TYPES"


@collector(
    "config-recorders",
    service="config",
    kinds=(ConfigRecording,),
    calls=("config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"),
)
def config_recorders(ctx: Ctx) -> Iterator[ConfigRecording]:
    config = ctx.client("config")
    recorders = config.describe_configuration_recorders().get("ConfigurationRecorders", [])
    statuses = ctx.fact("config:DescribeConfigurationRecorderStatus",
                        lambda: config.describe_configuration_recorder_status().get("ConfigurationRecordersStatus", []))
    recording: Any
    if isinstance(statuses, Unknown):
        recording = statuses if recorders else False
        all_types: Any = statuses if recorders else False
    else:
        on = {s.get("name") for s in statuses
              if s.get("recording") and str(s.get("lastStatus", "")).upper() != "FAILURE"}
        active = [r for r in recorders if r.get("name") in on]
        recording = bool(active)
        all_types = any(records_all_types(r.get("recordingGroup")) for r in active)
    yield ConfigRecording(
        ref=ctx.ref("AWS::Config::ConfigurationRecorder", ctx.arn("config", "configuration-recorder"),
                    f"config/{ctx.region}"),
        recording=recording,
        all_resource_types=all_types,
    )
