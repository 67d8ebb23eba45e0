"""Where a region's IAM Access Analyzer analyzers become one `ExternalAccessAnalysis` value.

A regional switch like GuardDuty's: one value per account and region named
``access-analyzer/<region>``. Only external access analyzers count (types ``ACCOUNT`` and
``ORGANIZATION``, zone of trust the account or the organization): the unused-access and
internal-access kinds report something else. The region is covered when one of them is
``ACTIVE`` (``CREATING`` / ``DISABLED`` / ``FAILED`` analyzers watch nothing yet); none at all
is a known False. One paginated ``ListAnalyzers`` per region.
"""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import ExternalAccessAnalysis, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector

EXTERNAL_ACCESS = frozenset({"ACCOUNT", "ORGANIZATION"})


@collector(
    "accessanalyzer-analyzers",
    service="accessanalyzer",
    kinds=(ExternalAccessAnalysis,),
    calls=("accessanalyzer:ListAnalyzers",),
)
def accessanalyzer_analyzers(ctx: Ctx) -> Iterator[ExternalAccessAnalysis]:
    enabled: bool | Unknown = ctx.fact("accessanalyzer:ListAnalyzers", lambda: any(
        a.get("type") in EXTERNAL_ACCESS and a.get("status") == "ACTIVE"
        for a in ctx.paginate("accessanalyzer", "ListAnalyzers", "analyzers")))
    yield ExternalAccessAnalysis(
        ref=ctx.ref("AWS::AccessAnalyzer::Analyzer", ctx.arn("access-analyzer", "analyzer"),
                    f"access-analyzer/{ctx.region}"),
        enabled=enabled,
    )
