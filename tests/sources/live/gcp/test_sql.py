"""Cloud SQL instances -> DatabaseInstance: public only with a public IP *and* an internet-wide authorized network."""

from __future__ import annotations

from hitrust_policies.findings import Status
from hitrust_policies.model import DatabaseInstance
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import PROD, scan

RULES = ("net-database-not-public", "enc-database-storage-encrypted")


def seed(fake: FakeGcp) -> None:
    fake.add(
        ga.sql_instance(PROD, "claims-pg", networks=["0.0.0.0/0"], require_ssl=False),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0", networks=["35.187.118.0/24"]),
        ga.sql_instance(PROD, "private-pg", ipv4=False, networks=["0.0.0.0/0"]),
        ga.sql_instance(PROD, "split-world", version="SQLSERVER_2019_STANDARD", networks=["0.0.0.0/1", "128.0.0.0/1"]),
        ga.sql_instance(PROD, "no-networks"),
        ga.sql_instance(PROD, "ip-unstated", ipv4=None, networks=["0.0.0.0/0"]),
    )


def test_sql_instance_verdicts(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "sql-instances")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        net-database-not-public         claims-pg      FAIL
        net-database-not-public         billing-mysql  PASS
        net-database-not-public         private-pg     PASS
        net-database-not-public         split-world    FAIL
        net-database-not-public         no-networks    PASS
        net-database-not-public         ip-unstated    UNKNOWN
        enc-database-storage-encrypted  claims-pg      PASS
        enc-database-storage-encrypted  billing-mysql  PASS
        enc-database-storage-encrypted  private-pg     PASS
        enc-database-storage-encrypted  split-world    PASS
        enc-database-storage-encrypted  no-networks    PASS
        enc-database-storage-encrypted  ip-unstated    PASS
    """))
    assert reasons(result.findings(), RULES) == {
        ("net-database-not-public", "ip-unstated", "ipConfiguration.ipv4Enabled not in the asset")}
    engines = {r.ref.name: r.engine for r in result.resources if isinstance(r, DatabaseInstance)}
    assert engines == {"claims-pg": "postgres", "billing-mysql": "mysql", "private-pg": "postgres",
                       "split-world": "sqlserver", "no-networks": "postgres", "ip-unstated": "postgres"}
    [claims] = [r for r in result.resources if r.ref.name == "claims-pg" and isinstance(r, DatabaseInstance)]
    assert (claims.ref.native_id, claims.ref.native_type, claims.ref.region) == (
        "//cloudsql.googleapis.com/projects/phi-prod/instances/claims-pg", "sqladmin.googleapis.com/Instance",
        "us-central1")


def test_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(429, asset_type="sqladmin.googleapis.com/Instance")
    result = scan(fake, "sql-instances", "disks", max_attempts=2)
    reason = "Throttled (retries exhausted): cloudasset.assets.listResource (sql-instances in projects/phi-prod)"
    assert verdicts(result.findings(), RULES) == set(table("""
        net-database-not-public         sql-instances in projects/phi-prod  UNKNOWN
        enc-database-storage-encrypted  sql-instances in projects/phi-prod  UNKNOWN
    """))
    assert {m for _, _, m in reasons(result.findings(), RULES)} == {reason}


KEY = "projects/phi-prod/locations/us-central1/keyRings/phi/cryptoKeys/sql"


def test_customer_key_and_directory_auth(fake: FakeGcp) -> None:
    """CMEK is diskEncryptionConfiguration.kmsKeyName; directory logins the engine's IAM authentication flag
    (MySQL cloudsql_iam_authentication, PostgreSQL cloudsql.iam_authentication) or, for SQL Server, a
    Managed Microsoft AD domain."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", kms_key=KEY, flags={"cloudsql.iam_authentication": "on"}),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0", flags={"cloudsql_iam_authentication": "off"}),
        ga.sql_instance(PROD, "ehr-mssql", version="SQLSERVER_2019_STANDARD", ad_domain="ad.phi.example.com"),
        ga.sql_instance(PROD, "legacy-mssql", version="SQLSERVER_2019_STANDARD", kms_key=KEY),
    )
    result = scan(fake, "sql-instances")
    assert verdicts(result.findings(), ["enc-database-storage-kms", "iam-database-directory-auth"]) == set(table("""
        enc-database-storage-kms     claims-pg      PASS
        enc-database-storage-kms     billing-mysql  FAIL
        enc-database-storage-kms     ehr-mssql      FAIL
        enc-database-storage-kms     legacy-mssql   PASS
        iam-database-directory-auth  claims-pg      PASS
        iam-database-directory-auth  billing-mysql  FAIL
        iam-database-directory-auth  ehr-mssql      PASS
        iam-database-directory-auth  legacy-mssql   FAIL
    """))


TLS_FLOOR = "Cloud SQL has no minimum TLS version setting and Google documents no TLS floor for it"


def test_tls_endpoint(fake: FakeGcp) -> None:
    """The endpoint takes plaintext unless sslMode (else the legacy requireSsl) refuses it; sslMode wins when
    both are set, neither is Cloud SQL's default (unencrypted allowed). An instance that refuses plaintext
    has no visible TLS floor: UNKNOWN, never a guessed verdict."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", require_ssl=False),
        ga.sql_instance(PROD, "default-pg"),
        ga.sql_instance(PROD, "legacy-mysql", version="MYSQL_8_0", require_ssl=True,
                        ssl_mode="ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
        ga.sql_instance(PROD, "phi-pg", require_ssl=False, ssl_mode="ENCRYPTED_ONLY"),
        ga.sql_instance(PROD, "mtls-pg", ssl_mode="TRUSTED_CLIENT_CERTIFICATE_REQUIRED"),
        ga.sql_instance(PROD, "old-pg", require_ssl=True, ssl_mode=None),
    )
    result = scan(fake, "sql-instances")
    rule = ["enc-tls-listener-modern"]
    assert verdicts(result.findings(), rule) == set(table("""
        enc-tls-listener-modern  claims-pg     FAIL
        enc-tls-listener-modern  default-pg    FAIL
        enc-tls-listener-modern  legacy-mysql  FAIL
        enc-tls-listener-modern  phi-pg        UNKNOWN
        enc-tls-listener-modern  mtls-pg       UNKNOWN
        enc-tls-listener-modern  old-pg        UNKNOWN
    """))
    plain = "endpoint also accepts unencrypted connections: "
    assert {(f.resource.name, f.message) for f in result.findings() if f.status is Status.FAIL
            and f.rule_id == rule[0]} == {
        ("claims-pg", plain + "sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
        ("default-pg", plain + "sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)"),
        ("legacy-mysql", plain + "sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED")}
    assert reasons(result.findings(), rule) == {
        ("enc-tls-listener-modern", "phi-pg", TLS_FLOOR),
        ("enc-tls-listener-modern", "mtls-pg", TLS_FLOOR),
        ("enc-tls-listener-modern", "old-pg", TLS_FLOOR),
    }


def test_postgres_connection_logging(fake: FakeGcp) -> None:
    """PostgreSQL flags over Cloud SQL's defaults (both off when unset); other engines have no such setting and
    get no verdict; an unrecognised value is UNKNOWN with the reason, a known off still FAILs beside it."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", flags={"log_connections": "on", "log_disconnections": "on"}),
        ga.sql_instance(PROD, "default-pg"),
        ga.sql_instance(PROD, "half-pg", flags={"log_connections": "on", "log_disconnections": "off"}),
        ga.sql_instance(PROD, "odd-pg", flags={"log_connections": "ON", "log_disconnections": "sometimes"}),
        ga.sql_instance(PROD, "mixed-pg", flags={"log_connections": "off", "log_disconnections": "sometimes"}),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0"),
        ga.sql_instance(PROD, "ehr-mssql", version="SQLSERVER_2019_STANDARD"),
    )
    result = scan(fake, "sql-instances")
    rule = ["log-database-connection-logging"]
    assert verdicts(result.findings(), rule) == set(table("""
        log-database-connection-logging  claims-pg   PASS
        log-database-connection-logging  default-pg  FAIL
        log-database-connection-logging  half-pg     FAIL
        log-database-connection-logging  odd-pg      UNKNOWN
        log-database-connection-logging  mixed-pg    FAIL
    """))
    assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == rule[0]
            and f.status is not Status.PASS} == {
        ("default-pg", "PostgreSQL does not log connections or disconnections: "
                       "log_connections, log_disconnections off"),
        ("half-pg", "PostgreSQL does not log disconnections: log_disconnections off"),
        ("odd-pg", "unrecognised value 'sometimes' of database flag log_disconnections"),
        ("mixed-pg", "PostgreSQL does not log connections: log_connections off"),
    }
    [claims] = [f for f in result.findings() if f.rule_id == rule[0] and f.resource.name == "claims-pg"]
    assert (claims.resource.native_id, claims.resource.part) == (
        "//cloudsql.googleapis.com/projects/phi-prod/instances/claims-pg", "flags")


def test_denied_listing_leaves_engine_settings_unknown(fake: FakeGcp) -> None:
    fake.add(ga.sql_instance(PROD, "claims-pg"))
    fake.fail(403, asset_type="sqladmin.googleapis.com/Instance")
    result = scan(fake, "sql-instances", "disks")
    [finding] = [f for f in result.findings() if f.rule_id == "log-database-connection-logging"]
    assert (finding.resource.name, finding.status, finding.message) == (
        "sql-instances in projects/phi-prod", Status.UNKNOWN,
        "AccessDenied: cloudasset.assets.listResource (sql-instances in projects/phi-prod)")


def test_postgres_statement_logging(fake: FakeGcp) -> None:
    """log_min_duration_statement left out is PostgreSQL's -1 (no statement text logged); 0 logs every one."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", flags={"log_min_duration_statement": "-1"}),
        ga.sql_instance(PROD, "default-pg"),
        ga.sql_instance(PROD, "tuning-pg", flags={"log_min_duration_statement": "250"}),
        ga.sql_instance(PROD, "debug-pg", flags={"log_min_duration_statement": "0"}),
        ga.sql_instance(PROD, "odd-pg", flags={"log_min_duration_statement": "1s"}),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0", flags={"long_query_time": "1"}),
    )
    result = scan(fake, "sql-instances")
    rule = ["log-database-statements-not-logged"]
    assert verdicts(result.findings(), rule) == set(table("""
        log-database-statements-not-logged  claims-pg   PASS
        log-database-statements-not-logged  default-pg  PASS
        log-database-statements-not-logged  tuning-pg   FAIL
        log-database-statements-not-logged  debug-pg    FAIL
        log-database-statements-not-logged  odd-pg      UNKNOWN
    """))
    assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == rule[0]
            and f.status is not Status.PASS} == {
        ("tuning-pg", "PostgreSQL logs the text of statements running 250 ms or longer "
                      "(log_min_duration_statement=250)"),
        ("debug-pg", "PostgreSQL logs the text of every statement (log_min_duration_statement=0)"),
        ("odd-pg", "unrecognised value '1s' of database flag log_min_duration_statement"),
    }


def test_postgres_audit_extension(fake: FakeGcp) -> None:
    """cloudsql.enable_pgaudit is off unless set; MySQL's own audit flag is no PostgreSQL setting."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", flags={"cloudsql.enable_pgaudit": "on", "pgaudit.log": "read,write"}),
        ga.sql_instance(PROD, "default-pg", flags={"pgaudit.log": "all"}),
        ga.sql_instance(PROD, "off-pg", flags={"cloudsql.enable_pgaudit": "off"}),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0", flags={"cloudsql_mysql_audit": "ON"}),
    )
    result = scan(fake, "sql-instances")
    assert verdicts(result.findings(), ["log-database-audit-extension"]) == set(table("""
        log-database-audit-extension  claims-pg   PASS
        log-database-audit-extension  default-pg  FAIL
        log-database-audit-extension  off-pg      FAIL
    """))


def test_sql_server_options(fake: FakeGcp) -> None:
    """SQL Server flags over SQL Server's defaults (contained database authentication and cross db ownership
    chaining off, remote access on); PostgreSQL and MySQL instances get no SQL Server verdicts."""
    fake.add(
        ga.sql_instance(PROD, "ehr-mssql", version="SQLSERVER_2022_STANDARD", flags={"remote access": "off"}),
        ga.sql_instance(PROD, "default-mssql", version="SQLSERVER_2019_STANDARD"),
        ga.sql_instance(PROD, "legacy-mssql", version="SQLSERVER_2017_ENTERPRISE",
                        flags={"contained database authentication": "on", "cross db ownership chaining": "on",
                               "remote access": "off"}),
        ga.sql_instance(PROD, "odd-mssql", version="SQLSERVER_2019_WEB",
                        flags={"cross db ownership chaining": "1", "remote access": "off"}),
        ga.sql_instance(PROD, "claims-pg", flags={"remote access": "on"}),
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0"),
    )
    result = scan(fake, "sql-instances")
    rules = ["iam-database-contained-auth-off", "iam-database-cross-db-ownership-chaining-off",
             "net-database-remote-access-off"]
    assert verdicts(result.findings(), rules) == set(table("""
        iam-database-contained-auth-off               ehr-mssql      PASS
        iam-database-contained-auth-off               default-mssql  PASS
        iam-database-contained-auth-off               legacy-mssql   FAIL
        iam-database-contained-auth-off               odd-mssql      PASS
        iam-database-cross-db-ownership-chaining-off  ehr-mssql      PASS
        iam-database-cross-db-ownership-chaining-off  default-mssql  PASS
        iam-database-cross-db-ownership-chaining-off  legacy-mssql   FAIL
        iam-database-cross-db-ownership-chaining-off  odd-mssql      UNKNOWN
        net-database-remote-access-off                ehr-mssql      PASS
        net-database-remote-access-off                default-mssql  FAIL
        net-database-remote-access-off                legacy-mssql   PASS
        net-database-remote-access-off                odd-mssql      PASS
    """))
    assert reasons(result.findings(), rules) == {
        ("iam-database-cross-db-ownership-chaining-off", "odd-mssql",
         "unrecognised value '1' of database flag cross db ownership chaining")}


def test_mysql_variables(fake: FakeGcp) -> None:
    """MySQL flags over Cloud SQL's defaults (local_infile on, skip_show_database off)."""
    fake.add(
        ga.sql_instance(PROD, "billing-mysql", version="MYSQL_8_0",
                        flags={"local_infile": "off", "skip_show_database": "on"}),
        ga.sql_instance(PROD, "default-mysql", version="MYSQL_8_4"),
        ga.sql_instance(PROD, "legacy-mysql", version="MYSQL_5_7", flags={"local_infile": "on"}),
        ga.sql_instance(PROD, "claims-pg", flags={"local_infile": "off"}),
    )
    result = scan(fake, "sql-instances")
    assert verdicts(result.findings(), ["iam-database-local-infile-off", "iam-database-show-databases-restricted"]) == (
        set(table("""
        iam-database-local-infile-off           billing-mysql  PASS
        iam-database-local-infile-off           default-mysql  FAIL
        iam-database-local-infile-off           legacy-mysql   FAIL
        iam-database-show-databases-restricted  billing-mysql  PASS
        iam-database-show-databases-restricted  default-mysql  FAIL
        iam-database-show-databases-restricted  legacy-mysql   FAIL
    """)))


def test_postgres_error_logging(fake: FakeGcp) -> None:
    """log_min_messages / log_min_error_statement / log_error_verbosity over PostgreSQL's defaults (warning,
    error, default); values are case-insensitive, as Cloud SQL accepts them."""
    fake.add(
        ga.sql_instance(PROD, "claims-pg", flags={"log_min_messages": "DEBUG1", "log_error_verbosity": "verbose"}),
        ga.sql_instance(PROD, "default-pg"),
        ga.sql_instance(PROD, "quiet-pg", flags={"log_min_messages": "error", "log_min_error_statement": "PANIC",
                                                 "log_error_verbosity": "TERSE"}),
        ga.sql_instance(PROD, "odd-pg", flags={"log_min_error_statement": "critical"}),
    )
    result = scan(fake, "sql-instances")
    rule = ["log-database-error-logging"]
    assert verdicts(result.findings(), rule) == set(table("""
        log-database-error-logging  claims-pg   PASS
        log-database-error-logging  default-pg  PASS
        log-database-error-logging  quiet-pg    FAIL
        log-database-error-logging  odd-pg      UNKNOWN
    """))
    assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == rule[0]
            and f.status is not Status.PASS} == {
        ("quiet-pg", "warnings are not logged (log_min_messages=error); failing statements are not logged "
                     "(log_min_error_statement=panic); errors are logged without detail, hint or context "
                     "(log_error_verbosity=terse)"),
        ("odd-pg", "unrecognised value 'critical' of database flag log_min_error_statement"),
    }
