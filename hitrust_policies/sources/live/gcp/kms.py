"""Where a Cloud KMS CryptoKey becomes a `CryptoKey`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, dig, family


@family("kms-keys", asset_types=("cloudkms.googleapis.com/CryptoKey",), kinds=(CryptoKey,), iam=True)
def kms_keys(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[CryptoKey]:
    """Every Cloud KMS key is the customer's; a rotation period set means automatic rotation is on; its
    own IAM policy's ``allUsers`` / ``allAuthenticatedUsers`` members are the public it is open to (an
    unreadable policy: unknown). Keys are named ``key-ring/key``: key names are unique only within their ring."""
    for asset in assets:
        key = data(asset)
        bindings = ctx.bindings(asset)
        purpose = key.get("purpose")
        parts = str(key.get("name") or asset["name"]).split("/")
        yield CryptoKey(
            ref=ctx.ref(asset, name="/".join(parts[-3::2]) if len(parts) >= 3 else None),
            customer_managed=True,
            rotation_supported=gcp.kms_rotation_supported(purpose, dig(key, "versionTemplate", "protectionLevel"),
                                                          key.get("importOnly")),
            enabled=gcp.kms_enabled(purpose, dig(key, "primary", "state")),
            rotation_enabled=bool(key.get("rotationPeriod")),
            public_principals=bindings if isinstance(bindings, Unknown) else tuple(gcp.public_grants(bindings)),
            pending_deletion=None,  # Cloud KMS keys are never deleted, only their versions destroyed
        )
