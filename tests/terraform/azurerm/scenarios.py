"""The scenarios of tests/terraform/azurerm/<name>/main.tf, as `build_plans` resources."""

from __future__ import annotations

from build_plans import UNKNOWN, R, plan, ref  # type: ignore[import-not-found]

V4, V3 = "~> 4.14", "~> 3.116"
ACCOUNT_COMPUTED = ("id", "primary_blob_endpoint", "primary_access_key", "secondary_access_key",
                    "primary_connection_string", "secondary_connection_string", "primary_blob_connection_string",
                    "network_rules", "blob_properties", "queue_properties", "share_properties", "routing",
                    "customer_managed_key", "identity")
ACCOUNT_SENSITIVE = ("primary_access_key", "secondary_access_key", "primary_connection_string",
                     "secondary_connection_string", "primary_blob_connection_string")


def _account_defaults(version: str) -> dict:
    common = {"account_kind": "StorageV2", "access_tier": "Hot", "cross_tenant_replication_enabled": False,
              "default_to_oauth_authentication": False, "edge_zone": None, "infrastructure_encryption_enabled": False,
              "is_hns_enabled": False, "large_file_share_enabled": None, "local_user_enabled": True,
              "min_tls_version": "TLS1_2", "nfsv3_enabled": False, "public_network_access_enabled": True,
              "queue_encryption_key_type": "Service", "sftp_enabled": False, "shared_access_key_enabled": True,
              "table_encryption_key_type": "Service", "tags": None, "timeouts": None,
              "allowed_copy_scope": None, "dns_endpoint_type": "Standard"}
    # nested items may be public unless set (v3 and v4 alike, unlike ARM's default for new accounts)
    common["allow_nested_items_to_be_public"] = True
    if version == V4:
        return {**common, "https_traffic_only_enabled": True}
    return {**common, "enable_https_traffic_only": True}


def account(address: str, version: str, rg: str, index: object = None, **attrs: object) -> R:
    written = {**rg_args(rg), "account_tier": "Standard", "account_replication_type": "GRS", **attrs}
    return R(address, written, _account_defaults(version),
             computed=tuple(c for c in ACCOUNT_COMPUTED if c not in written), sensitive=ACCOUNT_SENSITIVE, index=index)


def _rg(name: str) -> str:
    return name.removeprefix("rg-").replace("-", "_")


def group(name: str) -> R:
    return R(f"azurerm_resource_group.{_rg(name)}", {"name": name, "location": "eastus"}, {"tags": None,
                                                                                         "timeouts": None,
                                                                                         "managed_by": None})


def rg_args(rg: str) -> dict:
    group = f"azurerm_resource_group.{_rg(rg)}"
    return {"resource_group_name": ref(rg, f"{group}.name", group),
            "location": ref("eastus", f"{group}.location", group)}


def _id(address: str) -> object:
    base = address.split("[", 1)[0]
    refs = [f"{address}.id", address] if "[" in address and '"' in address else [f"{base}.id", base]
    return ref(UNKNOWN, *refs)


def diagnostic(address: str, target: object, logs: list[dict], workspace: bool = True, **attrs: object) -> R:
    written: dict = {"name": address.split(".")[-1].replace("_", "-"), "target_resource_id": target,
                     "enabled_log": logs, **attrs}
    if workspace:
        written["log_analytics_workspace_id"] = ref(UNKNOWN, "azurerm_log_analytics_workspace.security.id",
                                                    "azurerm_log_analytics_workspace.security")
    return R(address, written, {"eventhub_authorization_rule_id": None, "eventhub_name": None,
                                "log_analytics_destination_type": None, "partner_solution_id": None,
                                "storage_account_id": None, "metric": [], "timeouts": None},
             computed=("id", "log_analytics_destination_type") if workspace else ("id",))


WORKSPACE = R("azurerm_log_analytics_workspace.security", {"name": "law-security", **rg_args("rg-sec"),
                                                           "sku": "PerGB2018", "retention_in_days": 365},
              {"tags": None, "timeouts": None}, computed=("id", "workspace_id", "primary_shared_key"),
              sensitive=("primary_shared_key",))


def vault(address: str, name: str, rg: str, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args(rg), "tenant_id": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
                       "sku_name": "premium", **attrs},
             {"enable_rbac_authorization": None, "enabled_for_deployment": None,
              "enabled_for_disk_encryption": None, "enabled_for_template_deployment": None,
              "public_network_access_enabled": True, "purge_protection_enabled": None,
              "soft_delete_retention_days": 90, "tags": None, "timeouts": None, "contact": []},
             computed=tuple(c for c in ("id", "vault_uri", "access_policy", "network_acls") if c not in attrs))


def vault_key(address: str, name: str, vault_address: str) -> R:
    return R(address, {"name": name, "key_vault_id": _id(vault_address), "key_type": "RSA-HSM", "key_size": 3072,
                       "key_opts": ["wrapKey", "unwrapKey"]}, {"tags": None, "timeouts": None},
             computed=("id", "versionless_id", "resource_id", "resource_versionless_id", "version", "n", "e",
                       "public_key_pem", "public_key_openssh", "x", "y"))


STORAGE_V4 = [
    group("rg-phi"), group("rg-sec"), WORKSPACE,
    vault("azurerm_key_vault.phi", "kv-phi-records", "rg-phi", purge_protection_enabled=True),
    vault_key("azurerm_key_vault_key.storage", "storage-cmk", "azurerm_key_vault.phi"),
    # hardened: CMK by the split resource, network rules inline, blob access logged through the blob service
    account("azurerm_storage_account.records", V4, "rg-phi", name="phirecords", min_tls_version="TLS1_2",
            allow_nested_items_to_be_public=False, shared_access_key_enabled=False,
            infrastructure_encryption_enabled=True,
            network_rules={"default_action": "Deny", "bypass": ["AzureServices"], "ip_rules": [],
                           "virtual_network_subnet_ids": [], "private_link_access": []},
            identity={"type": "SystemAssigned", "identity_ids": None}),
    R("azurerm_storage_account_customer_managed_key.records",
      {"storage_account_id": _id("azurerm_storage_account.records"), "key_vault_id": _id("azurerm_key_vault.phi"),
       "key_name": ref("storage-cmk", "azurerm_key_vault_key.storage.name", "azurerm_key_vault_key.storage")},
      {"key_version": None, "managed_hsm_key_id": None, "user_assigned_identity_id": None,
       "federated_identity_client_id": None, "timeouts": None}, computed=("id", "key_vault_uri")),
    diagnostic("azurerm_monitor_diagnostic_setting.records_blobs",
               ref(UNKNOWN, "azurerm_storage_account.records.id", "azurerm_storage_account.records"),
               [{"category": None, "category_group": "allLogs"}]),
    # the stock shape plus every legacy switch: plain HTTP, TLS 1.0, anonymous blobs
    account("azurerm_storage_account.legacy", V4, "rg-phi", name="legacyexports", https_traffic_only_enabled=False,
            min_tls_version="TLS1_0", allow_nested_items_to_be_public=True),
    # private endpoint only: anonymous access allowed but unreachable; its logs miss writes
    account("azurerm_storage_account.private", V4, "rg-phi", name="privatescans", public_network_access_enabled=False,
            allow_nested_items_to_be_public=True),
    R("azurerm_storage_account_network_rules.private",
      {"storage_account_id": _id("azurerm_storage_account.private"), "default_action": "Deny",
       "bypass": ["AzureServices"]}, {"ip_rules": [], "virtual_network_subnet_ids": [], "private_link_access": [],
                                      "timeouts": None}),
    diagnostic("azurerm_monitor_diagnostic_setting.private_reads",
               ref(UNKNOWN, "azurerm_storage_account.private.id", "azurerm_storage_account.private"),
               [{"category": "StorageRead", "category_group": None}]),
    # one account per tenant (for_each), network rules pinned by each.key, CMK inline from a key of this plan
    *[account(f'azurerm_storage_account.tenant["{t}"]', V4, "rg-phi", index=t, name=ref(f"tenant{t}data", "each.key"),
              customer_managed_key={"key_vault_key_id": ref(UNKNOWN, "azurerm_key_vault_key.storage.versionless_id",
                                                            "azurerm_key_vault_key.storage"),
                                    "managed_hsm_key_id": None,
                                    "user_assigned_identity_id": ref(UNKNOWN, "azurerm_user_assigned_identity.data.id",
                                                                     "azurerm_user_assigned_identity.data")},
              identity={"type": "UserAssigned", "identity_ids": ref(UNKNOWN, "azurerm_user_assigned_identity.data.id",
                                                                    "azurerm_user_assigned_identity.data")})
      for t in ("alpha", "beta")],
    *[R(f'azurerm_storage_account_network_rules.tenant["{t}"]',
        {"storage_account_id": ref(UNKNOWN, "azurerm_storage_account.tenant", "each.key"),
         "default_action": ref(action, "each.value"), "bypass": ["AzureServices"]},
        {"ip_rules": [], "virtual_network_subnet_ids": [], "private_link_access": [], "timeouts": None}, index=t)
      for t, action in (("alpha", "Deny"), ("beta", "Allow"))],
]

STORAGE_V3 = [
    group("rg-archive"),
    # v3 names: enable_https_traffic_only; nested items public by default
    account("azurerm_storage_account.archive", V3, "rg-archive", name="archivev3", min_tls_version="TLS1_1",
            infrastructure_encryption_enabled=True,
            customer_managed_key={"key_vault_key_id": ref(UNKNOWN, "azurerm_key_vault_key.archive.versionless_id",
                                                          "azurerm_key_vault_key.archive"),
                                  "user_assigned_identity_id": ref(UNKNOWN, "azurerm_user_assigned_identity.a.id",
                                                                   "azurerm_user_assigned_identity.a")}),
    # rules for "some account of a local map": which one is only known after apply
    R("azurerm_storage_account_network_rules.shared",
      {"storage_account_id": ref(UNKNOWN, 'local.account_ids["archive"]', "local.account_ids"),
       "default_action": "Deny"},
      {"bypass": ["AzureServices"], "ip_rules": [], "virtual_network_subnet_ids": [], "private_link_access": [],
       "timeouts": None}),
    # v3's log blocks, every blob category, on the blob service
    R("azurerm_monitor_diagnostic_setting.archive_blobs",
      {"name": "archive-blobs", "target_resource_id": ref(UNKNOWN, "azurerm_storage_account.archive.id",
                                                          "azurerm_storage_account.archive"),
       "storage_account_id": "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/"
                             "Microsoft.Storage/storageAccounts/auditlogs",
       "log": [{"category": c, "category_group": None, "enabled": True,
                "retention_policy": [{"enabled": False, "days": 0}]} for c in ("StorageRead", "StorageWrite",
                                                                              "StorageDelete")]},
      {"eventhub_authorization_rule_id": None, "eventhub_name": None, "log_analytics_destination_type": None,
       "log_analytics_workspace_id": None, "partner_solution_id": None, "metric": [], "enabled_log": [],
       "timeouts": None}),
    vault("azurerm_key_vault.archive", "kv-archive", "rg-archive", purge_protection_enabled=True,
          enable_rbac_authorization=True, public_network_access_enabled=False),
    # a setting whose target is looked up in a local map: the vault's audit logging cannot be told
    R("azurerm_monitor_diagnostic_setting.audit", {
        "name": "vault-audit", "target_resource_id": ref(UNKNOWN, 'local.vault_ids["archive"]', "local.vault_ids"),
        "storage_account_id": "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/"
                              "Microsoft.Storage/storageAccounts/auditlogs",
        "enabled_log": [{"category": "AuditEvent", "category_group": None}]},
      {"eventhub_authorization_rule_id": None, "eventhub_name": None, "log_analytics_destination_type": None,
       "log_analytics_workspace_id": None, "partner_solution_id": None, "metric": [], "timeouts": None}),
    # SSH from an address only known after apply
    R("azurerm_network_security_group.bastion", {"name": "bastion-nsg", **rg_args("rg-archive")},
      {"tags": None, "timeouts": None}, computed=("id", "security_rule")),
    R("azurerm_network_security_rule.office_ssh", {
        "name": "office-ssh", **{k: v for k, v in rg_args("rg-archive").items() if k != "location"},
        "network_security_group_name": ref("bastion-nsg", "azurerm_network_security_group.bastion.name",
                                           "azurerm_network_security_group.bastion"),
        "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_port_range": "*",
        "destination_port_range": "22", "destination_address_prefix": "*",
        "source_address_prefix": ref(UNKNOWN, "azurerm_public_ip.office.ip_address", "azurerm_public_ip.office")},
      {"description": None, "destination_address_prefixes": None, "destination_application_security_group_ids": None,
       "destination_port_ranges": None, "source_address_prefixes": None,
       "source_application_security_group_ids": None, "source_port_ranges": None, "timeouts": None}),
]

VAULTS = [
    group("rg-phi"), group("rg-sec"), WORKSPACE,
    vault("azurerm_key_vault.phi", "kv-phi-records", "rg-phi", purge_protection_enabled=True,
          enable_rbac_authorization=True,
          network_acls={"default_action": "Deny", "bypass": "AzureServices", "ip_rules": [],
                        "virtual_network_subnet_ids": []}),
    diagnostic("azurerm_monitor_diagnostic_setting.phi_audit",
               ref(UNKNOWN, "azurerm_key_vault.phi.id", "azurerm_key_vault.phi"),
               [{"category": None, "category_group": "audit"}]),
    vault("azurerm_key_vault.legacy", "kv-legacy-apps", "rg-phi"),
    # metrics and policy details only: no audit events
    diagnostic("azurerm_monitor_diagnostic_setting.legacy_policy",
               ref(UNKNOWN, "azurerm_key_vault.legacy.id", "azurerm_key_vault.legacy"),
               [{"category": "AzurePolicyEvaluationDetails", "category_group": None}]),
    vault("azurerm_key_vault.private", "kv-private", "rg-phi", purge_protection_enabled=True,
          enable_rbac_authorization=False, public_network_access_enabled=False),
]


def _rule(name: str, priority: int, **kwargs: object) -> dict:
    rule = {"name": name, "priority": priority, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
            "source_port_range": "*", "source_port_ranges": [], "destination_address_prefix": "*",
            "destination_address_prefixes": [], "destination_port_range": "", "destination_port_ranges": [],
            "source_address_prefix": "", "source_address_prefixes": [], "description": "",
            "destination_application_security_group_ids": [], "source_application_security_group_ids": []}
    return {**rule, **kwargs}


def _separate(address: str, name: str, priority: int, **kwargs: object) -> R:
    written = {"name": name, **{k: v for k, v in rg_args("net-rg").items() if k != "location"},
               "network_security_group_name": ref("db-nsg", "azurerm_network_security_group.db.name",
                                                  "azurerm_network_security_group.db"),
               "priority": priority, "direction": "Inbound", "access": "Allow", "source_port_range": "*",
               "destination_address_prefix": "*", **kwargs}
    return R(address, written, {"description": None, "destination_address_prefixes": None,
                                "destination_application_security_group_ids": None, "destination_port_range": None,
                                "destination_port_ranges": None, "source_address_prefix": None,
                                "source_address_prefixes": None, "source_application_security_group_ids": None,
                                "source_port_ranges": None, "timeouts": None})


PARITY_NSG = [
    R("azurerm_resource_group.net", {"name": "net-rg", "location": "eastus"}, {"tags": None, "timeouts": None,
                                                                               "managed_by": None}),
    R("azurerm_network_security_group.web", {"name": "web-nsg", **rg_args("net-rg"), "security_rule": [
        _rule("https", 100, destination_port_range="443", source_address_prefix="Internet"),
        _rule("ssh", 110, destination_port_range="22", source_address_prefix="*"),
        _rule("deny-rdp", 120, destination_port_range="3389", source_address_prefix="*", access="Deny"),
        _rule("ssh-out", 130, destination_port_range="22", source_address_prefix="*", direction="Outbound"),
    ]}, {"tags": None, "timeouts": None}),
    R("azurerm_network_security_group.db", {"name": "db-nsg", **rg_args("net-rg")}, {"tags": None, "timeouts": None},
      computed=("id", "security_rule")),
    _separate("azurerm_network_security_rule.db_engines", "db-engines", 100, protocol="*",
              destination_port_ranges=["1433", "5432"], source_address_prefixes=["0.0.0.0/0", "10.20.0.0/16"]),
    _separate("azurerm_network_security_rule.db_from_app", "db-from-app", 110, protocol="Tcp",
              destination_port_range="3306", source_address_prefix="VirtualNetwork"),
]

PARITY_STORAGE = [  # the accounts of azure_native.noncompliant_storage() without diagnostic settings
    group("web-rg"),
    account("azurerm_storage_account.publicsite", V4, "web-rg", name="publicsite", account_replication_type="LRS",
            allow_nested_items_to_be_public=True,
            network_rules={"default_action": "Allow", "bypass": ["AzureServices"], "ip_rules": [],
                           "virtual_network_subnet_ids": [], "private_link_access": []}),
    account("azurerm_storage_account.legacyhttp", V4, "web-rg", name="legacyhttp", account_replication_type="LRS",
            https_traffic_only_enabled=False, allow_nested_items_to_be_public=False),
    account("azurerm_storage_account.privateonly", V4, "web-rg", name="privateonly", account_replication_type="LRS",
            allow_nested_items_to_be_public=True, public_network_access_enabled=False),
]

SUB = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-data/providers"


def sql_server(address: str, **attrs: object) -> R:
    return R(address, {**rg_args("rg-data"), "version": "12.0", "administrator_login": "sqladmin",
                       "administrator_login_password": ref("c0rrect-h0rse-Battery", "var.sql_password"), **attrs},
             {"connection_policy": "Default", "minimum_tls_version": "1.2",
              "outbound_network_restriction_enabled": False,
              "public_network_access_enabled": True, "primary_user_assigned_identity_id": None,
              "transparent_data_encryption_key_vault_key_id": None, "tags": None, "timeouts": None,
              "express_vulnerability_assessment_enabled": False},
             computed=tuple(c for c in ("id", "fully_qualified_domain_name", "restorable_dropped_database_ids",
                                        "azuread_administrator", "identity") if c not in attrs),
             sensitive=("administrator_login_password",))


def sql_child(address: str, server: str, defaults: dict, **attrs: object) -> R:
    return R(address, {"server_id": _id(server), **attrs}, defaults)


def database(address: str, server: str, **attrs: object) -> R:
    return sql_child(address, server, {"create_mode": "Default", "transparent_data_encryption_enabled": True,
                                       "collation": "SQL_Latin1_General_CP1_CI_AS", "tags": None, "timeouts": None,
                                       "ledger_enabled": False, "geo_backup_enabled": True}, **attrs)


def firewall_rule(address: str, server: str, start: str, end: str) -> R:
    return sql_child(address, server, {"timeouts": None}, name=address.split(".")[-1].replace("_", "-"),
                     start_ip_address=start, end_ip_address=end)


def flexible(address: str, **attrs: object) -> R:
    return R(address, {**rg_args("rg-data"), "version": "16", "sku_name": "GP_Standard_D2ds_v5",
                       "storage_mb": 65536, **attrs},
             {"backup_retention_days": 7, "geo_redundant_backup_enabled": False, "delegated_subnet_id": None,
              "private_dns_zone_id": None, "public_network_access_enabled": True, "tags": None, "timeouts": None,
              "zone": None, "create_mode": None, "administrator_login": None},
             computed=tuple(c for c in ("id", "fqdn", "authentication", "customer_managed_key", "identity",
                                        "administrator_password") if c not in attrs))


def configuration(address: str, server: str, name: str, value: str) -> R:
    return R(address, {"name": name, "server_id": _id(server), "value": value}, {"timeouts": None})


def disk(address: str, **attrs: object) -> R:
    return R(address, {"name": address.split(".")[-1].replace("_", "-"), **rg_args("rg-data"),
                       "storage_account_type": "Premium_LRS", "create_option": "Empty", "disk_size_gb": 128, **attrs},
             {"disk_encryption_set_id": None, "encryption_settings": [], "network_access_policy": None,
              "public_network_access_enabled": True, "tags": None, "timeouts": None, "zone": None})


DATABASES = [
    group("rg-data"),
    # hardened server: no public endpoint, Entra admin, customer TDE protector, audit kept 90 days
    sql_server("azurerm_mssql_server.phi", name="sql-phi", public_network_access_enabled=False,
               transparent_data_encryption_key_vault_key_id=ref(UNKNOWN, "azurerm_key_vault_key.tde.id",
                                                                "azurerm_key_vault_key.tde"),
               azuread_administrator={"login_username": "dba-group",
                                      "object_id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                                      "azuread_authentication_only": True, "tenant_id": None}),
    sql_child("azurerm_mssql_server_extended_auditing_policy.phi", "azurerm_mssql_server.phi",
              {"enabled": True, "log_monitoring_enabled": True, "storage_account_access_key": None,
               "storage_account_access_key_is_secondary": False, "storage_account_subscription_id": None,
               "timeouts": None},
              storage_endpoint=ref(UNKNOWN, "azurerm_storage_account.audit.primary_blob_endpoint",
                                   "azurerm_storage_account.audit"), retention_in_days=90),
    database("azurerm_mssql_database.records", "azurerm_mssql_server.phi", name="records"),
    # legacy server: no TLS minimum, public with three firewall rules, SQL logins only, no auditing
    sql_server("azurerm_mssql_server.legacy", name="sql-legacy", minimum_tls_version="Disabled"),
    firewall_rule("azurerm_mssql_firewall_rule.everyone", "azurerm_mssql_server.legacy", "0.0.0.0", "255.255.255.255"),
    firewall_rule("azurerm_mssql_firewall_rule.azure_services", "azurerm_mssql_server.legacy", "0.0.0.0", "0.0.0.0"),
    firewall_rule("azurerm_mssql_firewall_rule.office", "azurerm_mssql_server.legacy", "203.0.113.0",
                  "203.0.113.255"),
    database("azurerm_mssql_database.app", "azurerm_mssql_server.legacy", name="app",
             transparent_data_encryption_enabled=False),
    database("azurerm_mssql_database.restored", "azurerm_mssql_server.legacy", name="restored",
             create_mode="PointInTimeRestore",
             creation_source_database_id=ref(UNKNOWN, "azurerm_mssql_database.app.id", "azurerm_mssql_database.app"),
             restore_point_in_time="2026-11-28T00:00:00Z"),
    # PostgreSQL in a delegated subnet, Entra logins, customer key; and a public one without TLS enforcement
    flexible("azurerm_postgresql_flexible_server.phi", name="psql-phi", public_network_access_enabled=False,
             delegated_subnet_id=ref(UNKNOWN, "azurerm_subnet.db.id", "azurerm_subnet.db"),
             authentication={"active_directory_auth_enabled": True, "password_auth_enabled": False,
                             "tenant_id": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"},
             customer_managed_key={"key_vault_key_id": ref(UNKNOWN, "azurerm_key_vault_key.psql.id",
                                                           "azurerm_key_vault_key.psql"),
                                   "primary_user_assigned_identity_id": ref(
                                       UNKNOWN, "azurerm_user_assigned_identity.psql.id",
                                       "azurerm_user_assigned_identity.psql")}),
    configuration("azurerm_postgresql_flexible_server_configuration.phi_tls", "azurerm_postgresql_flexible_server.phi",
                  "ssl_min_protocol_version", "TLSv1.3"),
    flexible("azurerm_postgresql_flexible_server.legacy", name="psql-legacy", administrator_login="psqladmin"),
    configuration("azurerm_postgresql_flexible_server_configuration.legacy_plain",
                  "azurerm_postgresql_flexible_server.legacy", "require_secure_transport", "off"),
    # disks: a disk encryption set of this plan (id known after apply), a set's id written out, none
    disk("azurerm_managed_disk.records", disk_encryption_set_id=ref(UNKNOWN, "azurerm_disk_encryption_set.phi.id",
                                                                    "azurerm_disk_encryption_set.phi")),
    disk("azurerm_managed_disk.archive", disk_encryption_set_id=f"{SUB}/Microsoft.Compute/diskEncryptionSets/des-phi"),
    disk("azurerm_managed_disk.scratch"),
]

UNRESOLVED = [
    group("rg-data"),
    # the auditing policy names its server through a local map: which server it audits is known after apply
    sql_server("azurerm_mssql_server.shared", name="sql-shared", public_network_access_enabled=False),
    R("azurerm_mssql_server_extended_auditing_policy.shared",
      {"server_id": ref(UNKNOWN, 'local.server_ids["shared"]', "local.server_ids"), "log_monitoring_enabled": True},
      {"enabled": True, "storage_endpoint": None, "retention_in_days": 0, "timeouts": None}),
    # a database on a server this plan does not manage (its id read by a data source)
    R("azurerm_mssql_database.reporting", {
        "name": "reporting", "server_id": ref(f"{SUB}/Microsoft.Sql/servers/sql-existing",
                                              "data.azurerm_mssql_server.existing.id",
                                              "data.azurerm_mssql_server.existing")},
      {"create_mode": "Default", "transparent_data_encryption_enabled": True, "tags": None, "timeouts": None}),
]

def nic(address: str, name: str, public_ip: str | None = None, **attrs: object) -> R:
    config = {"name": "internal", "subnet_id": ref(UNKNOWN, "azurerm_subnet.app.id", "azurerm_subnet.app"),
              "private_ip_address_allocation": "Dynamic", "private_ip_address_version": "IPv4", "primary": True,
              "public_ip_address_id": ref(UNKNOWN, f"{public_ip}.id", public_ip) if public_ip else None,
              "gateway_load_balancer_frontend_ip_configuration_id": None}
    return R(address, {"name": name, **rg_args("rg-vm"), "ip_configuration": config, **attrs},
             {"accelerated_networking_enabled": False, "ip_forwarding_enabled": False, "dns_servers": [],
              "edge_zone": None, "internal_dns_name_label": None, "tags": None, "timeouts": None,
              "auxiliary_mode": None, "auxiliary_sku": None},
             computed=("id", "mac_address", "private_ip_address", "private_ip_addresses", "virtual_machine_id",
                       "applied_dns_servers", "internal_domain_name_suffix"))


def vm(address: str, name: str, nics: object, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args("rg-vm"), "size": "Standard_D2s_v5", "network_interface_ids": nics,
                       "admin_username": "azureadmin", **attrs},
             {"encryption_at_host_enabled": None, "priority": "Regular", "provision_vm_agent": True,
              "secure_boot_enabled": None, "vtpm_enabled": None, "tags": None, "timeouts": None, "zone": None},
             computed=("id", "private_ip_address", "private_ip_addresses", "public_ip_address", "public_ip_addresses",
                       "virtual_machine_id", "identity"),
             sensitive=("admin_password",) if "admin_password" in attrs else ())


VMS = [
    group("rg-vm"),
    R("azurerm_public_ip.web", {"name": "web-pip", **rg_args("rg-vm"), "allocation_method": "Static",
                                "sku": "Standard"},
      {"ip_version": "IPv4", "idle_timeout_in_minutes": 4, "tags": None, "timeouts": None, "zones": None},
      computed=("id", "ip_address", "fqdn")),
    nic("azurerm_network_interface.web", "web-nic", public_ip="azurerm_public_ip.web"),
    vm("azurerm_linux_virtual_machine.web", "vm-web",
       ref([UNKNOWN], "azurerm_network_interface.web.id", "azurerm_network_interface.web"),
       encryption_at_host_enabled=True),
    nic("azurerm_network_interface.router", "router-nic", ip_forwarding_enabled=True),
    vm("azurerm_windows_virtual_machine.router", "vm-router",
       ref([UNKNOWN], "azurerm_network_interface.router.id", "azurerm_network_interface.router"),
       admin_password=ref("c0rrect-h0rse-Battery", "var.admin_password")),
    vm("azurerm_linux_virtual_machine.legacy", "vm-legacy",
       [f"{SUB.replace('rg-data', 'rg-vm')}/Microsoft.Network/networkInterfaces/legacy-nic"],
       encryption_at_host_enabled=False),
]

SCENARIOS = {
    "storage_v4": plan(V4, STORAGE_V4),
    "storage_v3": plan(V3, STORAGE_V3),
    "vaults": plan(V4, VAULTS),
    "parity_nsg": plan(V4, PARITY_NSG),
    "parity_storage": plan(V4, PARITY_STORAGE),
    "databases": plan(V4, DATABASES),
    "unresolved": plan(V4, UNRESOLVED),
    "vms": plan(V4, VMS),
}
