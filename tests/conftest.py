"""Session-wide guards: nothing leaves the machine (see ``tests/netguard/sitecustomize.py``)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_GUARD_DIR = Path(__file__).parent / "netguard"
_LOG = Path(tempfile.gettempdir()) / f"hitrust-netguard-{os.getpid()}.log"

# Before anything imports boto3 / pulumi: this process and every Python subprocess it starts.
os.environ["HITRUST_NETGUARD"] = "1"
os.environ["HITRUST_NETGUARD_LOG"] = str(_LOG)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(_GUARD_DIR), os.environ.get("PYTHONPATH", "")) if p)
# Credentials pinned for every test: no SDK may go looking for a metadata service.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
sys.path.insert(0, str(_GUARD_DIR))
import sitecustomize as netguard  # noqa: E402  (the guard module, by the name subprocesses import)

sys.path.remove(str(_GUARD_DIR))
netguard.install()


@pytest.fixture(autouse=True)
def _no_network_leaks() -> Iterator[None]:
    """Fail the test that tried to leave the machine, even if the code under test swallowed it."""
    _LOG.unlink(missing_ok=True)
    yield
    if _LOG.exists():
        leaks = _LOG.read_text(encoding="utf-8").strip()
        _LOG.unlink(missing_ok=True)
        if leaks:
            pytest.fail(f"network guard: non-loopback network use during this test:\n{leaks}", pytrace=False)
