# azurerm ~> 4.14: custom roles (as azure_native.custom_roles()).
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.14" }
  }
}

provider "azurerm" {
  features {}
}

# the actions a pipeline generates (a data source read during apply, as when its URL depends on a new resource)
locals {
  actions = jsondecode(data.http.role_actions.response_body)
}

resource "azurerm_role_definition" "god_mode" {
  name               = "god-mode"
  role_definition_id = "0d7e0000-0000-4000-8000-0000000000a1"
  scope              = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  assignable_scopes  = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"]

  permissions {
    actions = ["*"]
  }
}

resource "azurerm_role_assignment" "pipeline_god" {
  scope              = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  principal_id       = "7a1e0000-0000-4000-8000-000000000003"
  principal_type     = "ServicePrincipal"
  role_definition_id = azurerm_role_definition.god_mode.role_definition_resource_id
}

resource "azurerm_role_definition" "ops_all_but_rbac" {
  name              = "ops-all-but-rbac"
  scope             = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  assignable_scopes = ["/"]

  permissions {
    actions     = ["*"]
    not_actions = ["Microsoft.Authorization/*/Write"]
  }
}

resource "azurerm_role_definition" "rg_admin" {
  name              = "rg-admin"
  scope             = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  assignable_scopes = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-app"]

  permissions {
    actions = ["*"]
  }
}

resource "azurerm_role_definition" "storage_ops" {
  name              = "storage-ops"
  scope             = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  assignable_scopes = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"]

  permissions {
    actions = ["Microsoft.Storage/*"]
  }
}

# assignable scopes left out: the provider makes them the role's scope, the subscription
resource "azurerm_role_definition" "break_glass" {
  name  = "break-glass"
  scope = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"

  permissions {
    actions = ["*"]
  }
}

# actions from a local only known after apply
resource "azurerm_role_definition" "generated" {
  name              = "generated"
  scope             = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
  assignable_scopes = ["/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"]

  permissions {
    actions = local.actions
  }
}
