# azurerm ~> 4.14: storage accounts, split network rules / customer-managed key, blob diagnostic settings.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "tenants" {
  type    = map(string) # tenant -> network rules default action
  default = { alpha = "Deny", beta = "Allow" }
}

resource "azurerm_resource_group" "phi" {
  name     = "rg-phi"
  location = "eastus"
}

resource "azurerm_resource_group" "sec" {
  name     = "rg-sec"
  location = "eastus"
}

resource "azurerm_log_analytics_workspace" "security" {
  name                = "law-security"
  resource_group_name = azurerm_resource_group.sec.name
  location            = azurerm_resource_group.sec.location
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

resource "azurerm_key_vault" "phi" {
  name                     = "kv-phi-records"
  resource_group_name      = azurerm_resource_group.phi.name
  location                 = azurerm_resource_group.phi.location
  tenant_id                = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "azurerm_key_vault_key" "storage" {
  name         = "storage-cmk"
  key_vault_id = azurerm_key_vault.phi.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

# hardened: CMK by the split resource, network rules inline, every blob access logged
resource "azurerm_storage_account" "records" {
  name                              = "phirecords"
  resource_group_name               = azurerm_resource_group.phi.name
  location                          = azurerm_resource_group.phi.location
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  infrastructure_encryption_enabled = true

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account_customer_managed_key" "records" {
  storage_account_id = azurerm_storage_account.records.id
  key_vault_id       = azurerm_key_vault.phi.id
  key_name           = azurerm_key_vault_key.storage.name
}

resource "azurerm_monitor_diagnostic_setting" "records_blobs" {
  name                       = "records-blobs"
  target_resource_id         = "${azurerm_storage_account.records.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "allLogs"
  }
}

# every legacy switch: plain HTTP, TLS 1.0, anonymous blobs, no network rules
resource "azurerm_storage_account" "legacy" {
  name                            = "legacyexports"
  resource_group_name             = azurerm_resource_group.phi.name
  location                        = azurerm_resource_group.phi.location
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  https_traffic_only_enabled      = false
  min_tls_version                 = "TLS1_0"
  allow_nested_items_to_be_public = true
}

# private endpoints only: anonymous access allowed but unreachable; its logs miss writes and deletes
resource "azurerm_storage_account" "private" {
  name                            = "privatescans"
  resource_group_name             = azurerm_resource_group.phi.name
  location                        = azurerm_resource_group.phi.location
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  public_network_access_enabled   = false
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_account_network_rules" "private" {
  storage_account_id = azurerm_storage_account.private.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
}

resource "azurerm_monitor_diagnostic_setting" "private_reads" {
  name                       = "private-reads"
  target_resource_id         = "${azurerm_storage_account.private.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category = "StorageRead"
  }
}

# one account per tenant, its network rules pinned by each.key, CMK inline
resource "azurerm_storage_account" "tenant" {
  for_each                 = var.tenants
  name                     = "tenant${each.key}data"
  resource_group_name      = azurerm_resource_group.phi.name
  location                 = azurerm_resource_group.phi.location
  account_tier             = "Standard"
  account_replication_type = "GRS"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.data.id]
  }

  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.storage.versionless_id
    user_assigned_identity_id = azurerm_user_assigned_identity.data.id
  }
}

resource "azurerm_storage_account_network_rules" "tenant" {
  for_each           = var.tenants
  storage_account_id = azurerm_storage_account.tenant[each.key].id
  default_action     = each.value
  bypass             = ["AzureServices"]
}

# (azurerm_user_assigned_identity.data is declared in identity.tf, not shown)
