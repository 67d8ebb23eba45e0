# azurerm ~> 4.14: Key Vault keys and secrets (as azure_native.vault_keys_and_secrets()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "sec" {
  name     = "rg-sec"
  location = "eastus"
}

resource "azurerm_key_vault" "phi" {
  name                      = "kv-phi"
  resource_group_name       = azurerm_resource_group.sec.name
  location                  = azurerm_resource_group.sec.location
  tenant_id                 = "72f988bf-0000-4000-8000-00000000a2b1"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_key_vault_key" "cmk" {
  name            = "cmk"
  key_vault_id    = azurerm_key_vault.phi.id
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = "2030-01-01T00:00:00Z"
}

# a rotation policy dates the versions rotation makes, not the one this creates
resource "azurerm_key_vault_key" "forever" {
  name         = "forever"
  key_vault_id = azurerm_key_vault.phi.id
  key_type     = "EC"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P29D"

    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_secret" "db_password" {
  name            = "db-password"
  key_vault_id    = azurerm_key_vault.phi.id
  value           = var.db_password
  expiration_date = "2030-01-01T00:00:00Z"
}

resource "azurerm_key_vault_secret" "api_token" {
  name         = "api-token"
  key_vault_id = azurerm_key_vault.phi.id
  value        = var.db_password
}

# a year from apply time: only known after apply
resource "azurerm_key_vault_secret" "rolling" {
  name            = "rolling"
  key_vault_id    = azurerm_key_vault.phi.id
  value           = var.db_password
  expiration_date = timeadd(timestamp(), "8760h")
}

# in a vault this configuration does not manage
resource "azurerm_key_vault_secret" "shared" {
  name         = "shared-token"
  key_vault_id = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared"
  value        = var.db_password
}
