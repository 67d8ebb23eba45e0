"""Where an Azure managed disk becomes a `BlockVolume`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import BlockVolume
from hitrust_policies.sources.live.azure.families import Ctx, family, prop


@family(
    "managed-disks",
    types=("microsoft.compute/disks",),
    kinds=(BlockVolume,),
    permissions=("Microsoft.Compute/disks/read",),
)
def managed_disks(ctx: Ctx, rows: list[dict[str, Any]]) -> Iterator[BlockVolume]:
    """Managed disks are always encrypted at rest (server-side encryption cannot be turned off);
    the key is the disk encryption set's when the customer manages it."""
    for row in rows:
        yield BlockVolume(
            ref=ctx.ref(row),
            encrypted=True,
            kms_key=prop(row, "properties", "encryption", "diskEncryptionSetId"),
        )
