"""Where a region's GuardDuty detectors become one `ThreatDetection` value.

Threat detection is a regional switch, like EBS encryption by default: one value per
account and region, named ``guardduty/<region>``, with a stable id whether or not a detector
exists (so a baseline sees the same finding turn from FAIL to PASS). The region is covered
when some detector in it is ``ENABLED``; no detector at all is a known False. A detector
whose status could not be read makes the fact unknown, unless another one is known enabled.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ThreatDetection, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector(
    "guardduty-detectors",
    service="guardduty",
    kinds=(ThreatDetection,),
    calls=("guardduty:ListDetectors", "guardduty:GetDetector"),
)
def guardduty_detectors(ctx: Ctx) -> Iterator[ThreatDetection]:
    guardduty = ctx.client("guardduty")
    enabled: bool | Unknown = False
    for detector_id in ctx.paginate("guardduty", "ListDetectors", "DetectorIds"):
        status = ctx.fact("guardduty:GetDetector",
                          lambda: guardduty.get_detector(DetectorId=detector_id).get("Status"))
        if isinstance(status, Unknown):  # an Unknown cannot be compared: keep the first one
            enabled = status if enabled is False else enabled
        elif status == "ENABLED":
            enabled = True
            break
    yield ThreatDetection(
        ref=ctx.ref("AWS::GuardDuty::Detector", ctx.arn("guardduty", "detector"), f"guardduty/{ctx.region}"),
        enabled=enabled,
    )
