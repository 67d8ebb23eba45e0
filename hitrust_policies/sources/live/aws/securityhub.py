"""Where a region's Security Hub subscription becomes one `PostureMonitoring` value.

A regional switch like GuardDuty's: one value per account and region named ``securityhub/<region>``.
``DescribeHub`` answers ``InvalidAccessException`` for an account not subscribed there: a known False (an
``AccessDenied`` stays unknown).
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import PostureMonitoring, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector

NOT_SUBSCRIBED = "InvalidAccessException"


@collector("securityhub-hubs", service="securityhub", kinds=(PostureMonitoring,), calls=("securityhub:DescribeHub",))
def securityhub_hubs(ctx: Ctx) -> Iterator[PostureMonitoring]:
    hub = ctx.fact("securityhub:DescribeHub", lambda: ctx.client("securityhub").describe_hub(),
                   absent={NOT_SUBSCRIBED: None})
    enabled = hub if isinstance(hub, Unknown) else bool(hub and hub.get("HubArn"))
    yield PostureMonitoring(
        ref=ctx.ref("AWS::SecurityHub::Hub", ctx.arn("securityhub", "hub/default"), f"securityhub/{ctx.region}"),
        enabled=enabled,
    )
