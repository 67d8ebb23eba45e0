"""Where an Azure managed disk becomes a `BlockVolume`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import BlockVolume
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
