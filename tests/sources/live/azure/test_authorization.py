"""Custom roles -> PolicyGrant, subscription Owners -> AccountOwners: exact verdicts live from the fake."""

from __future__ import annotations

from hitrust_policies.sources.azure_semantics import OWNER_ROLE
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, RecordingToken, scan

RULES = ("iam-policy-grant-no-admin", "iam-account-owners-at-most-three", "iam-account-owners-more-than-one",
         "iam-account-owners-no-guests")
GUEST = "vendor_contoso.com#EXT#@phi.onmicrosoft.com"
READER = "acdd72a7-3385-47ef-bd55-f0b6ecbb21cc"
GOD, OPS, RG_ADMIN, STORAGE = (f"00000000-0000-4000-8000-00000000c0{i}" for i in ("01", "02", "03", "04"))


def seed(fake: FakeAzure) -> None:
    fake.add(
        rows.role_definition(SUB, GOD, "god-mode", actions=["*"]),
        rows.role_definition(SUB, OPS, "ops-all-but-rbac", actions=["*"], scopes=["/"],
                             not_actions=["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]),
        rows.role_definition(SUB, RG_ADMIN, "rg-admin", actions=["*"],
                             scopes=[f"/subscriptions/{SUB}/resourceGroups/rg-app"]),
        rows.role_definition(SUB, STORAGE, "storage-ops", actions=["Microsoft.Storage/*"]),
        rows.role_definition(SUB, OWNER_ROLE, "Owner", actions=["*"], scopes=["/"], custom=False),
        rows.role_assignment(SUB, "a1", OWNER_ROLE, "11111111-0000-4000-8000-000000000001"),
        rows.role_assignment(SUB, "a2", OWNER_ROLE, "11111111-0000-4000-8000-000000000002", principal_type="Group"),
        rows.role_assignment(SUB, "a3", OWNER_ROLE, "11111111-0000-4000-8000-000000000003",
                             principal_type="ServicePrincipal"),
        rows.role_assignment(SUB, "a4", OWNER_ROLE, "11111111-0000-4000-8000-000000000004"),
        # the same principal twice, and an Owner of one resource group: neither adds a subscription owner
        rows.role_assignment(SUB, "a5", OWNER_ROLE, "11111111-0000-4000-8000-000000000004",
                             scope=f"/subscriptions/{SUB}/resourceGroups/rg-app"),
        rows.role_assignment(SUB, "a6", GOD, "11111111-0000-4000-8000-000000000005"),
        rows.role_assignment(SUB2, "b1", OWNER_ROLE, "11111111-0000-4000-8000-000000000001"),
        rows.role_assignment(SUB2, "b2", READER, "11111111-0000-4000-8000-000000000002"),
    )
    fake.put(*rows.graph_user("11111111-0000-4000-8000-000000000001", "admin@phi.onmicrosoft.com"))
    fake.put(*rows.graph_user("11111111-0000-4000-8000-000000000004", GUEST, guest=True))


def messages_of(result) -> dict[tuple[str, str], str]:  # noqa: ANN001
    return {(f.resource.name, f.rule_id): f.message for f in result.findings()}


def test_custom_roles_and_owners(fake: FakeAzure) -> None:
    seed(fake)
    token = RecordingToken()
    result = scan(fake, "role-based-access", subscriptions=(SUB, SUB2), credential=token)
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table(f"""
        iam-policy-grant-no-admin         god-mode          FAIL
        iam-policy-grant-no-admin         ops-all-but-rbac  FAIL
        iam-policy-grant-no-admin         rg-admin          PASS
        iam-policy-grant-no-admin         storage-ops       PASS
        iam-account-owners-at-most-three  {SUB}             FAIL
        iam-account-owners-at-most-three  {SUB2}            PASS
        iam-account-owners-more-than-one  {SUB}             PASS
        iam-account-owners-more-than-one  {SUB2}            FAIL
        iam-account-owners-no-guests      {SUB}             FAIL
        iam-account-owners-no-guests      {SUB2}            PASS
    """))
    assert messages_of(result)[(SUB, "iam-account-owners-no-guests")] == (
        f"guest users hold the Owner role on the subscription: {GUEST}")
    # Graph asked only for the owners that are users, each once although ...001 owns both subscriptions,
    # with Graph's own token audience
    assert sorted(r.path for r in fake.requests if r.path.startswith("/v1.0/")) == [
        "/v1.0/users/11111111-0000-4000-8000-000000000001", "/v1.0/users/11111111-0000-4000-8000-000000000004"]
    assert result.calls["Microsoft Graph User.Read.All"] == 2
    assert ("https://graph.microsoft.com/.default",) in token.scopes
    messages = {f.resource.name: f.message for f in result.findings() if f.status.name == "FAIL"}
    assert messages["ops-all-but-rbac"].startswith(
        "allows every action on every resource except Microsoft.Authorization/*/Write, "
        "Microsoft.Authorization/*/Delete")
    assert messages_of(result)[(SUB, "iam-account-owners-at-most-three")].startswith(
        "4 principals hold the Owner role on the subscription: Group:11111111-0000-4000-8000-000000000002, "
        "ServicePrincipal:")
    grants = {r.ref.name: r for r in result.resources if r.__class__.__name__ == "PolicyGrant"}
    assert {n: g.attached for n, g in grants.items()} == {"god-mode": True, "ops-all-but-rbac": False,
                                                          "rg-admin": False, "storage-ops": False}
    assert {n: g.service_wildcards for n, g in grants.items()} == {  # "*" is admin, judged as such
        "god-mode": (), "ops-all-but-rbac": (), "rg-admin": (), "storage-ops": ("Microsoft.Storage/*",)}
    assert messages_of(result)[("storage-ops", "iam-policy-grant-no-service-wildcard")] == (
        "allows every action of Microsoft.Storage/* on all resources")
    assert all(g.decrypt_all_keys is None for g in grants.values())  # Key Vault grants are per vault
    assert grants["god-mode"].ref.native_id == (
        f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{GOD}")
    # one query per subscription, of the authorization table
    queries = [r.body["query"] for r in fake.graph_queries()]
    assert queries == [queries[0]] * 2 and queries[0].startswith("authorizationresources | where type in~ (")


def test_denied_query_is_unknown(fake: FakeAzure) -> None:
    """A 403 on the authorization query of one subscription: its grants and owners are UNKNOWN naming the
    call, the other subscription keeps its verdicts."""
    seed(fake)
    fake.fail(403, "AuthorizationFailed", subscription=SUB, query="authorizationresources")
    result = scan(fake, "role-based-access", subscriptions=(SUB, SUB2))
    reason = f"AccessDenied: Microsoft.ResourceGraph/resources/read (role-based-access in subscription {SUB})"
    assert reasons(result.findings(), RULES) == {
        (rule, f"role-based-access in subscription {SUB}", reason) for rule in RULES}
    assert verdicts(result.findings(), RULES) == table(f"""
        iam-policy-grant-no-admin         role-based-access in subscription {SUB}  UNKNOWN
        iam-account-owners-at-most-three  role-based-access in subscription {SUB}  UNKNOWN
        iam-account-owners-more-than-one  role-based-access in subscription {SUB}  UNKNOWN
        iam-account-owners-no-guests      role-based-access in subscription {SUB}  UNKNOWN
        iam-account-owners-at-most-three  {SUB2}  PASS
        iam-account-owners-more-than-one  {SUB2}  FAIL
        iam-account-owners-no-guests      {SUB2}  PASS
    """)


def test_throttled_query_is_retried(fake: FakeAzure) -> None:
    """429 twice with Retry-After, then the answer: the same verdicts, no gap."""
    seed(fake)
    fault = fake.fail(429, "RateLimiting", query="authorizationresources", times=2, retry_after=0)
    result = scan(fake, "role-based-access")
    assert fault.hits == 2 and result.complete
    assert verdicts(result.findings(), ["iam-account-owners-at-most-three"]) == set(table(f"""
        iam-account-owners-at-most-three  {SUB}  FAIL
    """))


def test_export_without_assignments_leaves_owners_unknown() -> None:
    """An export that holds role definitions but no role assignments may have been filtered: the owners are
    UNKNOWN, not "nobody"; the custom role is judged from its definition alone."""
    from hitrust_policies.sources.live.azure.scan import scan_export

    result = scan_export([rows.role_definition(SUB, GOD, "god-mode", actions=["*"])])
    reason = "not in a Resource Graph export: role assignments (Microsoft.Authorization/roleAssignments/read)"
    assert verdicts(result.findings(), RULES) == table(f"""
        iam-policy-grant-no-admin         god-mode  FAIL
        iam-account-owners-at-most-three  {SUB}     UNKNOWN
        iam-account-owners-more-than-one  {SUB}     UNKNOWN
        iam-account-owners-no-guests      {SUB}     UNKNOWN
    """)
    assert {m for _, _, m in reasons(result.findings(), RULES)} == {reason}


def test_denied_directory_is_unknown(fake: FakeAzure) -> None:
    """Graph refuses the users (no User.Read.All): guest-ness is UNKNOWN naming the call; the Owner counts,
    which need no Graph, keep their verdicts."""
    seed(fake)
    denied = fake.fail(403, "Authorization_RequestDenied", path="/v1.0/users")
    result = scan(fake, "role-based-access", subscriptions=(SUB, SUB2))
    reason = "AccessDenied: Microsoft Graph User.Read.All (graph-users)"
    assert verdicts(result.findings(), RULES[1:]) == table(f"""
        iam-account-owners-at-most-three  {SUB}   FAIL
        iam-account-owners-at-most-three  {SUB2}  PASS
        iam-account-owners-more-than-one  {SUB}   PASS
        iam-account-owners-more-than-one  {SUB2}  FAIL
        iam-account-owners-no-guests      {SUB}   UNKNOWN
        iam-account-owners-no-guests      {SUB2}  UNKNOWN
    """)
    assert reasons(result.findings(), RULES) == {("iam-account-owners-no-guests", s, reason) for s in (SUB, SUB2)}
    # each subscription's coverage says what it could not see, though each user was asked about once
    assert {(c.account, c.status, c.problems) for c in result.coverage} == {
        (s, "partial", (reason,)) for s in (SUB, SUB2)}
    assert denied.hits == 2


def test_one_unread_user_does_not_hide_a_seen_guest(fake: FakeAzure) -> None:
    """Graph throttles one owner past the retries: the guest seen among the others still fails."""
    seed(fake)
    fake.fail(429, "TooManyRequests", path="/v1.0/users/11111111-0000-4000-8000-000000000001", retry_after=0)
    result = scan(fake, "role-based-access")
    assert verdicts(result.findings(), ["iam-account-owners-no-guests"]) == table(f"""
        iam-account-owners-no-guests  {SUB}  FAIL
    """)
