"""The scan's contract against the fake: paging past 1000 rows, truncation, throttling with
Retry-After, 5xx retries, subscription discovery, sovereign clouds, and "read nothing" as an error."""

from __future__ import annotations

import socket
import time

import pytest

from hitrust_policies.model import BlockVolume
from hitrust_policies.sources.live.aws.scan import ScanError
from hitrust_policies.sources.live.azure.auth import AuthConfigError, make_credential, pipeline_policies
from hitrust_policies.sources.live.azure.clouds import cloud
from hitrust_policies.sources.live.azure.scan import scan_azure
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, UNKNOWN, RecordingToken, families, scan


def disks(fake: FakeAzure, n: int, sub: str = SUB) -> None:
    fake.add(*(rows.managed_disk(sub, f"disk-{i:04d}") for i in range(n)))


def test_pages_past_1000_rows(fake: FakeAzure) -> None:
    """2,500 disks come back in three pages, each request carrying the previous page's $skipToken."""
    disks(fake, 2500)
    result = scan(fake, "managed-disks")
    assert sum(isinstance(r, BlockVolume) for r in result.resources) == 2500
    assert len({r.ref.native_id for r in result.resources}) == 2500
    queries = fake.graph_queries()
    assert len(queries) == 3
    assert [q.body["options"].get("$skipToken") is not None for q in queries] == [False, True, True]
    assert all(q.body["options"]["$top"] == 1000 and q.body["subscriptions"] == [SUB] for q in queries)
    assert all(q.body["options"]["resultFormat"] == "objectArray" for q in queries)
    assert result.calls["Microsoft.ResourceGraph/resources/read"] == 3
    assert result.complete


def test_truncated_result_keeps_rows_and_reports_the_rest_unknown(fake: FakeAzure) -> None:
    disks(fake, 5)
    fake.truncate_after = 3
    result = scan(fake, "managed-disks")
    reason = (f"ResultTruncated: Microsoft.ResourceGraph/resources/read returned 3 of 5 rows (managed-disks in "
              f"subscription {SUB})")
    assert verdicts(result.findings(), ["enc-block-volume-encrypted"]) == set(table(f"""
        enc-block-volume-encrypted  disk-0000                             PASS
        enc-block-volume-encrypted  disk-0001                             PASS
        enc-block-volume-encrypted  disk-0002                             PASS
        enc-block-volume-encrypted  managed-disks in subscription {SUB}  UNKNOWN
    """))
    assert reasons(result.findings(), ["enc-block-volume-encrypted"]) == {
        ("enc-block-volume-encrypted", f"managed-disks in subscription {SUB}", reason)}
    [cov] = result.coverage
    assert (cov.status, cov.resources, cov.problems) == ("partial", 3, (reason,))
    assert not result.complete


def test_throttling_is_retried_after_retry_after(fake: FakeAzure) -> None:
    """Two 429s with Retry-After: 1, then the answer: the scan waits, retries the POST, and is complete."""
    disks(fake, 2)
    throttle = fake.fail(429, "RateLimiting", path="resourcegraph", times=2, retry_after=1)
    started = time.monotonic()
    result = scan(fake, "managed-disks", max_attempts=4)
    assert time.monotonic() - started >= 2.0
    assert throttle.hits == 2
    assert len(fake.graph_queries()) == 3
    assert result.complete and len(result.resources) == 2


def test_server_errors_are_retried(fake: FakeAzure) -> None:
    disks(fake, 1)
    fake.add(rows.storage_account(SUB, "phirecords"))
    flaky = fake.fail(500, "InternalServerError", path="diagnosticsettings", times=1)
    result = scan(fake, "managed-disks", "storage-accounts")
    assert flaky.hits == 1 and result.complete
    assert [m for m, p in sorted(fake.methods_and_paths()) if "diagnosticSettings" in p] == ["GET"]


def test_all_subscriptions_follows_next_link_and_skips_disabled(fake: FakeAzure) -> None:
    fake.subscription_page_size = 2
    extra = [f"0b1c2d3e-0000-4000-8000-00000000bb0{i}" for i in range(3)]
    for i, sub in enumerate(extra):
        fake.add_subscription(sub, f"extra-{i}", state="Disabled" if i == 0 else "Enabled")
    for sub in (SUB, SUB2, *extra):
        disks(fake, 1, sub)
    result = scan_azure(credential=RecordingToken(), arm_endpoint=fake.endpoint, all_subscriptions=True,
                        families=families("managed-disks"), backoff=0)
    assert result.subscriptions == sorted([SUB, SUB2, extra[1], extra[2]])
    assert [r.path for r in fake.requests if r.method == "GET"] == ["/subscriptions"] * 3  # 5 subs, 2 a page
    assert result.tenant == fake.tenant_id and result.account == fake.tenant_id
    assert sorted(c.account for c in result.coverage) == result.subscriptions


def test_subscription_listing_denied_is_an_error(fake: FakeAzure) -> None:
    fake.fail(403, "AuthorizationFailed", path="/subscriptions")
    with pytest.raises(ScanError, match=r"could not list subscriptions \(AccessDenied: "
                                        r"Microsoft.Resources/subscriptions/read\)"):
        scan_azure(credential=RecordingToken(), arm_endpoint=fake.endpoint, all_subscriptions=True, backoff=0)


def test_a_scan_that_read_nothing_is_an_error(fake: FakeAzure) -> None:
    fake.fail(403, "AuthorizationFailed", path="resourcegraph")
    with pytest.raises(ScanError, match="nothing could be read: AccessDenied: "
                                        r"Microsoft.ResourceGraph/resources/read \(managed-disks in subscription"):
        scan(fake, "managed-disks", "sql-servers")


def test_unreachable_endpoint_is_an_error() -> None:
    """Nothing listens: every query fails to connect (after retries), and the scan says so."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ScanError, match=r"Unreachable \(ServiceRequestError\): Microsoft.ResourceGraph"):
        scan_azure(credential=RecordingToken(), arm_endpoint=f"http://127.0.0.1:{port}", subscriptions=[SUB],
                   families=families("managed-disks"), max_attempts=2, backoff=0)


def test_token_scope_follows_the_cloud(fake: FakeAzure) -> None:
    """The credential is asked for ARM's audience; sovereign clouds have their own endpoints and audiences."""
    token = RecordingToken()
    scan(fake, "managed-disks", credential=token)
    assert set(token.scopes) == {(f"{fake.endpoint}/.default",)}
    gov, china = cloud("AzureUSGovernment"), cloud("AzureChinaCloud")
    assert (gov.arm_endpoint, gov.authority_host, gov.scope) == (
        "https://management.usgovcloudapi.net", "login.microsoftonline.us",
        "https://management.core.usgovcloudapi.net/.default")
    assert (china.arm_endpoint, china.scope) == ("https://management.chinacloudapi.cn",
                                                 "https://management.chinacloudapi.cn/.default")
    stack = cloud("AzureUSGovernment", "https://management.local.azurestack.external/")
    assert (stack.arm_endpoint, stack.authority_host) == ("https://management.local.azurestack.external",
                                                          "login.microsoftonline.us")


def test_tokens_never_go_over_plain_http_to_another_host() -> None:
    with pytest.raises(AuthConfigError, match="is not https"):
        pipeline_policies(RecordingToken(), cloud("AzureCloud", "http://management.example.com"),
                          max_attempts=1, backoff=0)


def test_token_auth_needs_the_variable() -> None:
    with pytest.raises(AuthConfigError, match="AZURE_ACCESS_TOKEN"):
        make_credential("token", cloud(), env={})
    assert make_credential("token", cloud(), env={"AZURE_ACCESS_TOKEN": "abc"}).get_token("x").token == "abc"


@pytest.mark.parametrize("mode", ["default", "cli", "env", "managed-identity"])
def test_identity_credentials_are_built_without_a_network_call(mode: str) -> None:
    """Building a credential touches nothing (the socket guard would fail the test); azure-identity is
    only asked for a token when a scan sends its first request, never here."""
    credential = make_credential(mode, cloud("AzureUSGovernment"), env={})
    assert type(credential).__module__.startswith("azure.identity")


def test_unknown_facts_never_pass(fake: FakeAzure) -> None:
    """Every finding in a failed scope is UNKNOWN."""
    disks(fake, 1, SUB2)
    fake.fail(403, "AuthorizationFailed", subscription=SUB)
    result = scan(fake, subscriptions=[SUB, SUB2])
    scoped = [f for f in result.findings() if f.resource.native_type.startswith("scope:")]
    assert scoped and all(f.status is UNKNOWN for f in scoped)
    assert {f.resource.account for f in scoped} == {SUB}


def test_management_group_scans_the_subscriptions_below_it(fake: FakeAzure) -> None:
    """--management-group: subscriptions found through Resource Graph's resourcecontainers at the group's
    scope (nested groups included), then each scanned like --subscription."""
    below = "0b1c2d3e-0000-4000-8000-00000000cc01"
    fake.add_subscription(below, "phi-clinic", management_groups=["mg-clinics", "mg-healthcare"])
    fake.add_subscription("0b1c2d3e-0000-4000-8000-00000000cc02", "retired", state="Disabled",
                          management_groups=["mg-healthcare"])
    disks(fake, 1, below)
    disks(fake, 1, SUB)
    result = scan_azure(credential=RecordingToken(), arm_endpoint=fake.endpoint, management_groups=["mg-healthcare"],
                        families=families("managed-disks"), backoff=0)
    assert result.subscriptions == [below]
    assert [r.ref.account for r in result.resources] == [below]
    [containers, *_] = fake.graph_queries()
    assert containers.body["managementGroups"] == ["mg-healthcare"] and "resourcecontainers" in containers.body["query"]


def test_empty_management_group_is_an_error(fake: FakeAzure) -> None:
    with pytest.raises(ScanError, match="management group mg-empty has no subscription this credential can read"):
        scan_azure(credential=RecordingToken(), arm_endpoint=fake.endpoint, management_groups=["mg-empty"],
                   backoff=0)
