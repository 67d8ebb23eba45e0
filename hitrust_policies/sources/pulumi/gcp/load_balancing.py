"""Cloud Load Balancing target proxies, joined with their SSL policies and URL maps, as `TlsListener`s,
as the live scanner has them (`hitrust_policies.sources.live.gcp.load_balancing`).

* ``compute/targetHttpsProxy:TargetHttpsProxy`` and ``compute/targetSSLProxy:TargetSSLProxy`` terminate
  TLS with the ``compute/sSLPolicy:SSLPolicy`` their ``sslPolicy`` names: its ``minTlsVersion`` (unset:
  TLS 1.0, the API's default); no ``sslPolicy`` at all means Google's default policy (COMPATIBLE, TLS 1.0
  up, `gcp_semantics.DEFAULT_SSL_POLICY_MIN_TLS`). A policy named but not in the program is unknown.
* ``compute/targetHttpProxy:TargetHttpProxy`` serves plaintext through each route of the
  ``compute/uRLMap:URLMap`` its ``urlMap`` names that does not redirect to HTTPS
  (`gcp_semantics.url_map_plaintext_routes`, the same reading as live).

Global proxies only, as the live scanner reads them. Forwarding rules are not joined: the listener is
the proxy (the scanner judges a proxy whether or not a forwarding rule points at it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hitrust_policies.model import TlsListener, Unknown
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.pulumi.gcp import names
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy"
SSL_PROXY = "gcp:compute/targetSSLProxy:TargetSSLProxy"
HTTP_PROXY = "gcp:compute/targetHttpProxy:TargetHttpProxy"
SSL_POLICY = "gcp:compute/sSLPolicy:SSLPolicy"
URL_MAP = "gcp:compute/uRLMap:URLMap"
PROTOCOLS = {HTTPS_PROXY: "HTTPS", SSL_PROXY: "SSL", HTTP_PROXY: "HTTP"}
COMPUTED = "(computed at preview)"
ROUTE_LISTS = ("pathMatchers", "pathRules", "routeRules")  # an entry not known yet may or may not serve


def _target(stack: Stack, proxy: PulumiResource, prop: str, types: tuple[str, ...],
            what: str) -> PulumiResource | Unknown:
    """The resource ``proxy.<prop>`` names, or why it cannot be read from the program."""
    found = names.parent(stack, proxy, prop, types)
    if found is not None:
        return found
    value = proxy.props.get(prop)
    if isinstance(value, Unknown):
        return value
    return Unknown(f"{what} {value} not in the program")


def _min_tls(stack: Stack, proxy: PulumiResource) -> str | Unknown:
    if proxy.props.get("sslPolicy") is None:
        return gcp.DEFAULT_SSL_POLICY_MIN_TLS
    policy = _target(stack, proxy, "sslPolicy", (SSL_POLICY,), "SSL policy")
    if isinstance(policy, Unknown):
        return policy
    version = policy.props.get("minTlsVersion")
    return version if isinstance(version, Unknown) else gcp.ssl_policy_min_tls(version)


def _settled(value: Any, key: str, in_redirect: bool) -> Any:
    """The URL map with computed names and backends as placeholders (a route naming a backend serves,
    whatever its id); an Unknown redirect, or route list entry, raises: the verdict depends on it."""
    if isinstance(value, Unknown):
        if in_redirect or key in ROUTE_LISTS:
            raise _Pending(value)
        return [COMPUTED] if key == "paths" else COMPUTED
    if isinstance(value, Mapping):
        return {k: _settled(v, k, in_redirect or k.endswith("UrlRedirect") or k == "urlRedirect")
                for k, v in value.items()}
    if isinstance(value, list):
        return [_settled(v, key, in_redirect) for v in value]
    return value


class _Pending(Exception):
    def __init__(self, unknown: Unknown) -> None:
        super().__init__(unknown.reason)
        self.unknown = unknown


def _plaintext_routes(stack: Stack, proxy: PulumiResource) -> tuple[str, ...] | Unknown:
    url_map = _target(stack, proxy, "urlMap", (URL_MAP,), "URL map")
    if isinstance(url_map, Unknown):
        return url_map
    given = {k: url_map.props.get(k) for k in ("defaultService", "defaultRouteAction", "defaultUrlRedirect",
                                               "pathMatchers")}
    try:
        routes = {k: _settled(v, k, k == "defaultUrlRedirect") for k, v in given.items() if v is not None}
    except _Pending as pending:
        return pending.unknown
    return gcp.url_map_plaintext_routes(routes)


@pulumi_adapter(HTTPS_PROXY, SSL_PROXY, HTTP_PROXY, produces=TlsListener, joins=True)
def target_proxy(res: PulumiResource, stack: Stack) -> Iterator[TlsListener]:
    protocol = PROTOCOLS[res.type]
    if protocol == "HTTP":
        yield TlsListener(names.ref(res), protocol, None, _plaintext_routes(stack, res))
    else:
        yield TlsListener(names.ref(res), protocol, _min_tls(stack, res), ())
