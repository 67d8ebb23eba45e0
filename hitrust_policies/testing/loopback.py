"""How the offline cloud fakes serve: a threaded HTTP server bound to 127.0.0.1 only.

One implementation for every fake (Azure ARM / Resource Graph, Google Cloud Asset), so none can
drift onto a routable address: tests and demos must never leave the machine.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

S = TypeVar("S", bound="LoopbackServer")


class LoopbackServer:
    """Start / stop / endpoint for a fake; subclasses say which request handler serves them."""

    _server: ThreadingHTTPServer | None

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class, bound to this fake."""
        raise NotImplementedError

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self: S) -> S:
        handler = self.handler()
        # Answers go out as headers then body: with Nagle's algorithm on, the body waits for the client's
        # delayed ACK of the headers, 40 ms on Linux, on every keep-alive request. Off, as real services do.
        handler.disable_nagle_algorithm = True
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name=type(self).__name__, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self: S) -> S:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()
