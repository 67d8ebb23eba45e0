# azurerm ~> 4.14: nested blocks written by a `dynamic` block whose for_each is known only after apply (it
# depends on a resource group id), next to the same blocks left to split resources. The plan shows such a
# block wholly unknown and leaves it out of the configuration, as it shows an Optional+Computed block left
# unwritten: read as UNKNOWN, never as "no rule" / "no subnet" / "provider defaults".
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

locals {
  rules   = { ssh = "22", https = "443" }
  subnets = { app = "10.1.1.0/24" }
}

resource "azurerm_resource_group" "net" {
  name     = "net-rg"
  location = "eastus"
}

resource "azurerm_network_security_group" "dyn" {
  name                = "dyn-nsg"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location

  dynamic "security_rule" {
    for_each = azurerm_resource_group.net.id == "" ? {} : local.rules
    content {
      name                       = security_rule.key
      priority                   = security_rule.value == "22" ? 100 : 110
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value
      source_address_prefix      = "Internet"
      destination_address_prefix = "*"
    }
  }
}

# rules as separate resources: the group's security_rule is only their account
resource "azurerm_network_security_group" "split" {
  name                = "split-nsg"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
}

resource "azurerm_network_security_rule" "split_ssh" {
  name                        = "ssh-in"
  resource_group_name         = azurerm_resource_group.net.name
  network_security_group_name = azurerm_network_security_group.split.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
}

resource "azurerm_virtual_network" "dyn" {
  name                = "dyn"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]

  dynamic "subnet" {
    for_each = azurerm_resource_group.net.id == "" ? {} : local.subnets
    content {
      name             = subnet.key
      address_prefixes = [subnet.value]
    }
  }
}

resource "azurerm_virtual_network" "split" {
  name                = "split"
  resource_group_name = azurerm_resource_group.net.name
  location            = azurerm_resource_group.net.location
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "split_app" {
  name                 = "app"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.split.name
  address_prefixes     = ["10.0.1.0/24"]
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

resource "azurerm_linux_web_app" "dyn" {
  name                = "dyn-app"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  service_plan_id     = azurerm_service_plan.phi.id
  https_only          = true

  dynamic "site_config" {
    for_each = azurerm_resource_group.web.id == "" ? [] : ["1.0"]
    content {
      minimum_tls_version = site_config.value
      ftps_state          = "AllAllowed"
    }
  }
}
