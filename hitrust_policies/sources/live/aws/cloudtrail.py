"""Where CloudTrail trails become model values, and the account's audit coverage is joined."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hitrust_policies.model import AuditCoverage, AuditTrail, ResourceRef, Unknown
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
    calls=("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"),
)
def cloudtrail_trails(ctx: Ctx) -> Iterator[AuditTrail]:
    ct = ctx.client("cloudtrail")
    for t in ct.describe_trails(includeShadowTrails=True).get("trailList", []):
        if not _reported_here(ctx, t.get("HomeRegion", ctx.region)):
            continue
        arn = t["TrailARN"]
        status = ctx.fact("cloudtrail:GetTrailStatus", lambda: ct.get_trail_status(Name=arn))
        yield AuditTrail(
            ref=ctx.ref("AWS::CloudTrail::Trail", arn, t["Name"], region=t.get("HomeRegion", ctx.region)),
            multi_region=bool(t.get("IsMultiRegionTrail")),
            logging=status if isinstance(status, Unknown) else bool(status.get("IsLogging")),
            log_file_validation=bool(t.get("LogFileValidationEnabled")),
            kms_key=t.get("KmsKeyId"),
        )


def audit_coverage(account: str, trails: Iterable[AuditTrail], unseen: Iterable[str]) -> AuditCoverage:
    """Join every region's trails into the account-level fact.

    Regions whose trails could not be listed may hold the one good trail: they enter as a
    trail whose every fact is unknown, so "no good trail" can only be said when all was seen.
    """
    members: list[AuditTrail] = list(trails)
    for reason in unseen:
        u = Unknown(reason)
        members.append(AuditTrail(ResourceRef("aws", "AWS::CloudTrail::Trail", reason, reason), u, u, u, u))
    return AuditCoverage(
        ref=ResourceRef("aws", "AWS::CloudTrail::AccountCoverage", f"arn:aws:cloudtrail::{account}:coverage",
                        f"cloudtrail-{account}", account=account, region="", source="live"),
        trails=tuple(members),
    )
