"""App Service apps -> TlsListener (HTTP, HTTPS) and WebApp: httpsOnly and the managed identity from
Resource Graph, the rest from each app's config/web ARM read; a failed read makes only its facts UNKNOWN."""

from __future__ import annotations

from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, scan

RULES = ["enc-tls-listener-modern", "enc-web-app-ftps-only", "net-web-app-remote-debugging-off"]


def seed(fake: FakeAzure) -> dict[str, dict]:
    apps = {"portal": rows.web_app(SUB, "portal"), "legacy": rows.web_app(SUB, "legacy", https_only=None),
            "api": rows.web_app(SUB, "api", kind="functionapp,linux"), "hidden": rows.web_app(SUB, "hidden")}
    fake.add(*apps.values())
    for path, doc in (rows.site_config(apps["portal"]),
                      rows.site_config(apps["legacy"], min_tls="1.0", ftps_state="AllAllowed", remote_debugging=True),
                      rows.site_config(apps["api"], min_tls="1.3", ftps_state="Disabled"),
                      rows.site_config(apps["hidden"])):
        fake.put(path, doc)
    return apps


def findings_by_part(result) -> set[tuple[str, str, str, str]]:
    return {(f.rule_id, f.resource.name, f.resource.part or "", f.status.value) for f in result.findings()
            if f.rule_id in RULES}


def test_web_app_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="/sites/hidden/config/web")
    result = scan(fake, "web-apps")
    assert findings_by_part(result) == {
        ("enc-tls-listener-modern", "portal", "http", "PASS"), ("enc-tls-listener-modern", "portal", "https", "PASS"),
        ("enc-tls-listener-modern", "legacy", "http", "FAIL"), ("enc-tls-listener-modern", "legacy", "https", "FAIL"),
        ("enc-tls-listener-modern", "api", "http", "PASS"), ("enc-tls-listener-modern", "api", "https", "PASS"),
        ("enc-tls-listener-modern", "hidden", "http", "PASS"),  # httpsOnly is in the listing
        ("enc-tls-listener-modern", "hidden", "https", "UNKNOWN"),
        ("enc-web-app-ftps-only", "portal", "", "PASS"), ("enc-web-app-ftps-only", "legacy", "", "FAIL"),
        ("enc-web-app-ftps-only", "api", "", "PASS"), ("enc-web-app-ftps-only", "hidden", "", "UNKNOWN"),
        ("net-web-app-remote-debugging-off", "portal", "", "PASS"),
        ("net-web-app-remote-debugging-off", "legacy", "", "FAIL"),
        ("net-web-app-remote-debugging-off", "api", "", "PASS"),
        ("net-web-app-remote-debugging-off", "hidden", "", "UNKNOWN"),
    }
    messages = {(f.rule_id, f.resource.part): f.message for f in result.findings() if f.resource.name == "legacy"}
    assert messages[("enc-tls-listener-modern", "http")] == (
        "HTTP listener serves unencrypted requests: httpsOnly off: requests over HTTP are served")
    assert messages[("enc-tls-listener-modern", "https")] == "TLS policy allows TLS 1.0"
    denied = ("AccessDenied: Microsoft.Web/sites/config/read (site-config)")
    assert {m for _, name, m in reasons(result.findings(), RULES) if name == "hidden"} == {denied}
    assert [(c.collector, c.status, c.problems) for c in result.coverage] == [("web-apps", "partial", (denied,))]


def test_throttled_listing_is_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"))
    fake.fail(429, "RateLimiting", path="resourcegraph", query="microsoft.web", retry_after=0)
    result = scan(fake, "web-apps", "managed-disks", max_attempts=2)
    scope = f"web-apps in subscription {SUB}"
    assert verdicts(result.findings(), RULES) == set(table(f"""
        enc-tls-listener-modern           {scope}  UNKNOWN
        enc-web-app-ftps-only             {scope}  UNKNOWN
        net-web-app-remote-debugging-off  {scope}  UNKNOWN
    """))
    assert {m for _, _, m in reasons(result.findings(), RULES)} == {
        f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read ({scope})"}


def test_managed_identity_from_the_listing(fake: FakeAzure) -> None:
    """System-assigned, user-assigned or both pass; none (or ``"None"``) fails; a denied config/web read
    does not hide the identity, which is in the Resource Graph row."""
    fake.add(rows.web_app(SUB, "sysid", identity="SystemAssigned"),
             rows.web_app(SUB, "userid", identity="UserAssigned", kind="functionapp,linux"),
             rows.web_app(SUB, "bothid", identity="SystemAssigned, UserAssigned"),
             rows.web_app(SUB, "noid"), rows.web_app(SUB, "noneid", identity="None"))
    fake.fail(403, "AuthorizationFailed", path="/config/web")
    result = scan(fake, "web-apps")
    assert verdicts(result.findings(), ["iam-web-app-managed-identity"]) == set(table("""
        iam-web-app-managed-identity  sysid   PASS
        iam-web-app-managed-identity  userid  PASS
        iam-web-app-managed-identity  bothid  PASS
        iam-web-app-managed-identity  noid    FAIL
        iam-web-app-managed-identity  noneid  FAIL
    """))
    assert {s for _, _, s in verdicts(result.findings(), ["enc-web-app-ftps-only"])} == {"UNKNOWN"}  # config denied
    assert {f.message for f in result.findings() if f.rule_id == "iam-web-app-managed-identity"
            and f.status.value == "FAIL"} == {
        "has no managed identity: other services can only be reached with stored secrets"}


def test_throttled_listing_leaves_the_identity_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"))
    fake.fail(429, "RateLimiting", path="resourcegraph", query="microsoft.web", retry_after=0)
    result = scan(fake, "web-apps", "managed-disks", max_attempts=2)
    scope = f"web-apps in subscription {SUB}"
    assert verdicts(result.findings(), ["iam-web-app-managed-identity"]) == {
        ("iam-web-app-managed-identity", scope, "UNKNOWN")}
