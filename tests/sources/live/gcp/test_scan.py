"""The scan's contract against the fake: paging, retries, folder and organization scopes, project naming,
"read nothing" as an error, unreachable endpoints, the credential actually sent."""

from __future__ import annotations

import socket

import pytest

from hitrust_policies.model import BlockVolume
from hitrust_policies.sources.live.aws.scan import ScanError
from hitrust_policies.sources.live.gcp.auth import AuthConfigError, asset_client, credentials, endpoint
from hitrust_policies.sources.live.gcp.scan import scan_gcp
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, FOLDER, ORG, PROD, TOKEN, UNKNOWN, families, scan, token


def disks(fake: FakeGcp, n: int, project: ga.Project = PROD) -> None:
    fake.add(*(ga.disk(project, f"disk-{i:04d}") for i in range(n)))


def test_pages_past_1000_assets(fake: FakeGcp) -> None:
    """2,500 disks come back in three pages of 1,000, each request carrying the previous nextPageToken."""
    disks(fake, 2500)
    result = scan(fake, "disks")
    assert sum(isinstance(r, BlockVolume) for r in result.resources) == 2500
    assert len({r.ref.native_id for r in result.resources}) == 2500
    listings = [r for r in fake.listings() if "compute.googleapis.com/Disk" in r.asset_types]
    assert [bool(r.params.get("pageToken")) for r in listings] == [False, True, True]
    assert all(r.params["pageSize"] == ["1000"] and r.content_type == "RESOURCE" for r in listings)
    assert result.calls["cloudasset.assets.listResource"] == 1 + 3  # the project listing, then three pages
    assert result.complete


def test_unavailable_is_retried(fake: FakeGcp) -> None:
    disks(fake, 2)
    flaky = fake.fail(503, asset_type="compute.googleapis.com/Disk", times=2)
    result = scan(fake, "disks", max_attempts=3)
    assert flaky.hits == 2 and result.complete and len(result.resources) == 2


def test_folder_and_organization_scopes(fake: FakeGcp) -> None:
    """A folder lists what is below it (through ancestors), an organization everything; resources are
    named with their own project, coverage with the scope listed."""
    disks(fake, 1, PROD)
    disks(fake, 1, DEV)
    folder = scan_gcp(credentials=token(), api_endpoint=fake.endpoint, folders=[FOLDER],
                      families=families("disks"), backoff=0)
    assert [(r.ref.name, r.ref.account) for r in folder.resources] == [("disk-0000", "phi-prod")]
    assert [(c.account, c.collector) for c in folder.coverage] == [(f"folders/{FOLDER}", "disks")]
    org = scan_gcp(credentials=token(), api_endpoint=fake.endpoint, organizations=[ORG],
                   families=families("disks"), backoff=0)
    assert sorted(r.ref.account for r in org.resources) == ["phi-dev", "phi-prod"]
    assert org.account == f"organizations/{ORG}" and org.scopes == [f"organizations/{ORG}"]
    assert {r.scope for r in fake.listings()} == {f"folders/{FOLDER}", f"organizations/{ORG}"}


def test_project_listing_denied_keeps_project_numbers(fake: FakeGcp) -> None:
    """Without the project assets a bucket (whose name holds no project) is named by its project number;
    the failed listing is in the coverage, so the scan is not complete."""
    fake.add(ga.bucket(PROD, "phi-records"), ga.bucket_policy(PROD, "phi-records"))
    fake.fail(403, asset_type="cloudresourcemanager.googleapis.com/Project")
    result = scan(fake, "buckets")
    assert [r.ref.account for r in result.resources] == [PROD.number]
    assert [(c.collector, c.status) for c in result.coverage] == [("buckets", "ok"), ("projects", "failed")]
    assert not result.complete


def test_a_scan_that_read_nothing_is_an_error(fake: FakeGcp) -> None:
    fake.fail(403)
    with pytest.raises(ScanError, match=r"nothing could be read: AccessDenied: cloudasset.assets.listResource "
                                        r"\(disks in projects/phi-prod\)"):
        scan(fake, "disks", "firewalls")


def test_unreachable_endpoint_is_an_error() -> None:
    """Nothing listens: every listing fails to connect (after retries), and the scan says so."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ScanError, match=r"Unreachable \(ConnectionError\): cloudasset.assets.listResource"):
        scan_gcp(credentials=token(), api_endpoint=f"http://127.0.0.1:{port}", projects=[PROD.id],
                 families=families("disks"), max_attempts=2, backoff=0)


def test_unknown_facts_never_pass(fake: FakeGcp) -> None:
    """Every finding of a scope that could not be listed is UNKNOWN; the other project keeps its verdicts."""
    disks(fake, 1, DEV)
    fake.fail(403, scope=f"projects/{PROD.id}")
    result = scan(fake, projects=[PROD.id, DEV.id])
    scoped = [f for f in result.findings() if f.resource.native_type.startswith("scope:")]
    assert scoped and all(f.status is UNKNOWN for f in scoped)
    assert {f.resource.account for f in scoped} == {PROD.id}
    assert verdicts(result.findings(), ["enc-block-volume-encrypted"]) == set(table("""
        enc-block-volume-encrypted  disk-0000                     PASS
        enc-block-volume-encrypted  disks in projects/phi-prod    UNKNOWN
    """))
    assert reasons(result.findings(), ["enc-block-volume-encrypted"]) == {
        ("enc-block-volume-encrypted", "disks in projects/phi-prod",
         "AccessDenied: cloudasset.assets.listResource (disks in projects/phi-prod)")}


def test_the_token_is_sent_as_a_bearer(fake: FakeGcp, tmp_path) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n")
    scan(fake, "disks", credentials=credentials(path))
    assert {r.authorization for r in fake.requests} == {f"Bearer {TOKEN}"}


def test_endpoints_and_token_files() -> None:
    """The client goes where --api-endpoint says (a Private Service Connect host gets https), and nowhere
    over plain http but loopback; building it sends nothing."""
    assert endpoint("https://cloudasset-phi.p.googleapis.com/") == "https://cloudasset-phi.p.googleapis.com"
    hosts = {e: asset_client(token(), e)._transport._host
             for e in (None, "cloudasset-phi.p.googleapis.com", "https://cloudasset-phi.p.googleapis.com")}
    assert hosts == {None: "https://cloudasset.googleapis.com",
                     "cloudasset-phi.p.googleapis.com": "https://cloudasset-phi.p.googleapis.com",
                     "https://cloudasset-phi.p.googleapis.com": "https://cloudasset-phi.p.googleapis.com"}
    with pytest.raises(AuthConfigError, match="is not https"):
        endpoint("http://cloudasset.example.com")
    with pytest.raises(AuthConfigError, match="cannot read the access token file"):
        credentials("/nonexistent/token")


def test_nothing_to_scan_is_an_error() -> None:
    with pytest.raises(ScanError, match="nothing to scan"):
        scan_gcp(credentials=token(), projects=[], api_endpoint="http://127.0.0.1:9")
