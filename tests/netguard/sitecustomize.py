"""Fail any non-loopback connection or DNS lookup: tests and demos talk only to 127.0.0.1.

Imported by the test session (``tests/conftest.py``) and, through ``PYTHONPATH``, by every
Python subprocess the tests start (the policy pack process, CLI runs), so a leak anywhere
is caught. Each attempt raises `NetworkLeak` *and* is appended to the file named by
``HITRUST_NETGUARD_LOG``: code under test may swallow the exception (botocore turns it into
``EndpointConnectionError``, which a scanner reports as UNKNOWN), but the log still fails
the test that caused it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
_original: dict[str, Any] = {}


class NetworkLeak(ConnectionRefusedError):
    """A test tried to leave the machine."""


def is_loopback(host: object) -> bool:
    """Loopback literals and ``localhost`` only.

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "10.0.0.1", "169.254.169.254")]
    [True, True, True, False, False]
    >>> is_loopback("123456789012.localhost"), is_loopback(None)
    (False, True)
    """
    if host is None:
        return True  # getaddrinfo(None, port): a local wildcard, no lookup
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip("[]").split("%", 1)[0].lower()
    if text in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def _leak(what: str) -> NetworkLeak:
    log = os.environ.get("HITRUST_NETGUARD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {what}\n")
    return NetworkLeak(f"network guard: tests may only reach loopback, not {what}")


def _inet(sock: socket.socket) -> bool:
    return sock.family in (socket.AF_INET, socket.AF_INET6)


def install() -> None:
    """Patch the socket module once per process."""
    if _original:
        return
    _original.update(
        connect=socket.socket.connect,
        connect_ex=socket.socket.connect_ex,
        sendto=socket.socket.sendto,
        getaddrinfo=socket.getaddrinfo,
        gethostbyname=socket.gethostbyname,
        gethostbyname_ex=socket.gethostbyname_ex,
    )

    def connect(self: socket.socket, address: Any) -> Any:
        if _inet(self) and not is_loopback(address[0]):
            raise _leak(f"connect {address!r}")
        return _original["connect"](self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if _inet(self) and not is_loopback(address[0]):
            raise _leak(f"connect {address!r}")
        return _original["connect_ex"](self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> Any:
        address = args[-1]
        if _inet(self) and not is_loopback(address[0]):
            raise _leak(f"sendto {address!r}")
        return _original["sendto"](self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback(host):
            raise _leak(f"DNS lookup {host!r}")
        return _original["getaddrinfo"](host, *args, **kwargs)

    def gethostbyname(host: str) -> Any:
        if not is_loopback(host):
            raise _leak(f"DNS lookup {host!r}")
        return _original["gethostbyname"](host)

    def gethostbyname_ex(host: str) -> Any:
        if not is_loopback(host):
            raise _leak(f"DNS lookup {host!r}")
        return _original["gethostbyname_ex"](host)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.gethostbyname_ex = gethostbyname_ex


if os.environ.get("HITRUST_NETGUARD") == "1":
    install()
