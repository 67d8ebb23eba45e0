"""The subscription's activity log export and the Log Analytics workspaces audit data lands in.

**Activity log -> `AuditCoverage`.** Azure keeps every subscription's activity log (all regions)
for 90 days whatever one does; what an assessor asks for is that it is *exported* to a store the
organisation keeps (CIS Microsoft Azure Foundations 5.1.1 / 5.1.2 in v2, 6.1.1 / 6.1.2 in v3). The
subscription's diagnostic settings (one ARM listing on the subscription) are its trails: one
`AuditTrail` per setting, inside the subscription's `AuditCoverage`, with these meanings:

- ``multi_region`` True: the activity log is subscription-wide, every region is in it;
- ``logging``: the setting exports some category to a destination;
- ``management_writes``: the Administrative category (every PUT / POST / DELETE) is exported;
- ``management_reads`` True: Azure records no control-plane read at all, so a setting leaves none
  out; failing Azure for a record the platform never writes would be a false FAIL, and no setting
  could pass;
- ``management_exclusions``: the other categories CIS requires (Security, Alert, Policy) the
  setting does not export, e.g. ``("Policy events",)``;
- ``log_file_validation`` False (no integrity digest exists for exports), ``kms_key`` None (the
  export carries no key of its own: the destination's encryption is that resource's fact),
  ``cloudwatch_logs`` the Log Analytics workspace it streams to, ``cloudwatch_delivery_hours`` None
  (deliveries are not observable).

Azure yields **no standalone `AuditTrail`**: the per-trail rules judge CloudTrail features that have
no activity-log counterpart (log file validation digests, a key on the trail's own files, delivery
to a log store to alarm on: activity log alerts work on the log itself). Run on Azure they would
FAIL every subscription for what it cannot do, or PASS on a constant. The coverage rule, which
is what the activity-log peers check, is the one that runs.

**Workspaces -> `LogGroup`.** A Log Analytics workspace is Azure's log store: ``retentionInDays``
is its (interactive) retention; its key is the customer-managed key of the dedicated cluster it is
linked to (``features.clusterResourceId``), None without one (Microsoft-managed keys); it holds
audit data when the activity log or a flow log's traffic analytics delivers there. Other resources'
diagnostic settings (Key Vault AuditEvent...) are not joined, as on AWS only trails and flow logs are.

Subscription-level diagnostic settings are not in a Resource Graph export: from an export the
activity-log family is left out, and a workspace's audit role is known only from flow logs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import AuditCoverage, AuditTrail, LogGroup, ResourceRef, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import ArmRead, Ctx, family, prop

ACTIVITY_LOG_SETTINGS = ArmRead("activity-log-diagnostic-settings", "/providers/Microsoft.Insights/diagnosticSettings",
                                "2021-05-01-preview", "Microsoft.Insights/DiagnosticSettings/Read")
WORKSPACE = "microsoft.operationalinsights/workspaces"
CLUSTER = "microsoft.operationalinsights/clusters"
FLOW_LOG = "microsoft.network/networkwatchers/flowlogs"


def _trail(ctx: Ctx, setting: dict[str, Any]) -> AuditTrail:
    props = setting.get("properties") or {}
    categories = az.activity_log_categories(props.get("logs") or [])
    return AuditTrail(
        ref=ResourceRef("azure", "microsoft.insights/diagnosticsettings", setting.get("id") or "",
                        setting.get("name") or "", account=ctx.subscription, region="", source=ctx.source),
        multi_region=True,
        logging=bool(categories and az.diagnostic_destinations(props)),
        log_file_validation=False,
        kms_key=None,
        management_reads=True,
        management_writes=az.ACTIVITY_LOG_WRITES.lower() in categories,
        management_exclusions=az.activity_log_exclusions(categories),
        cloudwatch_logs=props.get("workspaceId") or None,
        cloudwatch_delivery_hours=None,
        object_data_reads=None,  # the activity log holds no data-plane events
        object_data_writes=None,
    )


def activity_log_settings(ctx: Ctx) -> list[dict[str, Any]] | Unknown:
    """The subscription's diagnostic settings (every page), or an Unknown naming the failed read."""
    return ctx.read_list(ACTIVITY_LOG_SETTINGS, ctx.scope)


@family(
    "activity-log",
    types=(),
    kinds=(AuditCoverage,),
    permissions=(),
    reads=(ACTIVITY_LOG_SETTINGS,),
)
def activity_log(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[AuditCoverage]:
    """One `AuditCoverage` per subscription: its diagnostic settings as trails (see the module docstring)."""
    settings = activity_log_settings(ctx)
    yield AuditCoverage(
        ref=ResourceRef("azure", "microsoft.insights/diagnosticsettings",
                        f"{ctx.scope}/providers/microsoft.insights/diagnosticSettings",
                        f"activity-log/{ctx.subscription}", account=ctx.subscription, region="", source=ctx.source),
        trails=settings if isinstance(settings, Unknown) else tuple(_trail(ctx, s) for s in settings),
        object_data_judged=False,
    )


def _audit_destinations(ctx: Ctx, rows: list[dict[str, Any]]) -> tuple[set[str], Unknown | None]:
    """Lower-cased ids of workspaces flow logs and the activity log deliver to; and why the activity
    log's could not be read, if so."""
    found = {str(prop(r, "properties", "flowAnalyticsConfiguration", "networkWatcherFlowAnalyticsConfiguration",
                      "workspaceResourceId") or "").lower()
             for r in rows if r["type"].lower() == FLOW_LOG and az.flow_log_covers(prop(r, "properties", "enabled"))
             and prop(r, "properties", "flowAnalyticsConfiguration", "networkWatcherFlowAnalyticsConfiguration",
                      "enabled")}
    settings = activity_log_settings(ctx)
    if isinstance(settings, Unknown):
        return found - {""}, settings
    for s in settings:
        props = s.get("properties") or {}
        if az.activity_log_categories(props.get("logs") or []) and props.get("workspaceId"):
            found.add(str(props["workspaceId"]).lower())
    return found - {""}, None


def _cluster_key(ctx: Ctx, clusters: dict[str, dict[str, Any]], cluster_id: str | None) -> str | None | Unknown:
    """The customer-managed key of the dedicated cluster a workspace is linked to."""
    if not cluster_id:
        return None
    cluster = clusters.get(cluster_id.lower())
    if cluster is None:
        return Unknown(f"cluster {cluster_id} of the workspace is not in subscription {ctx.subscription}'s rows")
    kv = prop(cluster, "properties", "keyVaultProperties") or {}
    return az.vault_key_id(kv.get("keyVaultUri"), kv.get("keyName"), kv.get("keyVersion") or None)


@family(
    "log-analytics-workspaces",
    types=(WORKSPACE, CLUSTER, FLOW_LOG),
    kinds=(LogGroup,),
    permissions=("Microsoft.OperationalInsights/workspaces/read", "Microsoft.OperationalInsights/clusters/read",
                 "Microsoft.Network/networkWatchers/flowLogs/read"),
    reads=(ACTIVITY_LOG_SETTINGS,),
)
def log_analytics_workspaces(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[LogGroup]:
    workspaces = [r for r in rows if r["type"].lower() == WORKSPACE]
    if not workspaces:
        return
    clusters = {r["id"].lower(): r for r in rows if r["type"].lower() == CLUSTER}
    destinations, unseen = _audit_destinations(ctx, rows)
    for ws in workspaces:
        retention = prop(ws, "properties", "retentionInDays")
        audit = ws["id"].lower() in destinations
        yield LogGroup(
            ref=ctx.ref(ws),
            retention_days=int(retention) if isinstance(retention, int | float) else Unknown(
                f"retentionInDays not in the row of {ws['id']}"),
            kms_key=_cluster_key(ctx, clusters, prop(ws, "properties", "features", "clusterResourceId")),
            holds_audit_data=True if audit else (unseen if unseen is not None else False),
        )
