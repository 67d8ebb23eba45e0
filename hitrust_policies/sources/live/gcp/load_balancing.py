"""Where Cloud Load Balancing target proxies, joined with their SSL policies and URL maps, become
`TlsListener`s.

A target HTTPS or SSL proxy terminates TLS with its SSL policy's ``minTlsVersion`` (Google's default
policy, TLS 1.0 up, when it names none); a target HTTP proxy serves plaintext through every route of
its URL map that does not redirect to HTTPS. Global proxies only: regional proxies are not read yet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import TlsListener, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import Ctx, data, family

HTTPS_PROXY = "compute.googleapis.com/TargetHttpsProxy"
SSL_PROXY = "compute.googleapis.com/TargetSslProxy"
HTTP_PROXY = "compute.googleapis.com/TargetHttpProxy"
SSL_POLICY = "compute.googleapis.com/SslPolicy"
URL_MAP = "compute.googleapis.com/UrlMap"
PROTOCOLS = {HTTPS_PROXY: "HTTPS", SSL_PROXY: "SSL", HTTP_PROXY: "HTTP"}


@family("load-balancer-proxies", asset_types=(HTTPS_PROXY, SSL_PROXY, HTTP_PROXY, SSL_POLICY, URL_MAP),
        kinds=(TlsListener,), joins=True)
def load_balancer_proxies(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[TlsListener]:
    """One TlsListener per target proxy (CIS Google Cloud Platform Foundation 3.9)."""
    by_key = {gcp.compute_key(str(data(a).get("selfLink") or a["name"])): a for a in assets
              if a.get("asset_type") in (SSL_POLICY, URL_MAP)}
    for asset in assets:
        protocol = PROTOCOLS.get(str(asset.get("asset_type")))
        if protocol is None:
            continue
        proxy = data(asset)
        if protocol == "HTTP":
            yield TlsListener(ctx.ref(asset), protocol, None, _plaintext_routes(proxy.get("urlMap"), by_key))
        else:
            yield TlsListener(ctx.ref(asset), protocol, _min_tls(proxy.get("sslPolicy"), by_key), ())


def _min_tls(policy_url: str | None, by_key: Mapping[str, dict[str, Any]]) -> str | Unknown:
    if not policy_url:
        return gcp.DEFAULT_SSL_POLICY_MIN_TLS
    policy = by_key.get(gcp.compute_key(policy_url))
    if policy is None:
        return Unknown(f"SSL policy {gcp.compute_key(policy_url)} not in the inventory")
    return gcp.ssl_policy_min_tls(data(policy).get("minTlsVersion"))


def _plaintext_routes(url_map: str | None, by_key: Mapping[str, dict[str, Any]]) -> tuple[str, ...] | Unknown:
    found = by_key.get(gcp.compute_key(str(url_map or "")))
    if found is None:
        return Unknown(f"URL map {gcp.compute_key(str(url_map or ''))} not in the inventory")
    return gcp.url_map_plaintext_routes(data(found))
