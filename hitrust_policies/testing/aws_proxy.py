"""A loopback proxy in front of a moto server: real-world latency and the refusals moto does not make.

Organization scans are latency-bound and meet accounts whose scanning role does not trust the scanner; moto
answers every request at once and lets any ``sts:AssumeRole`` succeed. Workers in other processes (a Dask
cluster) cannot share botocore event hooks with a test, so the proxy is where both are injected: it adds
``latency`` seconds to every request and answers ``AssumeRole`` into a ``refused`` account with the
AccessDenied error STS sends. Everything else is forwarded unchanged to ``upstream``. Bound to 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler
from typing import Any

from hitrust_policies.testing.loopback import LoopbackServer

DENIED = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User is not authorized to perform: sts:AssumeRole on resource: {arn}</Message></Error>
  <RequestId>00000000-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>"""


class AwsProxy(LoopbackServer):
    def __init__(self, upstream: str, latency: float = 0.0, refused: frozenset[str] = frozenset()) -> None:
        self.upstream = upstream.rstrip("/")
        self.latency = latency
        self.refused = refused
        self.requests: Counter[str] = Counter()  # by X-Amz-Target or Action, for the benchmark's request counts
        self._lock = threading.Lock()
        self._server = None

    def handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body[:1] != b"{" else {}
                action = (self.headers.get("X-Amz-Target") or (form.get("Action") or [""])[0]
                          or f"{self.command} {urllib.parse.urlsplit(self.path).path}")
                with proxy._lock:
                    proxy.requests[action] += 1
                if proxy.latency:
                    time.sleep(proxy.latency)
                role = (form.get("RoleArn") or [""])[0]
                if action == "AssumeRole" and any(f":{a}:" in role for a in proxy.refused):
                    self._answer(403, DENIED.format(arn=role).encode(), {"Content-Type": "text/xml"})
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                request = urllib.request.Request(proxy.upstream + self.path, data=body or None, method=self.command,
                                                 headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback only)
                        self._answer(response.status, response.read(), dict(response.headers.items()))
                except urllib.error.HTTPError as err:
                    self._answer(err.code, err.read(), dict(err.headers.items()))

            def _answer(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward  # noqa: N815

        return Handler
