# azurerm ~> 4.14: services' own keys: container registries, Cosmos DB accounts, Redis caches (as azure_native.local_auth() and messaging_and_caches()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "keys_off" {
  type = bool
}

resource "azurerm_resource_group" "apps" {
  name     = "apps-rg"
  location = "eastus"
}

resource "azurerm_resource_group" "integration" {
  name     = "integration-rg"
  location = "eastus"
}

resource "azurerm_container_registry" "legacy" {
  name                = "acrlegacy"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  sku                 = "Basic"
  admin_enabled       = true
}

resource "azurerm_container_registry" "phi" {
  name                = "acrphi"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  sku                 = "Premium"
}

resource "azurerm_cosmosdb_account" "phi" {
  name                          = "cosmos-phi"
  resource_group_name           = azurerm_resource_group.apps.name
  location                      = azurerm_resource_group.apps.location
  offer_type                    = "Standard"
  local_authentication_disabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "keys" {
  name                = "cosmos-keys"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
}

# the MongoDB API authenticates with keys only: not judged
resource "azurerm_cosmosdb_account" "mongo" {
  name                = "cosmos-mongo"
  resource_group_name = azurerm_resource_group.apps.name
  location            = azurerm_resource_group.apps.location
  offer_type          = "Standard"
  kind                = "MongoDB"

  capabilities {
    name = "EnableMongo"
  }

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "toggled" {
  name                          = "cosmos-toggled"
  resource_group_name           = azurerm_resource_group.apps.name
  location                      = azurerm_resource_group.apps.location
  offer_type                    = "Standard"
  local_authentication_disabled = var.keys_off

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
}

resource "azurerm_redis_cache" "sessions" {
  name                               = "redis-sessions"
  resource_group_name                = azurerm_resource_group.integration.name
  location                           = azurerm_resource_group.integration.location
  capacity                           = 1
  family                             = "C"
  sku_name                           = "Standard"
  access_keys_authentication_enabled = false
}

resource "azurerm_redis_cache" "plain" {
  name                 = "redis-plain"
  resource_group_name  = azurerm_resource_group.integration.name
  location             = azurerm_resource_group.integration.location
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true
}

resource "azurerm_redis_cache" "tls10" {
  name                = "redis-tls10"
  resource_group_name = azurerm_resource_group.integration.name
  location            = azurerm_resource_group.integration.location
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.0"
}
