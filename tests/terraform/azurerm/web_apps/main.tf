# azurerm ~> 4.14: App Service and Function apps (as azure_native.web_apps(), plus the provider's defaults).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "https_only" {
  type = bool
}

variable "ftps_state" {
  type = string
}

variable "identity_type" {
  type = string
}

resource "azurerm_resource_group" "web" {
  name     = "rg-web"
  location = "eastus"
}

resource "azurerm_service_plan" "phi" {
  name                = "plan-phi"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "portal" {
  name                = "portal"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  service_plan_id     = azurerm_service_plan.phi.id
  https_only          = true

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version      = "1.2"
    ftps_state               = "FtpsOnly"
    remote_debugging_enabled = false
  }
}

resource "azurerm_windows_web_app" "legacy" {
  name                = "legacy"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  service_plan_id     = azurerm_service_plan.phi.id

  site_config {
    minimum_tls_version      = "1.0"
    ftps_state               = "AllAllowed"
    remote_debugging_enabled = true
  }
}

# the provider sends ftps_state "Disabled" and minimum_tls_version "1.2" when left out
resource "azurerm_linux_web_app" "defaults" {
  name                = "defaults"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  service_plan_id     = azurerm_service_plan.phi.id
  https_only          = true

  site_config {}
}

resource "azurerm_linux_function_app" "jobs" {
  name                 = "func-jobs"
  resource_group_name  = azurerm_resource_group.web.name
  location             = azurerm_resource_group.web.location
  service_plan_id      = azurerm_service_plan.phi.id
  storage_account_name = "funcstate"
  https_only           = var.https_only

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.jobs.id]
  }

  site_config {
    minimum_tls_version = "1.1"
    ftps_state          = var.ftps_state
  }
}

resource "azurerm_windows_function_app" "billing" {
  name                 = "func-billing"
  resource_group_name  = azurerm_resource_group.web.name
  location             = azurerm_resource_group.web.location
  service_plan_id      = azurerm_service_plan.phi.id
  storage_account_name = "funcstate"
  https_only           = true

  identity {
    type = var.identity_type
  }

  site_config {
    remote_debugging_enabled = true
  }
}
