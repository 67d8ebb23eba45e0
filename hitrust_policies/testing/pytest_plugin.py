"""Opt-in pytest fixtures: ``pytest_plugins = ["hitrust_policies.testing.pytest_plugin"]``.

``hitrust_pack`` is one pack process for the whole session (starting one costs a few hundred
ms); point it at your own pack folder with ``--hitrust-pack-dir``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir, shared_pack


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--hitrust-pack-dir", default=None, help="policy pack folder (default: packs/hitrust-aws)")


@pytest.fixture(scope="session")
def hitrust_pack(request: pytest.FixtureRequest) -> PackProcess:
    option = request.config.getoption("--hitrust-pack-dir")
    return shared_pack(Path(option) if option else default_pack_dir())
