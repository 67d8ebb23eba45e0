"""Azure SQL -> DatabaseInstance (per database: TDE, the server's public endpoint) and TlsListener."""

from __future__ import annotations

from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

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
