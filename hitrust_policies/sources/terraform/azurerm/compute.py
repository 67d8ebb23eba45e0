"""azurerm managed disks as `BlockVolume`s: always encrypted at rest, with the customer's key when a disk
encryption set is named (``disk_encryption_set_id``, ARM ``encryption.diskEncryptionSetId``)."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import BlockVolume, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.terraform.azurerm import Plan, Planned, azurerm_adapter

DISK = "azurerm_managed_disk"


@azurerm_adapter(DISK, produces=BlockVolume)
def managed_disk(disk: Planned, plan: Plan) -> Iterator[BlockVolume]:
    key_set = disk.get("disk_encryption_set_id")
    encrypted, key = az.disk_encryption(None if isinstance(key_set, Unknown) else key_set)
    yield BlockVolume(ref=disk.ref(), encrypted=encrypted, kms_key=key_set if isinstance(key_set, Unknown) else key,
                      kms_key_customer_managed=key_set if isinstance(key_set, Unknown) else key is not None)
