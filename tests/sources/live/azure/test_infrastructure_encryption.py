"""Storage accounts -> InfrastructureEncryption: ``encryption.requireInfrastructureEncryption`` from the
Resource Graph row; absent (an account created before the option existed) is off."""

from __future__ import annotations

from hitrust_policies.model import InfrastructureEncryption
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULES = ["enc-infrastructure-encryption-enabled"]


def seed(fake: FakeAzure) -> None:
    fake.add(rows.storage_account(SUB, "phidouble", infrastructure_encryption=True),
             rows.storage_account(SUB, "phisingle"),
             rows.storage_account(SUB, "phiold", infrastructure_encryption=None))


def test_infrastructure_encryption_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "storage-accounts")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-infrastructure-encryption-enabled  phidouble  PASS
        enc-infrastructure-encryption-enabled  phisingle  FAIL
        enc-infrastructure-encryption-enabled  phiold     FAIL
    """))
    assert {f.message for f in result.findings() if f.rule_id in RULES and f.resource.name == "phiold"} == {
        "the storage account encrypts data at rest once, without infrastructure encryption"}
    [layer] = [r for r in result.resources if isinstance(r, InfrastructureEncryption) and r.ref.name == "phidouble"]
    assert (layer.service, layer.enabled, layer.ref.native_id) == (
        "storage account", True, f"/subscriptions/{SUB}/resourceGroups/rg-phi/providers/Microsoft.Storage/"
                                 "storageAccounts/phidouble")


def test_throttled_listing_is_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"))
    fake.fail(429, "RateLimiting", path="resourcegraph", query="microsoft.storage", retry_after=0)
    result = scan(fake, "storage-accounts", "managed-disks", max_attempts=2)
    scope = f"storage-accounts in subscription {SUB}"
    assert verdicts(result.findings(), RULES) == {("enc-infrastructure-encryption-enabled", scope, "UNKNOWN")}
    assert {m for _, _, m in reasons(result.findings(), RULES)} == {
        f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read ({scope})"}
