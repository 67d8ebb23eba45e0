"""Resource Graph rows and ARM documents in Azure's wire shape, for the fake tenant and exports.

Shapes follow what Resource Graph returns for ``resources`` (objectArray rows: lower-cased
``type``, ARM ``properties`` with wire names such as ``supportsHttpsTrafficOnly``,
``networkAcls``, lower-cased ``keyvaultproperties``) and what ARM answers for the extra reads
(diagnostic settings, transparent data encryption). Defaults describe a compliant resource;
keyword arguments make the misconfigurations tests need.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

TENANT = "72f988bf-0000-4000-8000-00000000a2b1"
CREATED = "2025-03-04T10:21:43.1234567Z"


def days_ago(days: int) -> str:
    """A timestamp ``days`` before now in ARM's wire format (seven fractional digits, Z): for ages a scan
    measures at scan time."""
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%f0Z")


def _base(sub: str, group: str, provider: str, kind_path: str, name: str, wire_type: str, location: str,
          properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    row = {
        "id": f"/subscriptions/{sub}/resourceGroups/{group}/providers/{provider}/{kind_path}/{name}",
        "name": name,
        "type": wire_type,
        "tenantId": TENANT,
        "kind": "",
        "location": location,
        "resourceGroup": group.lower(),
        "subscriptionId": sub,
        "managedBy": "",
        "sku": None,
        "plan": None,
        "properties": properties,
        "tags": {},
        "identity": None,
        "zones": None,
        "extendedLocation": None,
    }
    row.update(extra)
    return row


def storage_account(sub: str, name: str, *, group: str = "rg-phi", location: str = "eastus",
                    https_only: bool | None = True, allow_blob_public_access: bool | None = False,
                    public_network_access: str | None = None, default_action: str = "Allow",
                    key_vault_key: tuple[str, str] | None = None, min_tls: str | None = "TLS1_2",
                    allow_shared_key_access: bool | None = None,
                    infrastructure_encryption: bool | None = False,
                    keys_created: tuple[str | None, str | None] = (CREATED, CREATED)) -> dict[str, Any]:
    """A StorageV2 account; ``None`` for a setting leaves the property out (older accounts). ``keys_created``:
    when key1 / key2 were made or last regenerated (`days_ago`); None is the null older accounts carry."""
    services = {svc: {"keyType": "Account", "enabled": True, "lastEnabledTime": CREATED} for svc in ("blob", "file")}
    encryption: dict[str, Any] = {"services": services, "keySource": "Microsoft.Storage"}
    if infrastructure_encryption is not None:
        encryption["requireInfrastructureEncryption"] = infrastructure_encryption
    identity = None
    if key_vault_key:
        vault_uri, key_name = key_vault_key
        encryption["keySource"] = "Microsoft.Keyvault"
        encryption["keyvaultproperties"] = {
            "keyvaulturi": vault_uri, "keyname": key_name, "keyversion": "",
            "currentVersionedKeyIdentifier": f"{vault_uri.rstrip('/')}/keys/{key_name}/3f6b1c0e9a7d4e21",
            "lastKeyRotationTimestamp": CREATED,
        }
        identity = {"type": "SystemAssigned", "principalId": "0c5e6f4a-0000-4000-8000-0000000000aa",
                    "tenantId": TENANT}
    props: dict[str, Any] = {
        "keyCreationTime": {"key1": keys_created[0], "key2": keys_created[1]},
        "allowCrossTenantReplication": False,
        "privateEndpointConnections": [],
        "networkAcls": {"ipv6Rules": [], "bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [],
                        "defaultAction": default_action},
        "encryption": encryption,
        "accessTier": "Hot",
        "provisioningState": "Succeeded",
        "creationTime": CREATED,
        "primaryEndpoints": {"blob": f"https://{name}.blob.core.windows.net/",
                             "file": f"https://{name}.file.core.windows.net/"},
        "primaryLocation": location,
        "statusOfPrimary": "available",
    }
    if min_tls is not None:
        props["minimumTlsVersion"] = min_tls
    if https_only is not None:
        props["supportsHttpsTrafficOnly"] = https_only
    if allow_blob_public_access is not None:
        props["allowBlobPublicAccess"] = allow_blob_public_access
    if public_network_access is not None:
        props["publicNetworkAccess"] = public_network_access
    if allow_shared_key_access is not None:
        props["allowSharedKeyAccess"] = allow_shared_key_access
    return _base(sub, group, "Microsoft.Storage", "storageAccounts", name, "microsoft.storage/storageaccounts",
                 location, props, kind="StorageV2", sku={"name": "Standard_GRS", "tier": "Standard"},
                 identity=identity)


def security_rule(nsg_id: str, name: str, *, priority: int, protocol: str = "Tcp", ports: str | list[str] = "*",
                  sources: str | list[str] = "*", access: str = "Allow", direction: str = "Inbound") -> dict[str, Any]:
    """One NSG rule as ARM nests it inside the NSG: single values or the plural lists."""
    props: dict[str, Any] = {
        "provisioningState": "Succeeded",
        "protocol": protocol,
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "access": access,
        "priority": priority,
        "direction": direction,
        "sourcePortRanges": [],
        "destinationPortRanges": [],
        "sourceAddressPrefixes": [],
        "destinationAddressPrefixes": [],
    }
    if isinstance(ports, list):
        props["destinationPortRanges"] = ports
    else:
        props["destinationPortRange"] = ports
    if isinstance(sources, list):
        props["sourceAddressPrefixes"] = sources
    else:
        props["sourceAddressPrefix"] = sources
    return {"name": name, "id": f"{nsg_id}/securityRules/{name}", "etag": 'W/"5b1a2c3d-0000-4000-8000-000000000001"',
            "type": "Microsoft.Network/networkSecurityGroups/securityRules", "properties": props}


def _default_rules(nsg_id: str) -> list[dict[str, Any]]:
    rules = [
        security_rule(nsg_id, "AllowVnetInBound", priority=65000, protocol="*", sources="VirtualNetwork"),
        security_rule(nsg_id, "AllowAzureLoadBalancerInBound", priority=65001, protocol="*",
                      sources="AzureLoadBalancer"),
        security_rule(nsg_id, "DenyAllInBound", priority=65500, protocol="*", access="Deny"),
        security_rule(nsg_id, "AllowVnetOutBound", priority=65000, protocol="*", sources="VirtualNetwork",
                      direction="Outbound"),
        security_rule(nsg_id, "AllowInternetOutBound", priority=65001, protocol="*", direction="Outbound"),
        security_rule(nsg_id, "DenyAllOutBound", priority=65500, protocol="*", access="Deny", direction="Outbound"),
    ]
    for r in rules:
        r["id"] = r["id"].replace("/securityRules/", "/defaultSecurityRules/")
        r["type"] = "Microsoft.Network/networkSecurityGroups/defaultSecurityRules"
        r["properties"]["description"] = "Default rule"
    return rules


def network_security_group(sub: str, name: str, rules: list[dict[str, Any]] | None = None, *,
                           group: str = "rg-net", location: str = "eastus") -> dict[str, Any]:
    """An NSG with its rules (build them with `security_rule` on `nsg_id`) and the six default rules."""
    nsg_id = nsg_id_of(sub, name, group)
    props = {"provisioningState": "Succeeded", "resourceGuid": "1d2c3b4a-0000-4000-8000-000000000002",
             "securityRules": rules or [], "defaultSecurityRules": _default_rules(nsg_id), "subnets": []}
    return _base(sub, group, "Microsoft.Network", "networkSecurityGroups", name,
                 "microsoft.network/networksecuritygroups", location, props)


def nsg_id_of(sub: str, name: str, group: str = "rg-net") -> str:
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Network/networkSecurityGroups/{name}"


def sql_server(sub: str, name: str, *, group: str = "rg-data", location: str = "eastus",
               public_network_access: str | None = "Disabled", minimal_tls: str | None = "1.2") -> dict[str, Any]:
    props: dict[str, Any] = {"administratorLogin": "phiadmin", "version": "12.0", "state": "Ready",
                             "fullyQualifiedDomainName": f"{name}.database.windows.net",
                             "privateEndpointConnections": [], "restrictOutboundNetworkAccess": "Disabled"}
    if public_network_access is not None:
        props["publicNetworkAccess"] = public_network_access
    if minimal_tls is not None:
        props["minimalTlsVersion"] = minimal_tls
    return _base(sub, group, "Microsoft.Sql", "servers", name, "microsoft.sql/servers", location, props,
                 kind="v12.0")


def sql_database(server: dict[str, Any], name: str, *, system: bool = False) -> dict[str, Any]:
    sub, group = server["subscriptionId"], server["resourceGroup"]
    props = {"collation": "SQL_Latin1_General_CP1_CI_AS", "maxSizeBytes": 34359738368, "status": "Online",
             "databaseId": "6f1e2d3c-0000-4000-8000-000000000003", "creationDate": CREATED,
             "currentServiceObjectiveName": "GP_S_Gen5_1", "catalogCollation": "SQL_Latin1_General_CP1_CI_AS",
             "zoneRedundant": False, "readScale": "Disabled", "currentBackupStorageRedundancy": "Geo",
             "isLedgerOn": False}
    row = _base(sub, group, "Microsoft.Sql", f"servers/{server['name']}/databases", name,
                "microsoft.sql/servers/databases", server["location"], props,
                kind="v12.0,system" if system else "v12.0,user,vcore,serverless",
                sku={"name": "GP_S_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 1})
    row["id"] = f"{server['id']}/databases/{name}"
    return row


def tde(database: dict[str, Any], state: str = "Enabled") -> tuple[str, dict[str, Any]]:
    """(path, document) of a database's ``transparentDataEncryption/current`` for `FakeAzure.put`."""
    path = f"{database['id']}/transparentDataEncryption/current"
    return path, {"id": f"{database['id']}/transparentDataEncryption/Current", "name": "Current",
                  "type": "Microsoft.Sql/servers/databases/transparentDataEncryption",
                  "properties": {"state": state}}


def managed_disk(sub: str, name: str, *, group: str = "rg-vm", location: str = "eastus",
                 disk_encryption_set: str | None = None) -> dict[str, Any]:
    encryption: dict[str, Any] = {"type": "EncryptionAtRestWithPlatformKey"}
    if disk_encryption_set:
        encryption = {"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": disk_encryption_set}
    props = {"osType": "Linux", "hyperVGeneration": "V2",
             "creationData": {"createOption": "FromImage",
                              "imageReference": {"id": "/Subscriptions/x/Providers/Microsoft.Compute/Locations/"
                                                       "eastus/Publishers/canonical/ArtifactTypes/VMImage/Offers/"
                                                       "ubuntu-24_04-lts/Skus/server/Versions/latest"}},
             "diskSizeGB": 30, "diskIOPSReadWrite": 120, "diskMBpsReadWrite": 25, "encryption": encryption,
             "networkAccessPolicy": "AllowAll", "publicNetworkAccess": "Enabled", "timeCreated": CREATED,
             "provisioningState": "Succeeded", "diskState": "Attached", "diskSizeBytes": 32212254720,
             "uniqueId": "9a8b7c6d-0000-4000-8000-000000000004"}
    return _base(sub, group, "Microsoft.Compute", "disks", name, "microsoft.compute/disks", location, props,
                 sku={"name": "Premium_LRS", "tier": "Premium"},
                 managedBy=f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Compute/"
                           f"virtualMachines/{name.split('_')[0]}")


def diagnostic_settings(resource_id: str, *logs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(path, document) of a resource's diagnostic-settings list with one setting to a workspace."""
    setting = {
        "id": f"{resource_id}/providers/microsoft.insights/diagnosticSettings/to-law",
        "type": "Microsoft.Insights/diagnosticSettings", "name": "to-law", "location": None, "kind": None,
        "tags": None, "identity": None,
        "properties": {
            "storageAccountId": None, "serviceBusRuleId": None, "eventHubAuthorizationRuleId": None,
            "eventHubName": None, "logAnalyticsDestinationType": None,
            "workspaceId": "/subscriptions/00000000-0000-4000-8000-00000000000f/resourceGroups/rg-log/providers/"
                           "Microsoft.OperationalInsights/workspaces/law-security",
            "metrics": [{"category": "Transaction", "enabled": True,
                         "retentionPolicy": {"enabled": False, "days": 0}}],
            "logs": [{"category": None, "categoryGroup": None, "enabled": True,
                      "retentionPolicy": {"enabled": False, "days": 0}, **entry} for entry in logs],
        },
    }
    return f"{resource_id}/providers/Microsoft.Insights/diagnosticSettings", {"value": [setting]}


def blob_service_id(account: dict[str, Any]) -> str:
    return f"{account['id']}/blobServices/default"


def key_vault(sub: str, name: str, *, group: str = "rg-sec", location: str = "eastus",
              soft_delete: bool | None = True, purge_protection: bool | None = True, rbac: bool | None = True,
              public_network_access: str | None = "Enabled", default_action: str | None = "Deny") -> dict[str, Any]:
    """A key vault row; ``None`` leaves a property out (vaults made by older API versions)."""
    props: dict[str, Any] = {
        "sku": {"family": "A", "name": "standard"}, "tenantId": TENANT, "accessPolicies": [],
        "enabledForDeployment": False, "enabledForDiskEncryption": False, "enabledForTemplateDeployment": False,
        "softDeleteRetentionInDays": 90, "vaultUri": f"https://{name}.vault.azure.net/",
        "provisioningState": "Succeeded", "privateEndpointConnections": [],
    }
    if default_action is not None:
        props["networkAcls"] = {"bypass": "AzureServices", "defaultAction": default_action, "ipRules": [],
                                "virtualNetworkRules": []}
    for key, value in (("enableSoftDelete", soft_delete), ("enablePurgeProtection", purge_protection),
                       ("enableRbacAuthorization", rbac), ("publicNetworkAccess", public_network_access)):
        if value is not None:
            props[key] = value
    return _base(sub, group, "Microsoft.KeyVault", "vaults", name, "microsoft.keyvault/vaults", location, props)


def vault_key(vault: dict[str, Any], name: str, *, kty: str = "RSA", enabled: bool = True,
              rotate: bool | None = True, expires: int | None = 1893456000) -> dict[str, Any]:
    """A key as ARM lists it under its vault (``Microsoft.KeyVault/vaults/keys``: attributes, no
    material); ``rotate`` None: no rotation policy, False: a policy that only notifies."""
    attributes: dict[str, Any] = {"enabled": enabled, "created": 1741083703, "updated": 1741083703,
                                  "recoveryLevel": "Recoverable", "exportable": False}
    if expires is not None:
        attributes["exp"] = expires
    props: dict[str, Any] = {"attributes": attributes, "kty": kty,
                             "keyOps": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
                             "keySize": 2048 if kty.startswith("RSA") else None,
                             "curveName": "P-256" if kty.startswith("EC") else None,
                             "keyUri": f"{vault['properties']['vaultUri']}keys/{name}",
                             "keyUriWithVersion": f"{vault['properties']['vaultUri']}keys/{name}/5d1c9e2f7a3b4c60"}
    if rotate is not None:
        actions = [{"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "Notify"}}]
        if rotate:
            actions.append({"trigger": {"timeAfterCreate": "P335D"}, "action": {"type": "Rotate"}})
        props["rotationPolicy"] = {"attributes": {"expiryTime": "P1Y", "created": 1741083703,
                                                  "updated": 1741083703}, "lifetimeActions": actions}
    return {"id": f"{vault['id']}/keys/{name}", "name": name, "type": "Microsoft.KeyVault/vaults/keys",
            "location": vault["location"], "tags": {}, "properties": props}


def vault_keys(vault: dict[str, Any], *keys: dict[str, Any],
               next_page: str | None = None) -> tuple[str, dict[str, Any]]:
    """(path, document) of a vault's key listing for `FakeAzure.put`; ``next_page`` the $skiptoken of
    a further page (register it as ``path?$skiptoken=...``)."""
    doc: dict[str, Any] = {"value": list(keys)}
    if next_page:
        doc["nextLink"] = (f"https://management.azure.com{vault['id']}/keys?api-version=2023-07-01"
                           f"&$skiptoken={next_page}")
    return f"{vault['id']}/keys", doc


def sql_firewall_rules(server: dict[str, Any], *ranges: tuple[str, str, str]) -> tuple[str, dict[str, Any]]:
    """(path, document) of a server's firewall rules, each (name, start ip, end ip); the rule Azure
    creates for "Allow Azure services" is ("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0")."""
    value = [{"id": f"{server['id']}/firewallRules/{name}", "name": name, "type": "Microsoft.Sql/servers/firewallRules",
              "properties": {"startIpAddress": start, "endIpAddress": end}} for name, start, end in ranges]
    return f"{server['id']}/firewallRules", {"value": value}


def encryption_protector(server: dict[str, Any], key_type: str = "ServiceManaged") -> tuple[str, dict[str, Any]]:
    """(path, document) of a SQL server's ``encryptionProtector/current`` (``AzureKeyVault``: a customer key)."""
    key = (f"kv-phi_tde_{'0' * 32}" if key_type == "AzureKeyVault" else "ServiceManaged")
    props: dict[str, Any] = {"serverKeyName": key, "serverKeyType": key_type, "autoRotationEnabled": False}
    if key_type == "AzureKeyVault":
        props.update(uri=f"https://kv-phi.vault.azure.net/keys/tde/{'0' * 32}", thumbprint="0A1B2C3D4E5F")
    return f"{server['id']}/encryptionProtector/current", {
        "id": f"{server['id']}/encryptionProtector/current", "name": "current", "kind": "azurekeyvault"
        if key_type == "AzureKeyVault" else "servicemanaged", "location": server["location"],
        "type": "Microsoft.Sql/servers/encryptionProtector", "properties": props}


def sql_administrators(server: dict[str, Any], *logins: str, entra_only: bool = False) -> tuple[str, dict[str, Any]]:
    """(path, document) of a SQL (or MySQL flexible) server's Microsoft Entra administrators listing."""
    kind = "Microsoft.Sql/servers/administrators"
    if "dbformysql" in server["type"].lower():
        kind = "Microsoft.DBforMySQL/flexibleServers/administrators"
    value = [{"id": f"{server['id']}/administrators/ActiveDirectory", "name": "ActiveDirectory", "type": kind,
              "properties": {"administratorType": "ActiveDirectory", "login": login,
                             "sid": "7b1c2d3e-0000-4000-8000-0000000000ad", "tenantId": TENANT,
                             "azureADOnlyAuthentication": entra_only}} for login in logins]
    return f"{server['id']}/administrators", {"value": value}


def sql_auditing(server: dict[str, Any], state: str = "Enabled", *, storage: bool = True,
                 retention_days: int = 90) -> tuple[str, dict[str, Any]]:
    """(path, document) of a SQL server's ``auditingSettings/default``; ``storage`` False writes only to
    Azure Monitor (Log Analytics)."""
    props: dict[str, Any] = {
        "state": state, "retentionDays": retention_days if storage else 0,
        "auditActionsAndGroups": ["SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP",
                                  "BATCH_COMPLETED_GROUP"],
        "isStorageSecondaryKeyInUse": False, "isAzureMonitorTargetEnabled": not storage,
        "isManagedIdentityInUse": False,
        "storageAccountSubscriptionId": server["subscriptionId"] if storage else "00000000-0000-0000-0000-000000000000",
        "storageEndpoint": "https://phiaudits.blob.core.windows.net/" if storage else "",
    }
    return f"{server['id']}/auditingSettings/default", {
        "id": f"{server['id']}/auditingSettings/Default", "name": "Default",
        "type": "Microsoft.Sql/servers/auditingSettings", "properties": props}


def flexible_server(sub: str, name: str, engine: str = "postgres", *, group: str = "rg-data",
                    location: str = "eastus", public_network_access: str | None = "Disabled",
                    customer_key: bool = False, entra_auth: bool | None = True) -> dict[str, Any]:
    """A PostgreSQL (``engine`` "postgres") or MySQL ("mysql") flexible server row; ``entra_auth`` is
    PostgreSQL's ``authConfig.activeDirectoryAuth`` (None: no authConfig, as older servers show)."""
    encryption: dict[str, Any] = {"type": "SystemManaged"}
    if customer_key:
        encryption = {"type": "AzureKeyVault", "primaryKeyURI": f"https://kv-phi.vault.azure.net/keys/db/{'1' * 32}",
                      "primaryUserAssignedIdentityId": f"/subscriptions/{sub}/resourceGroups/{group}/providers/"
                      "Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"}
    network: dict[str, Any] = {}
    if public_network_access is not None:
        network["publicNetworkAccess"] = public_network_access
    if engine == "postgres":
        provider, wire, domain = "Microsoft.DBforPostgreSQL", "microsoft.dbforpostgresql/flexibleservers", "postgres"
        props: dict[str, Any] = {
            "administratorLogin": "phiadmin", "version": "16", "state": "Ready", "minorVersion": "4",
            "storage": {"storageSizeGB": 32, "autoGrow": "Disabled", "tier": "P4", "iops": 120, "type": ""},
            "backup": {"backupRetentionDays": 7, "geoRedundantBackup": "Disabled", "earliestRestoreDate": CREATED},
            "highAvailability": {"mode": "Disabled", "state": "NotEnabled"}, "replicationRole": "Primary",
            "replicaCapacity": 5, "availabilityZone": "1", "network": network, "dataEncryption": encryption,
        }
        if entra_auth is not None:
            props["authConfig"] = {"activeDirectoryAuth": "Enabled" if entra_auth else "Disabled",
                                   "passwordAuth": "Enabled", "tenantId": TENANT if entra_auth else ""}
    else:
        provider, wire, domain = "Microsoft.DBforMySQL", "microsoft.dbformysql/flexibleservers", "mysql"
        props = {
            "administratorLogin": "phiadmin", "version": "8.0.21", "state": "Ready", "availabilityZone": "1",
            "storage": {"storageSizeGB": 20, "iops": 360, "autoGrow": "Enabled", "autoIoScaling": "Enabled",
                        "storageSku": "Premium_LRS", "logOnDisk": "Disabled"},
            "backup": {"backupRetentionDays": 7, "geoRedundantBackup": "Disabled", "earliestRestoreDate": CREATED},
            "highAvailability": {"mode": "Disabled", "state": "NotEnabled"}, "replicationRole": "None",
            "replicaCapacity": 10, "network": network, "dataEncryption": encryption,
        }
    props["fullyQualifiedDomainName"] = f"{name}.{domain}.database.azure.com"
    return _base(sub, group, provider, "flexibleServers", name, wire, location, props,
                 sku={"name": "Standard_B1ms", "tier": "Burstable"})


def server_configuration(server: dict[str, Any], name: str, value: str) -> tuple[str, dict[str, Any]]:
    """(path, document) of one flexible server parameter (``configurations/<name>``)."""
    provider = "Microsoft.DBforMySQL" if "dbformysql" in server["type"].lower() else "Microsoft.DBforPostgreSQL"
    return f"{server['id']}/configurations/{name}", {
        "id": f"{server['id']}/configurations/{name}", "name": name,
        "type": f"{provider}/flexibleServers/configurations",
        "properties": {"value": value, "description": name, "defaultValue": value, "dataType": "Enumeration",
                       "source": "user-override", "isConfigPendingRestart": False, "isDynamicConfig": True,
                       "isReadOnly": False}}


def flexible_firewall_rules(server: dict[str, Any], *ranges: tuple[str, str, str]) -> tuple[str, dict[str, Any]]:
    """(path, document) of a flexible server's firewall rules, each (name, start ip, end ip)."""
    provider = "Microsoft.DBforMySQL" if "dbformysql" in server["type"].lower() else "Microsoft.DBforPostgreSQL"
    value = [{"id": f"{server['id']}/firewallRules/{name}", "name": name,
              "type": f"{provider}/flexibleServers/firewallRules",
              "properties": {"startIpAddress": start, "endIpAddress": end}} for name, start, end in ranges]
    return f"{server['id']}/firewallRules", {"value": value}
# -- activity log, Defender plans, Log Analytics, flow logs ---------------------------------------

ACTIVITY_LOG_CATEGORIES = ("Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy",
                           "Autoscale", "ResourceHealth")


def activity_log_setting(sub: str, name: str, *, workspace: str | None = None, storage_account: str | None = None,
                         categories: tuple[str, ...] = ACTIVITY_LOG_CATEGORIES) -> dict[str, Any]:
    """One subscription diagnostic setting (2021-05-01-preview) exporting ``categories`` of the activity log;
    the other categories are listed disabled, as the portal writes them."""
    return {
        "id": f"/subscriptions/{sub}/providers/microsoft.insights/diagnosticSettings/{name}",
        "type": "Microsoft.Insights/diagnosticSettings", "name": name, "location": "global", "kind": None,
        "tags": None, "identity": None,
        "properties": {
            "storageAccountId": storage_account, "serviceBusRuleId": None, "workspaceId": workspace,
            "eventHubAuthorizationRuleId": None, "eventHubName": None, "marketplacePartnerId": None,
            "logAnalyticsDestinationType": None,
            "logs": [{"category": c, "categoryGroup": None, "enabled": c in categories}
                     for c in ACTIVITY_LOG_CATEGORIES],
        },
    }


def activity_log_settings(sub: str, *settings: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(path, document) of a subscription's diagnostic-settings listing for `FakeAzure.put`."""
    return f"/subscriptions/{sub}/providers/Microsoft.Insights/diagnosticSettings", {"value": list(settings)}


def workspace_id_of(sub: str, name: str, group: str = "rg-log") -> str:
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{name}"


def log_analytics_workspace(sub: str, name: str, *, group: str = "rg-log", location: str = "eastus",
                            retention_days: int | None = 30, cluster: str | None = None) -> dict[str, Any]:
    """A Log Analytics workspace row; ``cluster`` the dedicated cluster's id it is linked to."""
    features: dict[str, Any] = {"legacy": 0, "searchVersion": 1, "enableLogAccessUsingOnlyResourcePermissions": True}
    if cluster:
        features["clusterResourceId"] = cluster
    props: dict[str, Any] = {"provisioningState": "Succeeded", "customerId": "5e0a1b2c-0000-4000-8000-000000000005",
                             "sku": {"name": "PerGB2018", "lastSkuUpdate": CREATED}, "features": features,
                             "workspaceCapping": {"dailyQuotaGb": -1.0, "dataIngestionStatus": "RespectQuota"},
                             "publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Enabled",
                             "createdDate": CREATED, "modifiedDate": CREATED}
    if retention_days is not None:
        props["retentionInDays"] = retention_days
    return _base(sub, group, "Microsoft.OperationalInsights", "workspaces", name,
                 "microsoft.operationalinsights/workspaces", location, props)


def log_analytics_cluster(sub: str, name: str, *, group: str = "rg-log", location: str = "eastus",
                          key: tuple[str, str] | None = None) -> dict[str, Any]:
    """A dedicated Log Analytics cluster; ``key`` (vault uri, key name) its customer-managed key."""
    props: dict[str, Any] = {"clusterId": "7a6b5c4d-0000-4000-8000-000000000006", "provisioningState": "Succeeded",
                             "isDoubleEncryptionEnabled": True, "isAvailabilityZonesEnabled": True,
                             "billingType": "Cluster", "createdDate": CREATED, "lastModifiedDate": CREATED,
                             "associatedWorkspaces": [], "capacityReservationProperties": {"lastSkuUpdate": CREATED,
                                                                                           "minCapacity": 100}}
    if key:
        props["keyVaultProperties"] = {"keyVaultUri": key[0], "keyName": key[1], "keyVersion": "", "keyRsaSize": 2048}
    return _base(sub, group, "Microsoft.OperationalInsights", "clusters", name,
                 "microsoft.operationalinsights/clusters", location, props,
                 sku={"name": "CapacityReservation", "capacity": 100},
                 identity={"type": "SystemAssigned", "principalId": "0c5e6f4a-0000-4000-8000-0000000000bb",
                           "tenantId": TENANT})


def vnet_id_of(sub: str, name: str, group: str = "rg-net") -> str:
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{name}"


def public_ip_address(sub: str, name: str, *, group: str = "rg-vm", location: str = "eastus",
                      address: str | None = "20.119.8.41", version: str = "IPv4") -> dict[str, Any]:
    """A public IP resource; ``address=None``: a Dynamic one not allocated (its VM deallocated)."""
    props: dict[str, Any] = {"provisioningState": "Succeeded", "resourceGuid": "3e4f5a6b-0000-4000-8000-000000000005",
                             "publicIPAddressVersion": version,
                             "publicIPAllocationMethod": "Static" if address else "Dynamic",
                             "idleTimeoutInMinutes": 4, "ipTags": []}
    if address:
        props["ipAddress"] = address
    return _base(sub, group, "Microsoft.Network", "publicIPAddresses", name, "microsoft.network/publicipaddresses",
                 location, props, sku={"name": "Standard" if address else "Basic", "tier": "Regional"})


def network_interface(sub: str, name: str, *, group: str = "rg-vm", location: str = "eastus",
                      subnet_id: str = "", public_ips: list[dict[str, Any] | str | None] | None = None,
                      vm: str | None = None) -> dict[str, Any]:
    """A NIC with one IP configuration per entry of ``public_ips`` (a public IP row or id, or None for a
    private-only configuration); the private addresses are 10.0.0.4 onwards."""
    nic_id = f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Network/networkInterfaces/{name}"
    configs = []
    for i, pip in enumerate(public_ips if public_ips is not None else [None]):
        cfg: dict[str, Any] = {"provisioningState": "Succeeded", "privateIPAddress": f"10.0.0.{4 + i}",
                               "privateIPAllocationMethod": "Dynamic", "privateIPAddressVersion": "IPv4",
                               "primary": i == 0, "subnet": {"id": subnet_id}}
        if pip is not None:
            cfg["publicIPAddress"] = {"id": pip if isinstance(pip, str) else pip["id"]}
        configs.append({"name": f"ipconfig{i + 1}", "id": f"{nic_id}/ipConfigurations/ipconfig{i + 1}",
                        "type": "Microsoft.Network/networkInterfaces/ipConfigurations", "properties": cfg})
    props: dict[str, Any] = {"provisioningState": "Succeeded", "resourceGuid": "4f5a6b7c-0000-4000-8000-000000000006",
                             "ipConfigurations": configs, "dnsSettings": {"dnsServers": []},
                             "enableAcceleratedNetworking": True, "enableIPForwarding": False,
                             "nicType": "Standard", "primary": True}
    if vm:
        props["virtualMachine"] = {"id": f"/subscriptions/{sub}/resourceGroups/{group}/providers/"
                                         f"Microsoft.Compute/virtualMachines/{vm}"}
    return _base(sub, group, "Microsoft.Network", "networkInterfaces", name, "microsoft.network/networkinterfaces",
                 location, props)


def virtual_machine(sub: str, name: str, nics: list[dict[str, Any] | str], *, group: str = "rg-vm",
                    location: str = "eastus", encryption_at_host: bool | None = True) -> dict[str, Any]:
    """A VM on ``nics`` (NIC rows or ids, the first primary); ``encryption_at_host=None`` leaves
    ``securityProfile`` out, as ARM does for a VM created without it."""
    props: dict[str, Any] = {
        "provisioningState": "Succeeded", "vmId": "5a6b7c8d-0000-4000-8000-000000000007",
        "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
        "storageProfile": {"osDisk": {"osType": "Linux", "name": f"{name}_OsDisk", "createOption": "FromImage",
                                      "caching": "ReadWrite", "managedDisk": {"storageAccountType": "Premium_LRS",
                                      "id": f"/subscriptions/{sub}/resourceGroups/{group}/providers/"
                                            f"Microsoft.Compute/disks/{name}_OsDisk"}, "diskSizeGB": 30},
                           "dataDisks": []},
        "osProfile": {"computerName": name, "adminUsername": "azureuser",
                      "linuxConfiguration": {"disablePasswordAuthentication": True}},
        "networkProfile": {"networkInterfaces": [
            {"id": nic if isinstance(nic, str) else nic["id"], "properties": {"primary": i == 0}}
            for i, nic in enumerate(nics)]},
        "timeCreated": CREATED,
    }
    if encryption_at_host is not None:
        props["securityProfile"] = {"encryptionAtHost": encryption_at_host}
    return _base(sub, group, "Microsoft.Compute", "virtualMachines", name, "microsoft.compute/virtualmachines",
                 location, props)


def virtual_network(sub: str, name: str, subnets: dict[str, str | None], *, group: str = "rg-net",
                    location: str = "eastus") -> dict[str, Any]:
    """A virtual network with ``subnets`` {name: the id of its NSG, or None}."""
    vnet = vnet_id_of(sub, name, group)
    items = []
    for i, (subnet, nsg) in enumerate(subnets.items()):
        props: dict[str, Any] = {"provisioningState": "Succeeded", "addressPrefix": f"10.0.{i}.0/24",
                                 "delegations": [], "privateEndpointNetworkPolicies": "Disabled",
                                 "privateLinkServiceNetworkPolicies": "Enabled"}
        if nsg:
            props["networkSecurityGroup"] = {"id": nsg}
        items.append({"name": subnet, "id": f"{vnet}/subnets/{subnet}", "etag": 'W/"3c2b1a00-0000-4000-8000-07"',
                      "type": "Microsoft.Network/virtualNetworks/subnets", "properties": props})
    props = {"provisioningState": "Succeeded", "resourceGuid": "2e3f4a5b-0000-4000-8000-000000000007",
             "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": items, "virtualNetworkPeerings": [],
             "enableDdosProtection": False}
    return _base(sub, group, "Microsoft.Network", "virtualNetworks", name, "microsoft.network/virtualnetworks",
                 location, props)


def flow_log(sub: str, name: str, target: str, *, location: str = "eastus", enabled: bool = True,
             retention_days: int = 90, traffic_analytics_workspace: str | None = None,
             storage_account: str | None = None) -> dict[str, Any]:
    """A Network Watcher flow log (a VNet flow log when ``target`` is a network, subnet or NIC; an NSG
    flow log when it is a network security group), kept in a storage account (its id; default: an account
    ``flowlogs`` in ``rg-log``)."""
    props: dict[str, Any] = {
        "provisioningState": "Succeeded", "targetResourceId": target,
        "targetResourceGuid": "4d5e6f7a-0000-4000-8000-000000000008",
        "storageId": storage_account or (f"/subscriptions/{sub}/resourceGroups/rg-log/providers/Microsoft.Storage/"
                                         "storageAccounts/flowlogs"),
        "enabled": enabled, "retentionPolicy": {"days": retention_days, "enabled": retention_days > 0},
        "format": {"type": "JSON", "version": 2},
    }
    if traffic_analytics_workspace:
        props["flowAnalyticsConfiguration"] = {"networkWatcherFlowAnalyticsConfiguration": {
            "enabled": True, "workspaceId": "5e0a1b2c-0000-4000-8000-000000000005", "workspaceRegion": location,
            "workspaceResourceId": traffic_analytics_workspace, "trafficAnalyticsInterval": 60}}
    row = _base(sub, "NetworkWatcherRG", "Microsoft.Network", f"networkWatchers/NetworkWatcher_{location}/flowLogs",
                name, "microsoft.network/networkwatchers/flowlogs", location, props)
    row["resourceGroup"] = "networkwatcherrg"
    return row


def defender_pricing(sub: str, plan: str, tier: str = "Standard", *, sub_plan: str | None = None,
                     deprecated: bool | None = None) -> dict[str, Any]:
    """A Defender for Cloud plan as Resource Graph's ``securityresources`` table returns it."""
    props: dict[str, Any] = {"pricingTier": tier, "freeTrialRemainingTime": "PT0S"}
    if tier == "Standard":
        props["enablementTime"] = CREATED
    if sub_plan:
        props["subPlan"] = sub_plan
    if deprecated is not None:
        props["deprecated"] = deprecated
        if deprecated:
            props["replacedBy"] = ["VirtualMachines"] if plan == "Dns" else ["Containers"]
    return {"id": f"/subscriptions/{sub}/providers/Microsoft.Security/pricings/{plan}", "name": plan,
            "type": "microsoft.security/pricings", "tenantId": TENANT, "kind": "", "location": "",
            "resourceGroup": "", "subscriptionId": sub, "managedBy": "", "sku": None, "plan": None,
            "properties": props, "tags": None, "identity": None, "zones": None, "extendedLocation": None}


def network_watcher(sub: str, location: str = "eastus", state: str = "Succeeded") -> dict[str, Any]:
    """The Network Watcher Azure creates in ``NetworkWatcherRG`` with a region's first virtual network."""
    row = _base(sub, "NetworkWatcherRG", "Microsoft.Network", "networkWatchers", f"NetworkWatcher_{location}",
                "microsoft.network/networkwatchers", location, {"provisioningState": state})
    row["resourceGroup"] = "networkwatcherrg"
    return row
def _authorization_row(sub: str, scope: str, kind_path: str, name: str, wire_type: str,
                       properties: dict[str, Any]) -> dict[str, Any]:
    """A row of Resource Graph's ``authorizationresources`` table (extension resources: no location)."""
    return {"id": f"{scope}/providers/Microsoft.Authorization/{kind_path}/{name}", "name": name, "type": wire_type,
            "tenantId": TENANT, "kind": "", "location": "", "resourceGroup": "", "subscriptionId": sub,
            "managedBy": "", "sku": None, "plan": None, "properties": properties, "tags": {}, "identity": None,
            "zones": None, "extendedLocation": None}


def role_definition(sub: str, guid: str, role_name: str, *, actions: list[str], not_actions: list[str] | None = None,
                    scopes: list[str] | None = None, custom: bool = True) -> dict[str, Any]:
    """A role definition as ``authorizationresources`` lists it (``properties.type`` CustomRole / BuiltInRole);
    ``scopes`` defaults to the subscription."""
    props = {"roleName": role_name, "type": "CustomRole" if custom else "BuiltInRole",
             "description": "", "permissions": [{"actions": actions, "notActions": not_actions or [],
                                                 "dataActions": [], "notDataActions": []}],
             "assignableScopes": scopes if scopes is not None else [f"/subscriptions/{sub}"],
             "createdOn": CREATED, "updatedOn": CREATED, "createdBy": None, "updatedBy": None}
    return _authorization_row(sub, f"/subscriptions/{sub}", "roleDefinitions", guid,
                              "microsoft.authorization/roledefinitions", props)


def role_assignment(sub: str, guid: str, role_guid: str, principal_id: str, *, principal_type: str = "User",
                    scope: str | None = None) -> dict[str, Any]:
    """A role assignment as ``authorizationresources`` lists it; ``scope`` defaults to the subscription."""
    scope = scope or f"/subscriptions/{sub}"
    props = {"roleDefinitionId": f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}",
             "principalId": principal_id, "principalType": principal_type, "scope": scope,
             "createdOn": CREATED, "updatedOn": CREATED, "createdBy": None, "updatedBy": None, "condition": None,
             "conditionVersion": None, "description": None, "delegatedManagedIdentityResourceId": None}
    return _authorization_row(sub, scope, "roleAssignments", guid, "microsoft.authorization/roleassignments", props)


def vault_secret(vault: dict[str, Any], name: str, *, enabled: bool = True,
                 expires: int | None = 1893456000) -> dict[str, Any]:
    """A secret as ARM lists it under its vault (``Microsoft.KeyVault/vaults/secrets``: attributes, never
    the value); ``expires`` None: no expiration date."""
    attributes: dict[str, Any] = {"enabled": enabled, "created": 1741083703, "updated": 1741083703}
    if expires is not None:
        attributes["exp"] = expires
    props = {"attributes": attributes, "contentType": "text/plain",
             "secretUri": f"{vault['properties']['vaultUri']}secrets/{name}",
             "secretUriWithVersion": f"{vault['properties']['vaultUri']}secrets/{name}/8b2f61d04c7e4a19"}
    return {"id": f"{vault['id']}/secrets/{name}", "name": name, "type": "Microsoft.KeyVault/vaults/secrets",
            "location": vault["location"], "tags": {}, "properties": props}


def vault_secrets(vault: dict[str, Any], *secrets: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(path, document) of a vault's secret listing for `FakeAzure.put`."""
    return f"{vault['id']}/secrets", {"value": list(secrets)}


def container_registry(sub: str, name: str, *, group: str = "rg-apps", location: str = "eastus",
                       admin_user: bool | None = False) -> dict[str, Any]:
    """A Premium container registry; ``admin_user`` None leaves ``adminUserEnabled`` out."""
    props: dict[str, Any] = {"loginServer": f"{name}.azurecr.io", "creationDate": CREATED,
                             "provisioningState": "Succeeded", "publicNetworkAccess": "Enabled",
                             "networkRuleBypassOptions": "AzureServices", "zoneRedundancy": "Disabled",
                             "anonymousPullEnabled": False, "dataEndpointEnabled": False,
                             "policies": {"quarantinePolicy": {"status": "disabled"}}}
    if admin_user is not None:
        props["adminUserEnabled"] = admin_user
    return _base(sub, group, "Microsoft.ContainerRegistry", "registries", name,
                 "microsoft.containerregistry/registries", location, props, sku={"name": "Premium", "tier": "Premium"})


def cosmos_account(sub: str, name: str, *, group: str = "rg-data", location: str = "eastus",
                   disable_local_auth: bool | None = True, api: str | None = None) -> dict[str, Any]:
    """A Cosmos DB account (NoSQL API unless ``api`` names a capability such as ``EnableMongo``);
    ``disable_local_auth`` None leaves the property out."""
    props: dict[str, Any] = {"provisioningState": "Succeeded", "documentEndpoint": f"https://{name}.documents.azure.com:443/",
                             "databaseAccountOfferType": "Standard", "publicNetworkAccess": "Enabled",
                             "capabilities": [{"name": api}] if api else [], "minimalTlsVersion": "Tls12",
                             "locations": [{"locationName": "East US", "failoverPriority": 0}]}
    if disable_local_auth is not None:
        props["disableLocalAuth"] = disable_local_auth
    return _base(sub, group, "Microsoft.DocumentDB", "databaseAccounts", name,
                 "microsoft.documentdb/databaseaccounts", location, props,
                 kind="MongoDB" if api == "EnableMongo" else "GlobalDocumentDB")


def graph_user(object_id: str, user_principal_name: str, *, guest: bool = False) -> tuple[str, dict[str, Any]]:
    """(path, document) of a Microsoft Graph user as ``GET /v1.0/users/{id}?$select=id,userType,
    userPrincipalName`` answers it, for `FakeAzure.put`."""
    doc = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,userType,userPrincipalName)/$entity",
           "id": object_id, "userType": "Guest" if guest else "Member", "userPrincipalName": user_principal_name}
    return f"/v1.0/users/{object_id}", doc


def web_app(sub: str, name: str, *, group: str = "rg-web", location: str = "eastus", https_only: bool | None = True,
            kind: str = "app,linux", identity: str | None = None) -> dict[str, Any]:
    """An App Service app as Resource Graph lists it (``siteConfig`` is not filled there: read
    `site_config`); ``identity``: its managed identity type (SystemAssigned, UserAssigned, both, "None")."""
    props: dict[str, Any] = {"state": "Running", "hostNames": [f"{name}.azurewebsites.net"], "enabled": True,
                             "serverFarmId": f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Web/"
                                             "serverfarms/plan-phi", "reserved": True, "clientCertEnabled": False,
                             "publicNetworkAccess": "Enabled", "siteConfig": None}
    if https_only is not None:
        props["httpsOnly"] = https_only
    return _base(sub, group, "Microsoft.Web", "sites", name, "microsoft.web/sites", location, props, kind=kind,
                 identity=_identity(sub, group, identity) if identity else None)


def _identity(sub: str, group: str, kind: str) -> dict[str, Any]:
    """A resource's ``identity`` as ARM returns it: a principal for a system-assigned identity, a map of
    user-assigned identities by resource id."""
    identity: dict[str, Any] = {"type": kind}
    if "SystemAssigned" in kind:
        identity |= {"principalId": "5d2b7c1e-0000-4000-8000-0000000000b1", "tenantId": TENANT}
    if "UserAssigned" in kind:
        uami = (f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/"
                "userAssignedIdentities/id-app")
        identity["userAssignedIdentities"] = {uami: {"principalId": "5d2b7c1e-0000-4000-8000-0000000000b2",
                                                     "clientId": "5d2b7c1e-0000-4000-8000-0000000000b3"}}
    return identity


def site_config(app: dict[str, Any], *, min_tls: str = "1.2", ftps_state: str = "FtpsOnly",
                remote_debugging: bool = False) -> tuple[str, dict[str, Any]]:
    """(path, document) of the app's ``config/web`` ARM read."""
    path = f"{app['id']}/config/web"
    return path, {"id": path, "name": app["name"], "type": "Microsoft.Web/sites/config", "location": app["location"],
                  "properties": {"numberOfWorkers": 1, "netFrameworkVersion": "v4.0", "linuxFxVersion": "PYTHON|3.12",
                                 "http20Enabled": True, "minTlsVersion": min_tls, "scmMinTlsVersion": "1.2",
                                 "ftpsState": ftps_state, "remoteDebuggingEnabled": remote_debugging,
                                 "remoteDebuggingVersion": "VS2022", "alwaysOn": True}}


def messaging_namespace(sub: str, name: str, service: str = "servicebus", *, group: str = "rg-integration",
                        location: str = "eastus", disable_local_auth: bool | None = False,
                        key_vault_key: tuple[str, str] | None = None, public_network_access: str = "Enabled",
                        min_tls: str = "1.2") -> dict[str, Any]:
    """A Service Bus (``service="servicebus"``) or Event Hubs (``"eventhub"``) namespace as Resource Graph
    lists it; ``key_vault_key`` (vault URI, key name) makes it customer-keyed, ``disable_local_auth`` None
    leaves the property out (namespaces made before it existed)."""
    provider, wire = ("Microsoft.ServiceBus", "microsoft.servicebus/namespaces") if service == "servicebus" else (
        "Microsoft.EventHub", "microsoft.eventhub/namespaces")
    props: dict[str, Any] = {"provisioningState": "Succeeded", "status": "Active", "createdAt": CREATED,
                             "updatedAt": CREATED, "serviceBusEndpoint": f"https://{name}.servicebus.windows.net:443/",
                             "metricId": f"{sub}:{name}", "zoneRedundant": True, "minimumTlsVersion": min_tls,
                             "publicNetworkAccess": public_network_access, "privateEndpointConnections": []}
    if service == "eventhub":
        props.update({"kafkaEnabled": True, "isAutoInflateEnabled": False, "maximumThroughputUnits": 0})
    if disable_local_auth is not None:
        props["disableLocalAuth"] = disable_local_auth
    identity = None
    if key_vault_key:
        vault_uri, key_name = key_vault_key
        identity_id = (f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/"
                       f"userAssignedIdentities/id-{name}")
        props["encryption"] = {"keySource": "Microsoft.KeyVault", "requireInfrastructureEncryption": False,
                               "keyVaultProperties": [{"keyName": key_name, "keyVaultUri": vault_uri, "keyVersion": "",
                                                       "identity": {"userAssignedIdentity": identity_id}}]}
        identity = {"type": "UserAssigned", "tenantId": TENANT, "userAssignedIdentities": {
            identity_id: {"principalId": "0c5e6f4a-0000-4000-8000-0000000000bb",
                          "clientId": "0c5e6f4a-0000-4000-8000-0000000000cc"}}}
    sku = {"name": "Premium", "tier": "Premium", "capacity": 1}
    return _base(sub, group, provider, "namespaces", name, wire, location, props, sku=sku, identity=identity)


def redis_cache(sub: str, name: str, *, group: str = "rg-web", location: str = "eastus",
                non_ssl_port: bool | None = False, min_tls: str | None = "1.2",
                disable_access_keys: bool | None = False) -> dict[str, Any]:
    """An Azure Cache for Redis (Standard C1); None leaves ``enableNonSslPort`` / ``minimumTlsVersion`` /
    ``disableAccessKeyAuthentication`` out."""
    props: dict[str, Any] = {"provisioningState": "Succeeded", "redisVersion": "6.0.14",
                             "sku": {"name": "Standard", "family": "C", "capacity": 1},
                             "hostName": f"{name}.redis.cache.windows.net", "port": 6379, "sslPort": 6380,
                             "publicNetworkAccess": "Enabled",
                             "redisConfiguration": {"maxmemory-policy": "volatile-lru"},
                             "updateChannel": "Stable",
                             "instances": [{"sslPort": 15000, "isMaster": True, "isPrimary": True}]}
    if non_ssl_port is not None:
        props["enableNonSslPort"] = non_ssl_port
    if min_tls is not None:
        props["minimumTlsVersion"] = min_tls
    if disable_access_keys is not None:
        props["disableAccessKeyAuthentication"] = disable_access_keys
    return _base(sub, group, "Microsoft.Cache", "Redis", name, "microsoft.cache/redis", location, props)
