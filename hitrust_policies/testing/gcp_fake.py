"""A local fake Cloud Asset Inventory speaking the v1 REST API, for the real google-cloud-asset client.

No emulator of Cloud Asset exists; this one serves what the scanner needs, the way the service
answers it:

- ``GET /v1/{projects|folders|organizations}/{id}/assets``: the assets below that scope (a project
  by id or number; a folder or organization through each asset's ``ancestors``), filtered by the
  repeated ``assetTypes`` parameter, for ``contentType`` RESOURCE (1) or IAM_POLICY (2) (the REST
  client sends the enum's number; names are accepted too), ordered by name, paged with
  ``pageSize`` (default 100, at most 1000) and an opaque ``pageToken`` / ``nextPageToken``; each
  asset in the API's camelCase envelope (``assetType``, ``iamPolicy``, ``updateTime``);
- anything else: 404, or 405 for another method (and recorded).

Assets are added in export form (snake_case envelope, as `hitrust_policies.testing.gcp_assets` builds
them): a line with ``resource`` is listed under RESOURCE, one with ``iam_policy`` under IAM_POLICY.
Faults are injected by scope / asset type / content type (`FakeGcp.fail`): 403 PERMISSION_DENIED,
429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE... as Google's JSON error body. Every request is recorded
(method, path, parameters, Authorization) so tests prove what was and was not sent. It binds
127.0.0.1 only.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from hitrust_policies.testing.loopback import LoopbackServer

DEFAULT_PAGE, MAX_PAGE = 100, 1000
CONTENT_TYPES = {"1": "RESOURCE", "2": "IAM_POLICY", "RESOURCE": "RESOURCE", "IAM_POLICY": "IAM_POLICY"}
STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
_CAMEL = {"asset_type": "assetType", "iam_policy": "iamPolicy", "update_time": "updateTime",
          "discovery_document_uri": "discoveryDocumentUri", "discovery_name": "discoveryName",
          "resource_url": "resourceUrl", "audit_configs": "auditConfigs", "audit_log_configs": "auditLogConfigs",
          "log_type": "logType", "exempted_members": "exemptedMembers"}


@dataclass
class Fault:
    """An error answered instead of a listing, ``times`` times (None: always)."""

    status: int
    scope: str | None = None  # "projects/phi-prod": the request's parent
    asset_type: str | None = None  # the request lists this type
    content_type: str | None = None  # RESOURCE | IAM_POLICY
    times: int | None = None
    message: str = ""
    hits: int = 0

    def matches(self, scope: str, types: Iterable[str], content: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.scope and self.scope != scope:
            return False
        if self.asset_type and self.asset_type not in types:
            return False
        return not self.content_type or self.content_type == content


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    authorization: str | None

    @property
    def scope(self) -> str:
        return self.path.removeprefix("/v1/").removesuffix("/assets")

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.params.get("contentType", [""])[0], "")

    @property
    def asset_types(self) -> list[str]:
        return self.params.get("assetTypes", [])


@dataclass
class FakeGcp(LoopbackServer):
    """One organization's Cloud Asset Inventory: projects and their resource / IAM policy assets."""

    projects: dict[str, str] = field(default_factory=dict)  # project id -> number
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)  # asset name -> export line
    policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    read_time: str = "2026-11-02T09:00:00Z"
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- organization data ---------------------------------------------------------------------

    def add_project(self, project_id: str, number: str) -> None:
        self.projects[project_id] = number

    def add(self, *lines: dict[str, Any]) -> None:
        """Assets in export form; a line with ``resource`` and one with ``iam_policy`` may share a name."""
        for line in lines:
            if line.get("resource") is not None:
                self.resources[line["name"]] = line
            if line.get("iam_policy") is not None:
                self.policies[line["name"]] = line

    def export_lines(self) -> list[dict[str, Any]]:
        """Everything held, as the JSON lines of a RESOURCE export followed by an IAM_POLICY export."""
        return [*sorted(self.resources.values(), key=lambda a: a["name"]),
                *sorted(self.policies.values(), key=lambda a: a["name"])]

    def fail(self, status: int, **match: Any) -> Fault:
        fault = Fault(status, **match)
        self.faults.append(fault)
        return fault

    # -- server --------------------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"gcp": self})

    # -- what was asked ------------------------------------------------------------------------

    def listings(self) -> list[Request]:
        return [r for r in self.requests if r.method == "GET" and r.path.endswith("/assets")]

    # -- answers -------------------------------------------------------------------------------

    def _in_scope(self, asset: dict[str, Any], scope: str) -> bool:
        ancestors = set(asset.get("ancestors") or ())
        kind, _, ident = scope.partition("/")
        if kind == "projects":
            ident = self.projects.get(ident, ident)
        return f"{kind}/{ident}" in ancestors

    def answer(self, method: str, target: str, headers: Any) -> tuple[int, Any]:
        parts = urlsplit(target)
        path = unquote(parts.path)
        params = parse_qs(parts.query)
        request = Request(method, path, params, headers.get("Authorization"))
        with self._lock:
            self.requests.append(request)
            if method != "GET":
                return 405, _error(405, f"{method} is not served by the fake")
            scope = request.scope
            if not path.startswith("/v1/") or not path.endswith("/assets") or scope.count("/") != 1 \
                    or scope.split("/")[0] not in ("projects", "folders", "organizations"):
                return 404, _error(404, f"no such method: {path}")
            content = request.content_type
            if not content:
                return 400, _error(400, "content_type must be RESOURCE or IAM_POLICY for this fake")
            types = request.asset_types
            for fault in self.faults:
                if fault.matches(scope, types, content):
                    fault.hits += 1
                    return fault.status, _error(fault.status, fault.message or _MESSAGES.get(fault.status, ""))
            pool = self.resources if content == "RESOURCE" else self.policies
            matched = sorted((a for a in pool.values()
                              if (not types or a["asset_type"] in types) and self._in_scope(a, scope)),
                             key=lambda a: a["name"])
        size = min(int(params.get("pageSize", [DEFAULT_PAGE])[0] or DEFAULT_PAGE), MAX_PAGE)
        start = _decode(params["pageToken"][0]) if params.get("pageToken", [""])[0] else 0
        page = matched[start:start + size]
        doc: dict[str, Any] = {"readTime": self.read_time, "assets": [_camel(a, content) for a in page]}
        if start + len(page) < len(matched):
            doc["nextPageToken"] = _encode(start + len(page))
        return 200, doc


def _camel(line: dict[str, Any], content: str) -> dict[str, Any]:
    """An export line as the REST API returns it for one content type (camelCase envelope)."""
    keep = {"name", "asset_type", "ancestors", "update_time", "resource" if content == "RESOURCE" else "iam_policy"}
    out: dict[str, Any] = {}
    for key, value in line.items():
        if key not in keep:
            continue
        if key == "resource":
            value = {_CAMEL.get(k, k): v for k, v in value.items()}
        elif key == "iam_policy":
            value = _camel_keys(value)
        out[_CAMEL.get(key, key)] = value
    return out


def _camel_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {_CAMEL.get(k, k): _camel_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_camel_keys(v) for v in node]
    return node


_MESSAGES = {
    403: "The caller does not have permission",
    429: "Quota exceeded for quota metric 'List Assets Requests' and limit 'List Assets Requests per minute'.",
    503: "The service is currently unavailable.",
}


def _error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "status": STATUS_NAMES.get(status, "UNKNOWN")}}


def _encode(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode()


def _decode(token: str) -> int:
    return int(json.loads(base64.urlsafe_b64decode(token))["offset"])


class _Handler(BaseHTTPRequestHandler):
    gcp: FakeGcp
    protocol_version = "HTTP/1.1"

    def log_message(self, *_: Any) -> None:  # keep test output clean
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        status, doc = self.gcp.answer(self.command, self.path, self.headers)
        payload = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve
