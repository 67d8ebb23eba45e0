"""packs/hitrust-azure on real azure-native programs, through the real pack process.

Each case asserts the exact set of (policy, resource, level) the pack reports for a whole program,
in a preview and in an update: compliant resources produce nothing, the others exactly their
violations. Levels are forced to mandatory so UNKNOWN (always advisory) stands out.
"""

from __future__ import annotations

import pytest

from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir
from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import azure_native as programs
from tests.verdicts import Verdicts

M, A = "mandatory", "advisory"
NONCOMPLIANT_STORAGE = {
    *(("enc-object-store-kms", name, M) for name in ("publicsite", "legacyhttp", "readsonly", "queuelogs",
                                                       "privateonly")),
    *(("log-object-store-access-logging", name, M) for name in ("publicsite", "legacyhttp", "readsonly",
                                                                  "privateonly")),
    ("enc-object-store-tls-only", "legacyhttp", M),
    ("net-object-store-public-access-blocked", "publicsite", M),
    # privateonly allows anonymous access, but has no public endpoint to be reached on
    # every account with a public endpoint and no default-deny network rules (privateonly has none)
    *(("net-service-firewall-default-deny", name, M) for name in ("publicsite", "legacyhttp", "readsonly",
                                                                    "queuelogs")),
    # no enc-tls-listener-modern: whatever minimumTlsVersion says, Azure Storage refuses TLS < 1.2
    # allowSharedKeyAccess left out: account keys (and SAS signed with them) accepted
    *(("iam-local-auth-disabled", name, M) for name in ("publicsite", "legacyhttp", "readsonly", "queuelogs",
                                                          "privateonly")),
    # requireInfrastructureEncryption left out: encrypted once (low: advisory at the default levels)
    *(("enc-infrastructure-encryption-enabled", name, M) for name in ("publicsite", "legacyhttp", "readsonly",
                                                                        "queuelogs", "privateonly")),
}
NSG_RULES = Verdicts({
    ("net-ingress-rule-admin-ports", "web-nsg", M): 1,  # inline: 22 from "*"
    ("net-ingress-rule-admin-ports", "db-engines", M): 2,  # separate: 1433 and 5432 from 0.0.0.0/0, one each
})
SQL_SERVERS = {
    ("enc-tls-listener-modern", "sql-legacy", M),
    ("enc-database-storage-encrypted", "reports", M),  # its TransparentDataEncryption turns TDE off
    ("net-database-not-public", "reports", M),
    ("net-database-not-public", "app-db", M),  # a server created without publicNetworkAccess answers publicly
    # sql-phi has a Key Vault TDE protector, an Entra admin and 90-day auditing; the others none of them
    ("enc-database-storage-kms", "reports", M), ("enc-database-storage-kms", "app-db", M),
    ("iam-database-directory-auth", "reports", M), ("iam-database-directory-auth", "app-db", M),
    ("log-database-auditing", "sql-legacy", M),  # 30 days in storage
    ("log-database-auditing", "sql-app", M),  # no auditing policy: off
}
# the activity log and traffic analytics land in workspaces without a key of their own; short retention
LOG_WORKSPACES = {
    *(("log-log-group-retention", name, M) for name in ("law-activity", "law-flows", "law-apps")),
    ("enc-log-group-audit-kms", "law-activity", M), ("enc-log-group-audit-kms", "law-flows", M),
    ("enc-log-group-audit-kms", "hub-flows", A),  # the flow log's storage account is not in the stack
}
FLOW_LOGGED_NETWORKS = {
    ("log-network-flow-logs", "spoke-partial", M), ("log-network-flow-logs", "spoke-disabled", M),
    ("log-log-group-retention", "app-nsg-flows", M),  # 90 days
    ("enc-log-group-audit-kms", "off-flows", A),  # kept in an account outside the stack
    ("log-object-store-access-logging", "flowlogs", M),  # the flow logs' account logs no blob access itself
    ("enc-infrastructure-encryption-enabled", "flowlogs", M),
    ("net-subnet-security-group", "spoke-partial", M),  # its subnet "db" has no NSG (reported on the network)
    ("net-subnet-security-group", "spoke-disabled", M),  # and "data"
}

CASES = {
    "storage-compliant": (programs.compliant_storage, True, set()),
    "storage-compliant-update": (programs.compliant_storage, False, set()),
    "storage-noncompliant": (programs.noncompliant_storage, True, NONCOMPLIANT_STORAGE | {
        # the setting's resourceUri is built from the account's id: which of its services it names is
        # computed at preview
        ("log-object-store-access-logging", "queuelogs", A),
    }),
    "storage-noncompliant-update": (programs.noncompliant_storage, False, NONCOMPLIANT_STORAGE | {
        ("log-object-store-access-logging", "queuelogs", M),  # .../queueServices/default: not the blobs
    }),
    "storage-stock-template": (programs.stock_template_storage, True, {
        ("enc-object-store-kms", "sa", M),
        ("log-object-store-access-logging", "sa", M),
        ("net-service-firewall-default-deny", "sa", M),  # medium: advisory at the default levels
        ("iam-local-auth-disabled", "sa", M),
        ("enc-infrastructure-encryption-enabled", "sa", M),
        # allowBlobPublicAccess left out: false for a new account; enableHttpsTrafficOnly: true
    }),
    "nsg-rules": (programs.nsg_rules, True, NSG_RULES),
    "nsg-rules-update": (programs.nsg_rules, False, NSG_RULES),
    "nsg-loadbalancer-vm": (programs.loadbalancer_vm_nsg, True, set()),
    "sql-servers": (programs.sql_servers, True, SQL_SERVERS),
    "sql-servers-update": (programs.sql_servers, False, SQL_SERVERS),
    "sql-restored-database": (programs.sql_restored_database, True, {
        ("enc-database-storage-encrypted", "claims-restored", A),
        ("enc-database-storage-kms", "claims-restored", A),  # TDE itself not known
        ("iam-database-directory-auth", "claims-restored", M),
        ("log-database-auditing", "sql-restore", M),
    }),
    "managed-disks": (programs.managed_disks, True, {
        ("enc-block-volume-kms", "vm1_OsDisk", M),  # platform-managed key
    }),
    "web-apps": (programs.web_apps, True, Verdicts({
        ("enc-tls-listener-modern", "legacy", M): 2,  # HTTP served; TLS 1.0 on HTTPS
        ("enc-web-app-ftps-only", "legacy", M): 1,
        ("net-web-app-remote-debugging-off", "legacy", M): 1,
        ("enc-web-app-ftps-only", "defaults", A): 1,  # ftpsState left to Azure
        ("iam-web-app-managed-identity", "legacy", M): 1, ("iam-web-app-managed-identity", "defaults", M): 1,
    })),
    "virtual-machines": (programs.virtual_machines, True, {
        ("net-instance-no-public-ip", "web-vm", M),
        ("enc-instance-host-encryption", "web-vm", M),
        ("net-instance-no-public-ip", "legacy-vm", A),  # a NIC the program does not create
        ("enc-instance-host-encryption", "legacy-vm", M),
        ("net-subnet-security-group", "spoke", M),  # its inline subnet "data"
        ("net-subnet-security-group", "batch", M),
        ("log-network-flow-logs", "spoke", M),  # no flow log on the network or its subnets' NSGs
        ("net-instance-ip-forwarding-off", "router-vm", M),  # its NIC enables IP forwarding
        ("net-instance-ip-forwarding-off", "legacy-vm", A),  # a NIC the program does not create
    }),
    "preview-unknowns": (programs.unresolved_outputs, True, {
        ("enc-object-store-kms", "lateaccount", M),
        ("log-object-store-access-logging", "lateaccount", M),
        ("net-object-store-public-access-blocked", "lateaccount", A),
        ("net-service-firewall-default-deny", "lateaccount", M),
        ("net-ingress-rule-admin-ports", "jump-nsg", A),
        ("enc-tls-listener-modern", "sql-late", A),
        ("log-database-auditing", "sql-late", M),
        ("iam-local-auth-disabled", "lateaccount", M),
        ("enc-infrastructure-encryption-enabled", "lateaccount", A),  # computed from the group's name
    }),
    "preview-unknowns-update": (programs.unresolved_outputs, False, {
        ("enc-object-store-kms", "lateaccount", M),
        ("log-object-store-access-logging", "lateaccount", M),
        ("net-service-firewall-default-deny", "lateaccount", M),
        ("log-database-auditing", "sql-late", M),
        ("iam-local-auth-disabled", "lateaccount", M),
        ("enc-infrastructure-encryption-enabled", "lateaccount", M),
    }),
    "log-workspaces": (programs.logging_workspaces, True, LOG_WORKSPACES),
    "log-workspaces-update": (programs.logging_workspaces, False, LOG_WORKSPACES),
    "log-workspace-computed": (programs.computed_workspace, True, {
        ("log-log-group-retention", "law-ops", A), ("enc-log-group-audit-kms", "law-ops", A)}),
    "log-workspace-computed-update": (programs.computed_workspace, False, {("enc-log-group-audit-kms", "law-ops", M)}),
    "flow-logged-networks": (programs.flow_logged_networks, True, FLOW_LOGGED_NETWORKS),
    "flow-logged-networks-update": (programs.flow_logged_networks, False, FLOW_LOGGED_NETWORKS),
    "defender-plans": (programs.defender_plans, True, {
        ("log-threat-detection-enabled", "defender-storage", M)}),  # the pack names the Pulumi resource
}


@pytest.mark.parametrize("name", CASES)
def test_exact_violations(azure_pack: PackProcess, name: str) -> None:
    program, preview, expected = CASES[name]
    assert keys(azure_pack.run(captured(program, preview), MANDATORY)) == expected


def test_unknowns_say_what_was_not_known(azure_pack: PackProcess) -> None:
    texts = {(v.policy, v.resource): v.message.split("\n", 1)[1]
             for v in azure_pack.run(captured(programs.unresolved_outputs), MANDATORY) if v.level == A}
    assert texts[("net-ingress-rule-admin-ports", "jump-nsg")].startswith(
        "jump-nsg: could not be known: computed at preview: securityRules[0].sourceAddressPrefix (UNKNOWN")
    assert texts[("net-object-store-public-access-blocked", "lateaccount")].startswith(
        "lateaccount: could not be known: computed at preview: allowBlobPublicAccess")
    assert texts[("enc-tls-listener-modern", "sql-late")].startswith(
        "sql-late: could not be known: computed at preview: minimalTlsVersion")
    restored = azure_pack.run(captured(programs.sql_restored_database), MANDATORY)
    assert [v.message.split("\n", 1)[1].split(" (UNKNOWN")[0] for v in restored if v.level == A] == [
        "sql-restore/claims-restored: could not be known: created with createMode PointInTimeRestore: TDE "
        "follows the source database, which the program does not show"] * 2  # encrypted at all; with whose key


def test_violations_name_the_resource_and_the_live_name(azure_pack: PackProcess) -> None:
    """Separate rules are stack violations on the rule's URN, named by their group as the live scanner
    names the NSG; databases are ``<server>/<database>``, joined while the server's name is unknown."""
    violations = azure_pack.run(captured(programs.nsg_rules), MANDATORY)
    separate = [v for v in violations if v.resource == "db-engines"]
    assert {v.urn for v in separate} == {
        "urn:pulumi:test::hitrust::azure-native:network:SecurityRule::db-engines"}
    assert {v.phase for v in violations} == {"stack"}  # NSGs and rules are joined at stack level
    assert sorted(v.message.split("\n", 1)[1].split(" [")[0] for v in violations) == [
        "db-nsg: 1433/tcp (SQL Server) open to 0.0.0.0/0",
        "db-nsg: 5432/tcp (PostgreSQL) open to 0.0.0.0/0",
        "web-nsg: 22/tcp (SSH) open to 0.0.0.0/0",
    ]
    sql = {v.key: v for v in azure_pack.run(captured(programs.sql_servers), MANDATORY)}
    assert sql[("enc-tls-listener-modern", "sql-legacy", M)].phase == "stack"  # storage listeners are joined
    assert sql[("net-database-not-public", "reports", M)].phase == "stack"
    assert sql[("net-database-not-public", "reports", M)].message.split("\n", 1)[1].startswith(
        "sql-legacy/reports: database has a public endpoint [HITRUST CSF")


def test_secrets_never_appear_in_messages(azure_pack: PackProcess) -> None:
    for preview in (True, False):
        violations = azure_pack.run(captured(programs.secrets, preview), MANDATORY)
        assert keys(violations) == {
            ("net-ingress-rule-admin-ports", "partner-nsg", M),  # 22 from a secret 0.0.0.0/0; 3389 from a partner
            ("enc-tls-listener-modern", "sql-secret", M),
            ("net-database-not-public", "secret-db", M),
            ("enc-database-storage-kms", "secret-db", M),
            ("iam-database-directory-auth", "secret-db", M),
            ("log-database-auditing", "sql-secret", M),
        }
        text = "\n".join(v.message for v in violations)
        for secret in (programs.SECRET_PASSWORD, programs.SECRET_PREFIX, programs.SECRET_SOURCE):
            assert secret not in text
        assert "partner-nsg: 22/tcp (SSH) open to [secret] [" in text


def test_default_levels_block_critical_and_high_only(azure_pack: PackProcess) -> None:
    assert keys(azure_pack.run(captured(programs.noncompliant_storage, False))) == {
        (rule, name, M if rule in ("net-object-store-public-access-blocked",) else A)
        for rule, name, _ in NONCOMPLIANT_STORAGE | {("log-object-store-access-logging", "queuelogs", M)}}


def test_each_pack_judges_its_own_clouds_resources(azure_pack: PackProcess) -> None:
    resources = captured(programs.mixed_clouds)
    assert keys(azure_pack.run(resources, MANDATORY)) == {
        ("enc-object-store-kms", "azurelogs", M), ("log-object-store-access-logging", "azurelogs", M),
        ("net-service-firewall-default-deny", "azurelogs", M), ("iam-local-auth-disabled", "azurelogs", M),
        ("enc-infrastructure-encryption-enabled", "azurelogs", M)}
    with PackProcess(default_pack_dir("hitrust-aws")) as aws_pack:
        assert keys(aws_pack.run(resources, MANDATORY)) == {
            ("enc-object-store-kms", "aws-logs", M), ("enc-object-store-tls-only", "aws-logs", M),
            ("log-object-store-access-logging", "aws-logs", M)}


def test_config_example_is_accepted_and_applied(azure_pack: PackProcess) -> None:
    import json

    config = json.loads((default_pack_dir("hitrust-azure") / "config.example.json").read_text())
    found = keys(azure_pack.run(captured(programs.nsg_rules), config))
    assert found == NSG_RULES
    found = keys(azure_pack.run(captured(programs.noncompliant_storage, False), config))
    assert {("enc-object-store-kms", "publicsite", A),
            ("log-object-store-access-logging", "readsonly", A)} <= set(found)
    assert ("enc-object-store-tls-only", "legacyhttp", M) in found


def test_exclusions_need_a_justification_and_skip_the_resource(azure_pack: PackProcess) -> None:
    config = {"all": "mandatory", "net-ingress-rule-admin-ports": {
        "exclusions": [{"name": "web-nsg", "justification": "Bastion host group; SSH is MFA-gated."}]}}
    assert keys(azure_pack.run(captured(programs.nsg_rules), config)) == Verdicts({
        ("net-ingress-rule-admin-ports", "db-engines", M): 2})
