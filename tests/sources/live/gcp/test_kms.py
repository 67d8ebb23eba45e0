"""Cloud KMS CryptoKeys -> CryptoKey: rotation judged where Cloud KMS can rotate the key itself."""

from __future__ import annotations

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
