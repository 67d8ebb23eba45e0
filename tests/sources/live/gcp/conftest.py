"""Shared helpers for the live GCP scanner tests: a fake organization on 127.0.0.1, a pinned token.

The scanner runs the real google-cloud-asset client (REST transport, google-auth credentials, the
requests session) against `FakeGcp`; faults are injected by the fake, so nothing in the scanner is
patched. Credentials are a fixed OAuth token: no test may let google-auth look for ADC or the
metadata server.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from hitrust_policies.findings import Finding, Status
from hitrust_policies.sources.live.gcp.families import Family, all_families
from hitrust_policies.sources.live.gcp.scan import GcpScanResult, scan_gcp
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp

ORG = "805614281031"
FOLDER = "301934554120"
PROD = ga.Project("phi-prod", "418274650321", folders=(FOLDER,), organization=ORG)
DEV = ga.Project("phi-dev", "735106429884", organization=ORG)
TOKEN = "ya29.fake-access-token"
PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without the gcp extra these tests are skipped, visibly (CI installs it through the dev extra)."""
    from hitrust_policies.sources.live.gcp.auth import asset_sdk

    try:
        asset_sdk()
    except ImportError:
        skip = pytest.mark.skip(reason="the gcp extra (google-cloud-asset) is not installed")
        for item in items:
            if "/live/gcp/" in str(item.fspath).replace("\\", "/"):
                item.add_marker(skip)


def token() -> Any:
    from google.oauth2.credentials import Credentials

    return Credentials(token=TOKEN)


@pytest.fixture
def fake() -> Iterator[FakeGcp]:
    """A running fake organization with two projects (their project assets only)."""
    org = FakeGcp()
    for p in (PROD, DEV):
        org.add_project(p.id, p.number)
        org.add(ga.project(p))
    with org:
        yield org


def families(*names: str) -> list[Family]:
    by_name = {f.name: f for f in all_families()}
    missing = set(names) - set(by_name)
    assert not missing, f"no such family: {sorted(missing)}"
    return [by_name[n] for n in names]


def scan(fake: FakeGcp, *names: str, projects: Iterable[str] = (PROD.id,), **kwargs: Any) -> GcpScanResult:
    """Scan the fake with only the named families (all when none), fast retries."""
    kwargs.setdefault("max_attempts", 3)
    kwargs.setdefault("backoff", 0.0)
    kwargs.setdefault("credentials", token())
    return scan_gcp(api_endpoint=fake.endpoint, projects=list(projects),
                    families=families(*names) if names else None, **kwargs)


def openings(findings: Iterable[Finding], rule_id: str) -> set[tuple[str, str, Status]]:
    """(firewall name, opening, status) of a rule over IngressRules."""
    return {(f.resource.name, f.resource.part or "", f.status) for f in findings if f.rule_id == rule_id}
