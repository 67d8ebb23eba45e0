"""A local fake Azure speaking ARM and Resource Graph wire JSON, for the real azure-mgmt clients.

No emulator of Resource Graph exists; this one serves exactly what the scanner needs, the way
Azure answers it:

- ``GET /subscriptions`` (``nextLink`` paging) and ``GET /subscriptions/{id}``;
- ``POST /providers/Microsoft.ResourceGraph/resources`` (2021-03-01): rows filtered by the
  lower-cased ``type`` the query names (``type =~ '...'`` / ``type in~ (...)``) and by the body's
  ``subscriptions``, ordered by id, paged with ``$skipToken`` in ``options`` (``$top`` honoured,
  1000 rows at most a page), ``resultTruncated`` when told to truncate;
- any other ``GET`` of an ARM path registered with `FakeAzure.put` (diagnostic settings, TDE...),
  a later page of a listing registered as ``path?$skiptoken=N`` (its ``nextLink`` target); a
  listing nobody registered (diagnostic settings, a vault's keys or secrets) is the empty list Azure returns.

Microsoft Graph ``GET /v1.0/users/{id}`` (no api-version) answers documents registered with `put`, else
404 ``Request_ResourceNotFound``: a scan pointed at a loopback ARM endpoint reads Graph there too.

Faults are injected per path / subscription (`FakeAzure.fail`): 403 AuthorizationFailed, 429 with
Retry-After, 500... Every request is recorded (method, path, subscriptions) so tests can prove
what was and was not sent. It binds 127.0.0.1 only and requires a Bearer token on every call.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from hitrust_policies.testing.loopback import LoopbackServer

GRAPH_PATH = "/providers/microsoft.resourcegraph/resources"
GRAPH_API = "/v1.0/"  # Microsoft Graph, served on the same loopback port (the scanner's Graph endpoint there)
PAGE_LIMIT = 1000  # Resource Graph's cap on rows per page
_TYPE_EQ = re.compile(r"type\s*(?:=~|==)\s*'([^']+)'", re.I)
SUBSCRIPTION_TYPE = "microsoft.resources/subscriptions"
_TYPE_IN = re.compile(r"type\s+in~\s*\(([^)]*)\)", re.I)
_SUB_IN_PATH = re.compile(r"^/subscriptions/([^/]+)", re.I)


@dataclass
class Fault:
    """An error the fake answers instead of the real response, ``times`` times (None: always)."""

    status: int
    code: str
    path: str | None = None  # substring of the lower-cased request path
    subscription: str | None = None  # the request concerns this subscription
    method: str | None = None
    query: str | None = None  # substring of a Resource Graph query's text (a resource family)
    times: int | None = None
    retry_after: float | None = None
    message: str = ""
    hits: int = 0

    def matches(self, method: str, path: str, subscriptions: Iterable[str], query: str = "") -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.query and self.query.lower() not in query.lower():
            return False
        if self.method and self.method.upper() != method:
            return False
        if self.path and self.path.lower() not in path:
            return False
        return not self.subscription or self.subscription.lower() in {s.lower() for s in subscriptions}


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # without the query string
    query: str
    subscriptions: tuple[str, ...] = ()  # a Resource Graph query's scope, or the path's subscription
    body: Any = None


@dataclass
class FakeAzure(LoopbackServer):
    """One tenant: subscriptions, Resource Graph rows and extra ARM documents."""

    tenant_id: str = "72f988bf-0000-4000-8000-00000000a2b1"
    subscription_page_size: int = 50
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, Any] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    management_groups: dict[str, list[str]] = field(default_factory=dict)
    truncate_after: int | None = None  # answer resultTruncated after this many rows, no $skipToken
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- tenant data ---------------------------------------------------------------------------

    def add_subscription(self, subscription_id: str, name: str, state: str = "Enabled",
                         management_groups: Iterable[str] = ()) -> None:
        """A subscription, under ``management_groups`` (nearest first, as ARM lists ancestors)."""
        self.management_groups[subscription_id.lower()] = [g.lower() for g in management_groups]
        self.subscriptions[subscription_id] = {
            "id": f"/subscriptions/{subscription_id}",
            "authorizationSource": "RoleBased",
            "managedByTenants": [],
            "subscriptionId": subscription_id,
            "tenantId": self.tenant_id,
            "displayName": name,
            "state": state,
            "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01", "quotaId": "PayAsYouGo_2014-09-01",
                                     "spendingLimit": "Off"},
        }

    def add(self, *rows: dict[str, Any]) -> None:
        """Resource Graph rows (see `hitrust_policies.testing.azure_rows`)."""
        self.rows.extend(rows)

    def put(self, path: str, document: Any) -> None:
        """The JSON a GET of this ARM path answers (any api-version); ``path?$skiptoken=N`` for a
        later page of a listing."""
        base, sep, token = path.partition("?")
        self.documents[base.lower() + sep + token] = document

    def fail(self, status: int, code: str, **match: Any) -> Fault:
        fault = Fault(status, code, **match)
        self.faults.append(fault)
        return fault

    # -- server --------------------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"azure": self})

    # -- what was asked ------------------------------------------------------------------------

    def methods_and_paths(self) -> set[tuple[str, str]]:
        return {(r.method, r.path) for r in self.requests}

    def graph_queries(self) -> list[Request]:
        return [r for r in self.requests if r.path.lower() == GRAPH_PATH]

    # -- answers -------------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Any, body: Any) -> tuple[int, dict[str, str], Any]:
        parts = urlsplit(target)
        path = parts.path.rstrip("/") or "/"
        low = path.lower()
        subs: tuple[str, ...] = ()
        if low == GRAPH_PATH and isinstance(body, dict):
            subs = tuple(body.get("subscriptions") or ())
        elif match := _SUB_IN_PATH.match(path):
            subs = (match.group(1),)
        with self._lock:
            self.requests.append(Request(method, path, parts.query, subs, body))
            if not str(headers.get("Authorization", "")).startswith("Bearer "):
                return 401, {}, _error("AuthenticationFailed", "Authentication failed. The 'Authorization' "
                                       "header is missing.")
            for fault in self.faults:
                text = body.get("query", "") if isinstance(body, dict) else ""
                if fault.matches(method, low, subs, text):
                    fault.hits += 1
                    extra = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
                    return fault.status, extra, _error(fault.code, fault.message or _MESSAGES.get(fault.code, ""))
        query = parse_qs(parts.query)
        if low.startswith(GRAPH_API):
            return self._directory(method, low)
        if "api-version" not in query:
            return 400, {}, _error("MissingApiVersionParameter", "The api-version query parameter is required.")
        if method == "POST" and low == GRAPH_PATH:
            return 200, {}, self._graph(body or {})
        if method != "GET":
            return 405, {}, _error("MethodNotAllowed", f"{method} is not served by the fake")
        if low == "/subscriptions":
            return 200, {}, self._subscriptions(query)
        if match := re.fullmatch(r"/subscriptions/([^/]+)", low):
            sub = next((s for k, s in self.subscriptions.items() if k.lower() == match.group(1)), None)
            if sub is None:
                return 404, {}, _error("SubscriptionNotFound", f"The subscription '{match.group(1)}' could not "
                                       "be found.")
            return 200, {}, sub
        key = f"{low}?$skiptoken={query['$skiptoken'][0]}" if "$skiptoken" in query else low
        if key in self.documents:
            return 200, {}, self.documents[key]
        if key == low and any(low.endswith(empty) for empty in _EMPTY_LISTINGS):
            return 200, {}, {"value": []}
        return 404, {}, _error("ResourceNotFound", f"The Resource '{path}' was not found.")

    def _directory(self, method: str, low: str) -> tuple[int, dict[str, str], Any]:
        """Microsoft Graph v1.0 GETs of directory objects registered with `put` (``/v1.0/users/{id}``);
        ``$select`` is not applied (the document holds only what a test gives it)."""
        if method != "GET":
            return 405, {}, _error("Request_BadRequest", f"{method} is not served by the fake")
        if low in self.documents:
            return 200, {}, self.documents[low]
        return 404, {}, _error("Request_ResourceNotFound", f"Resource '{low.rsplit('/', 1)[-1]}' does not exist "
                               "or one of its queried reference-property objects are not present.")

    def _subscriptions(self, query: dict[str, list[str]]) -> dict[str, Any]:
        start = int(query.get("$skiptoken", ["0"])[0])
        subs = list(self.subscriptions.values())
        page = subs[start:start + self.subscription_page_size]
        doc: dict[str, Any] = {"count": {"type": "Total", "value": len(subs)}, "value": page}
        if start + len(page) < len(subs):
            doc["nextLink"] = (f"{self.endpoint}/subscriptions?api-version={query['api-version'][0]}"
                               f"&$skiptoken={start + len(page)}")
        return doc

    def _container(self, sub: dict[str, Any]) -> dict[str, Any]:
        """A subscription as Resource Graph's ``resourcecontainers`` table shows it."""
        chain = self.management_groups.get(sub["subscriptionId"].lower(), [])
        return {"id": sub["id"], "name": sub["displayName"], "type": SUBSCRIPTION_TYPE, "tenantId": self.tenant_id,
                "subscriptionId": sub["subscriptionId"], "resourceGroup": "", "location": "", "tags": {},
                "properties": {"state": sub["state"], "subscriptionPolicies": sub["subscriptionPolicies"],
                               "managementGroupAncestorsChain": [{"name": g, "displayName": g} for g in chain]}}

    def _graph(self, body: dict[str, Any]) -> dict[str, Any]:
        text = body.get("query", "")
        types = set(re.findall(r"'([^']+)'", _TYPE_IN.search(text).group(1))) if _TYPE_IN.search(text) else set()
        types |= {m.lower() for m in _TYPE_EQ.findall(text)}
        types = {t.lower() for t in types}
        subs = {s.lower() for s in body.get("subscriptions") or ()}
        groups = {g.lower() for g in body.get("managementGroups") or ()}
        if groups:  # a management-group scope: every subscription below it
            subs |= {s for s, chain in self.management_groups.items() if groups & set(chain)}
        rows = self.rows + [self._container(s) for s in self.subscriptions.values()]
        matched = sorted((r for r in rows if r["type"].lower() in types
                          and (not (subs or groups) or r["subscriptionId"].lower() in subs)),
                         key=lambda r: r["id"].lower())
        options = body.get("options") or {}
        start = _decode(options["$skipToken"]) if options.get("$skipToken") else int(options.get("$skip") or 0)
        top = min(int(options.get("$top") or PAGE_LIMIT), PAGE_LIMIT)
        if self.truncate_after is not None:
            page = matched[:self.truncate_after]
            return {"totalRecords": len(matched), "count": len(page), "resultTruncated": "true", "data": page,
                    "facets": []}
        page = matched[start:start + top]
        doc: dict[str, Any] = {"totalRecords": len(matched), "count": len(page), "resultTruncated": "false",
                               "data": page, "facets": []}
        if start + len(page) < len(matched):
            doc["$skipToken"] = _encode(start + len(page))
        return doc


_EMPTY_LISTINGS = ("/providers/microsoft.insights/diagnosticsettings", "/keys", "/firewallrules", "/secrets")

_MESSAGES = {
    "AuthorizationFailed": "The client does not have authorization to perform action over scope or the scope is "
                           "invalid.",
    "RateLimiting": "Please provide below info when asking for support: timestamp, correlationId.",
    "TooManyRequests": "Too many requests. Retry later.",
    "InternalServerError": "Encountered internal server error.",
}


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _encode(offset: int) -> str:
    return base64.b64encode(json.dumps({"$skip": offset}).encode()).decode()


def _decode(token: str) -> int:
    return int(json.loads(base64.b64decode(token))["$skip"])


class _Handler(BaseHTTPRequestHandler):
    azure: FakeAzure
    protocol_version = "HTTP/1.1"

    def log_message(self, *_: Any) -> None:  # keep test output clean
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        status, headers, doc = self.azure.answer(self.command, self.path, self.headers, body)
        payload = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-ms-request-id", "00000000-0000-0000-0000-000000000000")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

