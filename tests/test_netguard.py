"""The network guard itself: a leak fails, in this process and in subprocesses; loopback works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sitecustomize as netguard


def _drain_log() -> str:
    log = Path(os.environ["HITRUST_NETGUARD_LOG"])
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    log.unlink(missing_ok=True)
    return text


@pytest.mark.parametrize(
    ("attempt", "logged"),
    [
        (lambda: socket.getaddrinfo("example.com", 443), "DNS lookup 'example.com'"),
        (lambda: socket.gethostbyname("metadata.google.internal"), "DNS lookup 'metadata.google.internal'"),
        (lambda: socket.socket().connect(("169.254.169.254", 80)), "connect ('169.254.169.254', 80)"),
        (lambda: socket.getaddrinfo("123456789012.127.0.0.1", 443), "DNS lookup '123456789012.127.0.0.1'"),
    ],
    ids=["dns", "gethostbyname", "imds-connect", "s3-control-account-host"],
)
def test_non_loopback_is_refused_and_logged(attempt, logged):
    with pytest.raises(netguard.NetworkLeak):
        attempt()
    lines = _drain_log().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [logged]


def test_refusal_is_logged_even_when_swallowed():
    try:
        socket.getaddrinfo("sts.amazonaws.com", 443)
    except OSError:
        pass  # what botocore does: wrap and carry on
    assert "DNS lookup 'sts.amazonaws.com'" in _drain_log()


def test_loopback_still_works():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(("localhost", server.getsockname()[1]), timeout=2)
    client.close()
    server.close()
    assert _drain_log() == ""


def test_subprocesses_are_guarded():
    code = (
        "import socket\n"
        "try:\n    socket.getaddrinfo('pypi.org', 443)\n"
        "except ConnectionRefusedError as e:\n    print(e)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert "network guard: tests may only reach loopback, not DNS lookup 'pypi.org'" in out.stdout
    assert "DNS lookup 'pypi.org'" in _drain_log()
