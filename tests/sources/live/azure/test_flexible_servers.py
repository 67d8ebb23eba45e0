"""PostgreSQL / MySQL flexible servers -> DatabaseInstance, TlsListener (server parameters) and the
firewall rules' IngressRules (5432 / 3306), through the real clients against the fake tenant."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model import DatabaseInstance, TlsListener
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import FAIL, PASS, SUB, openings, scan

FAMILY = "flexible-database-servers"
RULES = ("enc-database-storage-encrypted", "enc-database-storage-kms", "net-database-not-public",
         "enc-tls-listener-modern", "iam-database-directory-auth")


def servers() -> dict[str, dict[str, Any]]:
    return {
        "pg-phi": rows.flexible_server(SUB, "pg-phi", customer_key=True),
        "pg-web": rows.flexible_server(SUB, "pg-web", public_network_access="Enabled", entra_auth=False),
        "pg-old": rows.flexible_server(SUB, "pg-old", public_network_access=None, entra_auth=None),
        "my-phi": rows.flexible_server(SUB, "my-phi", "mysql"),
        "my-web": rows.flexible_server(SUB, "my-web", "mysql", public_network_access="Enabled"),
    }


def seed(fake: FakeAzure) -> dict[str, dict[str, Any]]:
    s = servers()
    fake.add(*s.values())
    for name, secure, tls in (("pg-phi", "on", "TLSv1.2"), ("pg-web", "off", "TLSv1.2"), ("pg-old", "on", "TLSv1")):
        fake.put(*rows.server_configuration(s[name], "require_secure_transport", secure))
        fake.put(*rows.server_configuration(s[name], "ssl_min_protocol_version", tls))
    for name, secure, tls in (("my-phi", "ON", "TLSv1.2,TLSv1.3"), ("my-web", "ON", "TLSv1,TLSv1.1,TLSv1.2")):
        fake.put(*rows.server_configuration(s[name], "require_secure_transport", secure))
        fake.put(*rows.server_configuration(s[name], "tls_version", tls))
    fake.put(*rows.sql_administrators(s["my-phi"], "phi-dba-group"))
    fake.put(*rows.sql_administrators(s["my-web"]))
    fake.put(*rows.flexible_firewall_rules(s["pg-web"], ("office", "203.0.113.7", "203.0.113.7"),
                                           ("AllowAllAzureServicesAndResourcesWithinAzureIps", "0.0.0.0", "0.0.0.0")))
    fake.put(*rows.flexible_firewall_rules(s["pg-old"]))
    fake.put(*rows.flexible_firewall_rules(s["my-web"], ("AllowAll", "0.0.0.0", "255.255.255.255")))
    return s


def test_flexible_server_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, FAMILY)
    assert result.complete, result.coverage
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-database-storage-encrypted  pg-phi  PASS
        enc-database-storage-encrypted  pg-web  PASS
        enc-database-storage-encrypted  pg-old  PASS
        enc-database-storage-encrypted  my-phi  PASS
        enc-database-storage-encrypted  my-web  PASS
        enc-database-storage-kms        pg-phi  PASS
        enc-database-storage-kms        pg-web  FAIL
        enc-database-storage-kms        pg-old  FAIL
        enc-database-storage-kms        my-phi  FAIL
        enc-database-storage-kms        my-web  FAIL
        net-database-not-public         pg-phi  PASS
        net-database-not-public         pg-web  FAIL
        net-database-not-public         pg-old  FAIL
        net-database-not-public         my-phi  PASS
        net-database-not-public         my-web  FAIL
        enc-tls-listener-modern         pg-phi  PASS
        enc-tls-listener-modern         pg-web  FAIL
        enc-tls-listener-modern         pg-old  FAIL
        enc-tls-listener-modern         my-phi  PASS
        enc-tls-listener-modern         my-web  FAIL
        iam-database-directory-auth     pg-phi  PASS
        iam-database-directory-auth     pg-web  FAIL
        iam-database-directory-auth     pg-old  FAIL
        iam-database-directory-auth     my-phi  PASS
        iam-database-directory-auth     my-web  FAIL
    """))
    tls = {f.resource.name: f.message for f in result.findings()
           if f.rule_id == "enc-tls-listener-modern" and f.status is FAIL}
    assert tls == {"pg-web": "endpoint also accepts unencrypted connections: require_secure_transport is off",
                   "pg-old": "TLS policy allows TLS 1.0", "my-web": "TLS policy allows TLS 1.0"}
    engines = {r.ref.name: r.engine for r in result.resources if isinstance(r, DatabaseInstance)}
    assert engines == {"pg-phi": "postgres", "pg-web": "postgres", "pg-old": "postgres", "my-phi": "mysql",
                       "my-web": "mysql"}
    assert {r.ref.name for r in result.resources if isinstance(r, TlsListener)} == set(engines)


def test_firewall_rules_open_the_engine_port(fake: FakeAzure) -> None:
    """Public servers' firewall rules become openings of 5432 / 3306: all addresses and "Allow Azure
    services" (AzureCloud, any Azure customer) fail, one office address passes; private servers' rules
    are not read."""
    seed(fake)
    result = scan(fake, FAMILY)
    assert openings(result.findings(), "net-ingress-rule-admin-ports") == {
        ("pg-web", "ingress/tcp/5432-5432/203.0.113.7/32", PASS),
        ("pg-web", "ingress/tcp/5432-5432/AzureCloud", FAIL),
        ("my-web", "ingress/tcp/3306-3306/0.0.0.0/0", FAIL),
    }
    assert {f.message for f in result.findings() if f.rule_id == "net-ingress-rule-admin-ports"
            and f.status is FAIL} == {"5432/tcp (PostgreSQL) open to AzureCloud", "3306/tcp (MySQL) open to 0.0.0.0/0"}
    assert not any("/pg-phi/firewallrules" in r.path.lower() or "/my-phi/firewallrules" in r.path.lower()
                   for r in fake.requests)


def test_denied_parameters_and_admins_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/flexibleservers/pg-web/configurations/require_secure_transport")
    fake.fail(403, "AuthorizationFailed", path="/flexibleservers/my-phi/administrators")
    fake.fail(403, "AuthorizationFailed", path="/flexibleservers/my-web/firewallrules")
    result = scan(fake, FAMILY)
    assert reasons(result.findings(), (*RULES, "net-ingress-rule-admin-ports")) == {
        ("enc-tls-listener-modern", "pg-web", "AccessDenied: Microsoft.DBforPostgreSQL/flexibleServers/configurations"
         "/read (postgres-require-secure-transport)"),
        ("iam-database-directory-auth", "my-phi",
         "AccessDenied: Microsoft.DBforMySQL/flexibleServers/administrators/read (mysql-administrators)"),
        ("net-ingress-rule-admin-ports", "my-web",
         "AccessDenied: Microsoft.DBforMySQL/flexibleServers/firewallRules/read (mysql-firewall-rules)"),
    }


def test_throttled_tls_parameter_is_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(429, "TooManyRequests", path="/flexibleservers/my-phi/configurations/tls_version", retry_after=0)
    result = scan(fake, FAMILY)
    [(rule_id, name, reason)] = reasons(result.findings(), RULES)
    assert (rule_id, name) == ("enc-tls-listener-modern", "my-phi")
    assert reason.startswith("Throttled") and "(mysql-tls-version)" in reason
