"""EBS volumes and the regional encryption-by-default switch.

A volume that does not set ``encrypted`` is encrypted exactly when its region's
encryption-by-default is on (or its snapshot was encrypted): unless this stack turns
the switch on, that is a fact of the account, unknown here, not a known False.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import KMS, BlockStorageDefaults, BlockVolume, Unknown
from hitrust_policies.sources.pulumi.aws.s3 import key_customer_managed
from hitrust_policies.sources.pulumi.props import optional, to_bool
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault"
DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey"


def _encrypted(res: PulumiResource, stack: Stack) -> Any:
    value = res.props.get("encrypted")
    if value is not None:
        return to_bool(value)
    switches = [to_bool(s.props.get("enabled"), True) for s in stack.of_type(ENCRYPTION_BY_DEFAULT)]
    if any(s is True for s in switches):
        return True
    return Unknown(
        "encrypted not set: follows the region's EBS encryption-by-default, only visible in a live account"
    )


def _customer_managed(res: PulumiResource, stack: Stack, encrypted: Any, key: Any) -> Any:
    """Is the volume's key the customer's? Without ``kmsKeyId`` it is the region's default EBS key:
    ``aws/ebs`` unless the account (or this stack's ``DefaultKmsKey``, which only takes a
    customer-managed key) changed it."""
    if isinstance(encrypted, Unknown) or encrypted is not True:
        return encrypted if isinstance(encrypted, Unknown) else False
    if key is None:
        if stack.of_type(DEFAULT_KMS_KEY):
            return True
        return Unknown("kmsKeyId not set: the region's default EBS key (aws/ebs unless changed), only visible "
                       "in a live account")
    return key_customer_managed(KMS, key, res.property_dependencies.get("kmsKeyId", ()), stack)


@pulumi_adapter("aws:ebs/volume:Volume", produces=BlockVolume, joins=True)
def volume(res: PulumiResource, stack: Stack) -> Iterator[BlockVolume]:
    key = optional(res.props.get("kmsKeyId"))
    encrypted = _encrypted(res, stack)
    yield BlockVolume(ref=res.ref(), encrypted=encrypted, kms_key=key,
                      kms_key_customer_managed=_customer_managed(res, stack, encrypted, key))


@pulumi_adapter(ENCRYPTION_BY_DEFAULT, produces=BlockStorageDefaults)
def encryption_by_default(res: PulumiResource, stack: Stack) -> Iterator[BlockStorageDefaults]:
    yield BlockStorageDefaults(ref=res.ref(), encrypted_by_default=to_bool(res.props.get("enabled"), True))
