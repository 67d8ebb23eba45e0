"""KMS keys: provider defaults are rotation off, enabled, symmetric (``SYMMETRIC_DEFAULT``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown
from hitrust_policies.sources.pulumi.props import to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _symmetric(spec: Any) -> Any:
    return spec if isinstance(spec, Unknown) else spec == "SYMMETRIC_DEFAULT"


@pulumi_adapter("aws:kms/key:Key", produces=CryptoKey)
def key(res: PulumiResource, stack: Stack) -> Iterator[CryptoKey]:
    yield CryptoKey(
        ref=res.ref(),
        customer_managed=True,
        symmetric=_symmetric(res.props.get("customerMasterKeySpec", "SYMMETRIC_DEFAULT")),
        enabled=to_bool(res.props.get("isEnabled"), True),
        rotation_enabled=to_bool(res.props.get("enableKeyRotation"), False),
    )
