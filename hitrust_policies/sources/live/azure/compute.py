"""Where Azure managed disks become `BlockVolume`s and VMs (with their NICs and public IPs) `ComputeInstance`s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import BlockVolume, ComputeInstance, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


@family(
    "managed-disks",
    types=("microsoft.compute/disks",),
    kinds=(BlockVolume,),
    permissions=("Microsoft.Compute/disks/read",),
)
def managed_disks(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[BlockVolume]:
    """Managed disks are always encrypted at rest (see `azure_semantics.disk_encryption`); the key is
        the customer's exactly when a disk encryption set is attached (Azure Policy 702dd420's test)."""
    for row in rows:
        encrypted, key = az.disk_encryption(prop(row, "properties", "encryption", "diskEncryptionSetId"))
        yield BlockVolume(ref=ctx.ref(row), encrypted=encrypted, kms_key=key, kms_key_customer_managed=key is not None)


VM = "microsoft.compute/virtualmachines"
NIC = "microsoft.network/networkinterfaces"
PUBLIC_IP = "microsoft.network/publicipaddresses"


def _public_addresses(vm: dict[str, Any], nics: dict[str, dict[str, Any]],
                      public_ips: dict[str, dict[str, Any]]) -> tuple[str, ...] | Unknown:
    """The public addresses a VM's NICs hold: a public IP's address, or its name while unallocated.
    A NIC the listing does not show is an Unknown: it may hold one."""
    found: list[str] = []
    for ref in prop(vm, "properties", "networkProfile", "networkInterfaces") or []:
        nic_id = str(ref.get("id") or "")
        nic = nics.get(nic_id.lower())
        if nic is None:
            return Unknown(f"network interface {nic_id} of VM {vm.get('name')} not in the Resource Graph listing")
        for config in prop(nic, "properties", "ipConfigurations") or []:
            pip_id = prop(config, "properties", "publicIPAddress", "id")
            if pip_id:
                pip = public_ips.get(str(pip_id).lower())
                found.append(str(prop(pip, "properties", "ipAddress") or "") or str(pip_id).rsplit("/", 1)[-1])
    return tuple(found)


def _ip_forwarding(vm: dict[str, Any], nics: dict[str, dict[str, Any]]) -> bool | Unknown:
    """Does some NIC of the VM forward traffic (``enableIPForwarding``)? A NIC the listing does not show
    is an Unknown, unless a shown one already forwards."""
    missing: Unknown | None = None
    for ref in prop(vm, "properties", "networkProfile", "networkInterfaces") or []:
        nic = nics.get(str(ref.get("id") or "").lower())
        if nic is None:
            missing = Unknown(f"network interface {ref.get('id')} of VM {vm.get('name')} not in the Resource Graph "
                              "listing")
        elif az.nic_ip_forwarding(prop(nic, "properties", "enableIPForwarding")) is True:
            return True
    return missing if missing is not None else False


@family(
    "virtual-machines",
    types=(VM, NIC, PUBLIC_IP),
    kinds=(ComputeInstance,),
    permissions=("Microsoft.Compute/virtualMachines/read", "Microsoft.Network/networkInterfaces/read",
                 "Microsoft.Network/publicIPAddresses/read"),
)
def virtual_machines(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[ComputeInstance]:
    """VMs joined with their network interfaces and those interfaces' public IPs (all in one listing);
    host encryption is ``securityProfile.encryptionAtHost`` (see `azure_semantics.vm_host_encryption`)."""
    by_type: dict[str, dict[str, dict[str, Any]]] = {NIC: {}, PUBLIC_IP: {}}
    for row in rows:
        if row.get("type", "").lower() in by_type:
            by_type[row["type"].lower()][row["id"].lower()] = row
    for row in rows:
        if row.get("type", "").lower() != VM:
            continue
        yield ComputeInstance(
            ref=ctx.ref(row),
            public_addresses=_public_addresses(row, by_type[NIC], by_type[PUBLIC_IP]),
            host_encryption=az.vm_host_encryption(prop(row, "properties", "securityProfile", "encryptionAtHost")),
            ip_forwarding=_ip_forwarding(row, by_type[NIC]),
        )
