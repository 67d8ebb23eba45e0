"""GuardDuty detectors: the regional threat-detection switch.

A detector is named like the live scanner names a region's detection, ``guardduty/<region>``,
when its provider region is known (pulumi-aws v7 gives every resource a ``region``), else by
its logical name. ``enable`` defaults to true in the provider.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ThreatDetection
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


@pulumi_adapter("aws:guardduty/detector:Detector", produces=ThreatDetection)
def detector(res: PulumiResource, stack: Stack) -> Iterator[ThreatDetection]:
    region = res.props.name_candidate("region")
    yield ThreatDetection(ref=res.ref(name=f"guardduty/{region}" if region else None),
                          enabled=to_bool(res.props.get("enable"), True))
