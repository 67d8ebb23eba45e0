# azurerm ~> 3.116: the retired azurerm_app_service / azurerm_function_app (min_tls_version; ftps_state computed).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.116" }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "web" {
  name     = "rg-web"
  location = "eastus"
}

resource "azurerm_app_service_plan" "phi" {
  name                = "asp-phi"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  kind                = "Linux"
  reserved            = true

  sku {
    tier = "PremiumV3"
    size = "P1v3"
  }
}

resource "azurerm_app_service" "intake" {
  name                = "intake-v3"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  app_service_plan_id = azurerm_app_service_plan.phi.id
  https_only          = true

  identity {
    type = "SystemAssigned"
  }

  site_config {
    min_tls_version = "1.2"
    ftps_state      = "FtpsOnly"
  }
}

# TLS floor and FTP left to Azure: only known after apply
resource "azurerm_app_service" "reports" {
  name                = "reports-v3"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  app_service_plan_id = azurerm_app_service_plan.phi.id

  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_function_app" "etl" {
  name                 = "etl-v3"
  resource_group_name  = azurerm_resource_group.web.name
  location             = azurerm_resource_group.web.location
  app_service_plan_id  = azurerm_app_service_plan.phi.id
  storage_account_name = "funcstate"
  https_only           = true

  site_config {
    min_tls_version = "1.0"
    ftps_state      = "Disabled"
  }
}
