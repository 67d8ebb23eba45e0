"""Parity: the same Azure infrastructure written as a hashicorp/azurerm plan (tests/terraform/azurerm/<scenario>)
and as an azure-native program (tests/pulumi_programs/azure_native.py) gives the same (rule, name, status)
multiset, PASS included, through the azurerm adapters on one side and the azure-native adapters and the real
policy-pack process on the other.

The two sources share no adapter code, only `azure_semantics`: agreement here is evidence that each reads
its provider's names into the same Azure meaning. Names are the ARM names both sides give explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.terraform.scan import check_plans
from hitrust_policies.testing.pulumi import default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import azure_native
from tests.sources.terraform.plans import azurerm_plan_path

PACK_RULES = {r.id for r in pack_rules(package="azure-native")}


@dataclass(frozen=True)
class Twin:
    scenario: str  # tests/terraform/azurerm/<scenario>
    program: Callable[[], None]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]
    must_pass: frozenset[tuple[str, str]]


TWINS = [
    Twin("parity_nsg", azure_native.nsg_rules, frozenset({"web-nsg", "db-nsg"}),
         must_fail=frozenset({("net-ingress-rule-admin-ports", "web-nsg"), ("net-ingress-rule-admin-ports", "db-nsg")}),
         must_pass=frozenset({("net-ingress-rule-admin-ports", "web-nsg")})),
    Twin("parity_storage", azure_native.noncompliant_storage, frozenset({"publicsite", "legacyhttp", "privateonly"}),
         must_fail=frozenset({("net-object-store-public-access-blocked", "publicsite"),
                              ("enc-object-store-tls-only", "legacyhttp"),
                              ("net-service-firewall-default-deny", "publicsite"),
                              ("iam-local-auth-disabled", "privateonly")}),
         must_pass=frozenset({("net-object-store-public-access-blocked", "privateonly"),
                              ("net-object-store-public-access-blocked", "legacyhttp"),
                              ("net-service-firewall-default-deny", "privateonly"),
                              ("enc-tls-listener-modern", "legacyhttp")})),
]


# Every rule the azurerm adapters judge beyond storage and NSGs, each in a scenario its azure-native twin shares.
TWINS += [
    Twin("web_apps", azure_native.web_apps, frozenset({"portal", "legacy"}),  # "defaults": see below
         must_fail=frozenset({("enc-web-app-ftps-only", "legacy"), ("net-web-app-remote-debugging-off", "legacy"),
                              ("iam-web-app-managed-identity", "legacy"), ("enc-tls-listener-modern", "legacy")}),
         must_pass=frozenset({("enc-web-app-ftps-only", "portal"), ("net-web-app-remote-debugging-off", "portal"),
                              ("iam-web-app-managed-identity", "portal"), ("enc-tls-listener-modern", "portal")})),
    Twin("vault_objects", azure_native.vault_keys_and_secrets,
         frozenset({"kv-phi/cmk", "kv-phi/forever", "kv-phi/db-password", "kv-phi/api-token"}),
         must_fail=frozenset({("iam-vault-object-expires", "kv-phi/forever"),
                              ("iam-vault-object-expires", "kv-phi/api-token"),
                              ("enc-crypto-key-rotation", "kv-phi/cmk")}),
         must_pass=frozenset({("iam-vault-object-expires", "kv-phi/cmk"),
                              ("iam-vault-object-expires", "kv-phi/db-password"),
                              ("enc-crypto-key-rotation", "kv-phi/forever"),
                              ("net-crypto-key-not-public", "kv-phi/cmk")})),
    Twin("roles", azure_native.custom_roles, frozenset({"god-mode", "ops-all-but-rbac", "rg-admin", "storage-ops"}),
         must_fail=frozenset({("iam-policy-grant-no-admin", "god-mode"),
                              ("iam-policy-grant-no-admin", "ops-all-but-rbac")}),
         must_pass=frozenset({("iam-policy-grant-no-admin", "rg-admin"),
                              ("iam-policy-grant-no-admin", "storage-ops")})),
    Twin("defender", azure_native.defender_plans,
         frozenset({"defender/VirtualMachines", "defender/StorageAccounts", "defender/Dns"}),
         must_fail=frozenset({("log-threat-detection-enabled", "defender/StorageAccounts")}),
         must_pass=frozenset({("log-threat-detection-enabled", "defender/VirtualMachines")})),
    Twin("messaging", azure_native.messaging_and_caches, frozenset({"sb-orders", "sb-legacy", "eh-telemetry"}),
         must_fail=frozenset({("iam-local-auth-disabled", "sb-legacy")}),
         must_pass=frozenset({("iam-local-auth-disabled", "sb-orders"), ("enc-message-queue-encrypted", "sb-orders")})),
    Twin("workspaces", azure_native.logging_workspaces,
         frozenset({"law-audit", "law-activity", "law-flows", "law-apps", "hub-flows"}),
         must_fail=frozenset({("enc-log-group-audit-kms", "law-activity"), ("log-log-group-retention", "law-apps")}),
         must_pass=frozenset({("enc-log-group-audit-kms", "law-audit"), ("log-log-group-retention", "law-audit")})),
    Twin("networks", azure_native.flow_logged_networks,
         frozenset({"hub", "spoke-nsg", "spoke-partial", "spoke-disabled", "hub/web", "hub/GatewaySubnet",
                    "spoke-nsg/web", "spoke-nsg/app", "spoke-partial/web", "spoke-partial/db", "spoke-disabled/data",
                    "hub-flows", "web-nsg-flows", "app-nsg-flows", "off-flows"}),
         must_fail=frozenset({("log-network-flow-logs", "spoke-partial"),
                              ("net-subnet-security-group", "spoke-partial/db"),
                              ("log-log-group-retention", "app-nsg-flows")}),
         must_pass=frozenset({("log-network-flow-logs", "hub"), ("log-network-flow-logs", "spoke-nsg"),
                              ("net-subnet-security-group", "spoke-nsg/app"), ("net-network-default-absent", "hub"),
                              ("enc-log-group-audit-kms", "hub-flows")})),
    Twin("mysql", azure_native.flexible_servers, frozenset({"my-phi", "my-legacy"}),
         must_fail=frozenset({("enc-tls-listener-modern", "my-legacy"), ("net-database-not-public", "my-legacy")}),
         must_pass=frozenset({("iam-database-directory-auth", "my-phi"), ("enc-tls-listener-modern", "my-phi")})),
    Twin("local_auth", azure_native.local_auth, frozenset({"acrlegacy", "acrphi", "cosmos-phi", "cosmos-keys"}),
         must_fail=frozenset({("iam-local-auth-disabled", "acrlegacy"), ("iam-local-auth-disabled", "cosmos-keys")}),
         must_pass=frozenset({("iam-local-auth-disabled", "acrphi"), ("iam-local-auth-disabled", "cosmos-phi")})),
    Twin("local_auth", azure_native.messaging_and_caches, frozenset({"redis-sessions", "redis-plain", "redis-tls10"}),
         must_fail=frozenset({("enc-tls-listener-modern", "redis-plain"), ("enc-tls-listener-modern", "redis-tls10")}),
         must_pass=frozenset({("iam-local-auth-disabled", "redis-sessions"),
                              ("enc-tls-listener-modern", "redis-sessions")})),
]


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir("hitrust-azure"))


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.scenario)
def test_plan_and_program_agree(twin: Twin, pack) -> None:  # noqa: ANN001
    scan = check_plans([str(azurerm_plan_path(twin.scenario))])
    assert scan.complete and not scan.errors
    planned = verdicts_over(scan.findings(), twin.names, PACK_RULES)
    assert_pack_agrees_with_live(twin.program, planned, pack, names=twin.names, rules=PACK_RULES,
                                 must_fail=twin.must_fail, must_pass=twin.must_pass)

