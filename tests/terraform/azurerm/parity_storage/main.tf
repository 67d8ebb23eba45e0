# azurerm ~> 4.14: the accounts of tests/pulumi_programs/azure_native.py noncompliant_storage() that have
# no diagnostic settings: anonymous blobs, plain HTTP, and anonymous blobs behind no public endpoint.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "web_rg" {
  name     = "web-rg"
  location = "eastus"
}

resource "azurerm_storage_account" "publicsite" {
  name                            = "publicsite"
  resource_group_name             = azurerm_resource_group.web_rg.name
  location                        = azurerm_resource_group.web_rg.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true

  network_rules {
    default_action = "Allow"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_storage_account" "legacyhttp" {
  name                       = "legacyhttp"
  resource_group_name        = azurerm_resource_group.web_rg.name
  location                   = azurerm_resource_group.web_rg.location
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
  # azurerm sends allowBlobPublicAccess true unless told otherwise; the program's account leaves it to
  # ARM, which creates it false
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_account" "privateonly" {
  name                            = "privateonly"
  resource_group_name             = azurerm_resource_group.web_rg.name
  location                        = azurerm_resource_group.web_rg.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
  public_network_access_enabled   = false
}
