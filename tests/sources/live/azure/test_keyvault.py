"""Key vaults -> SecretStore + ServiceFirewall, their keys -> CryptoKey: exact verdicts live from the fake."""

from __future__ import annotations

from hitrust_policies.model import CryptoKey
from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULES = ("enc-secret-store-recoverable", "iam-secret-store-role-based-access", "net-service-firewall-default-deny",
         "enc-crypto-key-rotation")
KV_RULES = ("log-secret-store-audit-logging", "iam-vault-object-expires")


def seed(fake: FakeAzure) -> dict[str, dict]:
    vaults = {
        "kv-phi": rows.key_vault(SUB, "kv-phi"),
        "kv-legacy": rows.key_vault(SUB, "kv-legacy", soft_delete=None, purge_protection=None, rbac=None,
                                    public_network_access=None, default_action=None),
        "kv-nopurge": rows.key_vault(SUB, "kv-nopurge", purge_protection=False, rbac=False, default_action="Allow"),
        "kv-private": rows.key_vault(SUB, "kv-private", public_network_access="Disabled", default_action="Allow"),
    }
    fake.add(*vaults.values())
    phi = vaults["kv-phi"]
    fake.put(*rows.vault_keys(phi, rows.vault_key(phi, "cmk"), rows.vault_key(phi, "signing", kty="EC-HSM"),
                              next_page="2"))
    path, page2 = rows.vault_keys(phi, rows.vault_key(phi, "notify-only", kty="RSA-HSM", rotate=False),
                                  rows.vault_key(phi, "no-policy", rotate=None),
                                  rows.vault_key(phi, "retired", rotate=None, enabled=False))
    fake.put(f"{path}?$skiptoken=2", page2)
    legacy = vaults["kv-legacy"]
    fake.put(*rows.vault_keys(legacy, rows.vault_key(legacy, "old", rotate=False)))
    return vaults


def seed_expiry_and_logging(fake: FakeAzure, vaults: dict[str, dict]) -> None:
    """kv-phi: keys with and without an expiry date, secrets too, AuditEvent to a workspace; kv-legacy: only
    metrics and the policy log exported; kv-nopurge: the audit group; kv-private: no diagnostic setting."""
    phi, legacy = vaults["kv-phi"], vaults["kv-legacy"]
    fake.put(*rows.vault_keys(phi, rows.vault_key(phi, "cmk"), rows.vault_key(phi, "forever", expires=None)))
    fake.put(*rows.vault_secrets(phi, rows.vault_secret(phi, "db-password"),
                                 rows.vault_secret(phi, "api-token", expires=None),
                                 rows.vault_secret(phi, "old-token", enabled=False, expires=None)))
    fake.put(*rows.vault_secrets(legacy, rows.vault_secret(legacy, "conn")))
    fake.put(*rows.diagnostic_settings(phi["id"], {"category": "AuditEvent"}))
    fake.put(*rows.diagnostic_settings(legacy["id"], {"category": "AzurePolicyEvaluationDetails"}))
    fake.put(*rows.diagnostic_settings(vaults["kv-nopurge"]["id"], {"categoryGroup": "audit"}))


def test_key_vault_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "key-vaults")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-secret-store-recoverable        kv-phi                 PASS
        enc-secret-store-recoverable        kv-legacy              FAIL
        enc-secret-store-recoverable        kv-nopurge             FAIL
        enc-secret-store-recoverable        kv-private             PASS
        iam-secret-store-role-based-access  kv-phi                 PASS
        iam-secret-store-role-based-access  kv-legacy              FAIL
        iam-secret-store-role-based-access  kv-nopurge             FAIL
        iam-secret-store-role-based-access  kv-private             PASS
        net-service-firewall-default-deny   kv-phi                 PASS
        net-service-firewall-default-deny   kv-legacy              FAIL
        net-service-firewall-default-deny   kv-nopurge             FAIL
        net-service-firewall-default-deny   kv-private             PASS
        enc-crypto-key-rotation             kv-phi/cmk             PASS
        enc-crypto-key-rotation             kv-phi/signing         PASS
        enc-crypto-key-rotation             kv-phi/notify-only     FAIL
        enc-crypto-key-rotation             kv-phi/no-policy       UNKNOWN
        enc-crypto-key-rotation             kv-phi/retired         PASS
        enc-crypto-key-rotation             kv-legacy/old          FAIL
    """))
    # the ARM listing leaves out policies set through the data plane: no policy shown is not "no rotation"
    assert reasons(result.findings(), ["enc-crypto-key-rotation"]) == {
        ("enc-crypto-key-rotation", "kv-phi/no-policy", az.ROTATION_POLICY_UNSEEN)}
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == "enc-secret-store-recoverable"}
    assert messages["kv-legacy"].startswith("soft delete and purge protection off")
    assert messages["kv-nopurge"].startswith("purge protection off")
    [key] = [r for r in result.resources if r.ref.name == "kv-phi/notify-only" and isinstance(r, CryptoKey)]
    assert key.ref.native_id.endswith("/providers/Microsoft.KeyVault/vaults/kv-phi/keys/notify-only")
    assert (key.ref.account, key.ref.region, key.rotation_supported) == (SUB, "eastus", True)
    # both pages of kv-phi's keys were read, through the declared permission only
    assert [r.query for r in fake.requests if r.path.endswith("/kv-phi/keys")] == [
        "api-version=2023-07-01", "api-version=2023-07-01&$skiptoken=2"]


def test_denied_key_listing_is_unknown(fake: FakeAzure) -> None:
    """A 403 on one vault's keys: one UNKNOWN naming the call stands for its keys; the vault's own facts
    and the other vault's keys keep their verdicts, and the coverage says partial."""
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/vaults/kv-phi/keys")
    result = scan(fake, "key-vaults")
    reason = "AccessDenied: Microsoft.KeyVault/vaults/keys/read (vault-keys)"
    assert reasons(result.findings(), RULES) == {("enc-crypto-key-rotation", "kv-phi", reason)}
    assert verdicts(result.findings(), ["enc-crypto-key-rotation", "enc-secret-store-recoverable"]) == set(table("""
        enc-crypto-key-rotation       kv-phi         UNKNOWN
        enc-crypto-key-rotation       kv-legacy/old  FAIL
        enc-secret-store-recoverable  kv-phi         PASS
        enc-secret-store-recoverable  kv-legacy      FAIL
        enc-secret-store-recoverable  kv-nopurge     FAIL
        enc-secret-store-recoverable  kv-private     PASS
    """))
    [cov] = result.coverage
    assert (cov.status, cov.problems) == ("partial", (reason,))


def test_failed_second_page_is_unknown_not_a_partial_list(fake: FakeAzure) -> None:
    """The first page of kv-phi's keys is read, the second fails (gone): its keys are UNKNOWN, not
    judged on half a listing."""
    seed(fake)
    del fake.documents[f"{rows.key_vault(SUB, 'kv-phi')['id'].lower()}/keys?$skiptoken=2"]
    result = scan(fake, "key-vaults")
    assert reasons(result.findings(), ["enc-crypto-key-rotation"]) == {
        ("enc-crypto-key-rotation", "kv-phi", "ResourceNotFound: Microsoft.KeyVault/vaults/keys/read (vault-keys)")}
    assert not any(f.resource.name.startswith("kv-phi/") for f in result.findings())


def test_key_and_secret_expiry_and_audit_logging(fake: FakeAzure) -> None:
    vaults = seed(fake)
    seed_expiry_and_logging(fake, vaults)
    result = scan(fake, "key-vaults")
    assert result.complete
    assert verdicts(result.findings(), KV_RULES) == table("""
        log-secret-store-audit-logging  kv-phi               PASS
        log-secret-store-audit-logging  kv-legacy            FAIL
        log-secret-store-audit-logging  kv-nopurge           PASS
        log-secret-store-audit-logging  kv-private           FAIL
        iam-vault-object-expires        kv-phi/cmk           PASS
        iam-vault-object-expires        kv-phi/forever       FAIL
        iam-vault-object-expires        kv-phi/db-password   PASS
        iam-vault-object-expires        kv-phi/api-token     FAIL
        iam-vault-object-expires        kv-phi/old-token     FAIL
        iam-vault-object-expires        kv-legacy/old        PASS
        iam-vault-object-expires        kv-legacy/conn       PASS
    """)
    messages = {f.resource.name: f.message for f in result.findings() if f.status.name == "FAIL"}
    assert messages["kv-phi/forever"].startswith("the key has no expiration date")
    assert messages["kv-phi/api-token"].startswith("the secret has no expiration date")
    # secrets and settings read through their declared permissions, never a secret's value
    assert {r.path.rsplit("/", 1)[-1] for r in fake.requests if r.method == "GET"} >= {"secrets", "diagnosticSettings"}
    assert all(not r.path.lower().endswith("/value") for r in fake.requests)


def test_denied_secrets_and_settings_are_unknown(fake: FakeAzure) -> None:
    """403 on kv-phi's secrets, throttling past the retries on every vault's diagnostic settings: UNKNOWN
    naming each call; keys keep their verdicts."""
    vaults = seed(fake)
    seed_expiry_and_logging(fake, vaults)
    fake.fail(403, "AuthorizationFailed", path="/vaults/kv-phi/secrets")
    fake.fail(429, "TooManyRequests", path="/diagnosticsettings", retry_after=0)
    result = scan(fake, "key-vaults")
    secrets = "AccessDenied: Microsoft.KeyVault/vaults/secrets/read (vault-secrets)"
    assert verdicts(result.findings(), ["iam-vault-object-expires"]) == table("""
        iam-vault-object-expires  kv-phi          UNKNOWN
        iam-vault-object-expires  kv-phi/cmk      PASS
        iam-vault-object-expires  kv-phi/forever  FAIL
        iam-vault-object-expires  kv-legacy/old   PASS
        iam-vault-object-expires  kv-legacy/conn  PASS
    """)
    unknown = reasons(result.findings(), KV_RULES)
    assert ("iam-vault-object-expires", "kv-phi", secrets) in unknown
    logging = {(name, message) for rule, name, message in unknown if rule == "log-secret-store-audit-logging"}
    assert {name for name, _ in logging} == set(vaults)
    assert {m for _, m in logging} == {
        "Throttled (retries exhausted): Microsoft.Insights/DiagnosticSettings/Read (vault-diagnostic-settings)"}
