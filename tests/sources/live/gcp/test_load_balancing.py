"""Target proxies joined with SSL policies and URL maps -> TlsListener: exact verdicts of enc-tls-listener-modern."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import TlsListener
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, families, scan

RULE = "enc-tls-listener-modern"
HTTPS_PROXY = "compute.googleapis.com/TargetHttpsProxy"


def seed(fake: FakeGcp) -> None:
    api = {"name": "api", "defaultUrlRedirect": {"httpsRedirect": True},
           "pathRules": [{"paths": ["/health"], "service": "projects/phi-prod/global/backendServices/web"}]}
    fake.add(
        ga.ssl_policy(PROD, "modern-tls12"), ga.ssl_policy(PROD, "restricted-tls13", min_tls="TLS_1_3",
                                                           profile="RESTRICTED"),
        ga.ssl_policy(PROD, "compatible", min_tls=None, profile="COMPATIBLE"),
        ga.ssl_policy(PROD, "tls11", min_tls="TLS_1_1", profile="CUSTOM"),
        ga.url_map(PROD, "web", default_service="web"),
        ga.url_map(PROD, "web-redirect", https_redirect=True),
        ga.url_map(PROD, "web-partial", https_redirect=True, path_matchers=[api]),
        ga.target_https_proxy(PROD, "portal-https", "web", policy="modern-tls12"),
        ga.target_https_proxy(PROD, "ehr-https", "web", policy="restricted-tls13"),
        ga.target_https_proxy(PROD, "legacy-https", "web"),  # no SSL policy: Google's default, TLS 1.0
        ga.target_https_proxy(PROD, "old-clients-https", "web", policy="compatible"),
        ga.target_https_proxy(PROD, "lost-policy-https", "web", policy="deleted-policy"),
        ga.target_ssl_proxy(PROD, "hl7-ssl", "hl7", policy="tls11"),
        ga.target_ssl_proxy(DEV, "dev-ssl", "dev"),
        ga.target_http_proxy(PROD, "portal-http", "web-redirect"),
        ga.target_http_proxy(PROD, "status-http", "web"),
        ga.target_http_proxy(PROD, "partial-http", "web-partial"),
        ga.target_http_proxy(PROD, "orphan-http", "not-there"),
    )


def test_proxy_verdicts(fake: FakeGcp) -> None:
    """TLS 1.2+ SSL policies pass; no policy (Google's default), a COMPATIBLE policy without a minimum and
    TLS 1.1 fail; HTTP proxies pass only when every route of their URL map redirects to HTTPS; a policy
    or URL map the inventory does not hold is UNKNOWN."""
    seed(fake)
    result = scan(fake, "load-balancer-proxies", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == set(table(f"""
        {RULE}  portal-https       PASS
        {RULE}  ehr-https          PASS
        {RULE}  legacy-https       FAIL
        {RULE}  old-clients-https  FAIL
        {RULE}  lost-policy-https  UNKNOWN
        {RULE}  hl7-ssl            FAIL
        {RULE}  dev-ssl            FAIL
        {RULE}  portal-http        PASS
        {RULE}  status-http        FAIL
        {RULE}  partial-http       FAIL
        {RULE}  orphan-http        UNKNOWN
    """))
    messages = {f.resource.name: f.message for f in result.findings() if f.status.value == "FAIL"}
    assert messages == {
        "legacy-https": "TLS policy allows TLS 1.0", "old-clients-https": "TLS policy allows TLS 1.0",
        "hl7-ssl": "TLS policy allows TLS 1.1", "dev-ssl": "TLS policy allows TLS 1.0",
        "status-http": "HTTP listener serves unencrypted requests: default forwards",
        "partial-http": "HTTP listener serves unencrypted requests: path matcher api path /health forwards"}
    assert reasons(result.findings(), [RULE]) == {
        (RULE, "lost-policy-https",
         "SSL policy projects/phi-prod/global/sslPolicies/deleted-policy not in the inventory"),
        (RULE, "orphan-http", "URL map projects/phi-prod/global/urlMaps/not-there not in the inventory")}
    [ehr] = [r for r in result.resources if r.ref.name == "ehr-https"]
    assert ehr == TlsListener(ehr.ref, "HTTPS", "1.3", ())
    assert (ehr.ref.native_type, ehr.ref.account) == (HTTPS_PROXY, PROD.id)


def test_denied_or_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, asset_type=HTTPS_PROXY, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=HTTPS_PROXY, scope=f"projects/{DEV.id}")
    result = scan(fake, "load-balancer-proxies", "disks", projects=[PROD.id, DEV.id])
    assert reasons(result.findings(), [RULE]) == {
        (RULE, f"load-balancer-proxies in projects/{p}",
         f"{why}: cloudasset.assets.listResource (load-balancer-proxies in projects/{p})")
        for p, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
    assert not result.complete


def test_export_gives_the_live_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    live = scan(fake, "load-balancer-proxies", projects=[PROD.id, DEV.id]).findings()
    path = ga.write_export(tmp_path / "resource.json", fake.export_lines())
    offline = scan_export([path], families("load-balancer-proxies")).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
