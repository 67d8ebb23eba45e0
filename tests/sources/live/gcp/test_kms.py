"""Cloud KMS CryptoKeys -> CryptoKey: rotation judged where Cloud KMS can rotate the key itself."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import PROD, scan

RULE = "enc-crypto-key-rotation"


def seed(fake: FakeGcp) -> None:
    no_primary = ga.crypto_key(PROD, "old", "no-primary", rotation_period=None)
    del no_primary["resource"]["data"]["primary"]
    fake.add(
        ga.crypto_key(PROD, "phi", "records"),  # 90 days
        ga.crypto_key(PROD, "phi", "never-rotated", rotation_period=None),
        ga.crypto_key(PROD, "phi", "hsm-yearly", protection_level="HSM", rotation_period="31536000s"),
        ga.crypto_key(PROD, "phi", "signing", purpose="ASYMMETRIC_SIGN", rotation_period=None),
        ga.crypto_key(PROD, "phi", "ekm", protection_level="EXTERNAL", rotation_period=None),
        ga.crypto_key(PROD, "phi", "imported", import_only=True, rotation_period=None),
        ga.crypto_key(PROD, "old", "destroyed", primary_state="DESTROYED", rotation_period=None),
        no_primary,
    )


def test_crypto_key_verdicts(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "kms-keys")
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == set(table("""
        enc-crypto-key-rotation  phi/records        PASS
        enc-crypto-key-rotation  phi/never-rotated  FAIL
        enc-crypto-key-rotation  phi/hsm-yearly     PASS
        enc-crypto-key-rotation  phi/signing        PASS
        enc-crypto-key-rotation  phi/ekm            PASS
        enc-crypto-key-rotation  phi/imported       PASS
        enc-crypto-key-rotation  old/destroyed      PASS
        enc-crypto-key-rotation  old/no-primary     UNKNOWN
    """))
    assert reasons(result.findings(), [RULE]) == {(RULE, "old/no-primary", "no primary version in the key asset")}
    [records] = [r for r in result.resources if r.ref.name == "phi/records"]
    assert records.ref.native_id == ("//cloudkms.googleapis.com/projects/phi-prod/locations/us-central1/"
                                     "keyRings/phi/cryptoKeys/records")
    assert (records.customer_managed, records.rotation_supported, records.enabled, records.rotation_enabled) == (
        True, True, True, True)


def test_denied_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, asset_type="cloudkms.googleapis.com/CryptoKey")
    result = scan(fake, "kms-keys", "disks")
    assert reasons(result.findings(), [RULE]) == {
        (RULE, "kms-keys in projects/phi-prod",
         "AccessDenied: cloudasset.assets.listResource (kms-keys in projects/phi-prod)")}


PUBLIC = "net-crypto-key-not-public"
DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
APP = f"serviceAccount:app@{PROD.id}.iam.gserviceaccount.com"


def seed_policies(fake: FakeGcp) -> None:
    fake.add(
        ga.crypto_key(PROD, "phi", "records"), ga.crypto_key(PROD, "phi", "shared"), ga.crypto_key(PROD, "phi", "open"),
        ga.crypto_key(PROD, "phi", "bare"),
        ga.crypto_key_policy(PROD, "phi", "records", (DECRYPTER, [APP])),
        ga.crypto_key_policy(PROD, "phi", "shared", ("roles/cloudkms.viewer", ["allAuthenticatedUsers"])),
        ga.crypto_key_policy(PROD, "phi", "open", (DECRYPTER, ["allUsers", "group:eng@example.org"])),
    )


def test_keys_open_to_the_public_fail(fake: FakeGcp) -> None:
    """allUsers and allAuthenticatedUsers on a key's own IAM policy are the public; a key without a
    policy of its own grants nobody."""
    seed_policies(fake)
    result = scan(fake, "kms-keys")
    assert result.complete
    assert verdicts(result.findings(), [PUBLIC]) == set(table(f"""
        {PUBLIC}  phi/records  PASS
        {PUBLIC}  phi/shared   FAIL
        {PUBLIC}  phi/open     FAIL
        {PUBLIC}  phi/bare     PASS
    """))
    assert {(f.resource.name, f.message) for f in result.findings() if f.rule_id == PUBLIC
            and f.status.value == "FAIL"} == {
        ("phi/shared", "the key's policy grants the public: allAuthenticatedUsers (roles/cloudkms.viewer)"),
        ("phi/open", f"the key's policy grants the public: allUsers ({DECRYPTER})")}


def test_denied_key_policies_leave_public_access_unknown(fake: FakeGcp) -> None:
    """Listing the keys' IAM policies denied: who they are open to is UNKNOWN; rotation is still judged."""
    seed_policies(fake)
    fake.fail(403, content_type="IAM_POLICY", scope="projects/phi-prod")
    result = scan(fake, "kms-keys")
    denied = "AccessDenied: cloudasset.assets.listIamPolicy (kms-keys in projects/phi-prod)"
    assert reasons(result.findings(), [PUBLIC]) == {
        (PUBLIC, f"phi/{k}", denied) for k in ("records", "shared", "open", "bare")}
    assert verdicts(result.findings(), [RULE]) == set(table("\n".join(
        f"{RULE}  phi/{k}  PASS" for k in ("records", "shared", "open", "bare"))))
    assert not result.complete


def test_export_gives_the_public_key_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed_policies(fake)
    live = scan(fake, "kms-keys").findings()
    lines = fake.export_lines()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in lines if "resource" in a])
    policies = ga.write_export(tmp_path / "iam-policy.json", [a for a in lines if "iam_policy" in a])
    offline = scan_export([resources, policies]).findings()
    assert {(f.id, f.resource.name, f.status, f.message) for f in offline if f.rule_id == PUBLIC} == {
        (f.id, f.resource.name, f.status, f.message) for f in live if f.rule_id == PUBLIC}
    assert len([f for f in offline if f.rule_id == PUBLIC]) == 4
