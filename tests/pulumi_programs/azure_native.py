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
    """A PHI account as a hardened template writes it: CMK, HTTPS only, TLS 1.2, no anonymous access,
    every blob read / write / delete sent to Log Analytics through the blob service's settings."""
    from pulumi_azure_native import monitor, resources, storage

    rg = resources.ResourceGroup("phi-rg")
    account = storage.StorageAccount(
        "phirecords", account_name="phirecords", resource_group_name=rg.name,
        kind=storage.Kind.STORAGE_V2, sku=storage.SkuArgs(name=storage.SkuName.STANDARD_GRS),
        enable_https_traffic_only=True, minimum_tls_version=storage.MinimumTlsVersion.TLS1_2,
        allow_blob_public_access=False,
        network_rule_set=storage.NetworkRuleSetArgs(default_action=storage.DefaultAction.DENY,
                                                    bypass=storage.Bypass.AZURE_SERVICES),
        identity=storage.IdentityArgs(type=storage.IdentityType.SYSTEM_ASSIGNED),
        encryption=storage.EncryptionArgs(
            key_source=storage.KeySource.MICROSOFT_KEYVAULT,
            key_vault_properties=storage.KeyVaultPropertiesArgs(key_name="storage-cmk", key_vault_uri=VAULT_URI),
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
    """A private server on TLS 1.2, a legacy public one with TDE turned off, azure-py-appservice's bare one."""
    import pulumi
    from pulumi_azure_native import resources, sql

    rg = resources.ResourceGroup("data-rg")
    password = pulumi.Output.secret(SECRET_PASSWORD)
    private = sql.Server("sql-phi", server_name="sql-phi", resource_group_name=rg.name, version="12.0",
                         administrator_login="phiadmin", administrator_login_password=password,
                         minimal_tls_version="1.2", public_network_access="Disabled")
    sql.Database("claims", database_name="claims", server_name=private.name, resource_group_name=rg.name,
                 sku=sql.SkuArgs(name="GP_S_Gen5", tier="GeneralPurpose", family="Gen5", capacity=1))
    legacy = sql.Server("sql-legacy", server_name="sql-legacy", resource_group_name=rg.name, version="12.0",
                        administrator_login="legacy", administrator_login_password=password,
                        minimal_tls_version="1.0", public_network_access="Enabled")
    reports = sql.Database("reports", database_name="reports", server_name=legacy.name, resource_group_name=rg.name)
    sql.TransparentDataEncryption("reports-tde", database_name=reports.name, server_name=legacy.name,
                                  resource_group_name=rg.name, tde_name="current",
                                  state=sql.TransparentDataEncryptionState.DISABLED)
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
                           allow_blob_public_access=rg.name.apply(lambda n: n.startswith("public")))
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


# ----------------------------------------------------------------- VMs, their NICs and public IPs, subnets


def virtual_machines() -> None:
    """A web VM on a public IP without encryption at host, an app VM on a private NIC with it, and the
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

    def nic(name: str, public_ip=None) -> network.NetworkInterface:
        return network.NetworkInterface(name, network_interface_name=name, resource_group_name=rg.name,
                                        ip_configurations=[network.NetworkInterfaceIPConfigurationArgs(
                                            name="ipconfig1", subnet=network.SubnetArgs(id=batch.id),
                                            public_ip_address=network.PublicIPAddressArgs(id=public_ip.id)
                                            if public_ip else None)])

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


# ----------------------------------------------------------------- App Service


def web_apps() -> None:
    """A hardened app, a legacy one (HTTP served, TLS 1.0, plain FTP, remote debugging) and one that
    leaves the site configuration to Azure's defaults."""
    from pulumi_azure_native import resources, web

    rg = resources.ResourceGroup("web-rg")
    plan = web.AppServicePlan("plan-phi", resource_group_name=rg.name, kind="linux", reserved=True,
                              sku=web.SkuDescriptionArgs(name="P1v3", tier="PremiumV3"))
    web.WebApp("portal", name="portal", resource_group_name=rg.name, server_farm_id=plan.id, https_only=True,
               site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state=web.FtpsState.FTPS_ONLY,
                                              remote_debugging_enabled=False))
    web.WebApp("legacy", name="legacy", resource_group_name=rg.name, server_farm_id=plan.id,
               site_config=web.SiteConfigArgs(min_tls_version="1.0", ftps_state=web.FtpsState.ALL_ALLOWED,
                                              remote_debugging_enabled=True))
    web.WebApp("defaults", name="defaults", resource_group_name=rg.name, server_farm_id=plan.id, https_only=True)
