# azurerm ~> 4.14: links a plan cannot resolve: a child naming its server through a local map, and a
# database on a server this configuration does not manage.
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

locals {
  server_ids = { shared = azurerm_mssql_server.shared.id }
}

resource "azurerm_resource_group" "data" {
  name     = "rg-data"
  location = "eastus"
}

resource "azurerm_mssql_server" "shared" {
  name                          = "sql-shared"
  resource_group_name           = azurerm_resource_group.data.name
  location                      = azurerm_resource_group.data.location
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.sql_password
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "shared" {
  server_id              = local.server_ids["shared"]
  log_monitoring_enabled = true
}

data "azurerm_mssql_server" "existing" {
  name                = "sql-existing"
  resource_group_name = "rg-data"
}

resource "azurerm_mssql_database" "reporting" {
  name      = "reporting"
  server_id = data.azurerm_mssql_server.existing.id
}
