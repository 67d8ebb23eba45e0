# azurerm ~> 4.14: Linux and Windows VMs joined with their network interfaces and public IPs by reference.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "vm" {
  name     = "rg-vm"
  location = "eastus"
}

resource "azurerm_public_ip" "web" {
  name                = "web-pip"
  resource_group_name = azurerm_resource_group.vm.name
  location            = azurerm_resource_group.vm.location
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_network_interface" "web" {
  name                = "web-nic"
  resource_group_name = azurerm_resource_group.vm.name
  location            = azurerm_resource_group.vm.location

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.web.id
  }
}

resource "azurerm_linux_virtual_machine" "web" {
  name                       = "vm-web"
  resource_group_name        = azurerm_resource_group.vm.name
  location                   = azurerm_resource_group.vm.location
  size                       = "Standard_D2s_v5"
  admin_username             = "azureadmin"
  network_interface_ids      = [azurerm_network_interface.web.id]
  encryption_at_host_enabled = true
  # (os_disk, source_image_reference and admin_ssh_key blocks left out here)
}

# a router: its NIC forwards traffic for others
resource "azurerm_network_interface" "router" {
  name                  = "router-nic"
  resource_group_name   = azurerm_resource_group.vm.name
  location              = azurerm_resource_group.vm.location
  ip_forwarding_enabled = true

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_windows_virtual_machine" "router" {
  name                  = "vm-router"
  resource_group_name   = azurerm_resource_group.vm.name
  location              = azurerm_resource_group.vm.location
  size                  = "Standard_D2s_v5"
  admin_username        = "azureadmin"
  admin_password        = var.admin_password
  network_interface_ids = [azurerm_network_interface.router.id]
}

# on a NIC this configuration does not manage
resource "azurerm_linux_virtual_machine" "legacy" {
  name                       = "vm-legacy"
  resource_group_name        = azurerm_resource_group.vm.name
  location                   = azurerm_resource_group.vm.location
  size                       = "Standard_D2s_v5"
  admin_username             = "azureadmin"
  network_interface_ids      = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-vm/providers/Microsoft.Network/networkInterfaces/legacy-nic"]
  encryption_at_host_enabled = false
}

# (azurerm_subnet.app: network.tf, not shown)
