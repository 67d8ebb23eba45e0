# azurerm ~> 4.14: Azure SQL servers (firewall rules, auditing, TDE), PostgreSQL flexible servers
# (parameters as separate resources) and managed disks.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "sql_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "data" {
  name     = "rg-data"
  location = "eastus"
}

# hardened: no public endpoint, Entra admin, customer TDE protector, audit kept 90 days
resource "azurerm_mssql_server" "phi" {
  name                                         = "sql-phi"
  resource_group_name                          = azurerm_resource_group.data.name
  location                                     = azurerm_resource_group.data.location
  version                                      = "12.0"
  administrator_login                          = "sqladmin"
  administrator_login_password                 = var.sql_password
  public_network_access_enabled                = false
  transparent_data_encryption_key_vault_key_id = azurerm_key_vault_key.tde.id

  azuread_administrator {
    login_username              = "dba-group"
    object_id                   = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    azuread_authentication_only = true
  }
}

resource "azurerm_mssql_server_extended_auditing_policy" "phi" {
  server_id         = azurerm_mssql_server.phi.id
  storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint
  retention_in_days = 90
}

resource "azurerm_mssql_database" "records" {
  name      = "records"
  server_id = azurerm_mssql_server.phi.id
}

# legacy: no TLS minimum, public with three firewall rules, SQL logins only, no auditing
resource "azurerm_mssql_server" "legacy" {
  name                         = "sql-legacy"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = azurerm_resource_group.data.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
  minimum_tls_version          = "Disabled"
}

resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.legacy.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "azure_services" {
  name             = "azure-services"
  server_id        = azurerm_mssql_server.legacy.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_mssql_server.legacy.id
  start_ip_address = "203.0.113.0"
  end_ip_address   = "203.0.113.255"
}

resource "azurerm_mssql_database" "app" {
  name                                = "app"
  server_id                           = azurerm_mssql_server.legacy.id
  transparent_data_encryption_enabled = false
}

resource "azurerm_mssql_database" "restored" {
  name                        = "restored"
  server_id                   = azurerm_mssql_server.legacy.id
  create_mode                 = "PointInTimeRestore"
  creation_source_database_id = azurerm_mssql_database.app.id
  restore_point_in_time       = "2026-11-28T00:00:00Z"
}

# PostgreSQL in a delegated subnet, Entra logins, customer key, TLS 1.3
resource "azurerm_postgresql_flexible_server" "phi" {
  name                          = "psql-phi"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  storage_mb                    = 65536
  public_network_access_enabled = false
  delegated_subnet_id           = azurerm_subnet.db.id

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  }

  customer_managed_key {
    key_vault_key_id                  = azurerm_key_vault_key.psql.id
    primary_user_assigned_identity_id = azurerm_user_assigned_identity.psql.id
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "phi_tls" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.phi.id
  value     = "TLSv1.3"
}

# public, password logins only, TLS not required
resource "azurerm_postgresql_flexible_server" "legacy" {
  name                = "psql-legacy"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  version             = "16"
  sku_name            = "GP_Standard_D2ds_v5"
  storage_mb          = 65536
  administrator_login = "psqladmin"
}

resource "azurerm_postgresql_flexible_server_configuration" "legacy_plain" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.legacy.id
  value     = "off"
}

# disks: a disk encryption set of this plan (id known after apply), a set's id written out, none
resource "azurerm_managed_disk" "records" {
  name                   = "records"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = azurerm_disk_encryption_set.phi.id
}

resource "azurerm_managed_disk" "archive" {
  name                   = "archive"
  resource_group_name    = azurerm_resource_group.data.name
  location               = azurerm_resource_group.data.location
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 128
  disk_encryption_set_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-data/providers/Microsoft.Compute/diskEncryptionSets/des-phi"
}

resource "azurerm_managed_disk" "scratch" {
  name                 = "scratch"
  resource_group_name  = azurerm_resource_group.data.name
  location             = azurerm_resource_group.data.location
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 128
}

# (azurerm_key_vault_key.tde / .psql, azurerm_storage_account.audit, azurerm_subnet.db,
#  azurerm_user_assigned_identity.psql and azurerm_disk_encryption_set.phi: shared.tf, not shown)
