"""Managed disks (``azure-native:compute:Disk``) as `BlockVolume`s, as the live scanner has them."""

from __future__ import annotations

from collections.abc import Iterator

from hitrust_policies.model import BlockVolume, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

DISK = "azure-native:compute:Disk"


@pulumi_adapter(DISK, produces=BlockVolume)
def disk(res: PulumiResource, stack: Stack) -> Iterator[BlockVolume]:
    key_set = res.props.get("encryption.diskEncryptionSetId")
    encrypted, key = az.disk_encryption(None if isinstance(key_set, Unknown) else key_set)
    yield BlockVolume(ref=arm.ref(res, "diskName"), encrypted=encrypted,
                      kms_key=key_set if isinstance(key_set, Unknown) else key,
                      kms_key_customer_managed=key_set if isinstance(key_set, Unknown) else key is not None)
