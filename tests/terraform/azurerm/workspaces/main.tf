# azurerm ~> 4.14: Log Analytics workspaces, their cluster key and the audit data sent there (as azure_native.logging_workspaces()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

locals {
  ops_category = azurerm_log_analytics_workspace.ops.tags["export"]
}

variable "retention" {
  type = number
}

resource "azurerm_resource_group" "log" {
  name     = "rg-log"
  location = "eastus"
}

resource "azurerm_log_analytics_cluster" "law" {
  name                = "law-cluster"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  size_gb             = 100

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_log_analytics_cluster_customer_managed_key" "law" {
  log_analytics_cluster_id = azurerm_log_analytics_cluster.law.id
  key_vault_key_id         = "https://kv-phi.vault.azure.net/keys/law-cmk"
}

resource "azurerm_log_analytics_workspace" "audit" {
  name                = "law-audit"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

resource "azurerm_log_analytics_linked_service" "audit_cluster" {
  resource_group_name = azurerm_resource_group.log.name
  workspace_id        = azurerm_log_analytics_workspace.audit.id
  write_access_id     = azurerm_log_analytics_cluster.law.id
}

resource "azurerm_log_analytics_workspace" "activity" {
  name                = "law-activity"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  sku                 = "PerGB2018"
  retention_in_days   = 90
}

resource "azurerm_monitor_diagnostic_setting" "export_activity" {
  name                       = "export-activity"
  target_resource_id         = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.activity.id

  enabled_log {
    category = "Administrative"
  }

  enabled_log {
    category = "Security"
  }

  enabled_log {
    category = "Alert"
  }

  enabled_log {
    category = "Policy"
  }
}

resource "azurerm_monitor_diagnostic_setting" "export_admin" {
  name                       = "export-admin"
  target_resource_id         = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.audit.id

  enabled_log {
    category = "Administrative"
  }
}

# retention left to Azure (30 days); flow-log traffic analytics lands here
resource "azurerm_log_analytics_workspace" "flows" {
  name                = "law-flows"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  sku                 = "PerGB2018"
}

resource "azurerm_network_watcher_flow_log" "hub" {
  name                 = "hub-flows"
  network_watcher_name = "NetworkWatcher_eastus"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub"
  storage_account_id   = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/Microsoft.Storage/storageAccounts/flowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 365
  }

  traffic_analytics {
    enabled               = true
    workspace_id          = azurerm_log_analytics_workspace.flows.workspace_id
    workspace_region      = "eastus"
    workspace_resource_id = azurerm_log_analytics_workspace.flows.id
  }
}

resource "azurerm_log_analytics_workspace" "apps" {
  name                = "law-apps"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  sku                 = "PerGB2018"
  retention_in_days   = 30
}

# retention and the exported category only known after apply
resource "azurerm_log_analytics_workspace" "ops" {
  name                = "law-ops"
  resource_group_name = azurerm_resource_group.log.name
  location            = azurerm_resource_group.log.location
  sku                 = "PerGB2018"
  retention_in_days   = var.retention
}

resource "azurerm_monitor_diagnostic_setting" "export_ops" {
  name                       = "export-ops"
  target_resource_id         = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.ops.id

  enabled_log {
    category = local.ops_category
  }
}
