# azurerm ~> 4.14: Service Bus and Event Hubs namespaces (as azure_native.messaging_and_caches()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "sas_keys" {
  type = bool
}

resource "azurerm_resource_group" "integration" {
  name     = "rg-integration"
  location = "eastus"
}

resource "azurerm_servicebus_namespace" "orders" {
  name                         = "sb-orders"
  resource_group_name          = azurerm_resource_group.integration.name
  location                     = azurerm_resource_group.integration.location
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  local_auth_enabled           = false

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.sb.id]
  }

  customer_managed_key {
    key_vault_key_id                  = "https://kv-phi.vault.azure.net/keys/sb-cmk"
    identity_id                       = azurerm_user_assigned_identity.sb.id
    infrastructure_encryption_enabled = false
  }
}

# SAS keys on: the provider's default
resource "azurerm_servicebus_namespace" "legacy" {
  name                = "sb-legacy"
  resource_group_name = azurerm_resource_group.integration.name
  location            = azurerm_resource_group.integration.location
  sku                 = "Standard"
}

resource "azurerm_eventhub_namespace" "telemetry" {
  name                         = "eh-telemetry"
  resource_group_name          = azurerm_resource_group.integration.name
  location                     = azurerm_resource_group.integration.location
  sku                          = "Standard"
  local_authentication_enabled = false
}

resource "azurerm_eventhub_namespace" "claims" {
  name                         = "eh-claims"
  resource_group_name          = azurerm_resource_group.integration.name
  location                     = azurerm_resource_group.integration.location
  sku                          = "Premium"
  local_authentication_enabled = var.sas_keys
}

resource "azurerm_eventhub_namespace_customer_managed_key" "claims" {
  eventhub_namespace_id = azurerm_eventhub_namespace.claims.id
  key_vault_key_ids     = [azurerm_key_vault_key.claims.versionless_id]
}
