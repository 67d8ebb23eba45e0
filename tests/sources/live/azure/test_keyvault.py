"""Key vaults -> SecretStore + ServiceFirewall, their keys -> CryptoKey: exact verdicts live from the fake."""

from __future__ import annotations

from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULES = ("enc-secret-store-recoverable", "iam-secret-store-role-based-access", "net-service-firewall-default-deny",
         "enc-crypto-key-rotation")


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
    [key] = [r for r in result.resources if r.ref.name == "kv-phi/notify-only"]
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
