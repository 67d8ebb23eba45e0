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
    AzureCloud tag and a single office address passes. A private server's rules are not read."""
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
        ("sql-public", "ingress/tcp/1433-1433/AzureCloud", PASS),
        ("sql-public", "ingress/tcp/1433-1433/203.0.113.7/32", PASS),
    }
    [message] = [f.message for f in result.findings()
                 if f.status is FAIL and f.rule_id == "net-ingress-rule-admin-ports"]
    assert message == "1433/tcp (SQL Server) open to 0.0.0.0/0"
    assert not any(r.path.lower().endswith("/sql-private/firewallrules") for r in fake.requests)


def test_denied_firewall_rules_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/servers/sql-public/firewallrules")
    result = scan(fake, "sql-servers")
    reason = "AccessDenied: Microsoft.Sql/servers/firewallRules/read (sql-firewall-rules)"
    assert reasons(result.findings(), ["net-ingress-rule-admin-ports"]) == {
        ("net-ingress-rule-admin-ports", "sql-public", reason)}
    assert result.coverage[0].problems == (reason,)
