"""One real pack process (packs/hitrust-aws, started as the engine starts it) per test session."""

import pytest

from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir, shared_pack


@pytest.fixture(scope="session")
def pack() -> PackProcess:
    return shared_pack(default_pack_dir())


@pytest.fixture(scope="session")
def azure_pack() -> PackProcess:
    """packs/hitrust-azure, started as the engine starts it."""
    return shared_pack(default_pack_dir("hitrust-azure"))


@pytest.fixture(scope="session")
def gcp_pack() -> PackProcess:
    """packs/hitrust-gcp, started as the engine starts it."""
    return shared_pack(default_pack_dir("hitrust-gcp"))
