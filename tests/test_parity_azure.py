"""Parity: each Azure scenario written once as an azure-native program and once as a fake tenant.

The program is captured under mocks (as after ``pulumi up``) and judged by the azure-native adapters
and by the real ``packs/hitrust-azure`` process; the tenant is Resource Graph rows and ARM documents
(`hitrust_policies.testing.azure_rows`) served by `FakeAzure` and read by the real live scanner. Both
must give the same (rule id, resource, status) multiset: every NSG opening counts, PASS included on
the adapter side, FAIL / UNKNOWN for the pack. Resources carry the same names on both sides (the
name a program gives is the name Azure shows); the rows describe what Azure holds for what the
program creates today (``allowBlobPublicAccess: false``, ``minimalTlsVersion: "1.2"``, TDE on when a
program leaves them out). A mismatch is a bug in an adapter, not a tolerance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.live.azure.auth import StaticToken
from hitrust_policies.sources.live.azure.scan import scan_azure
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.verdicts import Verdicts

SUB = "0b1c2d3e-0000-4000-8000-00000000aa01"
VAULT = "https://kv-phi.vault.azure.net/"
DES = "/subscriptions/0b1c2d3e-0000-4000-8000-00000000aa01/resourceGroups/rg-vm/providers/Microsoft.Compute/" \
      "diskEncryptionSets/des-phi"
PACK_RULES = {r.id for r in pack_rules(package="azure-native")}


@dataclass(frozen=True)
class Scenario:
    name: str
    program: Callable[[], None]
    seed: Callable[[FakeAzure], None]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]  # keeps the scenario from being vacuous
    must_pass: frozenset[tuple[str, str]] = frozenset()


def _sku(storage: Any) -> dict[str, Any]:
    return {"kind": storage.Kind.STORAGE_V2, "sku": storage.SkuArgs(name=storage.SkuName.STANDARD_LRS)}


def _logs(monitor: Any, name: str, uri: Any, *entries: dict[str, Any]) -> None:
    monitor.DiagnosticSetting(name, resource_uri=uri, workspace_id="/subscriptions/s/resourceGroups/rg-log/providers/"
                              "Microsoft.OperationalInsights/workspaces/law-security",
                              logs=[monitor.DiagnosticsLogSettingsArgs(**{"enabled": True, **e}) for e in entries])


# ----------------------------------------------------------------- 1. storage: keys and transport

def storage_keys_program() -> None:
    from pulumi_azure_native import resources, storage

    rg = resources.ResourceGroup("phi-rg")
    storage.StorageAccount(
        "phicmk", account_name="phicmk", resource_group_name=rg.name, **_sku(storage),
        identity=storage.IdentityArgs(type=storage.IdentityType.SYSTEM_ASSIGNED),
        encryption=storage.EncryptionArgs(key_source=storage.KeySource.MICROSOFT_KEYVAULT,
                                          key_vault_properties=storage.KeyVaultPropertiesArgs(
                                              key_name="storage-cmk", key_vault_uri=VAULT)))
    storage.StorageAccount("phiplain", account_name="phiplain", resource_group_name=rg.name, **_sku(storage),
                           encryption=storage.EncryptionArgs(key_source=storage.KeySource.MICROSOFT_STORAGE))
    storage.StorageAccount("phihttp", account_name="phihttp", resource_group_name=rg.name, **_sku(storage),
                           enable_https_traffic_only=False, minimum_tls_version=storage.MinimumTlsVersion.TLS1_0)
    storage.StorageAccount("phidefaults", account_name="phidefaults", resource_group_name=rg.name, **_sku(storage))


def storage_keys_seed(fake: FakeAzure) -> None:
    fake.add(rows.storage_account(SUB, "phicmk", key_vault_key=(VAULT, "storage-cmk")),
             rows.storage_account(SUB, "phiplain"),
             rows.storage_account(SUB, "phihttp", https_only=False, min_tls="TLS1_0"),
             rows.storage_account(SUB, "phidefaults"))


# ----------------------------------------------------------------- 2. storage: anonymous access

def storage_public_program() -> None:
    from pulumi_azure_native import resources, storage

    rg = resources.ResourceGroup("web-rg")
    for name, kwargs in (
        ("openblobs", {"allow_blob_public_access": True}),
        ("closedblobs", {"allow_blob_public_access": False}),
        ("defaulted", {}),
        ("privateonly", {"allow_blob_public_access": True,
                         "public_network_access": storage.PublicNetworkAccess.DISABLED}),
        ("firewalled", {"allow_blob_public_access": True, "network_rule_set": storage.NetworkRuleSetArgs(
            default_action=storage.DefaultAction.DENY,
            ip_rules=[storage.IPRuleArgs(i_p_address_or_range="203.0.113.0/24")])}),
    ):
        storage.StorageAccount(name, account_name=name, resource_group_name=rg.name, **_sku(storage), **kwargs)


def storage_public_seed(fake: FakeAzure) -> None:
    fake.add(rows.storage_account(SUB, "openblobs", allow_blob_public_access=True),
             rows.storage_account(SUB, "closedblobs", allow_blob_public_access=False),
             rows.storage_account(SUB, "defaulted", allow_blob_public_access=False),  # what Azure sets on create
             rows.storage_account(SUB, "privateonly", allow_blob_public_access=True, public_network_access="Disabled"),
             rows.storage_account(SUB, "firewalled", allow_blob_public_access=True, default_action="Deny"))


# ----------------------------------------------------------------- 3. storage: blob access logs

def storage_logging_program() -> None:
    from pulumi_azure_native import monitor, resources, storage

    rg = resources.ResourceGroup("logs-rg")
    accounts = {name: storage.StorageAccount(name, account_name=name, resource_group_name=rg.name, **_sku(storage))
                for name in ("alllogs", "categories", "readsonly", "writeoff", "queueonly", "nologs")}
    blobs = storage.BlobServiceProperties("alllogs-blobs", account_name=accounts["alllogs"].name,
                                          resource_group_name=rg.name, blob_services_name="default")
    _logs(monitor, "alllogs-logs", blobs.id, {"category_group": "allLogs"})

    def on(name: str, service: str = "blobServices") -> Any:
        return accounts[name].id.apply(lambda i: f"{i}/{service}/default")

    _logs(monitor, "categories-logs", on("categories"),
          *({"category": c} for c in ("StorageRead", "StorageWrite", "StorageDelete")))
    _logs(monitor, "readsonly-logs", on("readsonly"), {"category": "StorageRead"})
    _logs(monitor, "writeoff-logs", on("writeoff"), {"category": "StorageRead"},
          {"category": "StorageWrite", "enabled": False}, {"category": "StorageDelete"})
    _logs(monitor, "queueonly-logs", on("queueonly", "queueServices"), {"category_group": "allLogs"})


def storage_logging_seed(fake: FakeAzure) -> None:
    accounts = {name: rows.storage_account(SUB, name, group="logs-rg")
                for name in ("alllogs", "categories", "readsonly", "writeoff", "queueonly", "nologs")}
    fake.add(*accounts.values())
    blob = {name: rows.blob_service_id(a) for name, a in accounts.items()}
    fake.put(*rows.diagnostic_settings(blob["alllogs"], {"categoryGroup": "allLogs"}))
    fake.put(*rows.diagnostic_settings(blob["categories"], *({"category": c} for c in (
        "StorageRead", "StorageWrite", "StorageDelete"))))
    fake.put(*rows.diagnostic_settings(blob["readsonly"], {"category": "StorageRead"}))
    fake.put(*rows.diagnostic_settings(blob["writeoff"], {"category": "StorageRead"},
                                       {"category": "StorageWrite", "enabled": False}, {"category": "StorageDelete"}))
    fake.put(*rows.diagnostic_settings(f"{accounts['queueonly']['id']}/queueServices/default",
                                       {"categoryGroup": "allLogs"}))


# ----------------------------------------------------------------- 4. NSG: inline rules

def nsg_inline_program() -> None:
    from pulumi_azure_native import network, resources

    rg = resources.ResourceGroup("net-rg")

    def rule(name: str, priority: int, **kwargs: Any) -> Any:
        kwargs = {"protocol": "Tcp", "access": "Allow", "direction": "Inbound", **kwargs}
        return network.SecurityRuleArgs(name=name, priority=priority, source_port_range="*",
                                        destination_address_prefix="*", **kwargs)

    network.NetworkSecurityGroup("web-nsg", network_security_group_name="web-nsg", resource_group_name=rg.name,
                                 security_rules=[
                                     rule("https", 100, destination_port_range="443", source_address_prefix="Internet"),
                                     rule("ssh", 110, destination_port_range="22", source_address_prefix="*"),
                                     rule("admin-vpn", 120, destination_port_ranges=["22", "3389"],
                                          source_address_prefixes=["10.0.0.0/8", "192.168.0.0/16"]),
                                     rule("deny-rdp", 130, destination_port_range="3389", source_address_prefix="*",
                                          access="Deny"),
                                     rule("ssh-out", 140, destination_port_range="22", source_address_prefix="*",
                                          direction="Outbound"),
                                 ])
    network.NetworkSecurityGroup("quiet-nsg", network_security_group_name="quiet-nsg", resource_group_name=rg.name)


def nsg_inline_seed(fake: FakeAzure) -> None:
    nsg = rows.nsg_id_of(SUB, "web-nsg")
    fake.add(rows.network_security_group(SUB, "web-nsg", [
        rows.security_rule(nsg, "https", priority=100, ports="443", sources="Internet"),
        rows.security_rule(nsg, "ssh", priority=110, ports="22", sources="*"),
        rows.security_rule(nsg, "admin-vpn", priority=120, ports=["22", "3389"],
                           sources=["10.0.0.0/8", "192.168.0.0/16"]),
        rows.security_rule(nsg, "deny-rdp", priority=130, ports="3389", sources="*", access="Deny"),
        rows.security_rule(nsg, "ssh-out", priority=140, ports="22", sources="*", direction="Outbound"),
    ]), rows.network_security_group(SUB, "quiet-nsg"))


# ----------------------------------------------------------------- 5. NSG: separate SecurityRule resources

ASG = "/subscriptions/0b1c2d3e-0000-4000-8000-00000000aa01/resourceGroups/rg-net/providers/Microsoft.Network/" \
      "applicationSecurityGroups/app-asg"


def nsg_separate_program() -> None:
    from pulumi_azure_native import network, resources

    rg = resources.ResourceGroup("db-rg")
    db = network.NetworkSecurityGroup("db-nsg", network_security_group_name="db-nsg", resource_group_name=rg.name)

    def rule(name: str, priority: int, **kwargs: Any) -> None:
        network.SecurityRule(name, security_rule_name=name, network_security_group_name=db.name,
                             resource_group_name=rg.name, priority=priority, access="Allow", direction="Inbound",
                             source_port_range="*", destination_address_prefix="*", **kwargs)

    rule("db-engines", 100, protocol="*", destination_port_ranges=["1433", "5432"],
         source_address_prefixes=["0.0.0.0/0", "10.20.0.0/16"])
    rule("db-from-app", 110, protocol="Tcp", destination_port_range="3306", source_address_prefix="VirtualNetwork")
    rule("ping", 120, protocol="Icmp", destination_port_range="*", source_address_prefix="*")
    rule("anything", 130, protocol="*", destination_port_range="*", source_address_prefix="Internet")
    rule("from-app-tier", 140, protocol="Tcp", destination_port_range="1433",
         source_application_security_groups=[network.ApplicationSecurityGroupArgs(id=ASG)])


def nsg_separate_seed(fake: FakeAzure) -> None:
    nsg = rows.nsg_id_of(SUB, "db-nsg")
    app_tier = rows.security_rule(nsg, "from-app-tier", priority=140, ports="1433", sources=[])
    app_tier["properties"]["sourceApplicationSecurityGroups"] = [{"id": ASG}]
    fake.add(rows.network_security_group(SUB, "db-nsg", [
        rows.security_rule(nsg, "db-engines", priority=100, protocol="*", ports=["1433", "5432"],
                           sources=["0.0.0.0/0", "10.20.0.0/16"]),
        rows.security_rule(nsg, "db-from-app", priority=110, ports="3306", sources="VirtualNetwork"),
        rows.security_rule(nsg, "ping", priority=120, protocol="Icmp"),
        rows.security_rule(nsg, "anything", priority=130, protocol="*", sources="Internet"),
        app_tier,
    ]))


# ----------------------------------------------------------------- 6. Azure SQL

def sql_program() -> None:
    from pulumi_azure_native import resources, sql

    rg = resources.ResourceGroup("data-rg")
    private = sql.Server("sql-phi", server_name="sql-phi", resource_group_name=rg.name, administrator_login="phi",
                         minimal_tls_version="1.2", public_network_access="Disabled")
    sql.Database("claims", database_name="claims", server_name=private.name, resource_group_name=rg.name)
    legacy = sql.Server("sql-legacy", server_name="sql-legacy", resource_group_name=rg.name,
                        administrator_login="legacy", minimal_tls_version="1.0", public_network_access="Enabled")
    reports = sql.Database("reports", database_name="reports", server_name=legacy.name, resource_group_name=rg.name)
    sql.TransparentDataEncryption("reports-tde", database_name=reports.name, server_name=legacy.name,
                                  resource_group_name=rg.name, tde_name="current", state="Disabled")
    sql.Database("archive", database_name="archive", server_name=legacy.name, resource_group_name=rg.name)
    bare = sql.Server("sql-app", server_name="sql-app", resource_group_name=rg.name, administrator_login="app")
    sql.Database("app-db", database_name="app-db", server_name=bare.name, resource_group_name=rg.name)


def sql_seed(fake: FakeAzure) -> None:
    private = rows.sql_server(SUB, "sql-phi", public_network_access="Disabled", minimal_tls="1.2")
    legacy = rows.sql_server(SUB, "sql-legacy", public_network_access="Enabled", minimal_tls="1.0")
    bare = rows.sql_server(SUB, "sql-app", public_network_access="Enabled", minimal_tls="1.2")  # as created today
    databases = [(rows.sql_database(private, "claims"), "Enabled"), (rows.sql_database(legacy, "reports"), "Disabled"),
                 (rows.sql_database(legacy, "archive"), "Enabled"), (rows.sql_database(bare, "app-db"), "Enabled")]
    fake.add(private, legacy, bare, *(db for db, _ in databases),
             *(rows.sql_database(s, "master", system=True) for s in (private, legacy, bare)))
    for db, state in databases:
        fake.put(*rows.tde(db, state))
    for server in (private, legacy, bare):  # as the program creates them: no protector, admin or auditing set
        fake.put(*rows.encryption_protector(server))
        fake.put(*rows.sql_administrators(server))
        fake.put(*rows.sql_auditing(server, "Disabled"))


# ----------------------------------------------------------------- 7. managed disks

def disks_program() -> None:
    from pulumi_azure_native import compute, resources

    rg = resources.ResourceGroup("vm-rg")
    empty = compute.CreationDataArgs(create_option=compute.DiskCreateOption.EMPTY)
    compute.Disk("vm1_OsDisk", disk_name="vm1_OsDisk", resource_group_name=rg.name, disk_size_gb=30,
                 creation_data=empty)
    compute.Disk("vm1_DataDisk", disk_name="vm1_DataDisk", resource_group_name=rg.name, disk_size_gb=256,
                 creation_data=empty, encryption=compute.EncryptionArgs(
                     type=compute.EncryptionType.ENCRYPTION_AT_REST_WITH_CUSTOMER_KEY, disk_encryption_set_id=DES))


def disks_seed(fake: FakeAzure) -> None:
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB, "vm1_DataDisk", disk_encryption_set=DES))


SCENARIOS = [
    Scenario("storage-keys-and-transport", storage_keys_program, storage_keys_seed,
             frozenset({"phicmk", "phiplain", "phihttp", "phidefaults"}),
             frozenset({("enc-object-store-kms", "phiplain"), ("enc-object-store-tls-only", "phihttp")}),
             must_pass=frozenset({("enc-object-store-kms", "phicmk"), ("enc-object-store-tls-only", "phidefaults")})),
    Scenario("storage-anonymous-access", storage_public_program, storage_public_seed,
             frozenset({"openblobs", "closedblobs", "defaulted", "privateonly", "firewalled"}),
             frozenset({("net-object-store-public-access-blocked", "openblobs"),
                        ("net-object-store-public-access-blocked", "firewalled")}),
             must_pass=frozenset({("net-object-store-public-access-blocked", n)
                                  for n in ("closedblobs", "defaulted", "privateonly")})),
    Scenario("storage-blob-access-logs", storage_logging_program, storage_logging_seed,
             frozenset({"alllogs", "categories", "readsonly", "writeoff", "queueonly", "nologs"}),
             frozenset({("log-object-store-access-logging", n) for n in ("readsonly", "writeoff", "queueonly",
                                                                         "nologs")}),
             must_pass=frozenset({("log-object-store-access-logging", n) for n in ("alllogs", "categories")})),
    Scenario("nsg-inline-rules", nsg_inline_program, nsg_inline_seed, frozenset({"web-nsg", "quiet-nsg"}),
             frozenset({("net-ingress-rule-admin-ports", "web-nsg")}),
             must_pass=frozenset({("net-ingress-rule-admin-ports", "quiet-nsg")})),
    Scenario("nsg-separate-rules", nsg_separate_program, nsg_separate_seed, frozenset({"db-nsg"}),
             frozenset({("net-ingress-rule-admin-ports", "db-nsg")}),
             must_pass=frozenset({("net-ingress-rule-admin-ports", "db-nsg")})),
    Scenario("sql-servers-and-databases", sql_program, sql_seed,
             frozenset({"sql-phi", "sql-legacy", "sql-app", "sql-phi/claims", "sql-legacy/reports",
                        "sql-legacy/archive", "sql-app/app-db"}),
             frozenset({("enc-tls-listener-modern", "sql-legacy"),
                        ("enc-database-storage-encrypted", "sql-legacy/reports"),
                        ("net-database-not-public", "sql-legacy/archive"),
                        ("net-database-not-public", "sql-app/app-db")}),
             must_pass=frozenset({("enc-tls-listener-modern", "sql-app"), ("net-database-not-public", "sql-phi/claims"),
                                  ("enc-database-storage-encrypted", "sql-app/app-db")})),
    Scenario("managed-disks", disks_program, disks_seed, frozenset({"vm1_OsDisk", "vm1_DataDisk"}), frozenset(),
             must_pass=frozenset({("enc-block-volume-encrypted", "vm1_OsDisk"),
                                  ("enc-block-volume-encrypted", "vm1_DataDisk")})),
]



def flow_logs_seed(fake: FakeAzure) -> None:
    """What Azure holds for `tests.pulumi_programs.azure_native.flow_logged_networks`."""
    web, app = rows.nsg_id_of(SUB, "web-nsg", "net-rg"), rows.nsg_id_of(SUB, "app-nsg", "net-rg")
    store = rows.storage_account(SUB, "flowlogs", group="net-rg", key_vault_key=(VAULT, "flowlogs-cmk"),
                                 public_network_access="Disabled", allow_shared_key_access=False)
    elsewhere = store["id"].replace("/net-rg/", "/rg-log/").replace("/flowlogs", "/flowlogs2")
    vnet = {name: rows.vnet_id_of(SUB, name, "net-rg") for name in ("hub", "spoke-disabled")}
    fake.add(store, rows.network_security_group(SUB, "web-nsg", group="net-rg"),
             rows.network_security_group(SUB, "app-nsg", group="net-rg"),
             rows.virtual_network(SUB, "hub", {"web": web, "GatewaySubnet": None}, group="net-rg"),
             rows.virtual_network(SUB, "spoke-nsg", {"web": web, "app": app}, group="net-rg"),
             rows.virtual_network(SUB, "spoke-partial", {"web": web, "db": None}, group="net-rg"),
             rows.virtual_network(SUB, "spoke-disabled", {"data": None}, group="net-rg"),
             rows.flow_log(SUB, "hub-flows", vnet["hub"], retention_days=365, storage_account=store["id"]),
             rows.flow_log(SUB, "web-nsg-flows", web, retention_days=365, storage_account=store["id"]),
             rows.flow_log(SUB, "app-nsg-flows", app, retention_days=90, storage_account=store["id"]),
             rows.flow_log(SUB, "off-flows", vnet["spoke-disabled"], enabled=False, retention_days=365,
                           storage_account=elsewhere))


def _flow_logs_program() -> None:
    from tests.pulumi_programs.azure_native import flow_logged_networks

    flow_logged_networks()


SCENARIOS.append(Scenario(
    "network-flow-logs", _flow_logs_program, flow_logs_seed,
    frozenset({"hub", "spoke-nsg", "spoke-partial", "spoke-disabled", "hub-flows", "web-nsg-flows", "app-nsg-flows",
               "off-flows", "flowlogs", "spoke-partial/db", "spoke-disabled/data"}),
    frozenset({("log-network-flow-logs", "spoke-partial"), ("log-network-flow-logs", "spoke-disabled"),
               ("log-log-group-retention", "app-nsg-flows"), ("net-subnet-security-group", "spoke-partial/db"),
               ("net-subnet-security-group", "spoke-disabled/data")}),
    must_pass=frozenset({("log-network-flow-logs", "hub"), ("log-network-flow-logs", "spoke-nsg"),
                         ("enc-log-group-audit-kms", "hub-flows")})))


def workspaces_seed(fake: FakeAzure) -> None:
    """What Azure holds for `tests.pulumi_programs.azure_native.logging_workspaces`."""
    cluster = rows.log_analytics_cluster(SUB, "law-cluster", group="log-rg", key=(VAULT, "law-cmk"))
    law = {name: rows.workspace_id_of(SUB, name, "log-rg") for name in ("law-audit", "law-activity", "law-flows")}
    fake.add(cluster,
             rows.log_analytics_workspace(SUB, "law-audit", group="log-rg", retention_days=365, cluster=cluster["id"]),
             rows.log_analytics_workspace(SUB, "law-activity", group="log-rg", retention_days=90),
             rows.log_analytics_workspace(SUB, "law-flows", group="log-rg", retention_days=30),
             rows.log_analytics_workspace(SUB, "law-apps", group="log-rg", retention_days=30),
             rows.flow_log(SUB, "hub-flows", rows.vnet_id_of(SUB, "hub", "net-rg"), retention_days=365,
                           traffic_analytics_workspace=law["law-flows"]))  # its storage account is elsewhere
    fake.put(*rows.activity_log_settings(
        SUB, rows.activity_log_setting(SUB, "export-activity", workspace=law["law-activity"],
                                       categories=("Administrative", "Security", "Alert", "Policy")),
        rows.activity_log_setting(SUB, "export-admin", workspace=law["law-audit"], categories=("Administrative",))))


def _workspaces_program() -> None:
    from tests.pulumi_programs.azure_native import logging_workspaces

    logging_workspaces()


SCENARIOS.append(Scenario(
    "log-analytics-workspaces", _workspaces_program, workspaces_seed,
    frozenset({"law-audit", "law-activity", "law-flows", "law-apps", "hub-flows"}),
    frozenset({("log-log-group-retention", "law-activity"), ("enc-log-group-audit-kms", "law-activity"),
               ("enc-log-group-audit-kms", "law-flows")}),
    must_pass=frozenset({("enc-log-group-audit-kms", "law-audit"), ("enc-log-group-audit-kms", "law-apps"),
                         ("log-log-group-retention", "law-audit")})))


def defender_seed(fake: FakeAzure) -> None:
    """What Resource Graph's securityresources holds for `tests.pulumi_programs.azure_native.defender_plans`."""
    fake.add(rows.defender_pricing(SUB, "VirtualMachines", sub_plan="P2"),
             rows.defender_pricing(SUB, "StorageAccounts", "Free"),
             rows.defender_pricing(SUB, "Dns", "Free", deprecated=True))


def _defender_program() -> None:
    from tests.pulumi_programs.azure_native import defender_plans

    defender_plans()


SCENARIOS.append(Scenario(
    "defender-plans", _defender_program, defender_seed,
    frozenset({"defender/VirtualMachines", "defender/StorageAccounts"}),  # the retired DNS plan: judged by neither
    frozenset({("log-threat-detection-enabled", "defender/StorageAccounts")}),
    must_pass=frozenset({("log-threat-detection-enabled", "defender/VirtualMachines")})))


def live_findings(scenario: Scenario) -> Verdicts:
    with FakeAzure() as fake:
        fake.add_subscription(SUB, "phi-prod")
        scenario.seed(fake)
        result = scan_azure(arm_endpoint=fake.endpoint, subscriptions=[SUB], credential=StaticToken("fake-arm-token"),
                            max_attempts=3, backoff=0.0)
    assert result.complete
    return verdicts_over(result.findings(), scenario.names, PACK_RULES)


@pytest.fixture(scope="module")
def pack() -> PackProcess:
    return shared_pack(default_pack_dir("hitrust-azure"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack: PackProcess) -> None:
    live = live_findings(scenario)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
