"""hashicorp/azurerm plans (v3 and v4 attribute names) through the Azure semantics: exact (rule, plan address,
status) verdicts.

Scenarios (tests/terraform/azurerm/<scenario>/main.tf, plans written by build_plans.py in the shape of real
azurerm plans): storage accounts with split network rules and customer-managed keys joined by reference while
ids are unknown, a for_each account set pinned by ``each.key``, blob and vault diagnostic settings, NSGs with
inline and separate rules, and links only known after apply.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hitrust_policies import evaluate
from hitrust_policies.cli import main
from hitrust_policies.model import IngressRule, ObjectStore, SecretStore
from hitrust_policies.rules.registry import all_rules
from hitrust_policies.sources.terraform import azurerm
from hitrust_policies.sources.terraform.scan import check_plans
from tests.sources.terraform.plans import azurerm_plan, azurerm_plan_path, plan_path
from tests.verdicts import Verdicts

P, F, U = "PASS", "FAIL", "UNKNOWN"
STORE_RULES = ("enc-object-store-default-encryption", "enc-object-store-kms", "enc-object-store-tls-only",
               "log-object-store-access-logging", "net-object-store-public-access-blocked")
ACCOUNT_RULES = (*STORE_RULES, "enc-tls-listener-modern", "net-service-firewall-default-deny",
                 "enc-infrastructure-encryption-enabled", "iam-local-auth-disabled")
VAULT_RULES = ("enc-secret-store-recoverable", "iam-secret-store-role-based-access", "log-secret-store-audit-logging",
               "net-service-firewall-default-deny")


def account(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    return [(rule, address, status) for rule, status in zip(ACCOUNT_RULES, statuses, strict=True)]


def vault(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    return [(rule, address, status) for rule, status in zip(VAULT_RULES, statuses, strict=True)]


DATABASE_RULES = ("enc-database-storage-encrypted", "enc-database-storage-kms", "iam-database-directory-auth",
                  "net-database-not-public")


def database(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    return [(rule, address, status) for rule, status in zip(DATABASE_RULES, statuses, strict=True)]


WORKSPACE_RULES = ("enc-log-group-audit-kms", "log-log-group-retention")


def workspace(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    return [(rule, address, status) for rule, status in zip(WORKSPACE_RULES, statuses, strict=True)]


APP_RULES = ("enc-tls-listener-modern", "enc-tls-listener-modern", "enc-web-app-ftps-only",
             "net-web-app-remote-debugging-off", "iam-web-app-managed-identity")
LOCAL = "iam-local-auth-disabled"
GRANT, THREATS, SUBNET = "iam-policy-grant-no-admin", "log-threat-detection-enabled", "net-subnet-security-group"


def app(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    """Its HTTP and HTTPS listeners, then its FTP, debugging and identity."""
    return [(rule, address, status) for rule, status in zip(APP_RULES, statuses, strict=True)]


def namespace(address: str, *statuses: str) -> list[tuple[str, str, str]]:
    return [(rule, address, status) for rule, status in zip(("enc-message-queue-encrypted", "iam-local-auth-disabled"),
                                                               statuses, strict=True)]


def network(address: str, flow_logged: str) -> list[tuple[str, str, str]]:
    return [("log-network-flow-logs", address, flow_logged), ("net-network-default-absent", address, P)]


ADMIN = "net-ingress-rule-admin-ports"
# every group: Azure's AllowVnetInBound and AllowAzureLoadBalancerInBound (all ports, not from the internet)
DEFAULTS = 2

EXPECTED = {
    "storage_v4": [
        #                                        default kms tls-only logging public tls firewall infra shared-key
        *account("azurerm_storage_account.records", P, P, P, U, P, P, P, P, P),  # logs: account or blob service?
        *account("azurerm_storage_account.legacy", P, F, F, F, F, P, F, F, F),  # TLS 1.0 setting: platform floor 1.2
        *account("azurerm_storage_account.private", P, F, P, F, P, P, P, F, F),  # reads only; no public endpoint
        # nested items public by default (azurerm v4 as v3)
        *account('azurerm_storage_account.tenant["alpha"]', P, P, P, F, F, P, P, F, F),
        *account('azurerm_storage_account.tenant["beta"]', P, P, P, F, F, P, F, F, F),  # its rules: Allow
        *vault("azurerm_key_vault.phi", P, F, F, F),
        *workspace("azurerm_log_analytics_workspace.security", P, P),  # 365 days; no audit data lands there
        ("iam-vault-object-expires", "azurerm_key_vault_key.storage", F),  # no expiration_date
        ("enc-crypto-key-rotation", "azurerm_key_vault_key.storage", F),  # no rotation_policy
        ("net-crypto-key-not-public", "azurerm_key_vault_key.storage", P),
    ],
    "storage_v3": [
        *account("azurerm_storage_account.archive", P, P, P, U, F, P, U, P, F),  # v3: nested items public
        *vault("azurerm_key_vault.archive", P, P, U, P),  # the audit setting's target: a local map lookup
        *[(ADMIN, "azurerm_network_security_group.bastion", P)] * DEFAULTS,
        (ADMIN, "azurerm_network_security_rule.office_ssh", U),  # SSH from an address known after apply
    ],
    "vaults": [
        *vault("azurerm_key_vault.phi", P, P, P, P),
        *vault("azurerm_key_vault.legacy", F, F, F, F),
        *vault("azurerm_key_vault.private", P, F, F, P),
        *workspace("azurerm_log_analytics_workspace.security", P, P),
    ],
    "databases": [
        ("enc-block-volume-encrypted", "azurerm_managed_disk.records", P),
        ("enc-block-volume-kms", "azurerm_managed_disk.records", U),  # a disk encryption set's id known after apply
        ("enc-block-volume-encrypted", "azurerm_managed_disk.archive", P),
        ("enc-block-volume-kms", "azurerm_managed_disk.archive", P),
        ("enc-block-volume-encrypted", "azurerm_managed_disk.scratch", P),  # Azure always encrypts managed disks
        ("enc-block-volume-kms", "azurerm_managed_disk.scratch", F),
        *database("azurerm_mssql_database.records", P, P, P, P),
        *database("azurerm_mssql_database.app", F, F, F, F),  # TDE off; public; SQL logins only
        *database("azurerm_mssql_database.restored", U, U, F, F),  # a restore keeps its source's TDE
        ("enc-tls-listener-modern", "azurerm_mssql_server.phi", P),
        ("log-database-auditing", "azurerm_mssql_server.phi", P),
        ("enc-tls-listener-modern", "azurerm_mssql_server.legacy", F),  # "Disabled": TLS 1.0 accepted
        ("log-database-auditing", "azurerm_mssql_server.legacy", F),
        (ADMIN, "azurerm_mssql_server.legacy", F),  # 0.0.0.0-255.255.255.255
        (ADMIN, "azurerm_mssql_server.legacy", F),  # 0.0.0.0-0.0.0.0: every Azure tenant's address
        (ADMIN, "azurerm_mssql_server.legacy", P),  # the office's /24
        *database("azurerm_postgresql_flexible_server.phi", P, P, P, P),
        ("enc-tls-listener-modern", "azurerm_postgresql_flexible_server.phi", P),
        *database("azurerm_postgresql_flexible_server.legacy", P, F, F, F),
        ("enc-tls-listener-modern", "azurerm_postgresql_flexible_server.legacy", F),  # require_secure_transport off
    ],
    "unresolved": [
        ("enc-tls-listener-modern", "azurerm_mssql_server.shared", P),
        ("log-database-auditing", "azurerm_mssql_server.shared", U),  # the policy's server: a local map lookup
        *database("azurerm_mssql_database.reporting", P, U, U, U),  # its server is not in the plan
    ],
    "vms": [
        ("enc-instance-host-encryption", "azurerm_linux_virtual_machine.web", P),
        ("net-instance-ip-forwarding-off", "azurerm_linux_virtual_machine.web", P),
        ("net-instance-no-public-ip", "azurerm_linux_virtual_machine.web", F),  # web-pip, through its NIC
        ("enc-instance-host-encryption", "azurerm_windows_virtual_machine.router", F),
        ("net-instance-ip-forwarding-off", "azurerm_windows_virtual_machine.router", F),
        ("net-instance-no-public-ip", "azurerm_windows_virtual_machine.router", P),
        ("enc-instance-host-encryption", "azurerm_linux_virtual_machine.legacy", F),
        ("net-instance-ip-forwarding-off", "azurerm_linux_virtual_machine.legacy", U),  # an existing NIC, not planned
        ("net-instance-no-public-ip", "azurerm_linux_virtual_machine.legacy", U),
    ],
    "parity_storage": [  # as azure_native.noncompliant_storage() (tests/test_parity_terraform_azure.py)
        *account("azurerm_storage_account.publicsite", P, F, P, F, F, P, F, F, F),
        *account("azurerm_storage_account.legacyhttp", P, F, F, F, P, P, F, F, F),  # nested items set private
        *account("azurerm_storage_account.privateonly", P, F, P, F, P, P, P, F, F),
    ],
    "parity_nsg": [
        *[(ADMIN, "azurerm_network_security_group.web", P)] * (DEFAULTS + 1),  # 443 from the internet
        (ADMIN, "azurerm_network_security_group.web", F),  # 22 from *; the Deny and Outbound rules open nothing
        *[(ADMIN, "azurerm_network_security_group.db", P)] * DEFAULTS,
        # protocol * on 1433 and 5432 from 0.0.0.0/0 and 10.20.0.0/16: tcp and udp each
        (ADMIN, "azurerm_network_security_rule.db_engines", F), (ADMIN, "azurerm_network_security_rule.db_engines", F),
        *[(ADMIN, "azurerm_network_security_rule.db_engines", P)] * 6,
        (ADMIN, "azurerm_network_security_rule.db_from_app", P),
    ],
    # as azure_native.web_apps(), plus what only a plan shows: the provider's defaults, values known after apply
    "web_apps": [
        #                                  http https ftps debugging identity
        *app("azurerm_linux_web_app.portal", P, P, P, P, P),
        *app("azurerm_windows_web_app.legacy", F, F, F, F, F),  # TLS 1.0, AllAllowed, debugging on
        *app("azurerm_linux_web_app.defaults", P, P, P, P, F),  # the provider sends ftps_state Disabled, TLS 1.2
        *app("azurerm_linux_function_app.jobs", U, F, U, P, P),  # https_only and ftps_state from variables
        *app("azurerm_windows_function_app.billing", P, P, P, F, U),  # the identity's type from a variable
    ],
    "web_apps_v3": [
        *app("azurerm_app_service.intake", P, P, P, P, P),
        *app("azurerm_app_service.reports", F, U, U, F, F),  # TLS and FTP left to Azure: known after apply
        *app("azurerm_function_app.etl", P, F, P, P, F),  # no remote-debugging switch: Azure's default, off
    ],
    "vault_objects": [
        *vault("azurerm_key_vault.phi", P, P, F, F),
        ("iam-vault-object-expires", "azurerm_key_vault_key.cmk", P),
        ("iam-vault-object-expires", "azurerm_key_vault_key.forever", F),  # a rotation policy dates later versions
        ("iam-vault-object-expires", "azurerm_key_vault_secret.db_password", P),
        ("iam-vault-object-expires", "azurerm_key_vault_secret.api_token", F),
        ("iam-vault-object-expires", "azurerm_key_vault_secret.rolling", U),  # timeadd(timestamp(), ...)
        ("iam-vault-object-expires", "azurerm_key_vault_secret.shared", F),  # in a vault outside the plan
        ("enc-crypto-key-rotation", "azurerm_key_vault_key.cmk", F),  # no rotation_policy
        ("enc-crypto-key-rotation", "azurerm_key_vault_key.forever", P),  # rotation_policy.automatic
        ("net-crypto-key-not-public", "azurerm_key_vault_key.cmk", P),  # Key Vault answers its tenant only
        ("net-crypto-key-not-public", "azurerm_key_vault_key.forever", P),
    ],
    "roles": [
        (GRANT, "azurerm_role_definition.god_mode", F),
        (GRANT, "azurerm_role_definition.ops_all_but_rbac", F),  # "*" but RBAC writes, over the root
        (GRANT, "azurerm_role_definition.rg_admin", P),  # owns a resource group, not the subscription
        (GRANT, "azurerm_role_definition.storage_ops", P),
        (GRANT, "azurerm_role_definition.break_glass", F),  # assignable scopes left out: its subscription scope
        (GRANT, "azurerm_role_definition.generated", U),  # actions from a local only known after apply
    ],
    "defender": [  # the retired DNS plan and CloudPosture (no threat detection) are not judged
        (THREATS, "azurerm_security_center_subscription_pricing.servers", P),
        (THREATS, "azurerm_security_center_subscription_pricing.storage", F),
        (THREATS, "azurerm_security_center_subscription_pricing.key_vaults", U),
    ],
    "messaging": [
        *namespace("azurerm_servicebus_namespace.orders", P, P),
        *namespace("azurerm_servicebus_namespace.legacy", P, F),  # SAS keys on by default
        *namespace("azurerm_eventhub_namespace.telemetry", P, P),
        *namespace("azurerm_eventhub_namespace.claims", P, U),
    ],
    "workspaces": [
        #                                                    kms retention
        *workspace("azurerm_log_analytics_workspace.audit", P, P),  # linked to a CMK cluster
        *workspace("azurerm_log_analytics_workspace.activity", F, F),  # the activity log lands here, no key
        *workspace("azurerm_log_analytics_workspace.flows", F, F),  # traffic analytics lands here; 30 days default
        *workspace("azurerm_log_analytics_workspace.apps", P, F),  # application logs only
        *workspace("azurerm_log_analytics_workspace.ops", U, U),
        *workspace("azurerm_network_watcher_flow_log.hub", U, P),  # its storage account is not in the plan
    ],
    "networks": [
        *account("azurerm_storage_account.flowlogs", P, P, P, F, P, P, P, F, P),
        *[(ADMIN, f"azurerm_network_security_group.{g}", P) for g in ("web", "app") for _ in range(DEFAULTS)],
        # no rule written, none attached: the plan shows `security_rule` as it shows a dynamic block (blocks.py)
        (ADMIN, "azurerm_network_security_group.web", U), (ADMIN, "azurerm_network_security_group.app", U),
        *network("azurerm_virtual_network.hub", P),  # a VNet flow log
        (SUBNET, "azurerm_virtual_network.hub", P), (SUBNET, "azurerm_virtual_network.hub", P),  # Gateway: exempt
        *network("azurerm_virtual_network.spoke_nsg", P),  # both subnets' NSGs flow-logged
        (SUBNET, "azurerm_subnet.spoke_web", P), (SUBNET, "azurerm_subnet.spoke_app", P),
        *network("azurerm_virtual_network.spoke_partial", F),  # its db subnet: no NSG, no flow log
        (SUBNET, "azurerm_virtual_network.spoke_partial", P), (SUBNET, "azurerm_virtual_network.spoke_partial", F),
        *network("azurerm_virtual_network.spoke_disabled", F),  # its flow log is off
        (SUBNET, "azurerm_virtual_network.spoke_disabled", F),
        *network("azurerm_virtual_network.batch", U),  # its subnet's NSG, if the association's, is flow-logged
        (SUBNET, "azurerm_subnet.batch", U),  # the association's subnet: a local map lookup
        *workspace("azurerm_network_watcher_flow_log.hub", P, P),
        *workspace("azurerm_network_watcher_flow_log.web_nsg", P, P),
        *workspace("azurerm_network_watcher_flow_log.app_nsg", P, F),  # 90 days
        *workspace("azurerm_network_watcher_flow_log.off", U, P),  # its storage account is not in the plan
    ],
    "mysql": [  # as azure_native.flexible_servers()'s MySQL servers
        #                                                 encrypted kms directory public
        *database("azurerm_mysql_flexible_server.phi", P, F, P, P),  # an Entra administrator resource
        ("enc-tls-listener-modern", "azurerm_mysql_flexible_server.phi", P),  # TLSv1.2,TLSv1.3
        *database("azurerm_mysql_flexible_server.legacy", P, F, F, F),
        ("enc-tls-listener-modern", "azurerm_mysql_flexible_server.legacy", F),  # TLSv1 still listed
        *database("azurerm_mysql_flexible_server.reports", P, P, F, P),  # a delegated subnet: no public endpoint
        ("enc-tls-listener-modern", "azurerm_mysql_flexible_server.reports", U),  # require_secure_transport: a var
    ],
    "local_auth": [  # as azure_native.local_auth() and messaging_and_caches()'s caches
        (LOCAL, "azurerm_container_registry.legacy", F),  # admin user on
        (LOCAL, "azurerm_container_registry.phi", P),
        (LOCAL, "azurerm_cosmosdb_account.phi", P),
        (LOCAL, "azurerm_cosmosdb_account.keys", F),  # keys on by default
        (LOCAL, "azurerm_cosmosdb_account.toggled", U),  # from a variable; the MongoDB account is not judged
        ("enc-tls-listener-modern", "azurerm_redis_cache.sessions", P), (LOCAL, "azurerm_redis_cache.sessions", P),
        ("enc-tls-listener-modern", "azurerm_redis_cache.plain", F), (LOCAL, "azurerm_redis_cache.plain", F),
        ("enc-tls-listener-modern", "azurerm_redis_cache.tls10", F), (LOCAL, "azurerm_redis_cache.tls10", F),
    ],
}


def verdicts(scenario: str) -> Verdicts:
    return Verdicts((f.rule_id, f.resource.native_id, f.status.value)
                    for f in check_plans([str(azurerm_plan_path(scenario))]).findings())


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_exact_verdicts(scenario: str) -> None:
    scan = check_plans([str(azurerm_plan_path(scenario))])
    assert scan.complete and not scan.errors and not scan.gaps
    assert verdicts(scenario) == Verdicts(EXPECTED[scenario])


def test_refs_name_the_plan_address_and_the_arm_name() -> None:
    values, gaps, _ = azurerm.to_model(azurerm_plan("storage_v4"))
    refs = {(type(v).__name__, v.ref.native_id): v.ref for v in values}
    ref = refs[("ObjectStore", 'azurerm_storage_account.tenant["alpha"]')]
    assert (ref.name, ref.native_type, ref.source, ref.provider, ref.region) == (
        "tenantalphadata", "azurerm_storage_account", "terraform", "azure", "eastus")
    assert not gaps


def test_split_resources_join_by_reference_while_ids_are_unknown() -> None:
    values, _, _ = azurerm.to_model(azurerm_plan("storage_v4"))
    stores = {v.ref.native_id: v for v in values if isinstance(v, ObjectStore)}
    records = stores["azurerm_storage_account.records"]
    # the split customer-managed key names its vault by id: the key's URI is only known after apply
    assert (records.encryption, records.kms_key_customer_managed) == ("kms", True)
    assert str(records.kms_key) == (
        "Unknown('known after apply: azurerm_storage_account_customer_managed_key.records.key_vault_uri')")
    groups = {v.group for v in values if isinstance(v, IngressRule)}
    assert groups == set()  # no NSG in this plan
    nsg = {(v.ref.native_id, v.group) for v in azurerm.to_model(azurerm_plan("parity_nsg"))[0]}
    assert ("azurerm_network_security_rule.db_engines", "db-nsg") in nsg


def test_unknown_reasons_name_what_is_known_after_apply() -> None:
    found = {(f.rule_id, f.resource.native_id): f.message
             for f in check_plans([str(azurerm_plan_path("storage_v3"))]).findings()}
    assert found[("net-service-firewall-default-deny", "azurerm_storage_account.archive")] == (
        "known after apply: azurerm_storage_account_network_rules.shared.storage_account_id")
    assert found[("log-object-store-access-logging", "azurerm_storage_account.archive")] == (
        "known after apply: azurerm_monitor_diagnostic_setting.archive_blobs.target_resource_id (the account's id, "
        "or its blob service's)")
    assert found[(ADMIN, "azurerm_network_security_rule.office_ssh")] == (
        "known after apply: azurerm_network_security_rule.office_ssh.source_address_prefix")


def test_v3_and_v4_spellings_mean_the_same() -> None:
    """The same account written with v3 names (``enable_https_traffic_only``) and v4 names."""
    doc = azurerm_plan("storage_v4")
    for change in doc["resource_changes"]:
        after = change["change"]["after"]
        if change["address"] == "azurerm_storage_account.legacy":
            after["enable_https_traffic_only"] = after.pop("https_traffic_only_enabled")
    values, _, _ = azurerm.to_model(doc)
    (legacy,) = [v for v in values if isinstance(v, ObjectStore) and v.ref.native_id.endswith(".legacy")]
    assert legacy.tls_only is False


def test_sensitive_values_are_secrets_and_never_in_a_finding() -> None:
    """A rule source from a sensitive variable: the opening fails, and its message does not show the source."""
    doc = azurerm_plan("parity_nsg")
    for change in doc["resource_changes"]:
        if change["address"] == "azurerm_network_security_rule.db_engines":
            change["change"]["after"]["source_address_prefixes"] = ["198.51.100.0/24", "0.0.0.0/0"]
            change["change"]["after_sensitive"]["source_address_prefixes"] = True
    values, gaps, secrets = azurerm.to_model(doc)
    assert secrets == {"198.51.100.0/24", "0.0.0.0/0"} and not gaps
    scan = check_plans([str(azurerm_plan_path("parity_nsg"))])
    scan.resources, scan.secrets = values, secrets
    failed = [f for f in scan.findings() if f.resource.native_id.endswith("db_engines") and f.status.value == F]
    assert len(failed) == 2
    text = json.dumps([f.message for f in scan.findings()])
    assert "198.51.100.0/24" not in text and "0.0.0.0/0" not in text


def test_a_sensitive_name_is_never_shown() -> None:
    doc = azurerm_plan("vaults")
    for change in doc["resource_changes"]:
        if change["address"] == "azurerm_key_vault.legacy":
            change["change"]["after_sensitive"]["name"] = True
    names = {v.ref.name for v in azurerm.to_model(doc)[0] if v.ref.native_id == "azurerm_key_vault.legacy"}
    assert names == {"legacy"}
    doc = azurerm_plan("parity_nsg")  # nor does it name the openings its separate rules make
    for change in doc["resource_changes"]:
        if change["address"] == "azurerm_network_security_group.db":
            change["change"]["after_sensitive"]["name"] = True
    values, _, secrets = azurerm.to_model(doc)
    assert "db-nsg" in secrets
    assert {(v.ref.name, v.group) for v in values if "db" in v.ref.native_id} == {("db", "db")}


def test_an_adapter_error_is_unknown_not_a_pass() -> None:
    doc = azurerm_plan("vaults")
    for change in doc["resource_changes"]:
        if change["address"] == "azurerm_key_vault.phi":
            change["change"]["after"]["network_acls"] = "not-a-block"
            change["change"]["after_unknown"].pop("network_acls", None)
    values, gaps, _ = azurerm.to_model(doc)
    assert {(g.kind.__name__, g.scope.native_id) for g in gaps} == {("SecretStore", "azurerm_key_vault.phi"),
                                                                    ("ServiceFirewall", "azurerm_key_vault.phi")}
    found = Verdicts((f.rule_id, f.resource.native_id, f.status.value) for f in evaluate(values, gaps=gaps)
                     if f.resource.native_id == "azurerm_key_vault.phi")
    assert found == {(rule, "azurerm_key_vault.phi", U) for rule in VAULT_RULES}


def test_providers_stay_apart() -> None:
    """An AWS plan yields no azurerm values, and an azurerm plan nothing through the AWS adapters."""
    assert azurerm.to_model(json.loads(plan_path("network").read_text()))[0] == []
    from hitrust_policies.sources.terraform import aws

    assert aws.to_model(azurerm_plan("parity_nsg"))[0] == []


def test_every_kind_is_judged_on_a_plan_and_listed_in_the_catalog() -> None:
    from hitrust_policies.outputs.rules_catalog import catalog

    judged = {type(v) for scenario in EXPECTED for v in azurerm.to_model(azurerm_plan(scenario))[0]}
    assert azurerm.supported_kinds() == judged
    rows = {r["id"]: r["sources"] for r in catalog()}
    listed = {rule for rule, sources in rows.items() if "terraform-azure" in sources}
    assert listed == {r.id for r in all_rules() if r.kind in judged and not r.live_only}
    assert {row[0] for rows_ in EXPECTED.values() for row in rows_} == listed


def test_cli_checks_an_azurerm_plan() -> None:
    result = CliRunner().invoke(main, ["check", "terraform", str(azurerm_plan_path("vaults")), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    assert {(f["rule_id"], f["status"]) for f in findings if "kv-legacy-apps" in json.dumps(f)} >= {
        ("enc-secret-store-recoverable", F)}
    assert SecretStore in azurerm.supported_kinds()


# A setting built from another resource's computed attribute is only known after apply: the rules over it say so.
AFTER_APPLY = [
    ("storage_v4", "azurerm_storage_account.legacy", "https_traffic_only_enabled", "enc-object-store-tls-only"),
    ("storage_v4", "azurerm_storage_account.legacy", "min_tls_version", "enc-tls-listener-modern"),
    ("storage_v4", "azurerm_storage_account.legacy", "allow_nested_items_to_be_public",
     "net-object-store-public-access-blocked"),
    ("storage_v4", "azurerm_storage_account.legacy", "public_network_access_enabled",
     "net-service-firewall-default-deny"),
    ("storage_v4", "azurerm_storage_account.legacy", "shared_access_key_enabled", "iam-local-auth-disabled"),
    ("storage_v4", "azurerm_storage_account.legacy", "infrastructure_encryption_enabled",
     "enc-infrastructure-encryption-enabled"),
    ("storage_v4", "azurerm_storage_account.legacy", "customer_managed_key", "enc-object-store-default-encryption"),
    ("storage_v4", "azurerm_storage_account.legacy", "customer_managed_key", "enc-object-store-kms"),
    ("vaults", "azurerm_key_vault.legacy", "purge_protection_enabled", "enc-secret-store-recoverable"),
    ("vaults", "azurerm_key_vault.legacy", "enable_rbac_authorization", "iam-secret-store-role-based-access"),
    ("vaults", "azurerm_monitor_diagnostic_setting.legacy_policy", "enabled_log", "log-secret-store-audit-logging"),
    ("databases", "azurerm_mssql_server.legacy", "minimum_tls_version", "enc-tls-listener-modern"),
    ("databases", "azurerm_mssql_server.legacy", "public_network_access_enabled", "net-database-not-public"),
    ("databases", "azurerm_mssql_server.legacy", "azuread_administrator", "iam-database-directory-auth"),
    ("databases", "azurerm_mssql_server.legacy", "public_network_access_enabled", ADMIN),
    ("databases", "azurerm_postgresql_flexible_server.legacy", "customer_managed_key", "enc-database-storage-kms"),
    ("databases", "azurerm_postgresql_flexible_server.legacy", "public_network_access_enabled",
     "net-database-not-public"),
    ("databases", "azurerm_postgresql_flexible_server.legacy", "authentication", "iam-database-directory-auth"),
    ("databases", "azurerm_mssql_database.app", "transparent_data_encryption_enabled",
     "enc-database-storage-encrypted"),
    ("databases", "azurerm_managed_disk.scratch", "disk_encryption_set_id", "enc-block-volume-kms"),
    ("vms", "azurerm_windows_virtual_machine.router", "encryption_at_host_enabled", "enc-instance-host-encryption"),
    ("vms", "azurerm_network_interface.router", "ip_forwarding_enabled", "net-instance-ip-forwarding-off"),
    ("vms", "azurerm_network_interface.router", "ip_configuration", "net-instance-no-public-ip"),
    ("web_apps", "azurerm_linux_web_app.portal", "https_only", "enc-tls-listener-modern"),
    ("web_apps", "azurerm_linux_web_app.portal", "site_config", "enc-web-app-ftps-only"),
    ("web_apps", "azurerm_linux_web_app.portal", "site_config", "net-web-app-remote-debugging-off"),
    ("web_apps", "azurerm_linux_web_app.portal", "identity", "iam-web-app-managed-identity"),
    ("vault_objects", "azurerm_key_vault_key.cmk", "expiration_date", "iam-vault-object-expires"),
    ("vault_objects", "azurerm_key_vault_key.forever", "rotation_policy", "enc-crypto-key-rotation"),
    ("roles", "azurerm_role_definition.storage_ops", "permissions", GRANT),
    ("roles", "azurerm_role_definition.god_mode", "assignable_scopes", GRANT),
    ("defender", "azurerm_security_center_subscription_pricing.servers", "tier", THREATS),
    ("messaging", "azurerm_servicebus_namespace.orders", "local_auth_enabled", "iam-local-auth-disabled"),
    ("workspaces", "azurerm_log_analytics_workspace.audit", "retention_in_days", "log-log-group-retention"),
    ("workspaces", "azurerm_monitor_diagnostic_setting.export_admin", "log_analytics_workspace_id",
     "enc-log-group-audit-kms"),
    ("networks", "azurerm_network_watcher_flow_log.hub", "retention_policy", "log-log-group-retention"),
    ("networks", "azurerm_network_watcher_flow_log.hub", "enabled", "log-network-flow-logs"),
    ("networks", "azurerm_virtual_network.spoke_disabled", "subnet", SUBNET),
    ("networks", "azurerm_subnet_network_security_group_association.spoke_web", "subnet_id", SUBNET),
    ("mysql", "azurerm_mysql_flexible_server.legacy", "public_network_access", "net-database-not-public"),
    ("mysql", "azurerm_mysql_flexible_server_configuration.legacy_tls", "value", "enc-tls-listener-modern"),
    ("mysql", "azurerm_mysql_flexible_server.reports", "customer_managed_key", "enc-database-storage-kms"),
    ("mysql", "azurerm_mysql_flexible_server_active_directory_administrator.phi", "server_id",
     "iam-database-directory-auth"),
    ("local_auth", "azurerm_container_registry.phi", "admin_enabled", LOCAL),
    ("local_auth", "azurerm_cosmosdb_account.keys", "capabilities", LOCAL),
    ("local_auth", "azurerm_redis_cache.sessions", "minimum_tls_version", "enc-tls-listener-modern"),
    ("local_auth", "azurerm_redis_cache.sessions", "access_keys_authentication_enabled", LOCAL),
]


@pytest.mark.parametrize(("scenario", "address", "attribute", "rule"), AFTER_APPLY,
                         ids=lambda v: v if isinstance(v, str) and "." not in v else None)
def test_a_setting_known_after_apply_is_unknown(scenario: str, address: str, attribute: str, rule: str) -> None:
    doc = azurerm_plan(scenario)
    for config in doc["configuration"]["root_module"]["resources"]:  # written as a reference
        if config["address"] == address.split("[", 1)[0]:
            config["expressions"][attribute] = {"references": ["azurerm_resource_group.other.tags"]}
    for change in doc["resource_changes"]:
        if change["address"] == address:
            change["change"]["after"][attribute] = None
            change["change"]["after_unknown"][attribute] = True
    why = f"known after apply: {address}.{attribute}"
    before = {f.id for f in check_plans([str(azurerm_plan_path(scenario))]).findings() if f.status.value == U}
    found = [f for f in check_plans_doc(doc) if f.rule_id == rule and f.status.value == U and f.id not in before]
    assert found and all(f.message == why for f in found)


def check_plans_doc(doc: dict) -> list:
    values, gaps, _ = azurerm.to_model(doc)
    assert not gaps
    return evaluate(values, gaps=gaps)


def test_sensitive_passwords_are_secrets() -> None:
    for scenario in ("vms", "databases"):
        scan = check_plans([str(azurerm_plan_path(scenario))])
        assert "c0rrect-h0rse-Battery" in scan.secrets
        assert "c0rrect-h0rse-Battery" not in json.dumps([f.to_dict() for f in scan.findings()], default=str)


def _values(scenario: str) -> dict[tuple[str, str], object]:
    values, gaps, _ = azurerm.to_model(azurerm_plan(scenario))
    assert not gaps
    return {(type(v).__name__, v.ref.name): v for v in values if not getattr(v.ref, "part", None)
            or type(v).__name__ == "Subnet"}


def test_customer_keys_join_through_split_resources() -> None:
    """A namespace's key inline or by the split resource, a workspace's through its linked cluster's key, a flow
    log's through its storage account: the same key ids the azure-native adapters give."""
    queues = _values("messaging")
    assert queues[("MessageQueue", "sb-orders")].kms_key == "https://kv-phi.vault.azure.net/keys/sb-cmk"
    assert queues[("MessageQueue", "sb-legacy")].kms_key is None
    assert str(queues[("MessageQueue", "eh-claims")].kms_key) == (
        "Unknown('known after apply: azurerm_eventhub_namespace_customer_managed_key.claims.key_vault_key_ids[0]')")
    logs = _values("workspaces")
    assert logs[("LogGroup", "law-audit")].kms_key == "https://kv-phi.vault.azure.net/keys/law-cmk"
    assert logs[("LogGroup", "law-audit")].holds_audit_data is True  # export-admin: Administrative events
    assert (logs[("LogGroup", "law-apps")].kms_key, logs[("LogGroup", "law-apps")].holds_audit_data) == (None, False)
    assert logs[("LogGroup", "law-flows")].holds_audit_data is True  # traffic analytics, by reference
    assert logs[("LogGroup", "law-apps")].retention_days == 30  # left to Azure: its default
    flows = _values("networks")
    assert flows[("LogGroup", "hub-flows")].kms_key == "https://kv-phi.vault.azure.net/keys/flowlogs-cmk"


def test_names_are_the_live_scanners() -> None:
    """Keys and secrets ``<vault>/<name>``, subnets ``<vnet>/<subnet>``, Defender plans ``defender/<plan>``."""
    names = {(type(v).__name__, v.ref.native_id, v.ref.name)
             for s in ("vault_objects", "networks", "defender") for v in azurerm.to_model(azurerm_plan(s))[0]}
    assert {("VaultObject", "azurerm_key_vault_key.cmk", "kv-phi/cmk"),
            ("VaultObject", "azurerm_key_vault_secret.shared", "kv-shared/shared-token"),
            ("Subnet", "azurerm_virtual_network.hub", "hub/GatewaySubnet"),
            ("Subnet", "azurerm_subnet.spoke_app", "spoke-nsg/app"),
            ("ThreatDetection", "azurerm_security_center_subscription_pricing.servers", "defender/VirtualMachines"),
            } <= names
    assert not {n for n in names if n[0] == "ThreatDetection" and n[2] in ("defender/Dns", "defender/CloudPosture")}


def test_role_assignments_join_their_custom_role() -> None:
    grants = {v.ref.name: v for v in azurerm.to_model(azurerm_plan("roles"))[0]}
    assert grants["god-mode"].attached is True  # role_definition_resource_id, by reference
    assert grants["rg-admin"].attached is False
    assert (grants["ops-all-but-rbac"].access, grants["ops-all-but-rbac"].exceptions) == (
        "near-admin", "Microsoft.Authorization/*/Write")


def test_vault_secret_values_are_secrets() -> None:
    scan = check_plans([str(azurerm_plan_path("vault_objects"))])
    assert "c0rrect-h0rse-Battery" in scan.secrets
    assert "c0rrect-h0rse-Battery" not in json.dumps([f.to_dict() for f in scan.findings()], default=str)


def test_retired_v3_app_resources_read_their_own_names() -> None:
    """``azurerm_app_service`` spells the TLS floor ``min_tls_version``; left to Azure it is known after apply."""
    values = [v for v in azurerm.to_model(azurerm_plan("web_apps_v3"))[0] if getattr(v.ref, "part", None) == "https"]
    floors = {v.ref.name: v.min_tls_version for v in values}
    assert floors["intake-v3"] == "1.2" and floors["etl-v3"] == "1.0"
    assert str(floors["reports-v3"]) == "Unknown('known after apply: azurerm_app_service.reports.site_config[0]" \
        ".min_tls_version')"


def test_every_rule_azure_native_judges_runs_on_azurerm_plans() -> None:
    """azurerm plans judge every kind the azure-native adapters yield (and the key vaults azure-native lacks)."""
    from hitrust_policies.sources.pulumi import supported_kinds

    assert supported_kinds("azure-native") <= azurerm.supported_kinds()
    assert azurerm.supported_kinds() - supported_kinds("azure-native") == {SecretStore}
