"""Where a KMS key becomes a model value.

Whether a key can rotate comes from ``DescribeKey`` (origin and key spec, see `aws_kms`):
``GetKeyRotationStatus`` is asked only of keys that can, and its
``UnsupportedOperationException`` is an answer (the key cannot rotate), not a gap. Who may use a key
is its key policy (``GetKeyPolicy``, the one policy named ``default``), read with `aws_iam_policy`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources import aws_iam_policy, aws_kms
from hitrust_policies.sources.live.aws.collector import Ctx, collector

_UNSUPPORTED = object()
PENDING_DELETION = ("PendingDeletion", "PendingReplicaDeletion")  # KeyState while the deletion waits


@collector(
    "kms-keys",
    service="kms",
    kinds=(CryptoKey,),
    calls=("kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:GetKeyPolicy"),
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
            return CryptoKey(ref, customer_managed=meta, rotation_supported=meta, enabled=meta, rotation_enabled=meta,
                             public_principals=meta, pending_deletion=meta)
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
        policy = ctx.fact("kms:GetKeyPolicy", lambda: kms.get_key_policy(KeyId=kid, PolicyName="default")["Policy"])
        return CryptoKey(ref, customer_managed=customer, rotation_supported=supported, enabled=enabled,
                         rotation_enabled=rotation, public_principals=aws_iam_policy.public_grants(policy),
                         pending_deletion=meta.get("KeyState") in PENDING_DELETION)

    yield from ctx.fan_out(one, ctx.paginate("kms", "ListKeys", "Keys"))
