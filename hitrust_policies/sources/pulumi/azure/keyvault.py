"""Key Vault keys and secrets as a program declares them: their expiration dates (`VaultObject`), and each key
as a `CryptoKey` (its ``properties.rotationPolicy``, ARM's shape).

azure-native keeps the ARM ``properties`` wrapper on ``keyvault:Key`` / ``keyvault:Secret`` and names
the expiry ``attributes.expires`` (ARM: ``attributes.exp``), seconds since the epoch; the resource is
named ``<vault>/<key or secret>`` as the live scanner names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import CryptoKey, Unknown, VaultObject
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

KEY = "azure-native:keyvault:Key"
SECRET = "azure-native:keyvault:Secret"
VAULT = "azure-native:keyvault:Vault"
VAULT_NAME = "vaultName"
PENDING_VAULT = "(vault computed at preview)"


def _expires(res: PulumiResource) -> bool | Unknown:
    expires: Any = res.props.get("properties.attributes.expires")
    return expires if isinstance(expires, Unknown) else expires is not None


def _ref(res: PulumiResource, stack: Stack, name_prop: str) -> Any:
    """``<vault>/<name>``: the vault joined through ``vaultName`` (an output of it at preview)."""
    vault = arm.parent(stack, res, VAULT_NAME, (VAULT,), VAULT_NAME)
    vault_name = (arm.physical_name(vault, VAULT_NAME) if vault is not None
                  else res.props.name_candidate(VAULT_NAME) or PENDING_VAULT)
    return arm.ref(res, name_prop, f"{vault_name}/{arm.physical_name(res, name_prop)}")


@pulumi_adapter(KEY, produces=VaultObject, joins=True)
def key(res: PulumiResource, stack: Stack) -> Iterator[VaultObject]:
    yield VaultObject(_ref(res, stack, "keyName"), "key", _expires(res))


@pulumi_adapter(SECRET, produces=VaultObject, joins=True)
def secret(res: PulumiResource, stack: Stack) -> Iterator[VaultObject]:
    yield VaultObject(_ref(res, stack, "secretName"), "secret", _expires(res))


@pulumi_adapter(KEY, produces=CryptoKey, joins=True)
def crypto_key(res: PulumiResource, stack: Stack) -> Iterator[CryptoKey]:
    """As the live scanner sees a key, but the program declares its whole rotation policy: none is no rotation."""
    enabled: Any = res.props.get("properties.attributes.enabled")
    yield CryptoKey(_ref(res, stack, "keyName"), customer_managed=True, rotation_supported=True,
                    enabled=enabled if isinstance(enabled, Unknown) else enabled is not False,
                    rotation_enabled=az.declared_key_rotates(res.props.get("properties.rotationPolicy")),
                    public_principals=(), pending_deletion=None)
