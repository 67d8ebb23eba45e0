"""Virtual networks joined with the stack's Network Watcher flow logs, as the live scanner judges them.

A ``network:VirtualNetwork`` is a `Network`, flow-logged when an enabled ``network:FlowLog`` targets
it, or every subnet (inline ``subnets[]`` or separate ``network:Subnet`` resources) is covered by a flow
log on the subnet or on the subnet's network security group (`azure_semantics.vnet_flow_logged`).
A flow log's target is told by ``propertyDependencies`` while its id is computed at preview (the
engine records them per top-level property), else by value. As for every join here, the stack is the
world: a network no flow log of this stack targets is taken to be unlogged.

A ``network:FlowLog`` is also a `LogGroup`, as the live scanner sees it: kept ``retentionPolicy.days`` in
its storage account (``storageId``), under that account's customer-managed key when the account is in
the stack (Unknown when it is not: its key cannot be seen from here), and audit data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import LogGroup, Network, Unknown
from hitrust_policies.model.facts import UnknownFact, every, exists
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.azure.storage import STORAGE_ACCOUNT
from hitrust_policies.sources.pulumi.azure.storage import _encryption as storage_encryption
from hitrust_policies.sources.pulumi.props import to_bool, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

VNET = "azure-native:network:VirtualNetwork"
SUBNET = "azure-native:network:Subnet"
NSG = "azure-native:network:NetworkSecurityGroup"
FLOW_LOG = "azure-native:network:FlowLog"
NAME = "virtualNetworkName"


def _known(value: Any) -> Any:
    if isinstance(value, Unknown):
        raise UnknownFact(value.reason)
    return value


def _enabled(flow: PulumiResource) -> bool:
    return az.flow_log_covers(_known(to_bool(flow.props.get("enabled"), True)))


def _targets(stack: Stack, flow: PulumiResource, target: PulumiResource | None, target_id: Any) -> bool:
    """Does an enabled flow log target this resource (or, without one, this id)? Raises `UnknownFact`
    when it cannot be told."""
    if target is not None and _known(stack.points_at(flow, "targetResourceId", target)) is True:
        return _enabled(flow)
    value = flow.props.get("targetResourceId")
    if target is not None and flow.property_dependencies.get("targetResourceId"):
        return False  # built from another resource
    if not isinstance(_known(value), str) or target_id is None:
        return False
    return value.lower() == str(_known(target_id)).lower() and _enabled(flow)


def _nsg_logged(stack: Stack, flows: list[PulumiResource], holder: PulumiResource | None, nsg_id: Any,
                holder_prop: str) -> bool:
    """Is the NSG a subnet names (``nsg_id``, written on ``holder.<holder_prop>``) flow-logged?"""
    if nsg_id is None:
        return False
    deps = holder.property_dependencies.get(holder_prop, ()) if holder is not None else ()
    named = [n for n in stack.of_type(NSG)
             if n.urn in deps or (isinstance(nsg_id, str) and nsg_id in {n.props.name_candidate("id")} - {None})]
    if isinstance(nsg_id, Unknown) and len(named) != 1:  # which of the NSGs it names cannot be told
        _known(nsg_id)
    if named:
        return exists(flows, lambda f: _targets(stack, f, named[0], None))
    return exists(flows, lambda f: _targets(stack, f, None, nsg_id))


def _subnet_covered(stack: Stack, vnet: PulumiResource, flows: list[PulumiResource], subnet: Any) -> bool:
    if isinstance(subnet, PulumiResource):
        if exists(flows, lambda f: _targets(stack, f, subnet, subnet.props.get("id"))):
            return True
        return _nsg_logged(stack, flows, subnet, subnet.props.get("networkSecurityGroup.id"), "networkSecurityGroup")
    entry = _known(subnet)
    if not isinstance(entry, Mapping):
        return False
    vnet_id, name = vnet.props.get("id"), entry.get("name")
    subnet_id = f"{vnet_id}/subnets/{name}" if isinstance(vnet_id, str) and isinstance(name, str) else entry.get("id")
    if subnet_id is not None and exists(flows, lambda f: _targets(stack, f, None, subnet_id)):
        return True
    nsg = entry.get("networkSecurityGroup")
    nsg_id = nsg.get("id") if isinstance(nsg, Mapping) else nsg
    return _nsg_logged(stack, flows, vnet if isinstance(nsg_id, Unknown) else None, nsg_id, "subnets")


def _flow_logged(vnet: PulumiResource, stack: Stack) -> Any:
    flows = stack.of_type(FLOW_LOG)
    inline = vnet.props.get("subnets")
    separate = [s for s in stack.of_type(SUBNET) if arm.designates(stack, s, NAME, vnet, NAME) is True]
    subnets: list[Any] = [*([inline] if isinstance(inline, Unknown) else inline or []), *separate]
    try:
        if exists(flows, lambda f: _targets(stack, f, vnet, vnet.props.get("id"))):
            return True
        return every(subnets, lambda s: _subnet_covered(stack, vnet, flows, s))
    except UnknownFact as exc:
        return Unknown(exc.reason)


@pulumi_adapter(VNET, produces=Network, joins=True)
def virtual_network(res: PulumiResource, stack: Stack) -> Iterator[Network]:
    yield Network(ref=arm.ref(res, NAME), is_default=False, flow_logs_enabled=_flow_logged(res, stack),
                  preset_open=False)


def _store_key(flow: PulumiResource, stack: Stack) -> Any:
    account = arm.parent(stack, flow, "storageId", (STORAGE_ACCOUNT,), "accountName")
    if account is not None:
        return storage_encryption(account)[1]
    storage = flow.props.get("storageId")
    return storage if isinstance(storage, Unknown) else Unknown(f"storage account {storage} is not in this stack")


@pulumi_adapter(FLOW_LOG, produces=LogGroup, joins=True)
def flow_log(res: PulumiResource, stack: Stack) -> Iterator[LogGroup]:
    enabled, days = res.props.get("retentionPolicy.enabled"), to_int(res.props.get("retentionPolicy.days"))
    pending = arm.first_unknown(enabled, days)
    yield LogGroup(ref=arm.ref(res, "flowLogName"),
                   retention_days=pending if pending is not None else az.flow_log_retention_days(enabled, days),
                   kms_key=_store_key(res, stack), holds_audit_data=True)
