"""Shared helpers for the live Azure scanner tests: a fake tenant on 127.0.0.1, a pinned credential.

The scanner runs its real azure-mgmt-resourcegraph / subscriptions clients and azure-core pipeline
against `FakeAzure`; faults are injected by the fake, so nothing in the scanner is patched. The
credential is a `StaticToken`: no test may let azure-identity probe a metadata service.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from hitrust_policies.findings import Finding, Status
from hitrust_policies.sources.live.azure.auth import StaticToken
from hitrust_policies.sources.live.azure.families import Family, all_families
from hitrust_policies.sources.live.azure.scan import AzureScanResult, scan_azure
from hitrust_policies.testing.azure_fake import FakeAzure

SUB = "0b1c2d3e-0000-4000-8000-00000000aa01"
SUB2 = "0b1c2d3e-0000-4000-8000-00000000aa02"
PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN


class RecordingToken(StaticToken):
    """A pinned credential that remembers the scopes it was asked for."""

    def __init__(self) -> None:
        super().__init__("fake-arm-token")
        self.scopes: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        self.scopes.append(scopes)
        return super().get_token(*scopes, **kwargs)


@pytest.fixture
def fake() -> Iterator[FakeAzure]:
    """A running fake tenant with two subscriptions and no resources."""
    tenant = FakeAzure()
    tenant.add_subscription(SUB, "phi-prod")
    tenant.add_subscription(SUB2, "phi-dev")
    with tenant:
        yield tenant


def families(*names: str) -> list[Family]:
    by_name = {f.name: f for f in all_families()}
    missing = set(names) - set(by_name)
    assert not missing, f"no such family: {sorted(missing)}"
    return [by_name[n] for n in names]


def scan(fake: FakeAzure, *names: str, subscriptions: Iterable[str] = (SUB,), **kwargs: Any) -> AzureScanResult:
    """Scan the fake with only the named families (all when none), fast retries."""
    kwargs.setdefault("max_attempts", 3)
    kwargs.setdefault("backoff", 0.0)
    kwargs.setdefault("credential", RecordingToken())
    return scan_azure(arm_endpoint=fake.endpoint, subscriptions=list(subscriptions),
                      families=families(*names) if names else None, **kwargs)


def openings(findings: Iterable[Finding], rule_id: str) -> set[tuple[str, str, Status]]:
    """(resource name, opening, status) of a rule over IngressRules: NSG findings share the NSG's name."""
    return {(f.resource.name, f.resource.part or "", f.status) for f in findings if f.rule_id == rule_id}
