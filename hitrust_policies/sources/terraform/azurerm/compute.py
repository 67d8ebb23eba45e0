"""azurerm managed disks as `BlockVolume`s: always encrypted at rest, with the customer's key when a disk
encryption set is named (``disk_encryption_set_id``, ARM ``encryption.diskEncryptionSetId``); Linux and Windows
VMs as `ComputeInstance`s joined with their network interfaces and public IPs."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import BlockVolume, ComputeInstance, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter

DISK = "azurerm_managed_disk"


@azurerm_adapter(DISK, produces=BlockVolume)
def managed_disk(disk: Planned, plan: Plan) -> Iterator[BlockVolume]:
    key_set = disk.get("disk_encryption_set_id")
    encrypted, key = az.disk_encryption(None if isinstance(key_set, Unknown) else key_set)
    yield BlockVolume(ref=disk.ref(), encrypted=encrypted, kms_key=key_set if isinstance(key_set, Unknown) else key,
                      kms_key_customer_managed=key_set if isinstance(key_set, Unknown) else key is not None)


VMS = ("azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine")
NIC = "azurerm_network_interface"
PUBLIC_IP = "azurerm_public_ip"


def _nics(vm: Planned, plan: Plan) -> list[Planned] | Unknown:
    """The VM's network interfaces (``network_interface_ids``): each id known (an existing NIC: it must be in
    the plan to be read) or, while ids are unknown, the NICs the expression references, one per id."""
    ids = vm.get("network_interface_ids")
    if isinstance(ids, Unknown):
        return ids
    referenced = [n for n in plan.of_type(NIC) if any(r.address == n.address for r in vm.references(
        "network_interface_ids"))]
    found: list[Planned] = []
    pending = 0
    for nic_id in ids or []:
        if isinstance(nic_id, str):
            match = next((n for n in plan.of_type(NIC) if n.get("id") == nic_id), None)
            if match is None:
                return Unknown(f"network interface {nic_id} is not in this plan: its public IPs are only visible "
                               "in a live subscription")
            found.append(match)
        else:
            pending += 1
    rest = [n for n in referenced if n not in found]
    if pending > len(rest):
        return vm.unknown("network_interface_ids (an interface this plan does not create)")
    return found + rest[:pending] if pending else found


def _public_ips(nic: Planned, plan: Plan) -> list[str] | Unknown:
    """Public IPs on the NIC's ``ip_configuration`` blocks: the address once known, else the public IP's name."""
    configs = nic.get("ip_configuration")
    if isinstance(configs, Unknown):
        return configs
    referenced = [p for p in plan.of_type(PUBLIC_IP)
                  if any(r.address == p.address for r in nic.references("ip_configuration"))]
    out: list[str] = []
    for config in configs or []:
        link = config.get("public_ip_address_id") if isinstance(config, dict) else config
        if link is None or (isinstance(link, str) and not link):
            continue
        if isinstance(link, str):
            pip = next((p for p in plan.of_type(PUBLIC_IP) if p.get("id") == link), None)
        elif len(referenced) == 1:
            pip = referenced[0]
        else:
            return link if isinstance(link, Unknown) else Unknown(f"unreadable ip_configuration of {nic.address}")
        address = pip.get("ip_address") if pip else None
        out.append(address if isinstance(address, str) and address else pip.name if pip else str(link))
    return out


@azurerm_adapter(*VMS, produces=ComputeInstance)
def virtual_machine(vm: Planned, plan: Plan) -> Iterator[ComputeInstance]:
    """A VM with the public IPs of its NICs (joined by reference), ``encryption_at_host_enabled``
    (ARM ``securityProfile.encryptionAtHost``) and its NICs' IP forwarding (v4 ``ip_forwarding_enabled``,
    v3 ``enable_ip_forwarding``)."""
    nics = _nics(vm, plan)
    addresses: tuple[str, ...] | Unknown = nics if isinstance(nics, Unknown) else ()
    if not isinstance(nics, Unknown):
        for nic in nics:
            found = _public_ips(nic, plan)
            if isinstance(found, Unknown):
                addresses = found
                break
            addresses = (*addresses, *found)
    yield ComputeInstance(ref=vm.ref(), public_addresses=addresses,
                          host_encryption=az.vm_host_encryption(vm.get("encryption_at_host_enabled")),
                          ip_forwarding=_ip_forwarding(nics))


def _ip_forwarding(nics: list[Planned] | Unknown) -> bool | Unknown:
    if isinstance(nics, Unknown):
        return Unknown(nics.reason.replace("its public IPs are", "its IP forwarding setting is"))
    states = [az.nic_ip_forwarding(n.first("ip_forwarding_enabled", "enable_ip_forwarding")) for n in nics]
    if True in [s for s in states if not isinstance(s, Unknown)]:
        return True
    return next((s for s in states if isinstance(s, Unknown)), False)
