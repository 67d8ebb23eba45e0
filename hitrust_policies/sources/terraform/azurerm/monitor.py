"""azurerm Log Analytics workspaces and Defender for Cloud plans, as the live scanner and azure-native see them.

``azurerm_log_analytics_workspace`` is a `LogGroup`: ``retention_in_days`` (computed by Azure when left out:
30 days, its default), the customer-managed key of the dedicated cluster it is linked to (an
``azurerm_log_analytics_linked_service`` whose ``workspace_id`` is the workspace and ``write_access_id`` an
``azurerm_log_analytics_cluster``, whose key is the ``azurerm_log_analytics_cluster_customer_managed_key``
naming it), and whether audit data lands there: an ``azurerm_monitor_diagnostic_setting`` on the subscription
exporting some activity-log category to it, or an ``azurerm_network_watcher_flow_log`` whose
``traffic_analytics`` writes to it. As for every join of a plan, the plan is the world: a workspace nothing in
it sends audit data to is taken to hold none.

``azurerm_security_center_subscription_pricing`` is a `ThreatDetection` named ``defender/<resource_type>``
(``resource_type`` defaults to VirtualMachines), on at the Standard ``tier``; retired plans and plans that
detect nothing are not judged (`azure_semantics`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LogGroup, ThreatDetection, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure.monitor import DEFAULT_RETENTION_DAYS
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import diagnostic_logs

WORKSPACE = "azurerm_log_analytics_workspace"
CLUSTER = "azurerm_log_analytics_cluster"
CLUSTER_KEY = "azurerm_log_analytics_cluster_customer_managed_key"
LINKED_SERVICE = "azurerm_log_analytics_linked_service"
DIAGNOSTIC_SETTING = "azurerm_monitor_diagnostic_setting"
FLOW_LOG = "azurerm_network_watcher_flow_log"
PRICING = "azurerm_security_center_subscription_pricing"
KEY_AFTER_APPLY = "(key known after apply)"
_SUBSCRIPTION = re.compile(r"^/subscriptions/[^/]+/?$", re.I)


def _set(value: Any, default: Any) -> Any:
    return default if value is None else value


def names(plan: Plan, source: Planned, path: str, target: Planned) -> bool | Unknown:
    """Does ``source.<path>`` (a nested path allowed: ``traffic_analytics.0.workspace_resource_id``) name
    ``target``? The configuration records references per top-level attribute."""
    top = path.split(".", 1)[0]
    if top == path:
        return plan.links(source, path, target, "id")
    refs = source.references(top)
    if any(r.address == target.address for r in refs):
        return True
    value, target_id = source.get(path), target.get("id")
    if isinstance(value, Unknown):
        return False if refs else value
    return isinstance(value, str) and isinstance(target_id, str) and value.lower() == target_id.lower()


def _cluster_key(cluster: Planned, plan: Plan) -> Any:
    """The cluster's Key Vault key; set with an id only known after apply, it is a key all the same."""
    sure, maybe = plan.referrers(cluster, (CLUSTER_KEY,), "log_analytics_cluster_id", "id")
    if sure:
        key = sure[0].get("key_vault_key_id")
        return KEY_AFTER_APPLY if isinstance(key, Unknown) and sure[0].references("key_vault_key_id") else key
    return maybe[0] if maybe else None


def _kms_key(ws: Planned, plan: Plan) -> Any:
    """The key of the dedicated cluster the workspace is linked to; None without a cluster."""
    for link in plan.of_type(LINKED_SERVICE):
        if plan.links(link, "workspace_id", ws, "id") is not True:
            continue
        for cluster in plan.of_type(CLUSTER):
            if plan.links(link, "write_access_id", cluster, "id") is True:
                return _cluster_key(cluster, plan)
        target = link.get("write_access_id")
        if target is not None:
            return target if isinstance(target, Unknown) else Unknown(f"cluster {target} is not in this plan")
    return None


def _on_subscription(setting: Planned) -> bool | Unknown:
    target = setting.get("target_resource_id")
    if isinstance(target, Unknown):
        return False if setting.references("target_resource_id") else target
    return isinstance(target, str) and bool(_SUBSCRIPTION.match(target))


def _exports_activity_log(setting: Planned) -> bool | Unknown:
    logs, doubt = diagnostic_logs(setting)
    if az.activity_log_categories(logs):
        return True
    return doubt if doubt is not None else False


def _holds_audit_data(ws: Planned, plan: Plan) -> bool | Unknown:
    """True when an activity-log export or a flow log's traffic analytics is known to deliver here;
    Unknown when one might; else False."""
    pending: Unknown | None = None
    for setting in plan.of_type(DIAGNOSTIC_SETTING):
        facts = (_on_subscription(setting), names(plan, setting, "log_analytics_workspace_id", ws),
                 _exports_activity_log(setting))
        if any(f is False for f in facts):
            continue
        if all(f is True for f in facts):
            return True
        pending = pending if pending is not None else next(f for f in facts if isinstance(f, Unknown))
    for flow in plan.of_type(FLOW_LOG):
        facts = (names(plan, flow, "traffic_analytics.0.workspace_resource_id", ws),
                 _set(flow.get("traffic_analytics.0.enabled"), False))
        if any(f is False for f in facts):
            continue
        if all(f is True for f in facts):
            return True
        pending = pending if pending is not None else next(f for f in facts if isinstance(f, Unknown))
    return pending if pending is not None else False


@azurerm_adapter(WORKSPACE, produces=LogGroup)
def workspace(ws: Planned, plan: Plan) -> Iterator[LogGroup]:
    retention = ws.get("retention_in_days")
    yield LogGroup(ref=ws.ref(), retention_days=DEFAULT_RETENTION_DAYS if retention is None else retention,
                   kms_key=_kms_key(ws, plan), holds_audit_data=_holds_audit_data(ws, plan))


@azurerm_adapter(PRICING, produces=ThreatDetection)
def pricing(res: Planned, plan: Plan) -> Iterator[ThreatDetection]:
    kind = _set(res.get("resource_type"), "VirtualMachines")
    if isinstance(kind, str) and not az.defender_plan_counts(kind, None):
        return
    tier = res.get("tier")
    yield ThreatDetection(ref=res.ref(f"defender/{kind}" if isinstance(kind, str) else None),
                          enabled=kind if isinstance(kind, Unknown) else (
                              tier if isinstance(tier, Unknown) else az.defender_plan_on(tier)))
