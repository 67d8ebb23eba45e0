# azurerm ~> 4.14: MySQL flexible servers, their parameters and Entra administrator (as azure_native.flexible_servers()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "admin_password" {
  type      = string
  sensitive = true
}

variable "require_tls" {
  type = string
}

resource "azurerm_resource_group" "flex" {
  name     = "flex-rg"
  location = "eastus"
}

resource "azurerm_mysql_flexible_server" "phi" {
  name                   = "my-phi"
  resource_group_name    = azurerm_resource_group.flex.name
  location               = azurerm_resource_group.flex.location
  version                = "8.0.21"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "phiadmin"
  administrator_password = var.admin_password
  public_network_access  = "Disabled"
}

resource "azurerm_mysql_flexible_server_active_directory_administrator" "phi" {
  server_id   = azurerm_mysql_flexible_server.phi.id
  identity_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/flex-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"
  login       = "phi-dba-group"
  object_id   = "7b1c2d3e-0000-4000-8000-0000000000ad"
  tenant_id   = "72f988bf-0000-4000-8000-00000000a2b1"
}

resource "azurerm_mysql_flexible_server_configuration" "phi_tls" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.flex.name
  server_name         = azurerm_mysql_flexible_server.phi.name
  value               = "TLSv1.2,TLSv1.3"
}

resource "azurerm_mysql_flexible_server" "legacy" {
  name                   = "my-legacy"
  resource_group_name    = azurerm_resource_group.flex.name
  location               = azurerm_resource_group.flex.location
  version                = "5.7"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "legacy"
  administrator_password = var.admin_password
}

resource "azurerm_mysql_flexible_server_configuration" "legacy_tls" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.flex.name
  server_name         = azurerm_mysql_flexible_server.legacy.name
  value               = "TLSv1,TLSv1.1,TLSv1.2"
}

# in a delegated subnet (public access computed: Disabled), a customer key, plaintext from a variable
resource "azurerm_mysql_flexible_server" "reports" {
  name                   = "my-reports"
  resource_group_name    = azurerm_resource_group.flex.name
  location               = azurerm_resource_group.flex.location
  version                = "8.0.21"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "phiadmin"
  administrator_password = var.admin_password
  delegated_subnet_id    = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/flex-rg/providers/Microsoft.Network/virtualNetworks/data/subnets/mysql"

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/flex-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"]
  }

  customer_managed_key {
    key_vault_key_id                  = "https://kv-phi.vault.azure.net/keys/db"
    primary_user_assigned_identity_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/flex-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"
  }
}

resource "azurerm_mysql_flexible_server_configuration" "reports_plaintext" {
  name                = "require_secure_transport"
  resource_group_name = azurerm_resource_group.flex.name
  server_name         = azurerm_mysql_flexible_server.reports.name
  value               = var.require_tls
}
