"""Managed disks (``azure-native:compute:Disk``) as `BlockVolume`s and VMs (joined with their NICs and public
IPs) as `ComputeInstance`s, as the live scanner has them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import BlockVolume, ComputeInstance, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

DISK = "azure-native:compute:Disk"


@pulumi_adapter(DISK, produces=BlockVolume)
def disk(res: PulumiResource, stack: Stack) -> Iterator[BlockVolume]:
    key_set = res.props.get("encryption.diskEncryptionSetId")
    encrypted, key = az.disk_encryption(None if isinstance(key_set, Unknown) else key_set)
    yield BlockVolume(ref=arm.ref(res, "diskName"), encrypted=encrypted,
                      kms_key=key_set if isinstance(key_set, Unknown) else key,
                      kms_key_customer_managed=key_set if isinstance(key_set, Unknown) else key is not None)


VM = "azure-native:compute:VirtualMachine"
NIC = "azure-native:network:NetworkInterface"
PUBLIC_IP = "azure-native:network:PublicIPAddress"


def _nics(res: PulumiResource, stack: Stack) -> list[PulumiResource] | Unknown:
    """The VM's network interfaces, all created in this stack, or an Unknown saying which is not:
    a reference is matched by its id, or (at preview, id not computed) through the dependencies."""
    refs = res.props.get("networkProfile.networkInterfaces") or []
    if isinstance(refs, Unknown):
        return refs
    depended = [n for n in stack.of_type(NIC) if n.urn in res.property_dependencies.get("networkProfile", ())]
    found: list[PulumiResource] = []
    pending = 0
    for ref in refs:
        nic_id = ref.get("id") if isinstance(ref, dict) else ref
        if isinstance(nic_id, str):
            match = next((n for n in stack.of_type(NIC) if n.props.get("id") == nic_id), None)
            if match is None:
                return Unknown(f"network interface {nic_id} is not created in this stack: its public IPs are "
                               "only visible in a live account")
            found.append(match)
        else:
            pending += 1
    rest = [n for n in depended if n not in found]
    if pending > len(rest):
        return Unknown("computed at preview: a network interface of the VM that this stack does not create")
    return found + rest[:pending] if pending else found


def _public_ips(nic: PulumiResource, stack: Stack) -> list[str] | Unknown:
    """Public IPs on a NIC's IP configurations: the public IP's address (after an update) or name."""
    configs = nic.props.get("ipConfigurations") or []
    if isinstance(configs, Unknown):
        return configs
    pips = [p for p in stack.of_type(PUBLIC_IP) if p.urn in nic.property_dependencies.get("ipConfigurations", ())]
    out: list[str] = []
    for config in configs:
        link = config.get("publicIPAddress") if isinstance(config, dict) else config
        if isinstance(link, Unknown):
            return link
        if not link:
            continue
        pip_id = link.get("id") if isinstance(link, dict) else None
        pip = next((p for p in pips if isinstance(pip_id, str) and p.props.get("id") == pip_id), None)
        out.append(_shown(pip or (pips[0] if len(pips) == 1 else None), pip_id, nic))
    return out


def _shown(pip: PulumiResource | None, pip_id: Any, nic: PulumiResource) -> str:
    """How a finding names a public IP: its address once allocated, else its name or id."""
    address = pip.props.get("ipAddress") if pip else None
    if isinstance(address, str) and address:
        return address
    if pip:
        return arm.physical_name(pip, "publicIpAddressName")
    return pip_id if isinstance(pip_id, str) else f"public IP of {arm.physical_name(nic, 'networkInterfaceName')}"


@pulumi_adapter(VM, produces=ComputeInstance, joins=True)
def virtual_machine(res: PulumiResource, stack: Stack) -> Iterator[ComputeInstance]:
    """A VM with the public IPs of its NICs (joined in the stack, as the live scanner joins Resource
    Graph rows) and ``securityProfile.encryptionAtHost``."""
    nics = _nics(res, stack)
    addresses: tuple[str, ...] | Unknown = nics if isinstance(nics, Unknown) else ()
    if not isinstance(nics, Unknown):
        for nic in nics:
            found = _public_ips(nic, stack)
            if isinstance(found, Unknown):
                addresses = found
                break
            addresses = (*addresses, *found)
    yield ComputeInstance(ref=arm.ref(res, "vmName"), public_addresses=addresses,
                          host_encryption=az.vm_host_encryption(res.props.get("securityProfile.encryptionAtHost")),
                          ip_forwarding=_ip_forwarding(nics))


def _ip_forwarding(nics: list[PulumiResource] | Unknown) -> bool | Unknown:
    """Some NIC forwards (``enableIPForwarding``): known True as soon as one does, else unknown while any is."""
    if isinstance(nics, Unknown):  # the same gap, worded for this fact
        return Unknown(nics.reason.replace("its public IPs are", "its IP forwarding setting is"))
    states = [az.nic_ip_forwarding(n.props.get("enableIPForwarding")) for n in nics]
    if True in [s for s in states if not isinstance(s, Unknown)]:
        return True
    return next((s for s in states if isinstance(s, Unknown)), False)
