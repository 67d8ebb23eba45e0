"""Log Analytics workspaces and Defender for Cloud plans, as the live scanner sees them.

``operationalinsights:Workspace`` is a `LogGroup`: ``retentionInDays`` (30, Azure's default, when the
program leaves it out), the customer-managed key of the dedicated ``operationalinsights:Cluster`` it
is linked to (``features.clusterResourceId``, or a ``LinkedService`` named ``cluster`` whose
``writeAccessResourceId`` is the cluster), and whether audit data lands there: a
``monitor:SubscriptionDiagnosticSetting`` exporting some activity-log category to it, or a
``network:FlowLog`` whose traffic analytics writes to it. As for every join here, the stack is the
world: a workspace nothing in this stack sends audit data to is taken to hold none.

``security:Pricing`` is a `ThreatDetection` named ``defender/<plan>`` (``pricingName``), on at the
Standard tier; retired plans and plans that detect nothing are not judged (`azure_semantics`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import LogGroup, ThreatDetection, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.props import preview_unknown, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

WORKSPACE = "azure-native:operationalinsights:Workspace"
CLUSTER = "azure-native:operationalinsights:Cluster"
LINKED_SERVICE = "azure-native:operationalinsights:LinkedService"
SUBSCRIPTION_SETTING = ("azure-native:monitor:SubscriptionDiagnosticSetting",
                        "azure-native:insights:SubscriptionDiagnosticSetting")
FLOW_LOG = "azure-native:network:FlowLog"
PRICING = "azure-native:security:Pricing"
NAME = "workspaceName"
DEFAULT_RETENTION_DAYS = 30  # a workspace created without retentionInDays (PerGB2018)
TRAFFIC_ANALYTICS = "flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration"


def _cluster_key(cluster: PulumiResource) -> Any:
    parts = [cluster.props.get(f"keyVaultProperties.{k}") for k in ("keyVaultUri", "keyName", "keyVersion")]
    pending = arm.first_unknown(*parts)
    return pending if pending is not None else az.vault_key_id(*parts)


def _kms_key(ws: PulumiResource, stack: Stack) -> Any:
    """The key of the dedicated cluster the workspace is linked to; None without a cluster."""
    links: list[tuple[PulumiResource, str]] = [(ws, "features.clusterResourceId")]
    for ls in stack.of_type(LINKED_SERVICE):
        name = ls.props.get("linkedServiceName")
        if arm.designates(stack, ls, NAME, ws, NAME) is True and (isinstance(name, Unknown) or name == "cluster"):
            links.append((ls, "writeAccessResourceId"))
    for source, prop in links:
        value = source.props.get(prop)
        if value is None and not source.property_dependencies.get(prop):
            continue
        cluster = arm.parent(stack, source, prop, (CLUSTER,), "clusterName")
        if cluster is not None:
            return _cluster_key(cluster)
        return value if isinstance(value, Unknown) else Unknown(f"cluster {value} is not in this stack")
    return None


def _exports_activity_log(setting: PulumiResource) -> Any:
    logs = setting.props.get("logs")
    if isinstance(logs, Unknown):
        return logs
    entries = [e for e in logs or [] if isinstance(e, Mapping)]
    pending = arm.first_unknown(*(v for e in entries for v in e.values()))
    if az.activity_log_categories([e for e in entries if arm.first_unknown(*e.values()) is None]):
        return True
    return pending if pending is not None else False


def _points_at(stack: Stack, source: PulumiResource, prop: str, ws: PulumiResource) -> Any:
    """Does ``source.<prop>`` (a nested path allowed) name the workspace? The engine records
    dependencies per top-level property, so a nested id computed at preview is told by them."""
    top = prop.split(".", 1)[0]
    if top == prop:
        return stack.points_at(source, prop, ws, (NAME, "name"))
    deps = source.property_dependencies.get(top, ())
    if ws.urn in deps:
        return True
    value = source.props.get(prop)
    if isinstance(value, Unknown):
        return False if deps else value
    return isinstance(value, str) and value in {ws.props.name_candidate(p) for p in ("id", NAME, "name")}


def _holds_audit_data(ws: PulumiResource, stack: Stack) -> Any:
    """True when an activity-log export or a flow log's traffic analytics is known to deliver here;
    Unknown when one might (its destination or categories computed at preview); else False."""
    sources = [(s, "workspaceId", _exports_activity_log(s)) for s in stack.of_type(*SUBSCRIPTION_SETTING)]
    sources += [(f, f"{TRAFFIC_ANALYTICS}.workspaceResourceId", f.props.get(f"{TRAFFIC_ANALYTICS}.enabled") or False)
                for f in stack.of_type(FLOW_LOG)]
    pending: PulumiResource | None = None
    for source, prop, delivers in sources:
        hit = _points_at(stack, source, prop, ws)
        if hit is True and delivers is True:
            return True
        if hit is not False and delivers is not False and pending is None:
            pending = source
    return preview_unknown(f"destination of {pending.logical_name}") if pending is not None else False


@pulumi_adapter(WORKSPACE, produces=LogGroup, joins=True)
def workspace(res: PulumiResource, stack: Stack) -> Iterator[LogGroup]:
    retention = to_int(res.props.get("retentionInDays"))
    yield LogGroup(
        ref=arm.ref(res, NAME),
        retention_days=DEFAULT_RETENTION_DAYS if retention is None else retention,
        kms_key=_kms_key(res, stack),
        holds_audit_data=_holds_audit_data(res, stack),
    )


@pulumi_adapter(PRICING, produces=ThreatDetection)
def pricing(res: PulumiResource, stack: Stack) -> Iterator[ThreatDetection]:
    plan = res.props.get("pricingName")
    if isinstance(plan, str) and not az.defender_plan_counts(plan, None):
        return
    tier = res.props.get("pricingTier")
    yield ThreatDetection(
        ref=res.ref(name=f"defender/{plan}" if isinstance(plan, str) else None),
        enabled=plan if isinstance(plan, Unknown) else (tier if isinstance(tier, Unknown) else
                                                        az.defender_plan_on(tier)),
    )
