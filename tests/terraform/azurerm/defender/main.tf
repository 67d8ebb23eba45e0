# azurerm ~> 4.14: Defender for Cloud plans (as azure_native.defender_plans()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

variable "defender_tier" {
  type = string
}

resource "azurerm_security_center_subscription_pricing" "servers" {
  tier    = "Standard"
  subplan = "P2"
}

resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Free"
  resource_type = "StorageAccounts"
}

# retired into Defender for Servers plan 2: not judged
resource "azurerm_security_center_subscription_pricing" "dns" {
  tier          = "Free"
  resource_type = "Dns"
}

resource "azurerm_security_center_subscription_pricing" "key_vaults" {
  tier          = var.defender_tier
  resource_type = "KeyVaults"
}

# posture management, no threat detection: not judged
resource "azurerm_security_center_subscription_pricing" "posture" {
  tier          = "Free"
  resource_type = "CloudPosture"
}
