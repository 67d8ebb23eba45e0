"""Azure SQL -> DatabaseInstance (per database: TDE, the server's public endpoint) and TlsListener."""

from __future__ import annotations

from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import FAIL, PASS, SUB, openings, scan

RULES = ("enc-database-storage-encrypted", "net-database-not-public", "enc-tls-listener-modern")


def seed(fake: FakeAzure) -> None:
    private = rows.sql_server(SUB, "sql-private")
    public = rows.sql_server(SUB, "sql-public", public_network_access="Enabled", minimal_tls="1.0")
    legacy = rows.sql_server(SUB, "sql-legacy", public_network_access=None, minimal_tls=None)
    claims = rows.sql_database(private, "claims")
    notes = rows.sql_database(private, "notes")
    web = rows.sql_database(public, "web")
    old = rows.sql_database(legacy, "old")
    fake.add(private, public, legacy, claims, notes, web, old, rows.sql_database(private, "master", system=True))
    fake.put(*rows.tde(claims))
    fake.put(*rows.tde(notes, "Disabled"))
    fake.put(*rows.tde(web))
    fake.put(*rows.tde(old))
    fake.put(*rows.encryption_protector(private, "AzureKeyVault"))
    fake.put(*rows.encryption_protector(public))
    fake.put(*rows.encryption_protector(legacy))
    fake.put(*rows.sql_administrators(private, "phi-dba-group"))
    fake.put(*rows.sql_administrators(public))
    fake.put(*rows.sql_administrators(legacy))
    fake.put(*rows.sql_auditing(private))
    fake.put(*rows.sql_auditing(public, storage=False))
    fake.put(*rows.sql_auditing(legacy, "Disabled"))


def test_sql_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "sql-servers")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-database-storage-encrypted  sql-private/claims  PASS
        enc-database-storage-encrypted  sql-private/notes   FAIL
        enc-database-storage-encrypted  sql-public/web      PASS
        enc-database-storage-encrypted  sql-legacy/old      PASS
        net-database-not-public         sql-private/claims  PASS
        net-database-not-public         sql-private/notes   PASS
        net-database-not-public         sql-public/web      FAIL
        net-database-not-public         sql-legacy/old      FAIL
        enc-tls-listener-modern         sql-private         PASS
        enc-tls-listener-modern         sql-public          FAIL
        enc-tls-listener-modern         sql-legacy          FAIL
    """))
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == "enc-tls-listener-modern"}
    assert messages["sql-legacy"] == "TLS policy allows TLS 1.0"


def test_denied_tde_is_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/databases/claims/transparentdataencryption")
    result = scan(fake, "sql-servers")
    assert reasons(result.findings(), RULES) == {
        ("enc-database-storage-encrypted", "sql-private/claims",
         "AccessDenied: Microsoft.Sql/servers/databases/transparentDataEncryption/read (transparent-data-encryption)"),
    }
    assert ("net-database-not-public", "sql-private/claims", "PASS") in {
        (f.rule_id, f.resource.name, f.status.value) for f in result.findings()}


def test_server_firewall_rules_are_openings_of_the_sql_port(fake: FakeAzure) -> None:
    """Firewall rules of a server with a public endpoint become 1433/tcp openings: 0.0.0.0-255.255.255.255
    is 0.0.0.0/0 and fails like an NSG rule would; "Allow Azure services" (0.0.0.0-0.0.0.0) is the
    AzureCloud tag, any Azure customer, and fails too (CIS Azure 4.1.2); a single office address passes.
    A private server's rules are not read."""
    seed(fake)
    public = rows.sql_server(SUB, "sql-public", public_network_access="Enabled", minimal_tls="1.0")
    private = rows.sql_server(SUB, "sql-private")
    fake.put(*rows.sql_firewall_rules(public, ("AllowAll", "0.0.0.0", "255.255.255.255"),
                                      ("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"),
                                      ("office", "203.0.113.7", "203.0.113.7")))
    fake.put(*rows.sql_firewall_rules(private, ("AllowAll", "0.0.0.0", "255.255.255.255")))
    result = scan(fake, "sql-servers")
    assert result.complete
    assert openings(result.findings(), "net-ingress-rule-admin-ports") == {
        ("sql-public", "ingress/tcp/1433-1433/0.0.0.0/0", FAIL),
        ("sql-public", "ingress/tcp/1433-1433/AzureCloud", FAIL),
        ("sql-public", "ingress/tcp/1433-1433/203.0.113.7/32", PASS),
    }
    assert {f.message for f in result.findings() if f.status is FAIL and f.rule_id == "net-ingress-rule-admin-ports"
            } == {"1433/tcp (SQL Server) open to 0.0.0.0/0", "1433/tcp (SQL Server) open to AzureCloud"}
    assert not any(r.path.lower().endswith("/sql-private/firewallrules") for r in fake.requests)


def test_denied_firewall_rules_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/servers/sql-public/firewallrules")
    result = scan(fake, "sql-servers")
    reason = "AccessDenied: Microsoft.Sql/servers/firewallRules/read (sql-firewall-rules)"
    assert reasons(result.findings(), ["net-ingress-rule-admin-ports"]) == {
        ("net-ingress-rule-admin-ports", "sql-public", reason)}
    assert result.coverage[0].problems == (reason,)


NEW_RULES = ("enc-database-storage-kms", "iam-database-directory-auth", "log-database-auditing")


def test_tde_protector_entra_admin_and_auditing(fake: FakeAzure) -> None:
    """Per database the server's TDE protector (Key Vault: customer key) and Entra admins; per server its
    auditing. sql-public audits to Log Analytics only (no storage retention to judge)."""
    seed(fake)
    result = scan(fake, "sql-servers")
    assert result.complete
    assert verdicts(result.findings(), NEW_RULES) == set(table("""
        enc-database-storage-kms     sql-private/claims  PASS
        enc-database-storage-kms     sql-private/notes   FAIL
        enc-database-storage-kms     sql-public/web      FAIL
        enc-database-storage-kms     sql-legacy/old      FAIL
        iam-database-directory-auth  sql-private/claims  PASS
        iam-database-directory-auth  sql-private/notes   PASS
        iam-database-directory-auth  sql-public/web      FAIL
        iam-database-directory-auth  sql-legacy/old      FAIL
        log-database-auditing        sql-private         PASS
        log-database-auditing        sql-public          PASS
        log-database-auditing        sql-legacy          FAIL
    """))
    messages = {(f.rule_id, f.resource.name): f.message for f in result.findings() if f.status is FAIL}
    assert messages[("enc-database-storage-kms", "sql-private/notes")] == "database storage is not encrypted"
    assert messages[("enc-database-storage-kms", "sql-public/web")] == (
        "database storage is encrypted with a provider-managed key, not a customer-managed one")
    assert messages[("log-database-auditing", "sql-legacy")] == "server auditing is off"


def test_short_audit_retention_in_storage_fails(fake: FakeAzure) -> None:
    seed(fake)
    fake.put(*rows.sql_auditing(rows.sql_server(SUB, "sql-private"), retention_days=30))
    fake.put(*rows.sql_auditing(rows.sql_server(SUB, "sql-legacy"), retention_days=0))
    result = scan(fake, "sql-servers")
    assert verdicts(result.findings(), ["log-database-auditing"]) == set(table("""
        log-database-auditing  sql-private  FAIL
        log-database-auditing  sql-public   PASS
        log-database-auditing  sql-legacy   PASS
    """))
    assert {f.message for f in result.findings() if f.status is FAIL} >= {
        "audit records in storage are kept 30 days (min 90)"}


def test_denied_server_reads_are_unknown(fake: FakeAzure) -> None:
    """403 on the protector, the admins and the auditing settings of one server: its facts are UNKNOWN
    with the reason, the other servers are judged."""
    seed(fake)
    for path in ("/servers/sql-private/encryptionprotector", "/servers/sql-private/administrators",
                 "/servers/sql-private/auditingsettings"):
        fake.fail(403, "AuthorizationFailed", path=path)
    result = scan(fake, "sql-servers")
    assert reasons(result.findings(), NEW_RULES) == {
        ("enc-database-storage-kms", "sql-private/claims",
         "AccessDenied: Microsoft.Sql/servers/encryptionProtector/read (sql-encryption-protector)"),
        ("iam-database-directory-auth", "sql-private/claims",
         "AccessDenied: Microsoft.Sql/servers/administrators/read (sql-administrators)"),
        ("iam-database-directory-auth", "sql-private/notes",
         "AccessDenied: Microsoft.Sql/servers/administrators/read (sql-administrators)"),
        ("log-database-auditing", "sql-private",
         "AccessDenied: Microsoft.Sql/servers/auditingSettings/read (sql-auditing-settings)"),
    }
    assert ("enc-database-storage-kms", "sql-private/notes", FAIL) in {
        (f.rule_id, f.resource.name, f.status) for f in result.findings()}  # TDE off: known without the key


def test_throttled_auditing_read_is_unknown(fake: FakeAzure) -> None:
    seed(fake)
    throttle = fake.fail(429, "TooManyRequests", path="/servers/sql-public/auditingsettings", retry_after=0)
    result = scan(fake, "sql-servers")
    assert throttle.hits >= 1
    [(rule_id, name, reason)] = reasons(result.findings(), ["log-database-auditing"])
    assert (rule_id, name) == ("log-database-auditing", "sql-public")
    assert reason.startswith("Throttled") and "Microsoft.Sql/servers/auditingSettings/read" in reason
