# azurerm ~> 4.14: virtual networks, subnets and their NSGs, flow logs (as azure_native.flow_logged_networks()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "net" {
  name     = "net-rg"
  location = "eastus"
}

# the records' store: a customer-keyed account with no public endpoint
resource "azurerm_storage_account" "flowlogs" {
  name                            = "flowlogs"
  resource_group_name             = azurerm_resource_group.net.name
  location                        = azurerm_resource_group.net.location
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  public_network_access_enabled   = false
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = false

  customer_managed_key {
    key_vault_key_id          = "https://kv-phi.vault.azure.net/keys/flowlogs-cmk"
    user_assigned_identity_id = azurerm_user_assigned_identity.f.id
  }
}

resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
}

resource "azurerm_network_security_group" "app" {
  name                = "app-nsg"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
}

# a VNet flow log on the hub
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]

  subnet {
    name             = "web"
    address_prefixes = ["10.0.1.0/24"]
    security_group   = azurerm_network_security_group.web.id
  }

  subnet {
    name             = "GatewaySubnet"
    address_prefixes = ["10.0.255.0/27"]
  }
}

resource "azurerm_network_watcher_flow_log" "hub" {
  name                 = "hub-flows"
  network_watcher_name = "NetworkWatcher_eastus"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.hub.id
  storage_account_id   = azurerm_storage_account.flowlogs.id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 365
  }
}

# separate subnets, each with an NSG that has an NSG flow log
resource "azurerm_virtual_network" "spoke_nsg" {
  name                = "spoke-nsg"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "spoke_web" {
  name                 = "web"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke_nsg.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_subnet" "spoke_app" {
  name                 = "app"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.spoke_nsg.name
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "spoke_web" {
  subnet_id                 = azurerm_subnet.spoke_web.id
  network_security_group_id = azurerm_network_security_group.web.id
}

resource "azurerm_subnet_network_security_group_association" "spoke_app" {
  subnet_id                 = azurerm_subnet.spoke_app.id
  network_security_group_id = azurerm_network_security_group.app.id
}

resource "azurerm_network_watcher_flow_log" "web_nsg" {
  name                      = "web-nsg-flows"
  network_watcher_name      = "NetworkWatcher_eastus"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.web.id
  storage_account_id        = azurerm_storage_account.flowlogs.id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 365
  }
}

resource "azurerm_network_watcher_flow_log" "app_nsg" {
  name                      = "app-nsg-flows"
  network_watcher_name      = "NetworkWatcher_eastus"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.app.id
  storage_account_id        = azurerm_storage_account.flowlogs.id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 90
  }
}

# its db subnet: no NSG, no flow log
resource "azurerm_virtual_network" "spoke_partial" {
  name                = "spoke-partial"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]

  subnet {
    name             = "web"
    address_prefixes = ["10.0.1.0/24"]
    security_group   = azurerm_network_security_group.web.id
  }

  subnet {
    name             = "db"
    address_prefixes = ["10.0.2.0/24"]
  }
}

# its VNet flow log is switched off
resource "azurerm_virtual_network" "spoke_disabled" {
  name                = "spoke-disabled"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]

  subnet {
    name             = "data"
    address_prefixes = ["10.0.3.0/24"]
  }
}

resource "azurerm_network_watcher_flow_log" "off" {
  name                 = "off-flows"
  network_watcher_name = "NetworkWatcher_eastus"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.spoke_disabled.id
  storage_account_id   = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/net-rg/providers/Microsoft.Storage/storageAccounts/flowlogs2"
  enabled              = false

  retention_policy {
    enabled = true
    days    = 365
  }
}

# an association for "some subnet of a local map": which one is only known after apply
resource "azurerm_virtual_network" "batch" {
  name                = "batch"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "batch" {
  name                 = "jobs"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.batch.name
  address_prefixes     = ["10.1.0.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "shared" {
  subnet_id                 = local.subnet_ids["jobs"]
  network_security_group_id = azurerm_network_security_group.app.id
}
