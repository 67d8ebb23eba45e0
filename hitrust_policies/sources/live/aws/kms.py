"""Where a KMS key becomes a model value.

Whether a key can rotate comes from ``DescribeKey`` (origin and key spec, see `aws_kms`):
``GetKeyRotationStatus`` is asked only of keys that can, and its
``UnsupportedOperationException`` is an answer (the key cannot rotate), not a gap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources import aws_kms
from hitrust_policies.sources.live.aws.collector import Ctx, collector

_UNSUPPORTED = object()


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
            return CryptoKey(ref, customer_managed=meta, rotation_supported=meta, enabled=meta, rotation_enabled=meta)
        # aws/* aliases are reserved for AWS-managed keys, whatever an emulator reports as KeyManager.
        customer = meta.get("KeyManager") == "CUSTOMER" and not aliases.get(kid, "").startswith("aws/")
        spec = meta.get("KeySpec") or meta.get("CustomerMasterKeySpec") or Unknown("DescribeKey: no KeySpec")
        supported = aws_kms.rotation_supported(meta.get("Origin") or Unknown("DescribeKey: no Origin"), spec)
        enabled = meta.get("KeyState") == "Enabled"
        rotation: bool | Unknown = False
        if customer and supported is not False and enabled:
            status = ctx.fact("kms:GetKeyRotationStatus", lambda: kms.get_key_rotation_status(KeyId=kid),
                              absent={"UnsupportedOperationException": _UNSUPPORTED})
            if status is _UNSUPPORTED:
                supported = False
            elif isinstance(status, Unknown):
                rotation = status
            else:  # KMS answered: the key can rotate
                supported, rotation = True, bool(status.get("KeyRotationEnabled"))
        return CryptoKey(ref, customer_managed=customer, rotation_supported=supported, enabled=enabled,
                         rotation_enabled=rotation)

    yield from ctx.fan_out(one, ctx.paginate("kms", "ListKeys", "Keys"))
