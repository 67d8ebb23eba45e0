"""azurerm virtual networks, their subnets and Network Watcher flow logs, as the live scanner and azure-native
judge them.

Subnets: the ``subnet`` blocks of an ``azurerm_virtual_network`` (``security_group``: the NSG id) and
``azurerm_subnet`` resources, whose NSG is an ``azurerm_subnet_network_security_group_association`` naming them
through ``subnet_id``. Each is a `Subnet` named ``<vnet>/<subnet>`` as the live scanner names it; an NSG set
with an id only known after apply is associated all the same.

Flow logs: an ``azurerm_virtual_network`` is a `Network`, flow-logged when an enabled
``azurerm_network_watcher_flow_log`` targets it (``target_resource_id``, v4's VNet flow logs), or every subnet
is covered by a flow log on the subnet or on its NSG (``network_security_group_id``, v3's NSG flow logs)
(`azure_semantics.vnet_flow_logged`). A flow log is also a `LogGroup`: ``retention_policy`` days in its
storage account (``storage_account_id``), under that account's customer-managed key when the account is in
the plan (Unknown when not), holding audit data. The plan is the world: a network no flow log of the plan
targets is taken to be unlogged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import LogGroup, Network, Subnet, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter
from hitrust_policies.sources.terraform.azurerm.arm import first_unknown

VNET, SUBNET, NSG = "azurerm_virtual_network", "azurerm_subnet", "azurerm_network_security_group"
ASSOCIATION = "azurerm_subnet_network_security_group_association"
FLOW_LOG = "azurerm_network_watcher_flow_log"
STORAGE_ACCOUNT = "azurerm_storage_account"
NSG_AFTER_APPLY = "(network security group known after apply)"
TARGETS = ("target_resource_id", "network_security_group_id")


def _inline(vnet: Planned) -> list[Any] | Unknown:
    subnets = vnet.get("subnet")
    return subnets if isinstance(subnets, Unknown) else list(subnets or [])


def _separate(vnet: Planned, plan: Plan) -> tuple[list[Planned], list[Unknown]]:
    return plan.referrers(vnet, (SUBNET,), "virtual_network_name", "name")


def _association(subnet: Planned, plan: Plan) -> Any:
    """The NSG id an association gives the subnet (a placeholder while only known after apply); None."""
    sure, maybe = plan.referrers(subnet, (ASSOCIATION,), "subnet_id", "id")
    if sure:
        nsg = sure[0].get("network_security_group_id")
        return NSG_AFTER_APPLY if isinstance(nsg, Unknown) and sure[0].references("network_security_group_id") else nsg
    return maybe[0] if maybe else None


def _inline_nsg(entry: Mapping[str, Any], vnet: Planned) -> Any:
    nsg = entry.get("security_group")
    if isinstance(nsg, Unknown):
        return NSG_AFTER_APPLY if any(r.type == NSG for r in vnet.references("subnet")) else nsg
    return nsg if nsg else None


@azurerm_adapter(VNET, produces=Subnet)
def inline_subnets(vnet: Planned, plan: Plan) -> Iterator[Subnet]:
    subnets = _inline(vnet)
    if isinstance(subnets, Unknown):
        yield Subnet(ref=vnet.ref(f"{vnet.name}/(subnets known after apply)"), security_group=subnets,
                     security_group_supported=True)
        return
    for entry in subnets:
        name = entry.get("name") if isinstance(entry, Mapping) else None
        name = name if isinstance(name, str) else "(subnet name known after apply)"
        nsg = _inline_nsg(entry, vnet) if isinstance(entry, Mapping) else entry
        yield Subnet(ref=replace(vnet.ref(f"{vnet.name}/{name}"), part=f"subnets/{name}"), security_group=nsg,
                     security_group_supported=not az.subnet_nsg_exempt(name))


def _vnet_name(subnet: Planned, plan: Plan) -> str:
    for vnet in plan.of_type(VNET):
        if plan.links(subnet, "virtual_network_name", vnet, "name") is True:
            return vnet.name
    name = subnet.get("virtual_network_name")
    return name if isinstance(name, str) else "(virtual network known after apply)"


@azurerm_adapter(SUBNET, produces=Subnet)
def subnet(res: Planned, plan: Plan) -> Iterator[Subnet]:
    yield Subnet(ref=res.ref(f"{_vnet_name(res, plan)}/{res.name}"), security_group=_association(res, plan),
                 security_group_supported=not az.subnet_nsg_exempt(res.name))


# ---------------------------------------------------------------- flow logs


def _points(plan: Plan, flow: Planned, target: Planned | None, target_id: Any) -> bool | Unknown:
    """Does the flow log target this resource (or, without one, this id)?"""
    pending: Unknown | None = None
    for attr in TARGETS:
        if target is not None:
            hit = plan.links(flow, attr, target, "id")
        else:
            value = flow.get(attr)
            if isinstance(value, Unknown):
                hit = False if flow.references(attr) else value
            else:
                hit = isinstance(value, str) and isinstance(target_id, str) and value.lower() == target_id.lower()
        if hit is True:
            return True
        if isinstance(hit, Unknown) and pending is None:
            pending = hit
    return pending if pending is not None else False


def _logged(plan: Plan, flows: list[Planned], target: Planned | None, target_id: Any) -> bool | Unknown:
    """Some enabled flow log targets it."""
    pending: Unknown | None = None
    for flow in flows:
        hit, enabled = _points(plan, flow, target, target_id), flow.get("enabled")
        facts = (hit, enabled if isinstance(enabled, Unknown) else az.flow_log_covers(enabled))
        if all(f is True for f in facts):
            return True
        if not any(f is False for f in facts) and pending is None:
            pending = next(f for f in facts if isinstance(f, Unknown))
    return pending if pending is not None else False


def _nsg_logged(plan: Plan, flows: list[Planned], nsg_id: Any, holder: Planned, attr: str) -> bool | Unknown:
    if nsg_id is None:
        return False
    named = [n for n in plan.of_type(NSG) if any(r.address == n.address for r in holder.references(attr))]
    if isinstance(nsg_id, str) and nsg_id != NSG_AFTER_APPLY:
        return _logged(plan, flows, None, nsg_id)
    if len(named) != 1:
        return nsg_id if isinstance(nsg_id, Unknown) else Unknown(f"which NSG {holder.address}.{attr} names")
    return _logged(plan, flows, named[0], None)


def _both(facts: list[bool | Unknown]) -> bool | Unknown:
    """Every fact holds (False first, then Unknown)."""
    if any(f is False for f in facts):
        return False
    return next((f for f in facts if isinstance(f, Unknown)), True)


def _either(facts: list[bool | Unknown]) -> bool | Unknown:
    if any(f is True for f in facts):
        return True
    return next((f for f in facts if isinstance(f, Unknown)), False)


def _flow_logged(vnet: Planned, plan: Plan) -> bool | Unknown:
    flows = plan.of_type(FLOW_LOG)
    whole = _logged(plan, flows, vnet, None)
    if whole is True:
        return True
    covered: list[bool | Unknown] = []
    inline = _inline(vnet)
    for entry in [inline] if isinstance(inline, Unknown) else inline:
        if not isinstance(entry, Mapping):
            covered.append(entry if isinstance(entry, Unknown) else False)
            continue
        vnet_id, name = vnet.get("id"), entry.get("name")
        subnet_id = f"{vnet_id}/subnets/{name}" if isinstance(vnet_id, str) and isinstance(name, str) else None
        covered.append(_either([_logged(plan, flows, None, subnet_id) if subnet_id else False,
                                _nsg_logged(plan, flows, _inline_nsg(entry, vnet), vnet, "subnet")]))
    sure, maybe = _separate(vnet, plan)
    for sub in sure:
        joined, doubts = plan.referrers(sub, (ASSOCIATION,), "subnet_id", "id")  # a doubt: its NSG may be logged
        covered.append(_either([_logged(plan, flows, sub, None), *doubts,
                                *[_nsg_logged(plan, flows, _association(sub, plan), a, "network_security_group_id")
                                  for a in joined]]))
    covered.extend(maybe)
    return _either([whole, _both(covered)])


@azurerm_adapter(VNET, produces=Network)
def virtual_network(vnet: Planned, plan: Plan) -> Iterator[Network]:
    yield Network(ref=vnet.ref(), is_default=False, flow_logs_enabled=_flow_logged(vnet, plan), preset_open=False)


def _store_key(flow: Planned, plan: Plan) -> Any:
    from hitrust_policies.sources.terraform.azurerm.storage import _encryption

    for account in plan.of_type(STORAGE_ACCOUNT):
        if plan.links(flow, "storage_account_id", account, "id") is True:
            return _encryption(account, plan)[1]
    storage = flow.get("storage_account_id")
    return storage if isinstance(storage, Unknown) else Unknown(f"storage account {storage} is not in this plan")


@azurerm_adapter(FLOW_LOG, produces=LogGroup)
def flow_log(flow: Planned, plan: Plan) -> Iterator[LogGroup]:
    enabled, days = flow.get("retention_policy.0.enabled"), flow.get("retention_policy.0.days")
    pending = first_unknown(enabled, days)
    yield LogGroup(ref=flow.ref(), retention_days=pending if pending is not None else az.flow_log_retention_days(
        enabled, days), kms_key=_store_key(flow, plan), holds_audit_data=True)
