"""Where a KMS key becomes a model value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources.live.aws.collector import Ctx, collector


@collector(
    "kms-keys",
    service="kms",
    kinds=(CryptoKey,),
    calls=("kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases"),
)
def kms_keys(ctx: Ctx) -> Iterator[CryptoKey]:
    kms = ctx.client("kms")
    aliases: dict[str, str] = {}
    for a in ctx.paginate("kms", "ListAliases", "Aliases"):
        if a.get("TargetKeyId"):
            aliases.setdefault(a["TargetKeyId"], a["AliasName"].removeprefix("alias/"))
    def one(k: dict[str, Any]) -> CryptoKey:
        kid = k["KeyId"]
        meta = ctx.fact("kms:DescribeKey", lambda: kms.describe_key(KeyId=kid)["KeyMetadata"])
        ref = ctx.ref("AWS::KMS::Key", k.get("KeyArn") or ctx.arn("kms", f"key/{kid}"), aliases.get(kid, kid))
        if isinstance(meta, Unknown):
            return CryptoKey(ref, customer_managed=meta, symmetric=meta, enabled=meta, rotation_enabled=meta)
        # aws/* aliases are reserved for AWS-managed keys, whatever an emulator reports as KeyManager.
        customer = meta.get("KeyManager") == "CUSTOMER" and not aliases.get(kid, "").startswith("aws/")
        symmetric = meta.get("KeySpec", meta.get("CustomerMasterKeySpec")) == "SYMMETRIC_DEFAULT"
        enabled = meta.get("KeyState") == "Enabled"
        rotation: bool | Unknown = False
        if customer and symmetric and enabled:
            status = ctx.fact("kms:GetKeyRotationStatus", lambda: kms.get_key_rotation_status(KeyId=kid))
            rotation = status if isinstance(status, Unknown) else bool(status.get("KeyRotationEnabled"))
        return CryptoKey(ref, customer_managed=customer, symmetric=symmetric, enabled=enabled,
                         rotation_enabled=rotation)

    yield from ctx.fan_out(one, ctx.paginate("kms", "ListKeys", "Keys"))
