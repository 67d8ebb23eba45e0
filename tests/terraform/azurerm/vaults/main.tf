# azurerm ~> 4.14: key vaults, their network ACLs and audit diagnostic settings.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
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
  name                      = "kv-phi-records"
  resource_group_name       = azurerm_resource_group.phi.name
  location                  = azurerm_resource_group.phi.location
  tenant_id                 = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  sku_name                  = "premium"
  purge_protection_enabled  = true
  enable_rbac_authorization = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_monitor_diagnostic_setting" "phi_audit" {
  name                       = "phi-audit"
  target_resource_id         = azurerm_key_vault.phi.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "audit"
  }
}

# the provider's defaults: no purge protection, access policies, every network admitted
resource "azurerm_key_vault" "legacy" {
  name                = "kv-legacy-apps"
  resource_group_name = azurerm_resource_group.phi.name
  location            = azurerm_resource_group.phi.location
  tenant_id           = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  sku_name            = "premium"
}

# policy evaluation details only: no audit events
resource "azurerm_monitor_diagnostic_setting" "legacy_policy" {
  name                       = "legacy-policy"
  target_resource_id         = azurerm_key_vault.legacy.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category = "AzurePolicyEvaluationDetails"
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "kv-private"
  resource_group_name           = azurerm_resource_group.phi.name
  location                      = azurerm_resource_group.phi.location
  tenant_id                     = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  enable_rbac_authorization     = false
  public_network_access_enabled = false
}
