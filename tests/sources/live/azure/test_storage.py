"""Storage accounts -> ObjectStore: exact verdicts of every object-store rule, live from the fake."""

from __future__ import annotations

from hitrust_policies.model import ObjectStore
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULES = ("enc-object-store-default-encryption", "enc-object-store-kms", "enc-object-store-tls-only",
         "net-object-store-public-access-blocked", "log-object-store-access-logging")
VAULT = "https://kv-phi.vault.azure.net/"


def seed(fake: FakeAzure) -> None:
    accounts = {
        "phirecords": rows.storage_account(SUB, "phirecords"),
        "phicmk": rows.storage_account(SUB, "phicmk", key_vault_key=(VAULT, "storage-cmk")),
        "publicweb": rows.storage_account(SUB, "publicweb", https_only=False, allow_blob_public_access=True),
        "legacy": rows.storage_account(SUB, "legacy", https_only=None, allow_blob_public_access=None),
        "privateonly": rows.storage_account(SUB, "privateonly", allow_blob_public_access=True,
                                            public_network_access="Disabled", default_action="Deny"),
        "firewalled": rows.storage_account(SUB, "firewalled", allow_blob_public_access=True, default_action="Deny"),
    }
    fake.add(*accounts.values())
    all_logs = {"categoryGroup": "allLogs"}
    every_category = [{"category": c} for c in ("StorageRead", "StorageWrite", "StorageDelete")]
    fake.put(*rows.diagnostic_settings(rows.blob_service_id(accounts["phirecords"]), all_logs))
    fake.put(*rows.diagnostic_settings(rows.blob_service_id(accounts["phicmk"]), *every_category))
    fake.put(*rows.diagnostic_settings(rows.blob_service_id(accounts["publicweb"]), {"category": "StorageRead"}))
    fake.put(*rows.diagnostic_settings(rows.blob_service_id(accounts["legacy"]),
                                       {"category": "StorageRead"}, {"category": "StorageWrite"},
                                       {"category": "StorageDelete", "enabled": False}))


def test_storage_account_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "storage-accounts")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-object-store-default-encryption     phirecords   PASS
        enc-object-store-default-encryption     phicmk       PASS
        enc-object-store-default-encryption     publicweb    PASS
        enc-object-store-default-encryption     legacy       PASS
        enc-object-store-default-encryption     privateonly  PASS
        enc-object-store-default-encryption     firewalled   PASS
        enc-object-store-kms                    phirecords   FAIL
        enc-object-store-kms                    phicmk       PASS
        enc-object-store-kms                    publicweb    FAIL
        enc-object-store-kms                    legacy       FAIL
        enc-object-store-kms                    privateonly  FAIL
        enc-object-store-kms                    firewalled   FAIL
        enc-object-store-tls-only               phirecords   PASS
        enc-object-store-tls-only               phicmk       PASS
        enc-object-store-tls-only               publicweb    FAIL
        enc-object-store-tls-only               legacy       PASS
        enc-object-store-tls-only               privateonly  PASS
        enc-object-store-tls-only               firewalled   PASS
        net-object-store-public-access-blocked  phirecords   PASS
        net-object-store-public-access-blocked  phicmk       PASS
        net-object-store-public-access-blocked  publicweb    FAIL
        net-object-store-public-access-blocked  legacy       FAIL
        net-object-store-public-access-blocked  privateonly  PASS
        net-object-store-public-access-blocked  firewalled   FAIL
        log-object-store-access-logging         phirecords   PASS
        log-object-store-access-logging         phicmk       PASS
        log-object-store-access-logging         publicweb    FAIL
        log-object-store-access-logging         legacy       FAIL
        log-object-store-access-logging         privateonly  FAIL
        log-object-store-access-logging         firewalled   FAIL
    """))
    [cmk] = [r for r in result.resources if r.ref.name == "phicmk" and isinstance(r, ObjectStore)]
    assert cmk.kms_key == "https://kv-phi.vault.azure.net/keys/storage-cmk"
    assert cmk.ref.native_id == f"/subscriptions/{SUB}/resourceGroups/rg-phi/providers/Microsoft.Storage/" \
                                "storageAccounts/phicmk"
    assert (cmk.ref.provider, cmk.ref.account, cmk.ref.region, cmk.ref.source) == ("azure", SUB, "eastus", "live")


def test_denied_diagnostic_settings_are_unknown(fake: FakeAzure) -> None:
    """A 403 on one account's diagnostic settings: its logging rule is UNKNOWN naming the call; every
    other fact of it, and the other accounts, keep their exact verdicts."""
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/storageaccounts/publicweb/blobservices/default/providers/"
                                               "microsoft.insights/diagnosticsettings")
    result = scan(fake, "storage-accounts")
    findings = result.findings()
    assert reasons(findings, RULES) == {
        ("log-object-store-access-logging", "publicweb",
         "AccessDenied: Microsoft.Insights/DiagnosticSettings/Read (blob-diagnostic-settings)"),
    }
    assert set(verdicts(findings, ["enc-object-store-tls-only", "log-object-store-access-logging"])) >= set(table("""
        enc-object-store-tls-only        publicweb    FAIL
        log-object-store-access-logging  phirecords   PASS
        log-object-store-access-logging  legacy       FAIL
    """))
    # six accounts: an ObjectStore, a TlsListener, a ServiceFirewall, a LocalAuth, an InfrastructureEncryption and
    # two keys each
    [cov] = result.coverage
    assert (cov.status, cov.resources, cov.problems) == (
        "partial", 42, ("AccessDenied: Microsoft.Insights/DiagnosticSettings/Read (blob-diagnostic-settings)",))
    assert not result.complete


def test_endpoint_tls_and_firewall_verdicts(fake: FakeAzure) -> None:
    """The account's endpoint is a TlsListener (at least TLS 1.2 whatever the setting: Azure Storage refuses
    1.0 and 1.1 since 2026-02-03) and its network
    ACLs a ServiceFirewall (default Deny, or no public network access at all)."""
    fake.add(rows.storage_account(SUB, "modern", default_action="Deny", min_tls="TLS1_3"),
             rows.storage_account(SUB, "tls10", min_tls="TLS1_0", default_action="Deny"),
             rows.storage_account(SUB, "unset", min_tls=None, default_action="Deny"),
             rows.storage_account(SUB, "openfw"),
             rows.storage_account(SUB, "privateonly", public_network_access="Disabled"))
    result = scan(fake, "storage-accounts")
    assert result.complete
    assert verdicts(result.findings(), ["enc-tls-listener-modern", "net-service-firewall-default-deny"]) == set(
        table("""
        enc-tls-listener-modern            modern       PASS
        enc-tls-listener-modern            tls10        PASS
        enc-tls-listener-modern            unset        PASS
        enc-tls-listener-modern            openfw       PASS
        enc-tls-listener-modern            privateonly  PASS
        net-service-firewall-default-deny  modern       PASS
        net-service-firewall-default-deny  tls10        PASS
        net-service-firewall-default-deny  unset        PASS
        net-service-firewall-default-deny  openfw       FAIL
        net-service-firewall-default-deny  privateonly  PASS
    """))
    messages = {(f.rule_id, f.resource.name): f.message for f in result.findings() if f.status.value == "FAIL"
                and f.rule_id in ("enc-tls-listener-modern", "net-service-firewall-default-deny")}
    assert messages == {("net-service-firewall-default-deny", "openfw"):
                        "public network access is on and the firewall admits every network by default"}


KEYS = "iam-credential-rotated"


def test_access_key_age_verdicts(fake: FakeAzure) -> None:
    """key1 / key2 of each account: old keys of an account that takes shared keys FAIL; an account that
    refuses shared keys has no active key; a null ``keyCreationTime`` (older accounts) is UNKNOWN."""
    fake.add(rows.storage_account(SUB, "fresh", keys_created=(rows.days_ago(10), rows.days_ago(89))),
             rows.storage_account(SUB, "halfrotated", allow_shared_key_access=True,
                                  keys_created=(rows.days_ago(30), rows.days_ago(91))),
             rows.storage_account(SUB, "entraonly", allow_shared_key_access=False),
             rows.storage_account(SUB, "oldaccount", keys_created=(None, None)))
    result = scan(fake, "storage-accounts")
    assert result.complete
    assert verdicts(result.findings(), [KEYS]) == table(f"""
        {KEYS}  fresh/key1        PASS
        {KEYS}  fresh/key2        PASS
        {KEYS}  halfrotated/key1  PASS
        {KEYS}  halfrotated/key2  FAIL
        {KEYS}  entraonly/key1    PASS
        {KEYS}  entraonly/key2    PASS
        {KEYS}  oldaccount/key1   UNKNOWN
        {KEYS}  oldaccount/key2   UNKNOWN
    """)
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == KEYS}
    assert messages["halfrotated/key2"].startswith("active key is 91 days old (max 90)")
    assert reasons(result.findings(), [KEYS]) == {
        (KEYS, f"oldaccount/{k}", f"keyCreationTime.{k} not set: the key predates Azure recording key creation "
                                  "times") for k in ("key1", "key2")}
    [key] = [r for r in result.resources if r.ref.name == "halfrotated/key2"]
    assert (key.owner, key.ref.part, key.ref.native_id) == (
        "halfrotated", "key2", f"/subscriptions/{SUB}/resourceGroups/rg-phi/providers/Microsoft.Storage/"
                               "storageAccounts/halfrotated")


def test_denied_storage_query_leaves_key_ages_unknown(fake: FakeAzure) -> None:
    fake.add(rows.storage_account(SUB, "halfrotated"), rows.container_registry(SUB, "acrphi"))
    fake.fail(403, "AuthorizationFailed", query="microsoft.storage")
    result = scan(fake, "storage-accounts", "container-registries")
    assert verdicts(result.findings(), [KEYS]) == table(f"""
        {KEYS}  storage-accounts in subscription {SUB}  UNKNOWN
    """)
