"""The Azure scanner only reads: GETs and the Resource Graph query POST, each one a declared read.

The custom role is derived from the families' declarations; these tests prove the declarations
are complete (every request maps to a declared permission) and harmless (nothing else is sent,
and the pipeline refuses to send anything else).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hitrust_policies.model import KINDS
from hitrust_policies.sources.live.azure.auth import ReadOnlyViolation
from hitrust_policies.sources.live.azure.clouds import cloud
from hitrust_policies.sources.live.azure.families import all_families, family
from hitrust_policies.sources.live.azure.permissions import custom_role, required_actions
from hitrust_policies.sources.live.azure.scan import Clients
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.azure.conftest import SUB, SUB2, RecordingToken, scan
from tests.sources.live.azure.tenant import seed

ROLE = Path(__file__).resolve().parents[4] / "scanners" / "azure" / "custom-role.json"
GRAPH = "/providers/Microsoft.ResourceGraph/resources"


def test_full_scan_sends_only_reads(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, subscriptions=[SUB, SUB2])
    assert result.complete, [c for c in result.coverage if c.status != "ok"]
    methods = {(r.method, r.path if r.method == "POST" else "") for r in fake.requests}
    assert methods == {("GET", ""), ("POST", GRAPH)}
    # Every GET is one of the declared ARM reads, on a resource a query returned.
    declared = [re.escape(r.path) for f in all_families() for r in f.reads]
    declared += [re.escape(g.path.split("?")[0]).replace(re.escape("{id}"), "[^/]+")
                 for f in all_families() for g in f.graph_reads]  # Microsoft Graph directory objects
    gets = [r.path for r in fake.requests if r.method == "GET"]
    assert gets and all(re.search(f"({'|'.join(declared)})$", p, re.I) for p in gets), gets
    # Every permission the scan used is in the custom role, and every declared one was used.
    only_for_options = {"Microsoft.Resources/subscriptions/read", "Microsoft.Management/managementGroups/read"}
    graph = {c for c in result.calls if c.startswith("Microsoft Graph ")}
    assert graph == {f"Microsoft Graph {g.permission}" for f in all_families() for g in f.graph_reads}
    assert set(result.calls) - graph == set(required_actions()) - only_for_options - {
        p for f in all_families() for p in f.permissions}
    assert {type(r) for r in result.resources} == {k for f in all_families() for k in f.kinds}
    assert all(k in KINDS for f in all_families() for k in f.kinds)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "POST"])
def test_pipeline_refuses_anything_but_reads(fake: FakeAzure, method: str) -> None:
    """A request that could change the tenant is refused before it leaves the process."""
    from azure.core.rest import HttpRequest

    clients = Clients(RecordingToken(), cloud("AzureCloud", fake.endpoint), 1, 0)
    path = f"{fake.endpoint}/subscriptions/{SUB}/providers/Microsoft.Storage/register?api-version=2021-04-01"
    with pytest.raises(ReadOnlyViolation, match=f"refused {method}"):
        clients.arm.send_request(HttpRequest(method, path))
    assert fake.requests == []


def test_no_provider_registration_on_409(fake: FakeAzure) -> None:
    """The SDK's default pipeline POSTs a provider registration on MissingSubscriptionRegistration; ours
    does not: the query fails, the family is UNKNOWN, and no POST .../register was sent."""
    seed(fake)
    fake.fail(409, "MissingSubscriptionRegistration", query="microsoft.sql")
    result = scan(fake, "sql-servers", "managed-disks")
    assert [c.status for c in result.coverage if c.collector == "sql-servers"] == ["failed"]
    assert {r.method for r in fake.requests} <= {"GET", "POST"}
    assert {r.path for r in fake.requests if r.method == "POST"} == {GRAPH}


def test_custom_role_is_in_step_with_the_declarations() -> None:
    """scanners/azure/custom-role.json is `hitrust permissions azure`; regenerate with
    ``hitrust permissions azure > scanners/azure/custom-role.json``."""
    assert json.loads(ROLE.read_text()) == custom_role()
    actions = custom_role()["Actions"]
    assert all(a.lower().endswith("/read") for a in actions) and not any("*" in a for a in actions)
    assert custom_role()["DataActions"] == []


def test_a_write_permission_is_refused_at_declaration() -> None:
    with pytest.raises(ValueError, match="Microsoft.Storage/storageAccounts/write is not a read permission"):
        family("storage-bad", types=("microsoft.storage/storageaccounts",), kinds=(KINDS[0],),
               permissions=("Microsoft.Storage/storageAccounts/write",))(lambda ctx, rows: [])
    assert "storage-bad" not in {f.name for f in all_families()}
