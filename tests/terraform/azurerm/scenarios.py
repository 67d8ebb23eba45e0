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

# ----------------------------------------------------------------- App Service and Function apps

SUBSCRIPTION = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
_IDENTITY = {"identity_ids": None, "principal_id": UNKNOWN, "tenant_id": UNKNOWN}
_SITE_V4 = {"always_on": True, "ftps_state": "Disabled", "http2_enabled": False, "minimum_tls_version": "1.2",
            "remote_debugging_enabled": False, "remote_debugging_version": UNKNOWN, "scm_minimum_tls_version": "1.2",
            "use_32_bit_worker": True, "vnet_route_all_enabled": False, "websockets_enabled": False,
            "load_balancing_mode": "LeastRequests", "managed_pipeline_mode": "Integrated", "worker_count": UNKNOWN,
            "detailed_error_logging_enabled": UNKNOWN, "linux_fx_version": UNKNOWN}
_SITE_V3 = {"always_on": False, "http2_enabled": False, "ftps_state": UNKNOWN, "min_tls_version": UNKNOWN,
            "remote_debugging_enabled": False, "remote_debugging_version": UNKNOWN, "scm_type": UNKNOWN,
            "websockets_enabled": UNKNOWN, "use_32_bit_worker_process": True}
_APP_COMPUTED = ("id", "custom_domain_verification_id", "default_hostname", "hosting_environment_id", "kind",
                 "outbound_ip_addresses", "possible_outbound_ip_addresses", "site_credential",
                 "outbound_ip_address_list", "possible_outbound_ip_address_list")


def app(address: str, name: str, version: str = V4, **attrs: object) -> R:
    plan_ref = "azurerm_app_service_plan.phi" if version == V3 else "azurerm_service_plan.phi"
    written = {"name": name, **rg_args("rg-web"), **attrs}
    written["app_service_plan_id" if version == V3 else "service_plan_id"] = ref(UNKNOWN, f"{plan_ref}.id", plan_ref)
    if "function_app" in address:
        written.setdefault("storage_account_name", "funcstate")
    site = _SITE_V3 if version == V3 else _SITE_V4
    written.setdefault("site_config", {})
    return R(address, written, {"https_only": False, "client_affinity_enabled": False, "enabled": True,
                                "public_network_access_enabled": True, "tags": None, "timeouts": None,
                                "app_settings": None, "identity": [], "key_vault_reference_identity_id": UNKNOWN},
             computed=_APP_COMPUTED, sensitive=("site_credential",),
             block_defaults={"site_config": site, "identity": _IDENTITY})


WEB_APPS = [
    group("rg-web"),
    R("azurerm_service_plan.phi", {"name": "plan-phi", **rg_args("rg-web"), "os_type": "Linux", "sku_name": "P1v3"},
      {"tags": None, "timeouts": None, "per_site_scaling_enabled": False, "zone_balancing_enabled": False},
      computed=("id", "kind", "reserved", "worker_count", "maximum_elastic_worker_count")),
    # as azure_native.web_apps(): hardened, legacy, and one left to the provider's defaults
    app("azurerm_linux_web_app.portal", "portal", https_only=True, identity={"type": "SystemAssigned"},
        site_config={"minimum_tls_version": "1.2", "ftps_state": "FtpsOnly", "remote_debugging_enabled": False}),
    app("azurerm_windows_web_app.legacy", "legacy",
        site_config={"minimum_tls_version": "1.0", "ftps_state": "AllAllowed", "remote_debugging_enabled": True}),
    app("azurerm_linux_web_app.defaults", "defaults", https_only=True),
    # a function app on a user-assigned identity, TLS 1.1; whether it takes plain FTP: a variable's value
    app("azurerm_linux_function_app.jobs", "func-jobs", https_only=ref(UNKNOWN, "var.https_only"),
        identity={"type": "UserAssigned", "identity_ids": ref(UNKNOWN, "azurerm_user_assigned_identity.jobs.id",
                                                              "azurerm_user_assigned_identity.jobs")},
        site_config={"minimum_tls_version": "1.1", "ftps_state": ref(UNKNOWN, "var.ftps_state")}),
    app("azurerm_windows_function_app.billing", "func-billing", https_only=True,
        identity={"type": ref(UNKNOWN, "var.identity_type")}, site_config={"remote_debugging_enabled": True}),
]

WEB_APPS_V3 = [
    group("rg-web"),
    R("azurerm_app_service_plan.phi", {"name": "asp-phi", **rg_args("rg-web"), "kind": "Linux", "reserved": True,
                                       "sku": {"tier": "PremiumV3", "size": "P1v3"}},
      {"tags": None, "timeouts": None, "per_site_scaling": False, "is_xenon": False},
      computed=("id", "maximum_number_of_workers", "maximum_elastic_worker_count")),
    # v3's retired resources: min_tls_version and ftps_state left to Azure are only known after apply
    app("azurerm_app_service.intake", "intake-v3", V3, https_only=True, identity={"type": "SystemAssigned"},
        site_config={"min_tls_version": "1.2", "ftps_state": "FtpsOnly"}),
    app("azurerm_app_service.reports", "reports-v3", V3, site_config={"remote_debugging_enabled": True}),
    app("azurerm_function_app.etl", "etl-v3", V3, https_only=True,
        site_config={"min_tls_version": "1.0", "ftps_state": "Disabled"}),
]

# ----------------------------------------------------------------- Key Vault keys and secrets

TENANT = "72f988bf-0000-4000-8000-00000000a2b1"
EXPIRES_2030 = "2030-01-01T00:00:00Z"


def vault_secret(address: str, name: str, **attrs: object) -> R:
    return R(address, {"name": name, "key_vault_id": _id("azurerm_key_vault.phi"),
                       "value": "c0rrect-h0rse-Battery", **attrs},
             {"content_type": None, "expiration_date": None, "not_before_date": None, "tags": None, "timeouts": None},
             computed=("id", "resource_id", "resource_versionless_id", "version", "versionless_id"),
             sensitive=("value",))


def vault_key_(address: str, name: str, **attrs: object) -> R:
    return R(address, {"name": name, "key_vault_id": _id("azurerm_key_vault.phi"), "key_type": "RSA",
                       "key_size": 3072, "key_opts": ["wrapKey", "unwrapKey"], **attrs},
             {"curve": None, "expiration_date": None, "not_before_date": None, "rotation_policy": [], "tags": None,
              "timeouts": None},
             computed=("id", "versionless_id", "resource_id", "resource_versionless_id", "version", "n", "e",
                       "public_key_pem", "public_key_openssh", "x", "y"))


VAULT_OBJECTS = [
    group("rg-sec"),
    # as azure_native.vault_keys_and_secrets()
    vault("azurerm_key_vault.phi", "kv-phi", "rg-sec", tenant_id=TENANT, sku_name="standard",
          purge_protection_enabled=True, enable_rbac_authorization=True),
    vault_key_("azurerm_key_vault_key.cmk", "cmk", expiration_date=EXPIRES_2030),
    # a rotation policy dates the versions rotation makes, not this one
    vault_key_("azurerm_key_vault_key.forever", "forever", key_type="EC", key_size=None, curve="P-256",
               key_opts=["sign", "verify"],
               rotation_policy={"expire_after": "P90D", "notify_before_expiry": "P29D",
                                "automatic": [{"time_before_expiry": "P30D", "time_after_creation": None}]}),
    vault_secret("azurerm_key_vault_secret.db_password", "db-password", expiration_date=EXPIRES_2030),
    vault_secret("azurerm_key_vault_secret.api_token", "api-token"),
    # a year from apply time: timeadd(timestamp(), "8760h") is only known after apply
    vault_secret("azurerm_key_vault_secret.rolling", "rolling", expiration_date=ref(UNKNOWN)),
    # a vault that is not in this plan, by id
    vault_secret("azurerm_key_vault_secret.shared", "shared-token",
                 key_vault_id=f"{SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared"),
]

# ----------------------------------------------------------------- custom roles


def role(address: str, name: str, actions: object, scopes: object = None, **attrs: object) -> R:
    written = {"name": name, "scope": SUBSCRIPTION, "permissions": {"actions": actions, **attrs}}
    if scopes is not None:
        written["assignable_scopes"] = scopes
    return R(address, written, {"description": None, "timeouts": None},
             computed=("id", "role_definition_id", "role_definition_resource_id", "assignable_scopes")
             if scopes is None else ("id", "role_definition_id", "role_definition_resource_id"),
             block_defaults={"permissions": {"data_actions": None, "not_actions": None, "not_data_actions": None}})


ROLES = [
    # as azure_native.custom_roles()
    role("azurerm_role_definition.god_mode", "god-mode", ["*"], [SUBSCRIPTION],
         role_definition_id="0d7e0000-0000-4000-8000-0000000000a1"),
    R("azurerm_role_assignment.pipeline_god",
      {"scope": SUBSCRIPTION, "principal_id": "7a1e0000-0000-4000-8000-000000000003",
       "principal_type": "ServicePrincipal",
       "role_definition_id": ref(UNKNOWN, "azurerm_role_definition.god_mode.role_definition_resource_id",
                                 "azurerm_role_definition.god_mode")},
      {"condition": None, "condition_version": None, "delegated_managed_identity_resource_id": None,
       "description": None, "skip_service_principal_aad_check": None, "timeouts": None},
      computed=("id", "name", "role_definition_name", "principal_type")),
    role("azurerm_role_definition.ops_all_but_rbac", "ops-all-but-rbac", ["*"], ["/"],
         not_actions=["Microsoft.Authorization/*/Write"]),
    role("azurerm_role_definition.rg_admin", "rg-admin", ["*"], [f"{SUBSCRIPTION}/resourceGroups/rg-app"]),
    role("azurerm_role_definition.storage_ops", "storage-ops", ["Microsoft.Storage/*"], [SUBSCRIPTION]),
    # assignable scopes left out: the role's own scope, the subscription
    role("azurerm_role_definition.break_glass", "break-glass", ["*"]),
    # actions from a variable only known after apply
    role("azurerm_role_definition.generated", "generated", ref([UNKNOWN], "local.actions"), [SUBSCRIPTION]),
]

# ----------------------------------------------------------------- Defender for Cloud plans


def pricing(address: str, tier: object, resource_type: object = None, **attrs: object) -> R:
    written = {"tier": tier, **({} if resource_type is None else {"resource_type": resource_type}), **attrs}
    return R(address, written, {"resource_type": "VirtualMachines", "subplan": None, "timeouts": None,
                                "extension": []})


DEFENDER = [
    # as azure_native.defender_plans()
    pricing("azurerm_security_center_subscription_pricing.servers", "Standard", subplan="P2"),
    pricing("azurerm_security_center_subscription_pricing.storage", "Free", "StorageAccounts"),
    pricing("azurerm_security_center_subscription_pricing.dns", "Free", "Dns"),
    pricing("azurerm_security_center_subscription_pricing.key_vaults", ref(UNKNOWN, "var.defender_tier"),
            "KeyVaults"),
    pricing("azurerm_security_center_subscription_pricing.posture", "Free", "CloudPosture"),
]

# ----------------------------------------------------------------- Service Bus and Event Hubs


def namespace(address: str, name: str, **attrs: object) -> R:
    hub = "eventhub" in address
    defaults = {"local_authentication_enabled" if hub else "local_auth_enabled": True,
                "minimum_tls_version": "1.2", "public_network_access_enabled": True, "tags": None,
                "timeouts": None, "capacity": 0 if not hub else 1, "identity": [],
                **({"customer_managed_key": []} if not hub else {"auto_inflate_enabled": False})}
    return R(address, {"name": name, **rg_args("rg-integration"), **attrs}, defaults,
             computed=("id", "endpoint", "default_primary_connection_string", "default_primary_key",
                       "default_secondary_connection_string", "default_secondary_key", "network_rule_set"),
             sensitive=("default_primary_connection_string", "default_primary_key",
                        "default_secondary_connection_string", "default_secondary_key"))


MESSAGING = [
    group("rg-integration"),
    # as azure_native.messaging_and_caches()
    namespace("azurerm_servicebus_namespace.orders", "sb-orders", sku="Premium", premium_messaging_partitions=1,
              capacity=1, local_auth_enabled=False, identity={"type": "UserAssigned", "identity_ids": [UNKNOWN]},
              customer_managed_key={"key_vault_key_id": "https://kv-phi.vault.azure.net/keys/sb-cmk",
                                    "identity_id": ref(UNKNOWN, "azurerm_user_assigned_identity.sb.id",
                                                       "azurerm_user_assigned_identity.sb"),
                                    "infrastructure_encryption_enabled": False}),
    namespace("azurerm_servicebus_namespace.legacy", "sb-legacy", sku="Standard"),
    namespace("azurerm_eventhub_namespace.telemetry", "eh-telemetry", sku="Standard",
              local_authentication_enabled=False),
    # the key by the split resource, from a key of this plan; SAS keys from a variable
    namespace("azurerm_eventhub_namespace.claims", "eh-claims", sku="Premium",
              local_authentication_enabled=ref(UNKNOWN, "var.sas_keys")),
    R("azurerm_eventhub_namespace_customer_managed_key.claims",
      {"eventhub_namespace_id": _id("azurerm_eventhub_namespace.claims"),
       "key_vault_key_ids": ref([UNKNOWN], "azurerm_key_vault_key.claims.versionless_id",
                                "azurerm_key_vault_key.claims")},
      {"infrastructure_encryption_enabled": False, "user_assigned_identity_id": None, "timeouts": None}),
]

# ----------------------------------------------------------------- Log Analytics workspaces


def law(address: str, name: str, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args("rg-log"), "sku": "PerGB2018", **attrs},
             {"allow_resource_only_permissions": True, "cmk_for_query_forced": False, "daily_quota_gb": -1,
              "internet_ingestion_enabled": True, "internet_query_enabled": True,
              "local_authentication_disabled": False, "reservation_capacity_in_gb_per_day": None, "tags": None,
              "timeouts": None, "identity": []},
             computed=tuple(c for c in ("id", "workspace_id", "primary_shared_key", "secondary_shared_key",
                                        "retention_in_days", "data_collection_rule_id") if c not in attrs),
             sensitive=("primary_shared_key", "secondary_shared_key"))


def activity_export(address: str, workspace: str, categories: tuple[str, ...], target: object = SUBSCRIPTION) -> R:
    ws = f"azurerm_log_analytics_workspace.{workspace}"
    return R(address, {"name": address.split(".")[-1].replace("_", "-"), "target_resource_id": target,
                       "log_analytics_workspace_id": ref(UNKNOWN, f"{ws}.id", ws),
                       "enabled_log": [{"category": c, "category_group": None} for c in categories]},
             {"eventhub_authorization_rule_id": None, "eventhub_name": None, "log_analytics_destination_type": None,
              "partner_solution_id": None, "storage_account_id": None, "metric": [], "timeouts": None},
             computed=("id", "log_analytics_destination_type"))


NET_RG = f"{SUBSCRIPTION}/resourceGroups/net-rg/providers"
WORKSPACES = [
    group("rg-log"),
    # as azure_native.logging_workspaces()
    R("azurerm_log_analytics_cluster.law", {"name": "law-cluster", **rg_args("rg-log"), "size_gb": 100,
                                            "identity": {"type": "SystemAssigned"}},
      {"tags": None, "timeouts": None}, computed=("id", "cluster_id"),
      block_defaults={"identity": {"identity_ids": None, "principal_id": UNKNOWN, "tenant_id": UNKNOWN}}),
    R("azurerm_log_analytics_cluster_customer_managed_key.law",
      {"log_analytics_cluster_id": _id("azurerm_log_analytics_cluster.law"),
       "key_vault_key_id": "https://kv-phi.vault.azure.net/keys/law-cmk"}, {"timeouts": None}),
    law("azurerm_log_analytics_workspace.audit", "law-audit", retention_in_days=365),
    R("azurerm_log_analytics_linked_service.audit_cluster",
      {"resource_group_name": ref("rg-log", "azurerm_resource_group.log.name", "azurerm_resource_group.log"),
       "workspace_id": _id("azurerm_log_analytics_workspace.audit"),
       "write_access_id": _id("azurerm_log_analytics_cluster.law")},
      {"read_access_id": None, "timeouts": None}, computed=("id", "name")),
    law("azurerm_log_analytics_workspace.activity", "law-activity", retention_in_days=90),
    activity_export("azurerm_monitor_diagnostic_setting.export_activity", "activity",
                    ("Administrative", "Security", "Alert", "Policy")),
    activity_export("azurerm_monitor_diagnostic_setting.export_admin", "audit", ("Administrative",)),
    law("azurerm_log_analytics_workspace.flows", "law-flows"),
    R("azurerm_network_watcher_flow_log.hub", {
        "name": "hub-flows", "network_watcher_name": "NetworkWatcher_eastus", "resource_group_name": "NetworkWatcherRG",
        "target_resource_id": f"{NET_RG}/Microsoft.Network/virtualNetworks/hub",
        "storage_account_id": f"{SUBSCRIPTION}/resourceGroups/rg-log/providers/Microsoft.Storage/"
                              "storageAccounts/flowlogs",
        "enabled": True, "retention_policy": {"enabled": True, "days": 365},
        "traffic_analytics": {"enabled": True, "workspace_region": "eastus",
                              "workspace_id": ref(UNKNOWN, "azurerm_log_analytics_workspace.flows.workspace_id",
                                                  "azurerm_log_analytics_workspace.flows"),
                              "workspace_resource_id": ref(UNKNOWN, "azurerm_log_analytics_workspace.flows.id",
                                                           "azurerm_log_analytics_workspace.flows")}},
      {"location": None, "network_security_group_id": None, "tags": None, "timeouts": None, "version": UNKNOWN},
      block_defaults={"traffic_analytics": {"interval_in_minutes": 60}}),
    law("azurerm_log_analytics_workspace.apps", "law-apps", retention_in_days=30),
    # retention and the export's categories only known after apply
    law("azurerm_log_analytics_workspace.ops", "law-ops", retention_in_days=ref(UNKNOWN, "var.retention")),
    R("azurerm_monitor_diagnostic_setting.export_ops", {
        "name": "export-ops", "target_resource_id": SUBSCRIPTION,
        "log_analytics_workspace_id": _id("azurerm_log_analytics_workspace.ops"),
        "enabled_log": [{"category": ref(UNKNOWN, "local.ops_category"), "category_group": None}]},
      {"eventhub_authorization_rule_id": None, "eventhub_name": None, "log_analytics_destination_type": None,
       "partner_solution_id": None, "storage_account_id": None, "metric": [], "timeouts": None},
      computed=("id", "log_analytics_destination_type")),
]

# ----------------------------------------------------------------- virtual networks, subnets, flow logs


def nsg(address: str, name: str) -> R:
    return R(address, {"name": name, **rg_args("net-rg")}, {"tags": None, "timeouts": None},
             computed=("id", "security_rule"))


def vnet(address: str, name: str, subnets: list[dict] | None = None) -> R:
    written = {"name": name, **rg_args("net-rg"), "address_space": ["10.0.0.0/16"]}
    if subnets is not None:
        written["subnet"] = subnets
    return R(address, written, {"bgp_community": None, "dns_servers": [], "edge_zone": None,
                                "flow_timeout_in_minutes": None, "tags": None, "timeouts": None,
                                "ddos_protection_plan": [], "encryption": [], "subnet": []},
             computed=("id", "guid") if subnets is not None else ("id", "guid", "subnet"),
             block_defaults={"subnet": {"id": UNKNOWN, "security_group": ""}})


def inline_subnet(name: str, prefix: str, group: str | None = None) -> dict:
    entry: dict = {"name": name, "address_prefixes": [prefix]}
    if group is not None:
        entry["security_group"] = ref(UNKNOWN, f"azurerm_network_security_group.{group}.id",
                                      f"azurerm_network_security_group.{group}")
    return entry


def separate_subnet(address: str, name: str, network: str, prefix: str) -> R:
    vnet_ref = f"azurerm_virtual_network.{network}"
    return R(address, {"name": name, "resource_group_name": ref("net-rg", "azurerm_resource_group.net.name",
                                                                "azurerm_resource_group.net"),
                       "virtual_network_name": ref(network.replace("_", "-"), f"{vnet_ref}.name", vnet_ref),
                       "address_prefixes": [prefix]},
             {"default_outbound_access_enabled": True, "delegation": [], "service_endpoints": None,
              "service_endpoint_policy_ids": None, "private_endpoint_network_policies": "Disabled",
              "private_link_service_network_policies_enabled": True, "timeouts": None})


def association(address: str, subnet: str, group: str) -> R:
    return R(address, {"subnet_id": _id(f"azurerm_subnet.{subnet}"),
                       "network_security_group_id": _id(f"azurerm_network_security_group.{group}")},
             {"timeouts": None})


def flow_log(address: str, name: str, target: str, attr: str = "network_security_group_id", enabled: bool = True,
             days: int = 365) -> R:
    store = (ref(UNKNOWN, "azurerm_storage_account.flowlogs.id", "azurerm_storage_account.flowlogs") if enabled else
             f"{SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Storage/storageAccounts/flowlogs2")
    return R(address, {"name": name, "network_watcher_name": "NetworkWatcher_eastus",
                       "resource_group_name": "NetworkWatcherRG", attr: _id(target), "storage_account_id": store,
                       "enabled": enabled, "retention_policy": {"enabled": True, "days": days}},
             {"location": None, "tags": None, "timeouts": None, "traffic_analytics": [],
              "target_resource_id" if attr != "target_resource_id" else "network_security_group_id": None},
             computed=("id", "version"))


NETWORKS = [
    group("net-rg"),
    # as azure_native.flow_logged_networks(): the records' store a CMK account with no public endpoint
    account("azurerm_storage_account.flowlogs", V4, "net-rg", name="flowlogs", public_network_access_enabled=False,
            shared_access_key_enabled=False, allow_nested_items_to_be_public=False,
            customer_managed_key={"key_vault_key_id": "https://kv-phi.vault.azure.net/keys/flowlogs-cmk",
                                  "managed_hsm_key_id": None,
                                  "user_assigned_identity_id": ref(UNKNOWN, "azurerm_user_assigned_identity.f.id",
                                                                   "azurerm_user_assigned_identity.f")}),
    nsg("azurerm_network_security_group.web", "web-nsg"),
    nsg("azurerm_network_security_group.app", "app-nsg"),
    vnet("azurerm_virtual_network.hub", "hub", [inline_subnet("web", "10.0.1.0/24", "web"),
                                                inline_subnet("GatewaySubnet", "10.0.255.0/27")]),
    flow_log("azurerm_network_watcher_flow_log.hub", "hub-flows", "azurerm_virtual_network.hub",
             "target_resource_id"),
    vnet("azurerm_virtual_network.spoke_nsg", "spoke-nsg"),
    separate_subnet("azurerm_subnet.spoke_web", "web", "spoke_nsg", "10.0.1.0/24"),
    separate_subnet("azurerm_subnet.spoke_app", "app", "spoke_nsg", "10.0.2.0/24"),
    association("azurerm_subnet_network_security_group_association.spoke_web", "spoke_web", "web"),
    association("azurerm_subnet_network_security_group_association.spoke_app", "spoke_app", "app"),
    flow_log("azurerm_network_watcher_flow_log.web_nsg", "web-nsg-flows", "azurerm_network_security_group.web"),
    flow_log("azurerm_network_watcher_flow_log.app_nsg", "app-nsg-flows", "azurerm_network_security_group.app",
             days=90),
    vnet("azurerm_virtual_network.spoke_partial", "spoke-partial", [inline_subnet("web", "10.0.1.0/24", "web"),
                                                                    inline_subnet("db", "10.0.2.0/24")]),
    vnet("azurerm_virtual_network.spoke_disabled", "spoke-disabled", [inline_subnet("data", "10.0.3.0/24")]),
    flow_log("azurerm_network_watcher_flow_log.off", "off-flows", "azurerm_virtual_network.spoke_disabled",
             "target_resource_id", enabled=False),
    # a subnet whose association is made for "some subnet of a local map": which one, only known after apply
    vnet("azurerm_virtual_network.batch", "batch"),
    separate_subnet("azurerm_subnet.batch", "jobs", "batch", "10.1.0.0/24"),
    R("azurerm_subnet_network_security_group_association.shared",
      {"subnet_id": ref(UNKNOWN, 'local.subnet_ids["jobs"]', "local.subnet_ids"),
       "network_security_group_id": _id("azurerm_network_security_group.app")}, {"timeouts": None}),
]

SCENARIOS.update({
    "web_apps": plan(V4, WEB_APPS),
    "web_apps_v3": plan(V3, WEB_APPS_V3),
    "vault_objects": plan(V4, VAULT_OBJECTS),
    "roles": plan(V4, ROLES),
    "defender": plan(V4, DEFENDER),
    "messaging": plan(V4, MESSAGING),
    "workspaces": plan(V4, WORKSPACES),
    "networks": plan(V4, NETWORKS),
})

# ----------------------------------------------------------------- MySQL flexible servers


def mysql(address: str, name: str, **attrs: object) -> R:
    subnet = "delegated_subnet_id" in attrs  # its access then computed: Disabled in a delegated subnet
    return R(address, {"name": name, **rg_args("flex-rg"), "version": "8.0.21", "sku_name": "B_Standard_B1ms",
                       "administrator_login": "phiadmin",
                       "administrator_password": ref("c0rrect-h0rse-Battery", "var.admin_password"), **attrs},
             {"backup_retention_days": 7, "geo_redundant_backup_enabled": False, "delegated_subnet_id": None,
              "private_dns_zone_id": None, **({} if subnet else {"public_network_access": "Enabled"}), "tags": None,
              "timeouts": None, "zone": None, "create_mode": None, "customer_managed_key": [], "identity": []},
             computed=("id", "fqdn", "public_network_access_enabled", "replica_capacity", "storage",
                       *(("public_network_access",) if subnet else ())),
             sensitive=("administrator_password",))


def mysql_configuration(address: str, server: str, name: str, value: object) -> R:
    return R(address, {"name": name, "resource_group_name": ref("flex-rg", "azurerm_resource_group.flex.name",
                                                                 "azurerm_resource_group.flex"),
                       "server_name": ref(UNKNOWN, f"{server}.name", server), "value": value}, {"timeouts": None},
             computed=("id",))


MYSQL = [
    group("flex-rg"),
    # as azure_native.flexible_servers(): a private server with an Entra admin on TLS 1.2+, a public legacy one
    mysql("azurerm_mysql_flexible_server.phi", "my-phi", public_network_access="Disabled"),
    R("azurerm_mysql_flexible_server_active_directory_administrator.phi",
      {"server_id": _id("azurerm_mysql_flexible_server.phi"), "identity_id": f"{SUBSCRIPTION}/resourceGroups/flex-rg/"
       "providers/Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk", "login": "phi-dba-group",
       "object_id": "7b1c2d3e-0000-4000-8000-0000000000ad", "tenant_id": TENANT}, {"timeouts": None}),
    mysql_configuration("azurerm_mysql_flexible_server_configuration.phi_tls", "azurerm_mysql_flexible_server.phi",
                        "tls_version", "TLSv1.2,TLSv1.3"),
    mysql("azurerm_mysql_flexible_server.legacy", "my-legacy", version="5.7", administrator_login="legacy"),
    mysql_configuration("azurerm_mysql_flexible_server_configuration.legacy_tls",
                        "azurerm_mysql_flexible_server.legacy", "tls_version", "TLSv1,TLSv1.1,TLSv1.2"),
    # in a delegated subnet (access computed), a customer key, plaintext allowed from a variable
    mysql("azurerm_mysql_flexible_server.reports", "my-reports",
          customer_managed_key={"key_vault_key_id": "https://kv-phi.vault.azure.net/keys/db",
                                "primary_user_assigned_identity_id": f"{SUBSCRIPTION}/resourceGroups/flex-rg/providers/"
                                "Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"},
          identity={"type": "UserAssigned", "identity_ids": [f"{SUBSCRIPTION}/resourceGroups/flex-rg/providers/"
                                                             "Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"]},
          delegated_subnet_id=f"{SUBSCRIPTION}/resourceGroups/flex-rg/providers/Microsoft.Network/virtualNetworks/"
                              "data/subnets/mysql"),
    mysql_configuration("azurerm_mysql_flexible_server_configuration.reports_plaintext",
                        "azurerm_mysql_flexible_server.reports", "require_secure_transport",
                        ref(UNKNOWN, "var.require_tls")),
]

SCENARIOS["mysql"] = plan(V4, MYSQL)

# ----------------------------------------------------------------- container registries, Cosmos DB, Redis


def registry(address: str, name: str, sku: str, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args("apps-rg"), "sku": sku, **attrs},
             {"admin_enabled": False, "anonymous_pull_enabled": False, "data_endpoint_enabled": False,
              "export_policy_enabled": True, "public_network_access_enabled": True, "quarantine_policy_enabled": False,
              "zone_redundancy_enabled": False, "network_rule_bypass_option": "AzureServices", "tags": None,
              "timeouts": None, "georeplications": [], "identity": [], "encryption": []},
             computed=("id", "login_server", "admin_username", "admin_password", "network_rule_set",
                       "retention_policy_in_days", "trust_policy_enabled"),
             sensitive=("admin_password",))


def cosmos(address: str, name: str, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args("apps-rg"), "offer_type": "Standard",
                       "consistency_policy": {"consistency_level": "Session"},
                       "geo_location": {"location": "eastus", "failover_priority": 0}, **attrs},
             {"local_authentication_disabled": False, "public_network_access_enabled": True, "kind": "GlobalDocumentDB",
              "free_tier_enabled": False, "automatic_failover_enabled": False, "capabilities": [], "tags": None,
              "timeouts": None},
             computed=("id", "endpoint", "primary_key", "secondary_key", "primary_sql_connection_string",
                       "read_endpoints", "write_endpoints"),
             sensitive=("primary_key", "secondary_key", "primary_sql_connection_string"),
             block_defaults={"consistency_policy": {"max_interval_in_seconds": 5, "max_staleness_prefix": 100},
                             "geo_location": {"zone_redundant": False, "id": UNKNOWN}})


def redis(address: str, name: str, **attrs: object) -> R:
    return R(address, {"name": name, **rg_args("integration-rg"), "capacity": 1, "family": "C", "sku_name": "Standard",
                       **attrs},
             {"minimum_tls_version": "1.2", "non_ssl_port_enabled": False, "access_keys_authentication_enabled": True,
              "public_network_access_enabled": True, "redis_version": "6", "tags": None, "timeouts": None,
              "identity": [], "patch_schedule": [], "zones": None},
             computed=("id", "hostname", "port", "ssl_port", "primary_access_key", "secondary_access_key",
                       "primary_connection_string", "secondary_connection_string", "redis_configuration"),
             sensitive=("primary_access_key", "secondary_access_key", "primary_connection_string",
                        "secondary_connection_string"))


LOCAL_AUTH = [
    group("apps-rg"), group("integration-rg"),
    # as azure_native.local_auth()
    registry("azurerm_container_registry.legacy", "acrlegacy", "Basic", admin_enabled=True),
    registry("azurerm_container_registry.phi", "acrphi", "Premium"),
    cosmos("azurerm_cosmosdb_account.phi", "cosmos-phi", local_authentication_disabled=True),
    cosmos("azurerm_cosmosdb_account.keys", "cosmos-keys"),
    # the MongoDB API: keys only, not judged; keys from a variable
    cosmos("azurerm_cosmosdb_account.mongo", "cosmos-mongo", kind="MongoDB",
           capabilities=[{"name": "EnableMongo"}]),
    cosmos("azurerm_cosmosdb_account.toggled", "cosmos-toggled",
           local_authentication_disabled=ref(UNKNOWN, "var.keys_off")),
    # as azure_native.messaging_and_caches()'s caches
    redis("azurerm_redis_cache.sessions", "redis-sessions", access_keys_authentication_enabled=False),
    redis("azurerm_redis_cache.plain", "redis-plain", non_ssl_port_enabled=True),
    redis("azurerm_redis_cache.tls10", "redis-tls10", minimum_tls_version="1.0"),
]

SCENARIOS["local_auth"] = plan(V4, LOCAL_AUTH)

# ------------------------------------------------------------ blocks written by a dynamic block, for_each unknown

# The configuration leaves a dynamic block out and after_unknown shows the whole block unknown: the shape of an
# Optional+Computed block left unwritten (as `nsg()` and `vnet()` without subnets); split resources that
# attach to the resource prove the block is only their account.
_SITE_DYNAMIC = R("azurerm_linux_web_app.dyn", {
    "name": "dyn-app", **rg_args("rg-web"), "https_only": True,
    "service_plan_id": ref(UNKNOWN, "azurerm_service_plan.phi.id", "azurerm_service_plan.phi")},
    {"client_affinity_enabled": False, "enabled": True, "public_network_access_enabled": True, "tags": None,
     "timeouts": None, "app_settings": None, "identity": [], "key_vault_reference_identity_id": UNKNOWN},
    computed=(*_APP_COMPUTED, "site_config"), sensitive=("site_credential",))



def _vnet_unwritten(address: str, name: str) -> R:
    """A network without inline subnets: ``subnet`` only in after_unknown (an unknown value is left out of after)."""
    return R(address, {"name": name, **rg_args("net-rg"), "address_space": ["10.0.0.0/16"]},
             {"bgp_community": None, "dns_servers": [], "edge_zone": None, "flow_timeout_in_minutes": None,
              "tags": None, "timeouts": None, "ddos_protection_plan": [], "encryption": []},
             computed=("id", "guid", "subnet"))


DYNAMIC_BLOCKS = [
    group("net-rg"),
    nsg("azurerm_network_security_group.dyn", "dyn-nsg"),  # dynamic "security_rule"
    nsg("azurerm_network_security_group.split", "split-nsg"),
    R("azurerm_network_security_rule.split_ssh", {
        "name": "ssh-in", "resource_group_name": ref("net-rg", "azurerm_resource_group.net.name",
                                                     "azurerm_resource_group.net"),
        "network_security_group_name": ref("split-nsg", "azurerm_network_security_group.split.name",
                                           "azurerm_network_security_group.split"),
        "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_port_range": "*",
        "destination_port_range": "22", "source_address_prefix": "Internet", "destination_address_prefix": "*"},
      {"description": None, "destination_address_prefixes": None, "destination_application_security_group_ids": None,
       "destination_port_ranges": None, "source_address_prefixes": None,
       "source_application_security_group_ids": None, "source_port_ranges": None, "timeouts": None}),
    _vnet_unwritten("azurerm_virtual_network.dyn", "dyn"),  # dynamic "subnet"
    _vnet_unwritten("azurerm_virtual_network.split", "split"),
    separate_subnet("azurerm_subnet.split_app", "app", "split", "10.0.1.0/24"),
    group("rg-web"),
    R("azurerm_service_plan.phi", {"name": "plan-phi", **rg_args("rg-web"), "os_type": "Linux", "sku_name": "P1v3"},
      {"tags": None, "timeouts": None, "per_site_scaling_enabled": False, "zone_balancing_enabled": False},
      computed=("id", "kind", "reserved", "worker_count", "maximum_elastic_worker_count")),
    _SITE_DYNAMIC,  # dynamic "site_config" (a required block: unwritten, the configuration is invalid)
]

SCENARIOS["dynamic_blocks"] = plan(V4, DYNAMIC_BLOCKS)
