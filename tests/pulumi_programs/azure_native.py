"""azure-native 3.x programs, written the way the public azure-py-* examples are: a resource group,
resources taking ``resource_group_name=rg.name``, children naming their parent (``server_name=server.name``).

Each function is one program; names are given explicitly where a test compares them with the live
scanner (parity), and left to autonaming elsewhere. Only the azure-native submodules a program uses
are imported (importing them all costs ~26 s).
"""

from __future__ import annotations

VAULT_URI = "https://kv-phi.vault.azure.net/"
WORKSPACE = ("/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-log/providers/"
             "Microsoft.OperationalInsights/workspaces/law-security")
SECRET_PASSWORD = "c0rrect-h0rse-Battery"
SECRET_PREFIX = "198.51.100.0/24"  # a (secret) partner network, not the internet
SECRET_SOURCE = "0.0.0.0/0"  # a source the program keeps secret: the message must not show it
EXISTING_NIC = ("/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-vm/providers/"
                "Microsoft.Network/networkInterfaces/legacy-nic")
DES = ("/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/rg-vm/providers/Microsoft.Compute/"
       "diskEncryptionSets/des-phi")


def _blob_logs(monitor, name: str, resource_uri, *logs) -> None:
    monitor.DiagnosticSetting(name, resource_uri=resource_uri, workspace_id=WORKSPACE,
                              logs=[monitor.DiagnosticsLogSettingsArgs(**{"enabled": True, **entry}) for entry in logs])


# ----------------------------------------------------------------- storage


def compliant_storage() -> None:
    """A PHI account as a hardened template writes it: CMK (and infrastructure encryption below it), HTTPS only,
    TLS 1.2, no anonymous access, every blob read / write / delete sent to Log Analytics through the blob service's
    settings."""
    from pulumi_azure_native import monitor, resources, storage

    rg = resources.ResourceGroup("phi-rg")
    account = storage.StorageAccount(
        "phirecords", account_name="phirecords", resource_group_name=rg.name,
        kind=storage.Kind.STORAGE_V2, sku=storage.SkuArgs(name=storage.SkuName.STANDARD_GRS),
        enable_https_traffic_only=True, minimum_tls_version=storage.MinimumTlsVersion.TLS1_2,
        allow_blob_public_access=False, allow_shared_key_access=False,
        network_rule_set=storage.NetworkRuleSetArgs(default_action=storage.DefaultAction.DENY,
                                                    bypass=storage.Bypass.AZURE_SERVICES),
        identity=storage.IdentityArgs(type=storage.IdentityType.SYSTEM_ASSIGNED),
        encryption=storage.EncryptionArgs(
            key_source=storage.KeySource.MICROSOFT_KEYVAULT,
            key_vault_properties=storage.KeyVaultPropertiesArgs(key_name="storage-cmk", key_vault_uri=VAULT_URI),
            require_infrastructure_encryption=True,
            services=storage.EncryptionServicesArgs(blob=storage.EncryptionServiceArgs(enabled=True))))
    blobs = storage.BlobServiceProperties("phirecords-blobs", account_name=account.name,
                                          resource_group_name=rg.name, blob_services_name="default",
                                          delete_retention_policy=storage.DeleteRetentionPolicyArgs(enabled=True,
                                                                                                   days=30))
    _blob_logs(monitor, "phirecords-blob-logs", blobs.id, {"category_group": "allLogs"})


def noncompliant_storage() -> None:
    """What the pack must stop: anonymous access, plain HTTP, logs that miss writes, logs on the wrong service."""
    from pulumi_azure_native import monitor, resources, storage

    rg = resources.ResourceGroup("web-rg")
    sku = storage.SkuArgs(name=storage.SkuName.STANDARD_LRS)
    # as azure-py-static-website writes it, plus anonymous blob access for the site's assets
    storage.StorageAccount(
        "publicsite", account_name="publicsite", resource_group_name=rg.name, kind=storage.Kind.STORAGE_V2, sku=sku,
        access_tier=storage.AccessTier.HOT, enable_https_traffic_only=True, allow_blob_public_access=True,
        encryption=storage.EncryptionArgs(key_source=storage.KeySource.MICROSOFT_STORAGE),
        network_rule_set=storage.NetworkRuleSetArgs(default_action=storage.DefaultAction.ALLOW))
    storage.StorageAccount("legacyhttp", account_name="legacyhttp", resource_group_name=rg.name,
                           kind=storage.Kind.STORAGE_V2, sku=sku, enable_https_traffic_only=False)
    reads = storage.StorageAccount("readsonly", account_name="readsonly", resource_group_name=rg.name,
                                   kind=storage.Kind.STORAGE_V2, sku=sku)
    _blob_logs(monitor, "readsonly-logs", reads.id.apply(lambda i: f"{i}/blobServices/default"),
               {"category": "StorageRead"}, {"category": "StorageWrite", "enabled": False})
    queues = storage.StorageAccount("queuelogs", account_name="queuelogs", resource_group_name=rg.name,
                                    kind=storage.Kind.STORAGE_V2, sku=sku)
    _blob_logs(monitor, "queuelogs-logs", queues.id.apply(lambda i: f"{i}/queueServices/default"),
               {"category_group": "allLogs"})
    # public network access off: anonymous readers cannot reach the account at all
    storage.StorageAccount("privateonly", account_name="privateonly", resource_group_name=rg.name,
                           kind=storage.Kind.STORAGE_V2, sku=sku, allow_blob_public_access=True,
                           public_network_access=storage.PublicNetworkAccess.DISABLED)


def stock_template_storage() -> None:
    """The shape of ``pulumi new azure-python``: a resource group, a bare account, its key exported."""
    import pulumi
    from pulumi_azure_native import resources, storage

    resource_group = resources.ResourceGroup("resource_group")
    account = storage.StorageAccount("sa", resource_group_name=resource_group.name,
                                     sku=storage.SkuArgs(name=storage.SkuName.STANDARD_LRS),
                                     kind=storage.Kind.STORAGE_V2)
    keys = storage.list_storage_account_keys_output(resource_group_name=resource_group.name,
                                                    account_name=account.name)
    pulumi.export("primary_storage_key", pulumi.Output.secret(keys.keys[0].value))


# ----------------------------------------------------------------- network security groups


def _rule(network, name: str, priority: int, **kwargs):
    kwargs.setdefault("protocol", network.SecurityRuleProtocol.TCP)
    kwargs.setdefault("access", network.SecurityRuleAccess.ALLOW)
    kwargs.setdefault("direction", network.SecurityRuleDirection.INBOUND)
    return network.SecurityRuleArgs(name=name, priority=priority, source_port_range="*",
                                    destination_address_prefix="*", **kwargs)


def nsg_rules() -> None:
    """Inline ``security_rules`` on one group, separate ``SecurityRule`` resources on another."""
    from pulumi_azure_native import network, resources

    rg = resources.ResourceGroup("net-rg")
    network.NetworkSecurityGroup(
        "web-nsg", network_security_group_name="web-nsg", resource_group_name=rg.name,
        security_rules=[
            _rule(network, "https", 100, destination_port_range="443", source_address_prefix="Internet"),
            _rule(network, "ssh", 110, destination_port_range="22", source_address_prefix="*"),
            _rule(network, "deny-rdp", 120, destination_port_range="3389", source_address_prefix="*",
                  access=network.SecurityRuleAccess.DENY),
            _rule(network, "ssh-out", 130, destination_port_range="22", source_address_prefix="*",
                  direction=network.SecurityRuleDirection.OUTBOUND),
        ])
    db = network.NetworkSecurityGroup("db-nsg", network_security_group_name="db-nsg", resource_group_name=rg.name)
    network.SecurityRule(
        "db-engines", security_rule_name="db-engines", network_security_group_name=db.name,
        resource_group_name=rg.name, priority=100, protocol=network.SecurityRuleProtocol.ASTERISK,
        access=network.SecurityRuleAccess.ALLOW, direction=network.SecurityRuleDirection.INBOUND,
        source_port_range="*", destination_address_prefix="*",
        destination_port_ranges=["1433", "5432"], source_address_prefixes=["0.0.0.0/0", "10.20.0.0/16"])
    network.SecurityRule(
        "db-from-app", security_rule_name="db-from-app", network_security_group_name=db.name,
        resource_group_name=rg.name, priority=110, protocol=network.SecurityRuleProtocol.TCP,
        access=network.SecurityRuleAccess.ALLOW, direction=network.SecurityRuleDirection.INBOUND,
        source_port_range="*", destination_address_prefix="*", destination_port_range="3306",
        source_address_prefix="VirtualNetwork")


def loadbalancer_vm_nsg() -> None:
    """The security group of azure-py-loadbalancer-vm: HTTP from the internet, nothing else."""
    from pulumi_azure_native import network, resources

    rg = resources.ResourceGroup("lbvm-resource-group")
    network.NetworkSecurityGroup(
        "lbvm-security-group", resource_group_name=rg.name,
        security_rules=[network.SecurityRuleArgs(
            name="lbvm-securityrule", protocol="TCP", source_port_range="*", destination_port_ranges=["80"],
            source_address_prefix="Internet", destination_address_prefix="10.0.0.0/16", access="Allow",
            priority=100, direction=network.AccessRuleDirection.INBOUND)])


# ----------------------------------------------------------------- Azure SQL


def sql_servers() -> None:
    """A private server on TLS 1.2 with a Key Vault TDE protector, an Entra admin and 90-day auditing; a legacy
    public one with TDE turned off and 30-day auditing; azure-py-appservice's bare one."""
    import pulumi
    from pulumi_azure_native import resources, sql

    rg = resources.ResourceGroup("data-rg")
    password = pulumi.Output.secret(SECRET_PASSWORD)
    private = sql.Server("sql-phi", server_name="sql-phi", resource_group_name=rg.name, version="12.0",
                         administrator_login="phiadmin", administrator_login_password=password,
                         minimal_tls_version="1.2", public_network_access="Disabled")
    sql.Database("claims", database_name="claims", server_name=private.name, resource_group_name=rg.name,
                 sku=sql.SkuArgs(name="GP_S_Gen5", tier="GeneralPurpose", family="Gen5", capacity=1))
    sql.EncryptionProtector("sql-phi-tde-protector", server_name=private.name, resource_group_name=rg.name,
                            encryption_protector_name="current", server_key_type=sql.ServerKeyType.AZURE_KEY_VAULT,
                            server_key_name="kv-phi_tde_0a1b2c3d", auto_rotation_enabled=True)
    sql.ServerAzureADAdministrator("sql-phi-entra-admin", server_name=private.name, resource_group_name=rg.name,
                                   administrator_name="ActiveDirectory", login="phi-dba-group",
                                   administrator_type=sql.AdministratorType.ACTIVE_DIRECTORY,
                                   sid="7b1c2d3e-0000-4000-8000-0000000000ad")
    sql.ServerBlobAuditingPolicy("sql-phi-auditing", server_name=private.name, resource_group_name=rg.name,
                                 blob_auditing_policy_name="default", state=sql.BlobAuditingPolicyState.ENABLED,
                                 storage_endpoint="https://phiaudits.blob.core.windows.net/", retention_days=90)
    legacy = sql.Server("sql-legacy", server_name="sql-legacy", resource_group_name=rg.name, version="12.0",
                        administrator_login="legacy", administrator_login_password=password,
                        minimal_tls_version="1.0", public_network_access="Enabled")
    reports = sql.Database("reports", database_name="reports", server_name=legacy.name, resource_group_name=rg.name)
    sql.TransparentDataEncryption("reports-tde", database_name=reports.name, server_name=legacy.name,
                                  resource_group_name=rg.name, tde_name="current",
                                  state=sql.TransparentDataEncryptionState.DISABLED)
    sql.ServerBlobAuditingPolicy("sql-legacy-auditing", server_name=legacy.name, resource_group_name=rg.name,
                                 state=sql.BlobAuditingPolicyState.ENABLED, retention_days=30,
                                 storage_endpoint="https://legacyaudits.blob.core.windows.net/")
    bare = sql.Server("sql-app", server_name="sql-app", resource_group_name=rg.name, version="12.0",
                      administrator_login="pulumi", administrator_login_password=password)
    sql.Database("app-db", database_name="app-db", server_name=bare.name, resource_group_name=rg.name,
                 sku=sql.SkuArgs(name="S0"))


def sql_restored_database() -> None:
    """A point-in-time restore takes its source's TDE state, which the program does not show."""
    from pulumi_azure_native import resources, sql

    rg = resources.ResourceGroup("restore-rg")
    server = sql.Server("sql-restore", server_name="sql-restore", resource_group_name=rg.name, version="12.0",
                        administrator_login="ops", minimal_tls_version="1.2", public_network_access="Disabled")
    sql.Database("claims-restored", database_name="claims-restored", server_name=server.name,
                 resource_group_name=rg.name, create_mode=sql.CreateMode.POINT_IN_TIME_RESTORE,
                 source_database_id="/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/data-rg/"
                                    "providers/Microsoft.Sql/servers/sql-phi/databases/claims",
                 restore_point_in_time="2026-11-01T00:00:00Z")


# ----------------------------------------------------------------- managed disks


def managed_disks() -> None:
    from pulumi_azure_native import compute, resources

    rg = resources.ResourceGroup("vm-rg")
    compute.Disk("vm1_OsDisk", disk_name="vm1_OsDisk", resource_group_name=rg.name, disk_size_gb=30,
                 creation_data=compute.CreationDataArgs(create_option=compute.DiskCreateOption.EMPTY))
    compute.Disk("vm1_DataDisk", disk_name="vm1_DataDisk", resource_group_name=rg.name, disk_size_gb=256,
                 creation_data=compute.CreationDataArgs(create_option=compute.DiskCreateOption.EMPTY),
                 encryption=compute.EncryptionArgs(type=compute.EncryptionType.ENCRYPTION_AT_REST_WITH_CUSTOMER_KEY,
                                                   disk_encryption_set_id=DES))


# ----------------------------------------------------------------- preview unknowns and secrets


def unresolved_outputs() -> None:
    """Settings computed from other resources' outputs: unknown in a preview of new resources."""
    from pulumi_azure_native import network, resources, sql, storage

    rg = resources.ResourceGroup("late-rg")
    # decided from the resource group's name, which a preview of a new group does not know
    storage.StorageAccount("lateaccount", account_name="lateaccount", resource_group_name=rg.name,
                           kind=storage.Kind.STORAGE_V2, sku=storage.SkuArgs(name=storage.SkuName.STANDARD_LRS),
                           allow_blob_public_access=rg.name.apply(lambda n: n.startswith("public")),
                           encryption=storage.EncryptionArgs(
                               require_infrastructure_encryption=rg.name.apply(lambda n: n.endswith("-phi"))))
    ip = network.PublicIPAddress("jump-ip", resource_group_name=rg.name,
                                 public_ip_allocation_method=network.IPAllocationMethod.STATIC)
    network.NetworkSecurityGroup(
        "jump-nsg", network_security_group_name="jump-nsg", resource_group_name=rg.name,
        security_rules=[_rule(network, "ssh-from-jump", 100, destination_port_range="22",
                              source_address_prefix=ip.ip_address)])
    sql.Server("sql-late", server_name="sql-late", resource_group_name=rg.name, version="12.0",
               administrator_login="ops", public_network_access="Disabled",
               minimal_tls_version=rg.name.apply(lambda n: "1.2" if n else "1.0"))


def secrets() -> None:
    """Secret values reach the pack as secrets and never appear in a message."""
    import pulumi
    from pulumi_azure_native import network, resources, sql

    rg = resources.ResourceGroup("secret-rg")
    network.NetworkSecurityGroup(
        "partner-nsg", network_security_group_name="partner-nsg", resource_group_name=rg.name,
        security_rules=[_rule(network, "rdp-partner", 100, destination_port_range="3389",
                              source_address_prefix=pulumi.Output.secret(SECRET_PREFIX)),
                        _rule(network, "ssh-anywhere", 110, destination_port_range="22",
                              source_address_prefix=pulumi.Output.secret(SECRET_SOURCE))])
    server = sql.Server("sql-secret", server_name="sql-secret", resource_group_name=rg.name, version="12.0",
                        administrator_login="ops", administrator_login_password=pulumi.Output.secret(SECRET_PASSWORD),
                        minimal_tls_version="1.1", public_network_access="Enabled")
    sql.Database("secret-db", database_name="secret-db", server_name=server.name, resource_group_name=rg.name)


def mixed_clouds() -> None:
    """One stack with an AWS bucket and an Azure account: each pack judges its own cloud's resources."""
    import pulumi_aws as aws
    from pulumi_azure_native import resources, storage

    aws.s3.Bucket("aws-logs", bucket="aws-logs")
    rg = resources.ResourceGroup("mixed-rg")
    storage.StorageAccount("azurelogs", account_name="azurelogs", resource_group_name=rg.name,
                           kind=storage.Kind.STORAGE_V2, sku=storage.SkuArgs(name=storage.SkuName.STANDARD_LRS))


def edge_joins() -> None:
    """Links written by value or to resources outside the stack, application security groups, a rule list
    computed at preview, a diagnostic setting given the blob service's id as text."""
    from pulumi_azure_native import monitor, network, resources, sql, storage

    rg = resources.ResourceGroup("edge-rg", resource_group_name="edge-rg")
    network.NetworkSecurityGroup("app-nsg", network_security_group_name="app-nsg", resource_group_name="edge-rg")
    network.SecurityRule(  # names its group by value: joined without a dependency
        "app-ssh", security_rule_name="app-ssh", network_security_group_name="app-nsg", resource_group_name="edge-rg",
        priority=100, protocol="Tcp", access="Allow", direction="Inbound", source_port_range="*",
        destination_address_prefix="*", destination_port_range="22", source_address_prefix="Internet")
    network.SecurityRule(  # a group managed elsewhere
        "shared-rdp", security_rule_name="shared-rdp", network_security_group_name="shared-nsg",
        resource_group_name="hub-rg", priority=100, protocol="Tcp", access="Allow", direction="Inbound",
        source_port_range="*", destination_address_prefix="*", destination_port_range="3389",
        source_address_prefix="*")
    asg = network.ApplicationSecurityGroup("web-asg", resource_group_name=rg.name)
    network.NetworkSecurityGroup(
        "asg-nsg", network_security_group_name="asg-nsg", resource_group_name=rg.name,
        security_rules=[_rule(network, "ssh-from-web", 100, destination_port_range="22",
                              source_application_security_groups=[
                                  network.ApplicationSecurityGroupArgs(id=asg.id)])])
    network.NetworkSecurityGroup(  # the whole rule list is computed from an output
        "computed-nsg", network_security_group_name="computed-nsg", resource_group_name=rg.name,
        security_rules=rg.name.apply(lambda _: [_rule(network, "ssh", 100, destination_port_range="22",
                                                      source_address_prefix="*")]))
    sql.Database("shared-db", database_name="shared-db", server_name="shared-sql", resource_group_name="hub-rg")
    storage.StorageAccount("textlogs", account_name="textlogs", resource_group_name="edge-rg",
                           kind=storage.Kind.STORAGE_V2, sku=storage.SkuArgs(name=storage.SkuName.STANDARD_LRS))
    _blob_logs(monitor, "textlogs-logs", "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/edge-rg/"
               "providers/Microsoft.Storage/storageAccounts/textlogs/blobServices/default",
               *({"category": c} for c in ("StorageRead", "StorageWrite", "StorageDelete")))


# ----------------------------------------------------------------- PostgreSQL / MySQL flexible servers

def flexible_servers() -> None:
    """A private PostgreSQL server with a Key Vault key and Entra logins; a public one that takes plaintext;
    a private MySQL server with an Entra admin on TLS 1.2+; a public legacy MySQL one still taking TLS 1.0."""
    import pulumi
    from pulumi_azure_native import dbformysql, dbforpostgresql, resources

    rg = resources.ResourceGroup("flex-rg")
    password = pulumi.Output.secret(SECRET_PASSWORD)
    identity = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/flex-rg/providers/" \
               "Microsoft.ManagedIdentity/userAssignedIdentities/db-cmk"
    dbforpostgresql.Server(
        "pg-phi", server_name="pg-phi", resource_group_name=rg.name, version="16", administrator_login="phiadmin",
        administrator_login_password=password, sku=dbforpostgresql.SkuArgs(name="Standard_B1ms", tier="Burstable"),
        network=dbforpostgresql.NetworkArgs(public_network_access="Disabled"),
        auth_config=dbforpostgresql.AuthConfigArgs(active_directory_auth="Enabled", password_auth="Enabled"),
        data_encryption=dbforpostgresql.DataEncryptionArgs(
            type="AzureKeyVault", primary_key_uri="https://kv-phi.vault.azure.net/keys/db/0a1b2c3d",
            primary_user_assigned_identity_id=identity))
    web = dbforpostgresql.Server(
        "pg-web", server_name="pg-web", resource_group_name=rg.name, version="16", administrator_login="web",
        administrator_login_password=password, sku=dbforpostgresql.SkuArgs(name="Standard_B1ms", tier="Burstable"))
    dbforpostgresql.Configuration("pg-web-plaintext", server_name=web.name, resource_group_name=rg.name,
                                  configuration_name="require_secure_transport", value="off", source="user-override")
    mysql_sku = dbformysql.MySQLServerSkuArgs(name="Standard_B1ms", tier="Burstable")
    phi = dbformysql.Server(
        "my-phi", server_name="my-phi", resource_group_name=rg.name, version="8.0.21", administrator_login="phiadmin",
        administrator_login_password=password, sku=mysql_sku,
        network=dbformysql.NetworkArgs(public_network_access="Disabled"))
    dbformysql.AzureADAdministrator("my-phi-entra-admin", server_name=phi.name, resource_group_name=rg.name,
                                    administrator_name="ActiveDirectory", administrator_type="ActiveDirectory",
                                    login="phi-dba-group", sid="7b1c2d3e-0000-4000-8000-0000000000ad",
                                    tenant_id="72f988bf-0000-4000-8000-00000000a2b1", identity_resource_id=identity)
    dbformysql.Configuration("my-phi-tls", server_name=phi.name, resource_group_name=rg.name,
                             configuration_name="tls_version", value="TLSv1.2,TLSv1.3", source="user-override")
    legacy = dbformysql.Server(
        "my-legacy", server_name="my-legacy", resource_group_name=rg.name, version="5.7", administrator_login="legacy",
        administrator_login_password=password, sku=mysql_sku,
        network=dbformysql.NetworkArgs(public_network_access="Enabled"))
    dbformysql.Configuration("my-legacy-tls", server_name=legacy.name, resource_group_name=rg.name,
                             configuration_name="tls_version", value="TLSv1,TLSv1.1,TLSv1.2", source="user-override")
# ----------------------------------------------------------------- logging: workspaces, Defender plans

FLOW_LOG_TARGET = ("/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/resourceGroups/net-rg/providers/"
                   "Microsoft.Network/virtualNetworks/hub")
SUBSCRIPTION_SCOPE = "subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"


def logging_workspaces() -> None:
    """Four workspaces: one linked to a CMK cluster that takes the activity log's Administrative events, one
    the activity log streams to without a key, one flow-log traffic analytics writes to (retention left to
    Azure's default), one for application logs only."""
    from pulumi_azure_native import monitor, network, operationalinsights, resources

    rg = resources.ResourceGroup("log-rg")
    sku = operationalinsights.WorkspaceSkuArgs(name=operationalinsights.WorkspaceSkuNameEnum.PER_GB2018)
    cluster = operationalinsights.Cluster(
        "law-cluster", cluster_name="law-cluster", resource_group_name=rg.name,
        identity=operationalinsights.IdentityArgs(type=operationalinsights.IdentityType.SYSTEM_ASSIGNED),
        sku=operationalinsights.ClusterSkuArgs(name=operationalinsights.ClusterSkuNameEnum.CAPACITY_RESERVATION,
                                               capacity=100),
        key_vault_properties=operationalinsights.KeyVaultPropertiesArgs(key_vault_uri=VAULT_URI, key_name="law-cmk"))
    audit = operationalinsights.Workspace("law-audit", workspace_name="law-audit", resource_group_name=rg.name,
                                          sku=sku, retention_in_days=365)
    operationalinsights.LinkedService("law-audit-cluster", resource_group_name=rg.name, workspace_name=audit.name,
                                      linked_service_name="cluster", write_access_resource_id=cluster.id)
    activity = operationalinsights.Workspace("law-activity", workspace_name="law-activity",
                                             resource_group_name=rg.name, sku=sku, retention_in_days=90)
    categories = ("Administrative", "Security", "Alert", "Policy")
    monitor.SubscriptionDiagnosticSetting(
        "export-activity", name="export-activity", workspace_id=activity.id,
        logs=[monitor.SubscriptionLogSettingsArgs(category=c, enabled=True) for c in categories])
    monitor.SubscriptionDiagnosticSetting(
        "export-admin", name="export-admin", workspace_id=audit.id,
        logs=[monitor.SubscriptionLogSettingsArgs(category="Administrative", enabled=True)])
    flows = operationalinsights.Workspace("law-flows", workspace_name="law-flows", resource_group_name=rg.name,
                                          sku=sku)
    network.FlowLog(
        "hub-flows", flow_log_name="hub-flows", network_watcher_name="NetworkWatcher_eastus",
        resource_group_name="NetworkWatcherRG",
        target_resource_id=FLOW_LOG_TARGET, storage_id=WORKSPACE.replace(
            "Microsoft.OperationalInsights/workspaces/law-security", "Microsoft.Storage/storageAccounts/flowlogs"),
        enabled=True, retention_policy=network.RetentionPolicyParametersArgs(days=365, enabled=True),
        flow_analytics_configuration=network.TrafficAnalyticsPropertiesArgs(
            network_watcher_flow_analytics_configuration=network.TrafficAnalyticsConfigurationPropertiesArgs(
                enabled=True, workspace_resource_id=flows.id, workspace_region="eastus",
                workspace_id=flows.customer_id)))
    operationalinsights.Workspace("law-apps", workspace_name="law-apps", resource_group_name=rg.name, sku=sku,
                                  retention_in_days=30)


def defender_plans() -> None:
    """Defender for Cloud as a landing-zone program sets it: servers P2 on, storage left on Free, the retired
    DNS plan still declared Free."""
    from pulumi_azure_native import security

    security.Pricing("defender-servers", pricing_name="VirtualMachines", pricing_tier=security.PricingTier.STANDARD,
                     sub_plan="P2", scope_id=SUBSCRIPTION_SCOPE)
    security.Pricing("defender-storage", pricing_name="StorageAccounts", pricing_tier=security.PricingTier.FREE,
                     scope_id=SUBSCRIPTION_SCOPE)
    security.Pricing("defender-dns", pricing_name="Dns", pricing_tier=security.PricingTier.FREE,
                     scope_id=SUBSCRIPTION_SCOPE)


def computed_workspace() -> None:
    """A workspace whose retention and activity-log export depend on values only ``pulumi up`` knows."""
    from pulumi_azure_native import monitor, operationalinsights, resources

    rg = resources.ResourceGroup("ops-rg")
    ws = operationalinsights.Workspace("law-ops", workspace_name="law-ops", resource_group_name=rg.name,
                                       retention_in_days=rg.name.apply(lambda _: 400))
    monitor.SubscriptionDiagnosticSetting(
        "export-ops", name="export-ops", workspace_id=ws.id,
        logs=[monitor.SubscriptionLogSettingsArgs(category="Administrative", enabled=rg.name.apply(lambda _: True))])


def flow_logged_networks() -> None:
    """Networks as a hub-and-spoke program writes them, flow-logged four ways: a VNet flow log on the hub,
    NSG flow logs on both NSGs of a spoke built from separate subnets, a spoke whose second subnet nobody
    logs, and a spoke whose VNet flow log is switched off."""
    from pulumi_azure_native import network, resources, storage

    rg = resources.ResourceGroup("net-rg")
    # the records' store: a CMK account with no public endpoint (the switched-off flow log names one elsewhere)
    store = storage.StorageAccount(
        "flowlogs", account_name="flowlogs", resource_group_name=rg.name, kind=storage.Kind.STORAGE_V2,
        sku=storage.SkuArgs(name=storage.SkuName.STANDARD_LRS),
        public_network_access=storage.PublicNetworkAccess.DISABLED, allow_shared_key_access=False,
        encryption=storage.EncryptionArgs(key_source=storage.KeySource.MICROSOFT_KEYVAULT,
                                          key_vault_properties=storage.KeyVaultPropertiesArgs(
                                              key_name="flowlogs-cmk", key_vault_uri=VAULT_URI)))
    elsewhere = WORKSPACE.replace("Microsoft.OperationalInsights/workspaces/law-security",
                                  "Microsoft.Storage/storageAccounts/flowlogs2")
    space = network.AddressSpaceArgs(address_prefixes=["10.0.0.0/16"])
    web = network.NetworkSecurityGroup("web-nsg", network_security_group_name="web-nsg", resource_group_name=rg.name)
    app = network.NetworkSecurityGroup("app-nsg", network_security_group_name="app-nsg", resource_group_name=rg.name)

    def flow_log(name: str, target, enabled: bool = True, days: int = 365) -> None:
        network.FlowLog(name, flow_log_name=name, network_watcher_name="NetworkWatcher_eastus",
                        resource_group_name="NetworkWatcherRG", target_resource_id=target,
                        storage_id=store.id if enabled else elsewhere, enabled=enabled,
                        retention_policy=network.RetentionPolicyParametersArgs(days=days, enabled=True))

    def subnet(name: str, prefix: str, nsg=None) -> network.SubnetArgs:
        group = network.NetworkSecurityGroupArgs(id=nsg.id) if nsg is not None else None
        return network.SubnetArgs(name=name, address_prefix=prefix, network_security_group=group)

    hub = network.VirtualNetwork("hub", virtual_network_name="hub", resource_group_name=rg.name, address_space=space,
                                 subnets=[subnet("web", "10.0.1.0/24", web), subnet("GatewaySubnet", "10.0.255.0/27")])
    flow_log("hub-flows", hub.id)
    spoke = network.VirtualNetwork("spoke-nsg", virtual_network_name="spoke-nsg", resource_group_name=rg.name,
                                   address_space=space)
    for name, nsg in (("web", web), ("app", app)):
        network.Subnet(f"spoke-{name}", subnet_name=name, virtual_network_name=spoke.name, resource_group_name=rg.name,
                       address_prefix="10.0.1.0/24", network_security_group=network.NetworkSecurityGroupArgs(id=nsg.id))
    flow_log("web-nsg-flows", web.id)
    flow_log("app-nsg-flows", app.id, days=90)
    network.VirtualNetwork("spoke-partial", virtual_network_name="spoke-partial", resource_group_name=rg.name,
                           address_space=space,
                           subnets=[subnet("web", "10.0.1.0/24", web), subnet("db", "10.0.2.0/24")])
    off = network.VirtualNetwork("spoke-disabled", virtual_network_name="spoke-disabled", resource_group_name=rg.name,
                                 address_space=space, subnets=[subnet("data", "10.0.3.0/24")])
    flow_log("off-flows", off.id, enabled=False)
# ----------------------------------------------------------------- identity and Key Vault

TENANT = "72f988bf-0000-4000-8000-00000000a2b1"
EXPIRES_2030 = 1893456000


def vault_keys_and_secrets() -> None:
    """A vault with keys and secrets, some with an expiration date, some forever."""
    from pulumi_azure_native import keyvault, resources

    rg = resources.ResourceGroup("sec-rg")
    vault = keyvault.Vault("kv-phi", vault_name="kv-phi", resource_group_name=rg.name,
                           properties=keyvault.VaultPropertiesArgs(
                               tenant_id=TENANT, sku=keyvault.SkuArgs(family="A", name=keyvault.SkuName.STANDARD),
                               enable_rbac_authorization=True, enable_purge_protection=True))
    keyvault.Key("cmk", key_name="cmk", vault_name=vault.name, resource_group_name=rg.name,
                 properties=keyvault.KeyPropertiesArgs(kty=keyvault.JsonWebKeyType.RSA, key_size=3072,
                                                       attributes=keyvault.KeyAttributesArgs(expires=EXPIRES_2030)))
    # rotates 30 days before it expires (a rotation policy dates the versions rotation makes, not this one)
    rotate = keyvault.LifetimeActionArgs(action=keyvault.ActionArgs(type=keyvault.KeyRotationPolicyActionType.ROTATE),
                                         trigger=keyvault.TriggerArgs(time_before_expiry="P30D"))
    notify = keyvault.LifetimeActionArgs(action=keyvault.ActionArgs(type=keyvault.KeyRotationPolicyActionType.NOTIFY),
                                         trigger=keyvault.TriggerArgs(time_before_expiry="P29D"))
    keyvault.Key("forever", key_name="forever", vault_name=vault.name, resource_group_name=rg.name,
                 properties=keyvault.KeyPropertiesArgs(
                     kty=keyvault.JsonWebKeyType.EC, curve_name="P-256",
                     rotation_policy=keyvault.RotationPolicyArgs(
                         lifetime_actions=[notify, rotate],
                         attributes=keyvault.KeyRotationPolicyAttributesArgs(expiry_time="P90D"))))
    # its action type from the vault's id: computed at preview
    keyvault.Key("rolling-key", key_name="rolling-key", vault_name=vault.name, resource_group_name=rg.name,
                 properties=keyvault.KeyPropertiesArgs(
                     kty=keyvault.JsonWebKeyType.RSA, key_size=3072,
                     attributes=keyvault.KeyAttributesArgs(expires=EXPIRES_2030),
                     rotation_policy=keyvault.RotationPolicyArgs(lifetime_actions=[keyvault.LifetimeActionArgs(
                         action=keyvault.ActionArgs(type=vault.id.apply(lambda _: "rotate")),
                         trigger=keyvault.TriggerArgs(time_after_create="P180D"))])))
    keyvault.Secret("db-password", secret_name="db-password", vault_name=vault.name, resource_group_name=rg.name,
                    properties=keyvault.SecretPropertiesArgs(
                        value=SECRET_PASSWORD, attributes=keyvault.SecretAttributesArgs(expires=EXPIRES_2030)))
    keyvault.Secret("api-token", secret_name="api-token", vault_name=vault.name, resource_group_name=rg.name,
                    properties=keyvault.SecretPropertiesArgs(value=SECRET_PASSWORD))


def custom_roles() -> None:
    """Custom roles as teams write them: a "*" role over the subscription (assigned to a pipeline), an
    all-but-RBAC role over the root, a resource-group admin and a narrow operator role."""
    from pulumi_azure_native import authorization

    sub = "/subscriptions/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"
    god = authorization.RoleDefinition("god-mode", role_name="god-mode", scope=sub, assignable_scopes=[sub],
                                       role_definition_id="0d7e0000-0000-4000-8000-0000000000a1",
                                       permissions=[authorization.PermissionArgs(actions=["*"])])
    authorization.RoleAssignment("pipeline-god", scope=sub, principal_id="7a1e0000-0000-4000-8000-000000000003",
                                 principal_type=authorization.PrincipalType.SERVICE_PRINCIPAL,
                                 role_definition_id=god.id)
    authorization.RoleDefinition("ops-all-but-rbac", role_name="ops-all-but-rbac", scope=sub, assignable_scopes=["/"],
                                 permissions=[authorization.PermissionArgs(
                                     actions=["*"], not_actions=["Microsoft.Authorization/*/Write"])])
    authorization.RoleDefinition("rg-admin", role_name="rg-admin", scope=sub,
                                 assignable_scopes=[f"{sub}/resourceGroups/rg-app"],
                                 permissions=[authorization.PermissionArgs(actions=["*"])])
    authorization.RoleDefinition("storage-ops", role_name="storage-ops", scope=sub, assignable_scopes=[sub],
                                 permissions=[authorization.PermissionArgs(actions=["Microsoft.Storage/*"])])


def local_auth() -> None:
    """Services with and without their own keys: a registry with its admin user on, one left at the default,
    a Cosmos DB account with and one without local auth."""
    from pulumi_azure_native import containerregistry, cosmosdb, resources

    rg = resources.ResourceGroup("apps-rg")
    containerregistry.Registry("acrlegacy", registry_name="acrlegacy", resource_group_name=rg.name,
                               sku=containerregistry.SkuArgs(name=containerregistry.SkuName.BASIC),
                               admin_user_enabled=True)
    containerregistry.Registry("acrphi", registry_name="acrphi", resource_group_name=rg.name,
                               sku=containerregistry.SkuArgs(name=containerregistry.SkuName.PREMIUM))
    location = [cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)]
    cosmosdb.DatabaseAccount("cosmos-phi", account_name="cosmos-phi", resource_group_name=rg.name,
                             database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
                             locations=location, disable_local_auth=True)
    cosmosdb.DatabaseAccount("cosmos-keys", account_name="cosmos-keys", resource_group_name=rg.name,
                             database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
                             locations=location)
# ----------------------------------------------------------------- VMs, their NICs and public IPs, subnets


def virtual_machines() -> None:
    """A web VM on a public IP without encryption at host, an app VM on a private NIC with it, a router VM
    whose NIC forwards IP traffic, and the
    VNet they share: its gateway subnet (no NSG possible), an app subnet with an NSG, a data subnet
    without, and a subnet declared as its own resource."""
    from pulumi_azure_native import compute, network, resources

    rg = resources.ResourceGroup("vm-rg")
    nsg = network.NetworkSecurityGroup("app-nsg", network_security_group_name="app-nsg", resource_group_name=rg.name)
    vnet = network.VirtualNetwork(
        "spoke", virtual_network_name="spoke", resource_group_name=rg.name,
        address_space=network.AddressSpaceArgs(address_prefixes=["10.0.0.0/16"]),
        subnets=[network.SubnetArgs(name="GatewaySubnet", address_prefix="10.0.0.0/27"),
                 network.SubnetArgs(name="app", address_prefix="10.0.1.0/24",
                                    network_security_group=network.NetworkSecurityGroupArgs(id=nsg.id)),
                 network.SubnetArgs(name="data", address_prefix="10.0.2.0/24")])
    batch = network.Subnet("batch", subnet_name="batch", virtual_network_name=vnet.name, resource_group_name=rg.name,
                           address_prefix="10.0.3.0/24")
    pip = network.PublicIPAddress("web-ip", public_ip_address_name="web-ip", resource_group_name=rg.name,
                                  public_ip_allocation_method=network.IPAllocationMethod.STATIC,
                                  sku=network.PublicIPAddressSkuArgs(name="Standard"))

    def nic(name: str, public_ip=None, forwarding: bool | None = None) -> network.NetworkInterface:
        config = network.NetworkInterfaceIPConfigurationArgs(
            name="ipconfig1", subnet=network.SubnetArgs(id=batch.id),
            public_ip_address=network.PublicIPAddressArgs(id=public_ip.id) if public_ip else None)
        return network.NetworkInterface(name, network_interface_name=name, resource_group_name=rg.name,
                                        enable_ip_forwarding=forwarding, ip_configurations=[config])

    def vm(name: str, nic_, host_encryption: bool | None) -> None:
        compute.VirtualMachine(
            name, vm_name=name, resource_group_name=rg.name,
            hardware_profile=compute.HardwareProfileArgs(vm_size="Standard_D2s_v5"),
            network_profile=compute.NetworkProfileArgs(network_interfaces=[
                compute.NetworkInterfaceReferenceArgs(id=nic_ if isinstance(nic_, str) else nic_.id, primary=True)]),
            security_profile=compute.SecurityProfileArgs(encryption_at_host=host_encryption)
            if host_encryption is not None else None,
            storage_profile=compute.StorageProfileArgs(image_reference=compute.ImageReferenceArgs(
                publisher="canonical", offer="ubuntu-24_04-lts", sku="server", version="latest")))

    vm("web-vm", nic("web-nic", pip), None)
    vm("app-vm", nic("app-nic"), True)
    vm("legacy-vm", EXISTING_NIC, False)  # on a NIC the program does not create
    vm("router-vm", nic("router-nic", forwarding=True), True)  # a network virtual appliance: forwards


# ----------------------------------------------------------------- App Service


def web_apps() -> None:
    """A hardened app (with a managed identity), a legacy one (HTTP served, TLS 1.0, plain FTP, remote debugging,
    no identity) and one that leaves the site configuration and identity to Azure's defaults."""
    from pulumi_azure_native import resources, web

    rg = resources.ResourceGroup("web-rg")
    plan = web.AppServicePlan("plan-phi", resource_group_name=rg.name, kind="linux", reserved=True,
                              sku=web.SkuDescriptionArgs(name="P1v3", tier="PremiumV3"))
    web.WebApp("portal", name="portal", resource_group_name=rg.name, server_farm_id=plan.id, https_only=True,
               identity=web.ManagedServiceIdentityArgs(type=web.ManagedServiceIdentityType.SYSTEM_ASSIGNED),
               site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state=web.FtpsState.FTPS_ONLY,
                                              remote_debugging_enabled=False))
    web.WebApp("legacy", name="legacy", resource_group_name=rg.name, server_farm_id=plan.id,
               site_config=web.SiteConfigArgs(min_tls_version="1.0", ftps_state=web.FtpsState.ALL_ALLOWED,
                                              remote_debugging_enabled=True))
    web.WebApp("defaults", name="defaults", resource_group_name=rg.name, server_farm_id=plan.id, https_only=True)


# ----------------------------------------------------------------- Service Bus, Event Hubs, Azure Cache for Redis


def messaging_and_caches() -> None:
    """A customer-keyed Service Bus namespace with SAS keys off, one left at the defaults; an Event Hubs
    namespace with SAS keys off; a Redis cache with access keys off, one with the plaintext port, one at TLS 1.0."""
    from pulumi_azure_native import eventhub, redis, resources, servicebus

    rg = resources.ResourceGroup("integration-rg")
    servicebus.Namespace("sb-orders", namespace_name="sb-orders", resource_group_name=rg.name,
                         sku=servicebus.SBSkuArgs(name=servicebus.SkuName.PREMIUM), disable_local_auth=True,
                         encryption=servicebus.EncryptionArgs(
                             key_source=servicebus.KeySource.MICROSOFT_KEY_VAULT,
                             key_vault_properties=[servicebus.KeyVaultPropertiesArgs(
                                 key_name="sb-cmk", key_vault_uri="https://kv-phi.vault.azure.net/")]))
    servicebus.Namespace("sb-legacy", namespace_name="sb-legacy", resource_group_name=rg.name,
                         sku=servicebus.SBSkuArgs(name=servicebus.SkuName.STANDARD))
    eventhub.Namespace("eh-telemetry", namespace_name="eh-telemetry", resource_group_name=rg.name,
                       sku=eventhub.SkuArgs(name=eventhub.SkuName.STANDARD), disable_local_auth=True)
    sku = redis.SkuArgs(name=redis.SkuName.STANDARD, family=redis.SkuFamily.C, capacity=1)
    redis.Redis("redis-sessions", name="redis-sessions", resource_group_name=rg.name, sku=sku,
                disable_access_key_authentication=True)
    redis.Redis("redis-plain", name="redis-plain", resource_group_name=rg.name, sku=sku, enable_non_ssl_port=True)
    redis.Redis("redis-tls10", name="redis-tls10", resource_group_name=rg.name, sku=sku,
                minimum_tls_version=redis.TlsVersion.TLS_VERSION_1_0)
