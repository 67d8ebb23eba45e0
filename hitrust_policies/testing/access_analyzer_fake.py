"""A local fake IAM Access Analyzer speaking its REST-JSON API, for the real boto3 client (moto has none).

It serves what the scanner reads, the way the service answers it:

- ``GET /analyzer``: the analyzers of the request's region (taken from the SigV4 credential scope of
  the ``Authorization`` header, as the real regional endpoint implies it), in creation order,
  optionally filtered by ``type``, paged with ``maxResults`` (default 100) and an opaque
  ``nextToken``; each with ``arn``, ``name``, ``type``, ``createdAt`` (ISO 8601) and ``status``;
- anything else: 404 ``ResourceNotFoundException``.

Faults are injected per region (`FakeAccessAnalyzer.fail`): 403 ``AccessDeniedException``, 429
``ThrottlingException``... with the ``x-amzn-ErrorType`` header and JSON body AWS's REST-JSON
services answer with. Every request is recorded (method, path, region). It binds 127.0.0.1 only:
point a client at it with ``endpoint_url`` or ``AWS_ENDPOINT_URL_ACCESSANALYZER``.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from hitrust_policies.testing.loopback import LoopbackServer

ACCOUNT = "123456789012"
DEFAULT_PAGE = 100
_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/access-analyzer/aws4_request")


@dataclass
class Fault:
    """An error answered instead of a listing in ``region`` (None: every region), ``times`` times (None: always)."""

    status: int
    code: str
    region: str | None = None
    times: int | None = None
    hits: int = 0


@dataclass
class FakeAccessAnalyzer(LoopbackServer):
    analyzers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by region
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, region)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _server: Any = None

    def add(self, region: str, name: str, type_: str = "ACCOUNT", status: str = "ACTIVE") -> None:
        """An analyzer as ``CreateAnalyzer`` leaves it (``status`` CREATING / ACTIVE / DISABLED / FAILED)."""
        self.analyzers.setdefault(region, []).append({
            "arn": f"arn:aws:access-analyzer:{region}:{ACCOUNT}:analyzer/{name}", "name": name, "type": type_,
            "createdAt": "2024-01-02T03:04:05Z", "status": status})

    def fail(self, status: int, code: str, region: str | None = None, times: int | None = None) -> Fault:
        fault = Fault(status, code, region, times)
        self.faults.append(fault)
        return fault

    def _fault(self, region: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if (fault.region in (None, region)) and (fault.times is None or fault.hits < fault.times):
                    fault.hits += 1
                    return fault
        return None

    def list_analyzers(self, region: str, query: dict[str, list[str]]) -> dict[str, Any]:
        rows = [a for a in self.analyzers.get(region, []) if a["type"] in query.get("type", [a["type"]])]
        start = int(query.get("nextToken", ["0"])[0])
        size = int(query.get("maxResults", [str(DEFAULT_PAGE)])[0])
        page: dict[str, Any] = {"analyzers": rows[start:start + size]}
        if start + size < len(rows):
            page["nextToken"] = str(start + size)
        return page

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any], error: str | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if error:
                    self.send_header("x-amzn-ErrorType", error)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                url = urlsplit(self.path)
                scope = _SCOPE.search(self.headers.get("Authorization", ""))
                region = scope.group(1) if scope else ""
                with fake._lock:
                    fake.requests.append(("GET", url.path, region))
                if url.path != "/analyzer":
                    self._answer(404, {"message": f"no route {url.path}"}, "ResourceNotFoundException")
                    return
                fault = fake._fault(region)
                if fault is not None:
                    self._answer(fault.status, {"message": f"injected {fault.code}"}, fault.code)
                    return
                self._answer(200, fake.list_analyzers(region, parse_qs(url.query)))

        return Handler
