"""AWS Config recorders (``aws:cfg/recorder:Recorder``) joined with their ``aws:cfg/recorderStatus:RecorderStatus``.

A recorder records once a status resource of the same ``name`` sets ``isEnabled``; none in the stack means it
was never started. Named like the live scanner names a region's recording, ``config/<region>``, when the
provider region is known. ``recordingGroup`` left out records all supported types (the provider default), as
does one with ``allSupported`` (AWS Config accepts exclusions or a type list only without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ConfigRecording, Unknown
from hitrust_policies.sources.pulumi.props import preview_unknown, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

STATUS = "aws:cfg/recorderStatus:RecorderStatus"


def _recording(res: PulumiResource, stack: Stack) -> Any:
    sure, maybe = stack.referrers(res, (STATUS,), "name", match_props=("name",))
    region = res.props.name_candidate("region")  # recorders are named per region: "default" in each
    switches = [to_bool(s.props.get("isEnabled")) for s in sure
                if region is None or s.props.name_candidate("region") in (None, region)]
    if any(s is True for s in switches):
        return True
    if pending := [s for s in switches if isinstance(s, Unknown)]:
        return pending[0]
    return preview_unknown(f"name of {maybe[0].logical_name}") if maybe else False


def _all_types(res: PulumiResource) -> Any:
    """``allSupported`` decides it: AWS Config takes an exclusion list or a type list only with it false."""
    group = res.props.get("recordingGroup")
    if group is None or isinstance(group, Unknown):
        return True if group is None else group
    return to_bool(group.get("allSupported"), True)


@pulumi_adapter("aws:cfg/recorder:Recorder", produces=ConfigRecording, joins=True)
def recorder(res: PulumiResource, stack: Stack) -> Iterator[ConfigRecording]:
    region = res.props.name_candidate("region")
    yield ConfigRecording(ref=res.ref(name=f"config/{region}" if region else None), recording=_recording(res, stack),
                          all_resource_types=_all_types(res))
