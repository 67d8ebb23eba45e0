"""Services' own keys as a program creates them (`LocalAuth`): a storage account's shared key, a container
registry's admin user, a Cosmos DB account's keys. A property left out takes Azure's create-time default:
shared key allowed (``allowSharedKeyAccess`` null means true), admin user off, Cosmos DB keys on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import LocalAuth, Unknown
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.sources.pulumi.azure import arm
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

STORAGE_ACCOUNT = "azure-native:storage:StorageAccount"
REGISTRY = "azure-native:containerregistry:Registry"
COSMOS_ACCOUNT = "azure-native:cosmosdb:DatabaseAccount"


@pulumi_adapter(STORAGE_ACCOUNT, produces=LocalAuth)
def storage_shared_key(res: PulumiResource, stack: Stack) -> Iterator[LocalAuth]:
    allow = res.props.get("allowSharedKeyAccess")
    yield LocalAuth(arm.ref(res, "accountName"), "shared key",
                    allow if isinstance(allow, Unknown) else az.shared_key_allowed(allow))


@pulumi_adapter(REGISTRY, produces=LocalAuth)
def registry_admin_user(res: PulumiResource, stack: Stack) -> Iterator[LocalAuth]:
    admin = res.props.get("adminUserEnabled")
    yield LocalAuth(arm.ref(res, "registryName"), "admin user", admin if isinstance(admin, Unknown) else admin is True)


@pulumi_adapter(COSMOS_ACCOUNT, produces=LocalAuth)
def cosmos_account_keys(res: PulumiResource, stack: Stack) -> Iterator[LocalAuth]:
    disable: Any = res.props.get("disableLocalAuth")
    capabilities: Any = res.props.get("capabilities")
    pending = arm.first_unknown(disable, capabilities)
    if pending is not None:
        yield LocalAuth(arm.ref(res, "accountName"), "account keys", pending)
        return
    enabled = az.cosmos_local_auth(disable, [c for c in capabilities or [] if not isinstance(c, Unknown)])
    if enabled is not None:
        yield LocalAuth(arm.ref(res, "accountName"), "account keys", enabled)
