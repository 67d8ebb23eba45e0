"""Storage shared keys, registry admin users, Cosmos DB keys -> LocalAuth: exact verdicts live from the fake."""

from __future__ import annotations

from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULE = "iam-local-auth-disabled"


def seed(fake: FakeAzure) -> None:
    entra_only = rows.storage_account(SUB, "phientra")
    entra_only["properties"]["allowSharedKeyAccess"] = False
    keyed = rows.storage_account(SUB, "phikeys")
    keyed["properties"]["allowSharedKeyAccess"] = True
    fake.add(entra_only, keyed, rows.storage_account(SUB, "phiold"),  # left out: keys allowed
             rows.container_registry(SUB, "acrphi"), rows.container_registry(SUB, "acrlegacy", admin_user=True),
             rows.container_registry(SUB, "acrdefault", admin_user=None),
             rows.cosmos_account(SUB, "cosmos-phi"), rows.cosmos_account(SUB, "cosmos-keys", disable_local_auth=None),
             rows.cosmos_account(SUB, "cosmos-mongo", disable_local_auth=None, api="EnableMongo"))


def test_local_auth_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "storage-accounts", "container-registries", "cosmos-db-accounts")
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == table(f"""
        {RULE}  phientra     PASS
        {RULE}  phikeys      FAIL
        {RULE}  phiold       FAIL
        {RULE}  acrphi       PASS
        {RULE}  acrlegacy    FAIL
        {RULE}  acrdefault   PASS
        {RULE}  cosmos-phi   PASS
        {RULE}  cosmos-keys  FAIL
    """)  # cosmos-mongo: its keys cannot be turned off, nothing to judge
    messages = {f.resource.name: f.message for f in result.findings() if f.rule_id == RULE}
    assert messages["phikeys"].startswith("accepts its shared key beside Microsoft Entra ID identities")
    assert messages["acrlegacy"].startswith("accepts its admin user")
    assert messages["cosmos-keys"].startswith("accepts its account keys")


def test_denied_and_throttled_queries_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", query="microsoft.containerregistry")
    fake.fail(429, "RateLimiting", query="microsoft.documentdb", retry_after=0)
    result = scan(fake, "storage-accounts", "container-registries", "cosmos-db-accounts")
    assert verdicts(result.findings(), [RULE]) == table(f"""
        {RULE}  phientra                                     PASS
        {RULE}  phikeys                                      FAIL
        {RULE}  phiold                                       FAIL
        {RULE}  container-registries in subscription {SUB}  UNKNOWN
        {RULE}  cosmos-db-accounts in subscription {SUB}    UNKNOWN
    """)
    assert reasons(result.findings(), [RULE]) == {
        (RULE, f"container-registries in subscription {SUB}",
         f"AccessDenied: Microsoft.ResourceGraph/resources/read (container-registries in subscription {SUB})"),
        (RULE, f"cosmos-db-accounts in subscription {SUB}",
         "Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read "
         f"(cosmos-db-accounts in subscription {SUB})")}
