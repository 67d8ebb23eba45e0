"""Managed disks -> BlockVolume: always encrypted at rest; the key is the disk encryption set's."""

from __future__ import annotations

from hitrust_policies.model import BlockVolume
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, scan

DES = f"/subscriptions/{SUB}/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-phi"


def test_disk_verdicts(fake: FakeAzure) -> None:
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB, "vm1_data", disk_encryption_set=DES))
    result = scan(fake, "managed-disks")
    assert verdicts(result.findings(), ["enc-block-volume-encrypted", "enc-block-volume-kms"]) == set(table("""
        enc-block-volume-encrypted  vm1_OsDisk  PASS
        enc-block-volume-encrypted  vm1_data    PASS
        enc-block-volume-kms        vm1_OsDisk  FAIL
        enc-block-volume-kms        vm1_data    PASS
    """))
    keys = {v.ref.name: v.kms_key for v in result.resources if isinstance(v, BlockVolume)}
    assert keys == {"vm1_OsDisk": None, "vm1_data": DES}


def test_throttled_listing_is_unknown(fake: FakeAzure) -> None:
    """429 on every query of one subscription: after the retries, its disks are UNKNOWN with the reason;
    the other subscription is read."""
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB2, "dev_OsDisk"))
    throttle = fake.fail(429, "RateLimiting", path="resourcegraph", subscription=SUB, retry_after=0)
    result = scan(fake, "managed-disks", subscriptions=[SUB, SUB2], max_attempts=3)
    assert throttle.hits == 3  # the first try and two retries
    assert verdicts(result.findings(), ["enc-block-volume-encrypted"]) == set(table(f"""
        enc-block-volume-encrypted  managed-disks in subscription {SUB}  UNKNOWN
        enc-block-volume-encrypted  dev_OsDisk                            PASS
    """))
    assert reasons(result.findings(), ["enc-block-volume-encrypted"]) == {
        ("enc-block-volume-encrypted", f"managed-disks in subscription {SUB}",
         f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read (managed-disks in subscription "
         f"{SUB})")}
