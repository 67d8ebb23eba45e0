# azurerm ~> 3.116: v3 attribute names (enable_https_traffic_only; nested items public unless set),
# v3 diagnostic `log` blocks, and links only known after apply.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.116" }
  }
}

provider "azurerm" {
  features {}
}

locals {
  account_ids = { archive = azurerm_storage_account.archive.id }
  vault_ids   = { archive = azurerm_key_vault.archive.id }
}

resource "azurerm_resource_group" "archive" {
  name     = "rg-archive"
  location = "eastus"
}

resource "azurerm_storage_account" "archive" {
  name                              = "archivev3"
  resource_group_name               = azurerm_resource_group.archive.name
  location                          = azurerm_resource_group.archive.location
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  min_tls_version                   = "TLS1_1"
  infrastructure_encryption_enabled = true

  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.archive.versionless_id
    user_assigned_identity_id = azurerm_user_assigned_identity.a.id
  }
}

# which account these rules belong to is looked up in a local map: known after apply only
resource "azurerm_storage_account_network_rules" "shared" {
  storage_account_id = local.account_ids["archive"]
  default_action     = "Deny"
}

resource "azurerm_monitor_diagnostic_setting" "archive_blobs" {
  name               = "archive-blobs"
  target_resource_id = "${azurerm_storage_account.archive.id}/blobServices/default"
  storage_account_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/Microsoft.Storage/storageAccounts/auditlogs"

  log {
    category = "StorageRead"
    enabled  = true
    retention_policy {
      enabled = false
      days    = 0
    }
  }
  log {
    category = "StorageWrite"
    enabled  = true
    retention_policy {
      enabled = false
      days    = 0
    }
  }
  log {
    category = "StorageDelete"
    enabled  = true
    retention_policy {
      enabled = false
      days    = 0
    }
  }
}

resource "azurerm_key_vault" "archive" {
  name                          = "kv-archive"
  resource_group_name           = azurerm_resource_group.archive.name
  location                      = azurerm_resource_group.archive.location
  tenant_id                     = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  enable_rbac_authorization     = true
  public_network_access_enabled = false
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name               = "vault-audit"
  target_resource_id = local.vault_ids["archive"]
  storage_account_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/Microsoft.Storage/storageAccounts/auditlogs"

  enabled_log {
    category = "AuditEvent"
  }
}

# SSH from an address only known after apply
resource "azurerm_network_security_group" "bastion" {
  name                = "bastion-nsg"
  resource_group_name = azurerm_resource_group.archive.name
  location            = azurerm_resource_group.archive.location
}

resource "azurerm_network_security_rule" "office_ssh" {
  name                        = "office-ssh"
  resource_group_name         = azurerm_resource_group.archive.name
  network_security_group_name = azurerm_network_security_group.bastion.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  destination_address_prefix  = "*"
  source_address_prefix       = azurerm_public_ip.office.ip_address
}

# (azurerm_key_vault_key.archive, azurerm_user_assigned_identity.a and azurerm_public_ip.office: keys.tf, not shown)
