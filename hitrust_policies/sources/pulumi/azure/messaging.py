"""Service Bus and Event Hubs namespaces as a program creates them: a `MessageQueue` (always encrypted at
rest; the Key Vault key when ``encryption.keySource`` is ``Microsoft.KeyVault``) and a `LocalAuth` (SAS keys
stay on unless ``disableLocalAuth`` is true, Azure's create-time default)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth, MessageQueue, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack


def _key(encryption: Any) -> str | None | Unknown:
    """The namespace's Key Vault key; an Unknown while the block or a key property is still computing."""
    if isinstance(encryption, Unknown):
        return encryption
    keys = (encryption or {}).get("keyVaultProperties")
    pending = arm.first_unknown((encryption or {}).get("keySource"), keys,
                                *(v for k in keys or [] if isinstance(k, dict) for v in k.values()))
    return pending if pending is not None else az.namespace_key(encryption)


@pulumi_adapter("azure-native:servicebus:Namespace", "azure-native:eventhub:Namespace",
                produces=(MessageQueue, LocalAuth))
def namespace(res: PulumiResource, stack: Stack) -> Iterator[MessageQueue | LocalAuth]:
    ref = arm.ref(res, "namespaceName")
    yield MessageQueue(ref=ref, encrypted=True, kms_key=_key(res.props.get("encryption")))
    disable = res.props.get("disableLocalAuth")
    yield LocalAuth(ref, "SAS keys", disable if isinstance(disable, Unknown) else disable is not True)
