"""A loopback proxy in front of a moto server: real-world latency and the refusals moto does not make.

Organization scans are latency-bound and meet accounts whose scanning role does not trust the scanner; moto
answers every request at once and lets any ``sts:AssumeRole`` succeed. Workers in other processes (a Dask
cluster) cannot share botocore event hooks with a test, so the proxy is where both are injected: it adds
``latency`` seconds to every request and answers ``AssumeRole`` into a ``refused`` account with the
AccessDenied error STS sends. Everything else is forwarded unchanged to ``upstream``. Bound to 127.0.0.1.

``replay``: answer a request seen before (same account, operation and parameters) with the answer moto
gave it, without asking moto again. A scan only reads, so the answer cannot have changed; what this takes
out is moto's own CPU time, which a real cloud spends on its side, not on the scanning machine: a benchmark
on a small machine then measures the scanner under latency, not moto. An account is known by its access
key: the proxy learns which account each assumed-role key belongs to from the ``AssumeRole`` exchanges it
relays. Calls whose answer moves on by itself are never replayed: ``AssumeRole`` (new keys) and
``GenerateCredentialReport`` (STARTED, then COMPLETE: a replayed STARTED would keep a scanner polling).
"""

from __future__ import annotations

import re
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


NOT_REPLAYED = frozenset({"AssumeRole", "GenerateCredentialReport"})


class AwsProxy(LoopbackServer):
    def __init__(self, upstream: str, latency: float = 0.0, refused: frozenset[str] = frozenset(),
                 replay: bool = False) -> None:
        self.upstream = upstream.rstrip("/")
        self.latency = latency
        self.refused = refused
        self.replay = replay
        self.replayed = 0
        self._answers: dict[tuple[str, ...], tuple[int, bytes, dict[str, str]]] = {}
        self._accounts: dict[str, str] = {}  # assumed-role access key id -> its account
        self.requests: Counter[str] = Counter()  # by X-Amz-Target or Action, for the benchmark's request counts
        self._lock = threading.Lock()
        self._server = None

    def forget(self) -> None:
        """Drop the recorded answers: the simulated cloud changed (a benchmark grew its organization), so an
        old answer (the account list) would now be wrong."""
        with self._lock:
            self._answers.clear()

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
                key = None
                if proxy.replay and action not in NOT_REPLAYED:
                    credential = (self.headers.get("Authorization") or "").partition("Credential=")[2].split("/")[0]
                    who = proxy._accounts.get(credential, credential)
                    key = (who, self.command, self.path, self.headers.get("X-Amz-Target") or "", body.decode(
                        "utf-8", "replace"))
                    with proxy._lock:
                        seen = proxy._answers.get(key)
                        proxy.replayed += seen is not None
                    if seen is not None:
                        self._answer(*seen)
                        return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                request = urllib.request.Request(proxy.upstream + self.path, data=body or None, method=self.command,
                                                 headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback only)
                        answer = (response.status, response.read(), dict(response.headers.items()))
                except urllib.error.HTTPError as err:
                    answer = (err.code, err.read(), dict(err.headers.items()))
                if action == "AssumeRole" and answer[0] == 200:
                    match = re.search(rb"<AccessKeyId>([^<]+)</AccessKeyId>", answer[1])
                    account = re.search(r"::(\d{12}):", role)
                    if match and account:
                        with proxy._lock:
                            proxy._accounts[match.group(1).decode()] = account.group(1)
                if key is not None and answer[0] == 200:
                    with proxy._lock:
                        proxy._answers[key] = answer
                self._answer(*answer)

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
