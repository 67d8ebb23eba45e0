"""Where CloudTrail trails become model values, and the account's audit coverage is joined."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from hitrust_policies.model import AuditCoverage, AuditTrail, ResourceRef, Unknown
from hitrust_policies.sources.aws_cloudtrail import management_events, object_data_events
from hitrust_policies.sources.live.aws.collector import Ctx, collector

JOINED_KINDS = (AuditCoverage,)  # built by the scan from every region's trails, not by one collector


def _reported_here(ctx: Ctx, home: str) -> bool:
    """Report each trail once: in its home region, or (homed outside the scan) in the first scanned region.

    A multi-region trail homed in a region the scan skips still covers the scanned ones; it
    appears here as a shadow trail and must count for the account.
    """
    if home == ctx.region:
        return True
    return home not in ctx.scan_regions and ctx.region == min(ctx.scan_regions or (ctx.region,))


@collector(
    "cloudtrail-trails",
    service="cloudtrail",
    kinds=(AuditTrail,),
    calls=("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"),
)
def cloudtrail_trails(ctx: Ctx) -> Iterator[AuditTrail]:
    listed = ctx.client("cloudtrail").describe_trails(includeShadowTrails=True).get("trailList", [])
    mine = [t for t in listed if _reported_here(ctx, t.get("HomeRegion", ctx.region))]
    yield from ctx.fan_out(lambda t: _trail(ctx, t), mine)


def _trail(ctx: Ctx, t: dict[str, Any]) -> AuditTrail:
    """One trail, its status and selectors read in its home region (where its configuration lives)."""
    arn, home = t["TrailARN"], t.get("HomeRegion", ctx.region)
    ct = ctx.client("cloudtrail", region=home)
    status = ctx.fact("cloudtrail:GetTrailStatus", lambda: ct.get_trail_status(Name=arn))
    selectors = ctx.fact("cloudtrail:GetEventSelectors", lambda: ct.get_event_selectors(TrailName=arn))
    events = selectors if isinstance(selectors, Unknown) else management_events(
        selectors.get("EventSelectors"), selectors.get("AdvancedEventSelectors"))
    data = selectors if isinstance(selectors, Unknown) else object_data_events(
        selectors.get("EventSelectors"), selectors.get("AdvancedEventSelectors"))
    log_group = t.get("CloudWatchLogsLogGroupArn") or None
    return AuditTrail(
        ref=ctx.ref("AWS::CloudTrail::Trail", arn, t["Name"], region=home),
        multi_region=bool(t.get("IsMultiRegionTrail")),
        logging=status if isinstance(status, Unknown) else bool(status.get("IsLogging")),
        log_file_validation=bool(t.get("LogFileValidationEnabled")),
        kms_key=t.get("KmsKeyId"),
        management_reads=events if isinstance(events, Unknown) else events.reads,
        management_writes=events if isinstance(events, Unknown) else events.writes,
        management_exclusions=events if isinstance(events, Unknown) else events.exclusions,
        cloudwatch_logs=log_group,
        cloudwatch_delivery_hours=_delivery_hours(ctx, status) if log_group else None,
        object_data_reads=data if isinstance(data, Unknown) else data.reads,
        object_data_writes=data if isinstance(data, Unknown) else data.writes,
    )


def _delivery_hours(ctx: Ctx, status: dict[str, Any] | Unknown) -> float | Unknown:
    """Hours since the trail last delivered to CloudWatch Logs (``inf`` if it never has)."""
    if isinstance(status, Unknown):
        return status
    latest = status.get("LatestCloudWatchLogsDeliveryTime")
    return math.inf if latest is None else max(0.0, (ctx.now - latest).total_seconds() / 3600)


def audit_coverage(account: str, trails: Iterable[AuditTrail], unseen: Iterable[str]) -> AuditCoverage:
    """Join every region's trails into the account-level fact.

    Regions whose trails could not be listed may hold the one good trail: they enter as a
    trail whose every fact is unknown, so "no good trail" can only be said when all was seen.
    """
    members: list[AuditTrail] = list(trails)
    for reason in unseen:
        u = Unknown(reason)
        members.append(AuditTrail(ResourceRef("aws", "AWS::CloudTrail::Trail", reason, reason),
                                  *(u,) * (len(AuditTrail.__dataclass_fields__) - 1)))
    return AuditCoverage(
        ref=ResourceRef("aws", "AWS::CloudTrail::AccountCoverage", f"arn:aws:cloudtrail::{account}:coverage",
                        f"cloudtrail-{account}", account=account, region="", source="live"),
        trails=tuple(members),
        object_data_judged=True,
    )
