"""GCP projects as fleet scopes, on threads and on a real Dask cluster (LocalCluster, worker processes): the
real google-cloud-asset client on every worker against one local fake organization of six projects below a
folder, one of which refuses the scanner (403); workers read their token from their own file system; every
project's verdicts are exact; a killed worker's unit is UNKNOWN for exactly its family in exactly its project."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from hitrust_policies.findings import Status
from hitrust_policies.fleet.gcp import GcpFleetOptions, finish_project, merge_projects, run_unit, scan_projects
from hitrust_policies.fleet.plan import Scope, plan_scan, steps_of
from hitrust_policies.fleet.runner import run_plan
from hitrust_policies.sources.live.gcp.families import all_families
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.fleet.clusters import Reversed, shape, strict_cluster

pytest.importorskip("google.cloud.asset_v1")

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
DISK, BUCKET = "enc-block-volume-kms", "enc-object-store-kms"
FAMILIES = ("buckets", "disks")
ORG, FOLDER = "805614281031", "301934554120"
PROJECTS = tuple(ga.Project(f"phi-fleet-{i}", f"41827465{i:04d}", folders=(FOLDER,), organization=ORG)
                 for i in range(6))
IDS = tuple(p.id for p in PROJECTS)
LOCKED, DYING = IDS[-1], IDS[1]  # LOCKED refuses every listing; DYING's buckets unit kills its worker every try
OUTSIDE = ga.Project("phi-elsewhere", "735106429884", organization=ORG)  # not below the folder: not scanned
CMEK = "projects/phi-keys/locations/us/keyRings/fleet/cryptoKeys/data"
TOKEN = "ya29.COORDINATOR-AND-WORKER-SECRET-ACCESS-TOKEN"
REFUSED = "AccessDenied: cloudasset.assets.listResource"


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Six projects below FOLDER, each with a disk and a bucket (customer-managed keys on the even ones), and
    one project outside it; the token file the workers read."""
    fake = FakeGcp()
    for i, p in enumerate((*PROJECTS, OUTSIDE)):
        fake.add_project(p.id, p.number)
        key = CMEK if i % 2 == 0 else None
        fake.add(ga.project(p), ga.disk(p, f"disk{i}", kms_key=key), ga.bucket(p, f"{p.id}-records", kms_key=key),
                 ga.bucket_policy(p, f"{p.id}-records"))
    fake.fail(403, scope=f"projects/{LOCKED}")
    token = tmp_path_factory.mktemp("gcp") / "token"
    token.write_text(TOKEN)
    with fake:
        yield {"fake": fake, "token": str(token)}


def options(org: dict[str, Any]) -> GcpFleetOptions:
    return GcpFleetOptions(access_token_file=org["token"], api_endpoint=org["fake"].endpoint, max_attempts=2,
                           backoff=0.0, scan_id="t")


def scan(org: dict[str, Any], executor: Any, work: Any = run_unit, **kwargs: Any) -> Any:
    chosen = [f for f in all_families() if f.name in FAMILIES]
    plan = plan_scan([Scope("gcp", p) for p in IDS], steps_of(chosen), group_by="collector")
    finished: list[Any] = []
    run_plan(plan, functools.partial(work, options=options(org)), executor,
             lambda scope, outcomes: finished.append(finish_project(scope, outcomes)), **kwargs)
    return merge_projects(finished)


def verdicts(result: Any) -> set[tuple[str, str, str, Status]]:
    return {(f.resource.account, f.rule_id, f.resource.name, f.status) for f in result.findings()
            if f.rule_id in (DISK, BUCKET)}


def expected(dying: bool = False) -> set[tuple[str, str, str, Status]]:
    out = set()
    for i, pid in enumerate(IDS[:-1]):
        status = PASS if i % 2 == 0 else FAIL
        out.add((pid, DISK, f"disk{i}", status))
        if dying and pid == DYING:
            out.add((pid, BUCKET, f"buckets in projects/{pid}", UNKNOWN))
        else:
            out.add((pid, BUCKET, f"{pid}-records", status))
    return out | {(LOCKED, DISK, f"disks in projects/{LOCKED}", UNKNOWN),
                  (LOCKED, BUCKET, f"buckets in projects/{LOCKED}", UNKNOWN)}


def test_threads_every_project_exact_and_the_refused_one_unknown(org: dict[str, Any]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        result = scan(org, pool, max_per_scope=2)
    assert verdicts(result) == expected()
    assert {f.message for f in result.findings() if f.resource.account == LOCKED and f.rule_id in (DISK, BUCKET)} == {
        f"{REFUSED} (disks in projects/{LOCKED})", f"{REFUSED} (buckets in projects/{LOCKED})"}
    assert [(c.account, c.collector) for c in result.coverage if c.status == "failed"] == [
        (f"projects/{LOCKED}", "buckets"), (f"projects/{LOCKED}", "disks"), (f"projects/{LOCKED}", "projects")]
    assert result.scopes == [f"projects/{p}" for p in sorted(IDS)] and not result.complete


def test_results_do_not_depend_on_completion_order(org: dict[str, Any]) -> None:
    units = len(IDS) * len(FAMILIES)
    with ThreadPoolExecutor(max_workers=1) as one, Reversed(units) as backwards:
        serial = scan(org, one, max_per_scope=1, open_scopes=1)
        reverse = scan(org, backwards, max_per_scope=units, open_scopes=len(IDS))
    assert shape(serial) == shape(reverse)
    assert verdicts(serial) == expected()


def die_always(unit: Any, options: GcpFleetOptions) -> Any:
    if unit.scope.id == DYING and "buckets" in unit.steps:
        os._exit(1)
    return run_unit(unit, options)


@pytest.fixture(scope="module")
def cluster(org: dict[str, Any]) -> Iterator[Any]:
    with strict_cluster() as client:
        yield client


def test_dask_workers_exact_with_a_refused_project_and_a_killed_worker(org: dict[str, Any], cluster: Any) -> None:
    result = scan(org, cluster.get_executor(pure=False), work=die_always, max_per_scope=2, retries=1)
    assert verdicts(result) == expected(dying=True)
    [lost] = [f for f in result.findings()
              if f.resource.account == DYING and f.status is UNKNOWN and f.rule_id == BUCKET]
    assert lost.message.startswith("KilledWorker") and lost.message.endswith(f"(buckets in projects/{DYING})")
    assert [(c.account, c.collector) for c in result.coverage if c.status == "failed"] == [
        (f"projects/{DYING}", "buckets"), (f"projects/{LOCKED}", "buckets"), (f"projects/{LOCKED}", "disks"),
        (f"projects/{LOCKED}", "projects")]


def test_no_credential_of_the_coordinator_enters_a_task(org: dict[str, Any], cluster: Any) -> None:
    """The coordinator lists the folder's projects with its own credential; every task serialised as Dask
    serialises it holds no token, only the token file's path the workers read themselves."""
    import cloudpickle
    from google.oauth2.credentials import Credentials

    inner = cluster.get_executor(pure=False)
    shipped: list[bytes] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
            shipped.append(cloudpickle.dumps((fn, args, kwargs)))
            return inner.submit(fn, *args, **kwargs)

    fake = org["fake"]
    families = [f for f in all_families() if f.name in FAMILIES]
    result = scan_projects(executor=Recording(max_workers=1), credentials=Credentials(token=TOKEN),
                           access_token_file=org["token"], folders=[FOLDER], api_endpoint=fake.endpoint,
                           families=families, max_attempts=2, backoff=0.0, max_per_scope=2)
    assert verdicts(result) == expected()  # the workers' own token did the reading; OUTSIDE was not scanned
    assert len(shipped) == len(IDS) * len(FAMILIES)
    for blob in shipped:
        assert TOKEN.encode() not in blob and b"ya29." not in blob
    assert {r.authorization for r in fake.listings()} == {f"Bearer {TOKEN}"}


def test_the_command_line_scans_a_folder_on_local_dask_workers(org: dict[str, Any], tmp_path: Path) -> None:
    """`hitrust scan gcp --folder N --workers 2`: the coordinator lists the folder's projects, a new local
    cluster reads each project, one merged JSON report with exact verdicts."""
    out = tmp_path / "folder.json"
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "gcp", "--folder", FOLDER,
                           "--access-token-file", org["token"], "--api-endpoint", org["fake"].endpoint,
                           "--workers", "2", "--max-per-scope", "2", "--rule", DISK, "--format", "json",
                           "--output", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    assert sorted((f["resource"]["account"], f["resource"]["name"], f["status"]) for f in report["findings"]
                  if f["rule_id"] == DISK) == sorted((a, n, s.value) for a, r, n, s in expected() if r == DISK)
    assert report["complete"] is False


def test_workers_with_an_export_is_a_usage_error(tmp_path: Path) -> None:
    export = tmp_path / "assets.json"
    export.write_text("[]")
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "gcp", "--workers", "2",
                           "--from-export", str(export)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--workers / --scheduler distribute a scan of many projects" in proc.stderr


def test_an_organization_on_the_fleet_reports_what_the_thread_scan_reports(tmp_path: Path) -> None:
    """Every family, `--organization` on the fleet and on threads: the same findings, ids, statuses and reasons.
    Projects are read alone; the hierarchy's families run once at the organization, so a project's audit
    logging is judged with the configuration its organization and folder set (prod inherits ADMIN_READ: PASS;
    dev exempts a member: FAIL), not left UNKNOWN as a project-by-project read would leave it."""
    from google.oauth2.credentials import Credentials

    from hitrust_policies.sources.live.gcp.scan import scan_gcp

    prod = ga.Project("phi-prod", "418274650321", folders=(FOLDER,), organization=ORG)
    dev = ga.Project("phi-dev", "735106429884", organization=ORG)
    lab = ga.Project("phi-lab", "735106429999", folders=(FOLDER,), organization=ORG)
    fake = FakeGcp()
    for p in (prod, dev, lab):
        fake.add_project(p.id, p.number)
        fake.add(ga.project(p), *ga.default_sinks(p), ga.disk(p, f"{p.id}-disk"), ga.bucket(p, f"{p.id}-records"),
                 ga.bucket_policy(p, f"{p.id}-records"), ga.firewall(p, "ssh"))
    fake.add(ga.organization(prod), ga.folder(prod, FOLDER),
             ga.iam_policy(prod, ("roles/owner", ["group:admins@example.org"]), scope=f"organizations/{ORG}",
                           audit=[ga.audit_config("allServices", "ADMIN_READ")]),
             ga.iam_policy(prod, ("roles/browser", ["group:eng@example.org"]), scope=f"folders/{FOLDER}"),
             ga.iam_policy(prod, ("roles/editor", ["user:ana@example.org"])),
             ga.iam_policy(dev, ("roles/viewer", ["group:care@example.org"]), audit=[ga.audit_config(
                 "allServices", "ADMIN_READ", exempt={"ADMIN_READ": ["user:ci@example.org"]})]),
             ga.log_sink(lab, "everything", f"storage.googleapis.com/{prod.id}-records"))
    token = tmp_path / "token"
    token.write_text(TOKEN)
    with fake:
        threads = scan_gcp(credentials=Credentials(token=TOKEN), organizations=[ORG], api_endpoint=fake.endpoint,
                           max_attempts=2, backoff=0.0)
        with ThreadPoolExecutor(max_workers=4) as pool:
            fleet = scan_projects(executor=pool, credentials=Credentials(token=TOKEN), access_token_file=str(token),
                                  organizations=[ORG], api_endpoint=fake.endpoint, max_attempts=2, backoff=0.0)
    def findings(r: Any) -> list[tuple[str, Status, str]]:
        return sorted((f.id, f.status, f.message) for f in r.findings())

    assert findings(fleet) == findings(threads)
    assert fleet.complete and threads.complete
    audit = {(f.resource.name, f.status) for f in fleet.findings() if f.rule_id == "log-audit-coverage-multi-region"}
    assert audit == {(prod.id, PASS), (dev.id, FAIL), (lab.id, PASS)}
    assert fleet.scopes == [f"organizations/{ORG}", f"projects/{dev.id}", f"projects/{lab.id}", f"projects/{prod.id}"]
    hierarchy = {f.name for f in all_families() if f.hierarchy}
    assert {c.collector for c in fleet.coverage if c.account == f"organizations/{ORG}"} == hierarchy
    assert not {c.collector for c in fleet.coverage if c.account.startswith("projects/")} & hierarchy


def test_each_project_streams_to_the_sink(org: dict[str, Any]) -> None:
    """With a sink, each finished project's result goes to it and is not kept; `--project` scopes given alone
    are read for every chosen family."""
    from google.oauth2.credentials import Credentials

    sunk: list[Any] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        kept = scan_projects(executor=pool, credentials=Credentials(token=TOKEN), access_token_file=org["token"],
                             projects=[IDS[0], f"projects/{IDS[2]}"], api_endpoint=org["fake"].endpoint,
                             families=[f for f in all_families() if f.name in FAMILIES], max_attempts=2,
                             backoff=0.0, sink=sunk.append)
    assert sorted(s for r in sunk for s in r.scopes) == [f"projects/{IDS[0]}", f"projects/{IDS[2]}"]  # as finished
    assert kept.scopes == [f"projects/{IDS[0]}", f"projects/{IDS[2]}"]
    assert (kept.resources, kept.gaps, kept.coverage) == ([], [], [])
    assert set().union(*(verdicts(r) for r in sunk)) == {row for row in expected() if row[0] in (IDS[0], IDS[2])}


def test_projects_pending_deletion_are_not_planned() -> None:
    """Cloud Asset still lists a project pending deletion below its folder: the coordinator leaves it out."""
    from collections import Counter

    from google.oauth2.credentials import Credentials

    from hitrust_policies.fleet.gcp import projects_below
    from hitrust_policies.sources.live.gcp.auth import asset_client
    from hitrust_policies.sources.live.gcp.scan import Lister

    fake = FakeGcp()
    leaving = ga.Project("phi-leaving", "418274659999", folders=(FOLDER,), organization=ORG)
    for p in (PROJECTS[0], leaving):
        fake.add_project(p.id, p.number)
        fake.add(ga.project(p))
    fake.resources[ga.project(leaving)["name"]]["resource"]["data"]["lifecycleState"] = "DELETE_REQUESTED"
    with fake:
        lister = Lister(asset_client(Credentials(token=TOKEN), fake.endpoint), 1, 0.0)
        calls: Counter[str] = Counter()
        assert projects_below(lister, [f"folders/{FOLDER}"], calls) == [PROJECTS[0].id]
        assert calls == Counter({"cloudasset.assets.listResource": 1})
