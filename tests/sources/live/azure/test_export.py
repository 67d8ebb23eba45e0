"""--from-export: saved Resource Graph rows give the live scan's findings, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrust_policies.findings import Finding, Status
from hitrust_policies.sources.live.azure.scan import ExportError, load_export, scan_export
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.azure.conftest import SUB, SUB2, scan
from tests.sources.live.azure.tenant import seed, tenant_rows

ARM_READ_RULES = {"log-object-store-access-logging": "blob-diagnostic-settings (Microsoft.Insights/"
                                                     "DiagnosticSettings/Read)",
                  "enc-database-storage-encrypted": "transparent-data-encryption (Microsoft.Sql/servers/"
                                                    "databases/transparentDataEncryption/read)",
                  # whether the activity log goes to a workspace: a subscription-level read
                  "enc-log-group-audit-kms": "activity-log-diagnostic-settings (Microsoft.Insights/"
                                             "DiagnosticSettings/Read)",
                  "log-secret-store-audit-logging": "vault-diagnostic-settings (Microsoft.Insights/"
                                                    "DiagnosticSettings/Read)",
                  "iam-account-owners-no-guests": "graph-users (Microsoft Graph User.Read.All)"}
# Rules over subscription-level families (no Resource Graph rows): an export leaves them out.
SUBSCRIPTION_LEVEL = {"log-audit-coverage-multi-region", "log-audit-trail-object-data-events"}
WORKSPACE = "microsoft.operationalinsights/workspaces"
# Facts of one resource only an ARM read shows: (rule, resource) -> the read an export lacks.
ARM_READ_FINDINGS = {
    ("enc-database-storage-kms", "sql-phi/claims"): ARM_READ_RULES["enc-database-storage-encrypted"],
    ("iam-database-directory-auth", "sql-phi/claims"): "sql-administrators (Microsoft.Sql/servers/administrators/read)",
    ("log-database-auditing", "sql-phi"): "sql-auditing-settings (Microsoft.Sql/servers/auditingSettings/read)",
    ("enc-tls-listener-modern", "pg-phi"): "postgres-require-secure-transport (Microsoft.DBforPostgreSQL/"
                                           "flexibleServers/configurations/read)",
    ("enc-tls-listener-modern", "my-dev"): "mysql-require-secure-transport (Microsoft.DBforMySQL/"
                                           "flexibleServers/configurations/read)",
    ("iam-database-directory-auth", "my-dev"): "mysql-administrators (Microsoft.DBforMySQL/flexibleServers/"
                                               "administrators/read)",
}
# Listings an export cannot hold: one UNKNOWN per listed resource stands for what the listing shows.
ARM_LISTED = {("enc-crypto-key-rotation", "microsoft.keyvault/vaults"):
              "vault-keys (Microsoft.KeyVault/vaults/keys/read)",
              ("net-ingress-rule-admin-ports", "microsoft.sql/servers"):
              "sql-firewall-rules (Microsoft.Sql/servers/firewallRules/read)",
              ("net-ingress-rule-admin-ports", "microsoft.dbforpostgresql/flexibleservers"):
              "postgres-firewall-rules (Microsoft.DBforPostgreSQL/flexibleServers/firewallRules/read)",
              ("net-ingress-rule-admin-ports", "microsoft.dbformysql/flexibleservers"):
              "mysql-firewall-rules (Microsoft.DBforMySQL/flexibleServers/firewallRules/read)"}


SITE_CONFIG = "site-config (Microsoft.Web/sites/config/read)"


def site_config(f: Finding) -> bool:
    """A finding on what an App Service app's config/web read shows (all but its HTTP endpoint and its managed
    identity, which are in the row)."""
    return (f.resource.native_type == "microsoft.web/sites" and f.resource.part != "http"
            and f.rule_id != "iam-web-app-managed-identity")


def listed(f: Finding) -> bool:
    """A finding on what an ARM listing shows (a vault's keys, a database server's firewall rules)."""
    return f.rule_id in ("enc-crypto-key-rotation", "iam-vault-object-expires", "net-crypto-key-not-public",
                         "enc-crypto-key-not-pending-deletion") or (
        (f.rule_id, f.resource.native_type) in ARM_LISTED)


def arm_read(f: Finding) -> str | None:
    """The ARM read whose fact this finding needs, which an export lacks (None: the rows decide; a
    flexible server's storage encryption is in its row; a flow log's key is in its row, a
    workspace's audit role is not)."""
    rule_wide = None if f.resource.native_type.endswith("/flexibleservers") else ARM_READ_RULES.get(f.rule_id)
    if f.rule_id == "enc-log-group-audit-kms" and f.resource.native_type != WORKSPACE:
        rule_wide = None
    return rule_wide or ARM_READ_FINDINGS.get((f.rule_id, f.resource.name))


def triples(findings: list) -> set[tuple[str, str, str, str]]:
    return {(f.id, f.rule_id, f.resource.name, f.status.value) for f in findings}


def test_export_gives_the_live_findings(fake: FakeAzure, tmp_path: Path) -> None:
    """Same finding ids, rules, resources and statuses, except the facts only an ARM read shows: those
    are UNKNOWN from an export, with the reason."""
    rows = seed(fake)
    live = scan(fake, subscriptions=[SUB, SUB2]).findings()
    path = tmp_path / "rows.json"
    path.write_text(json.dumps({"count": len(rows), "data": rows, "skip_token": None, "total_records": len(rows)}))
    offline = scan_export(load_export(path)).findings()
    assert {f.rule_id for f in live} >= SUBSCRIPTION_LEVEL and not {f.rule_id for f in offline} & SUBSCRIPTION_LEVEL
    live = [f for f in live if f.rule_id not in SUBSCRIPTION_LEVEL]

    assert triples([f for f in offline if not arm_read(f) and not listed(f) and not site_config(f)]) == triples(
        [f for f in live if not arm_read(f) and not listed(f) and not site_config(f)])
    assert {(f.rule_id, f.resource.name, f.status, f.message) for f in offline if site_config(f)} == {
        (rule_id, "phi-portal", Status.UNKNOWN, f"not in a Resource Graph export: {SITE_CONFIG}")
        for rule_id in ("enc-tls-listener-modern", "enc-web-app-ftps-only", "net-web-app-remote-debugging-off")}
    assert {(f.id, f.rule_id) for f in offline if not listed(f)} == {(f.id, f.rule_id) for f in live if not listed(f)}
    assert {(f.rule_id, f.resource.name, f.status, f.message) for f in offline if listed(f)} == {
        (rule_id, name, Status.UNKNOWN, f"not in a Resource Graph export: {ARM_LISTED[(rule_id, kind)]}")
        for rule_id, name, kind in (("enc-crypto-key-rotation", "kv-phi", "microsoft.keyvault/vaults"),
                                    ("enc-crypto-key-rotation", "kv-dev", "microsoft.keyvault/vaults"),
                                    ("net-ingress-rule-admin-ports", "sql-phi", "microsoft.sql/servers"),
                                    ("net-ingress-rule-admin-ports", "pg-phi",
                                     "microsoft.dbforpostgresql/flexibleservers"),
                                    ("net-ingress-rule-admin-ports", "my-dev", "microsoft.dbformysql/flexibleservers"))
    } | {("iam-vault-object-expires", vault, Status.UNKNOWN, f"not in a Resource Graph export: {listing}")
         for vault in ("kv-phi", "kv-dev") for listing in ("vault-keys (Microsoft.KeyVault/vaults/keys/read)",
                                                           "vault-secrets (Microsoft.KeyVault/vaults/secrets/read)")
         } | {("net-crypto-key-not-public", vault, Status.PASS, "") for vault in ("kv-phi", "kv-dev")  # never public
              } | {("enc-crypto-key-not-pending-deletion", vault, Status.PASS, "") for vault in ("kv-phi", "kv-dev")}
    assert {f.resource.name for f in live if listed(f)} == {"kv-phi/cmk", "kv-phi/legacy", "pg-phi",
                                                             "my-dev"}  # sql-phi: no rules
    for f in offline:
        if arm_read(f):
            assert (f.status, f.message) == (Status.UNKNOWN, f"not in a Resource Graph export: {arm_read(f)}"), f
    assert {(f.rule_id, f.resource.name) for f in offline if arm_read(f) and f.rule_id not in ARM_READ_RULES
            } == set(ARM_READ_FINDINGS)
    assert {f.resource.source for f in offline} == {"export"}


def test_export_shapes(tmp_path: Path) -> None:
    rows, _ = tenant_rows()
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(rows))
    assert load_export(bare) == rows
    columns = ["id", "name", "type", "location", "subscriptionId", "properties"]
    table = tmp_path / "table.json"
    table.write_text(json.dumps({"data": {"columns": [{"name": c, "type": "string"} for c in columns],
                                          "rows": [[r[c] for c in columns] for r in rows]}}))
    assert [r["id"] for r in load_export(table)] == [r["id"] for r in rows]


@pytest.mark.parametrize("content, message", [
    ("not json", "not a readable JSON file"),
    ('{"value": []}', "expected a Resource Graph result"),
    ('[{"name": "x"}]', "row 0 has no 'id' and 'type'"),
])
def test_bad_exports_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rows.json"
    path.write_text(content)
    with pytest.raises(ExportError, match=message):
        load_export(path)
