"""Where a subscription's Microsoft Defender for Cloud plans become `ThreatDetection` values.

Defender for Cloud is Azure's GuardDuty, switched on per *plan* (servers, storage, SQL, Key Vault,
Resource Manager...) and subscription rather than per region: one `ThreatDetection` per plan that
detects threats (`azure_semantics.THREAT_DETECTION_PLANS`), named ``defender/<plan>``, enabled on
the Standard tier. The plans come from Resource Graph's ``securityresources`` table
(``microsoft.security/pricings``), one row per plan. Retired plans (DNS, Kubernetes, container
registries: ``deprecated`` or known retired) and plans that detect nothing (CloudPosture) yield
nothing, so they never FAIL. A counted plan with no row is UNKNOWN, not off: Resource Graph leaves
out rows the caller may not read (no ``Microsoft.Security/pricings/read``), and says nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import ResourceRef, ThreatDetection, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop

PRICINGS = "microsoft.security/pricings"
PERMISSION = "Microsoft.Security/pricings/read"


@family(
    "defender-plans",
    types=(PRICINGS,),
    kinds=(ThreatDetection,),
    permissions=(PERMISSION,),
    table="securityresources",
)
def defender_plans(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[ThreatDetection]:
    by_name = {str(r.get("name", "")).lower(): r for r in rows}
    for plan in az.THREAT_DETECTION_PLANS:
        row = by_name.get(plan.lower())
        if row is None:
            plan_id = f"{ctx.scope}/providers/Microsoft.Security/pricings/{plan}"
            yield ThreatDetection(
                ref=ResourceRef("azure", PRICINGS, plan_id, f"defender/{plan}", account=ctx.subscription, region="",
                                source=ctx.source),
                enabled=Unknown(f"no Resource Graph row for Defender plan {plan} ({PERMISSION})"))
            continue
        if not az.defender_plan_counts(plan, prop(row, "properties", "deprecated")):
            continue
        yield ThreatDetection(ref=ctx.ref(row, name=f"defender/{plan}"),
                              enabled=az.defender_plan_on(prop(row, "properties", "pricingTier")))
