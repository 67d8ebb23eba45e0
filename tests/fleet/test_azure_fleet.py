"""Azure subscriptions as fleet scopes, on threads and on a real Dask cluster (LocalCluster, worker processes):
the real azure-mgmt clients on every worker against one local fake tenant of six subscriptions, one of which
refuses the scanner (403); workers build their credential from their own environment; every subscription's
verdicts are exact; a killed worker's unit is UNKNOWN for exactly its family in exactly its subscription."""

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
from hitrust_policies.fleet.azure import AzureFleetOptions, finish_subscription, merge_subscriptions, run_unit
from hitrust_policies.fleet.plan import Scope, plan_scan, steps_of
from hitrust_policies.fleet.runner import run_plan
from hitrust_policies.sources.live.azure.families import all_families
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.fleet.clusters import Reversed, shape, strict_cluster

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
TLS, DISK = "enc-object-store-tls-only", "enc-block-volume-encrypted"
FAMILIES = ("managed-disks", "storage-accounts")
SUBS = tuple(f"0b1c2d3e-0000-4000-8000-0000000f1e{i:02d}" for i in range(1, 7))
LOCKED = SUBS[-1]
DYING = SUBS[1]  # its storage-accounts unit kills its worker on every try
TOKEN = "eyJ0eXAiOiJKV1QiCOORDINATOR.SECRET.ARM.TOKEN"
REFUSED = "AccessDenied: Microsoft.ResourceGraph/resources/read"


@pytest.fixture(scope="module")
def tenant() -> Iterator[FakeAzure]:
    """Six subscriptions, each with one storage account (https-only on the even ones) and one managed disk;
    the last refuses every query (403 AuthorizationFailed). The workers' token is in the environment."""
    saved = os.environ.get("AZURE_ACCESS_TOKEN")
    os.environ["AZURE_ACCESS_TOKEN"] = TOKEN
    fake = FakeAzure()
    for i, sub in enumerate(SUBS):
        fake.add_subscription(sub, f"phi-{i}")
        fake.add(rows.storage_account(sub, f"records{i}", https_only=i % 2 == 0), rows.managed_disk(sub, f"disk{i}"))
    fake.fail(403, "AuthorizationFailed", subscription=LOCKED, path="resourcegraph")
    with fake:
        yield fake
    if saved is None:
        os.environ.pop("AZURE_ACCESS_TOKEN", None)
    else:
        os.environ["AZURE_ACCESS_TOKEN"] = saved


def options(fake: FakeAzure) -> AzureFleetOptions:
    return AzureFleetOptions(auth="token", arm_endpoint=fake.endpoint, max_attempts=2, backoff=0.0, scan_id="t")


def scan(fake: FakeAzure, executor: Any, work: Any = run_unit, **kwargs: Any) -> Any:
    chosen = [f for f in all_families() if f.name in FAMILIES]
    plan = plan_scan([Scope("azure", s) for s in SUBS], steps_of(chosen), group_by="collector")
    finished: list[Any] = []
    run_plan(plan, functools.partial(work, options=options(fake)), executor,
             lambda scope, outcomes: finished.append(finish_subscription(scope, outcomes)), **kwargs)
    return merge_subscriptions(finished)


def verdicts(result: Any) -> set[tuple[str, str, str, Status]]:
    return {(f.resource.account, f.rule_id, f.resource.name, f.status) for f in result.findings()
            if f.rule_id in (TLS, DISK)}


def expected(dying: bool = False) -> set[tuple[str, str, str, Status]]:
    out = set()
    for i, sub in enumerate(SUBS[:-1]):
        out.add((sub, DISK, f"disk{i}", PASS))
        if dying and sub == DYING:
            out.add((sub, TLS, f"storage-accounts in subscription {sub}", UNKNOWN))
        else:
            out.add((sub, TLS, f"records{i}", PASS if i % 2 == 0 else FAIL))
    return out | {(LOCKED, TLS, f"storage-accounts in subscription {LOCKED}", UNKNOWN),
                  (LOCKED, DISK, f"managed-disks in subscription {LOCKED}", UNKNOWN)}


def test_threads_every_subscription_exact_and_the_refused_one_unknown(tenant: FakeAzure) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        result = scan(tenant, pool, max_per_scope=2)
    assert verdicts(result) == expected()
    assert {f.message for f in result.findings() if f.resource.account == LOCKED and f.rule_id in (TLS, DISK)} == {
        f"{REFUSED} (managed-disks in subscription {LOCKED})", f"{REFUSED} (storage-accounts in subscription {LOCKED})"}
    assert [(c.account, c.collector) for c in result.coverage if c.status == "failed"] == [
        (LOCKED, "managed-disks"), (LOCKED, "storage-accounts")]
    assert result.subscriptions == sorted(SUBS) and result.account == "6 subscriptions" and not result.complete


def test_results_do_not_depend_on_completion_order(tenant: FakeAzure) -> None:
    units = len(SUBS) * len(FAMILIES)
    with ThreadPoolExecutor(max_workers=1) as one, Reversed(units) as backwards:
        serial = scan(tenant, one, max_per_scope=1, open_scopes=1)
        reverse = scan(tenant, backwards, max_per_scope=units, open_scopes=len(SUBS))
    assert shape(serial) == shape(reverse)
    assert verdicts(serial) == expected()


def die_always(unit: Any, options: AzureFleetOptions) -> Any:
    if unit.scope.id == DYING and "storage-accounts" in unit.steps:
        os._exit(1)
    return run_unit(unit, options)


@pytest.fixture(scope="module")
def cluster(tenant: FakeAzure) -> Iterator[Any]:
    """Two worker processes started after AZURE_ACCESS_TOKEN is set: their own environment holds it."""
    with strict_cluster() as client:
        yield client


def test_dask_workers_exact_with_a_refused_subscription_and_a_killed_worker(tenant: FakeAzure, cluster: Any) -> None:
    result = scan(tenant, cluster.get_executor(pure=False), work=die_always, max_per_scope=2, retries=1)
    assert verdicts(result) == expected(dying=True)
    [lost] = [f for f in result.findings()
              if f.resource.account == DYING and f.status is UNKNOWN and f.rule_id == TLS]
    assert lost.message.startswith("KilledWorker") and lost.message.endswith(
        f"(storage-accounts in subscription {DYING})")
    assert [(c.account, c.collector) for c in result.coverage if c.status == "failed"] == [
        (DYING, "storage-accounts"), (LOCKED, "managed-disks"), (LOCKED, "storage-accounts")]


def test_no_credential_of_the_coordinator_enters_a_task(tenant: FakeAzure, cluster: Any) -> None:
    """Every task serialised as Dask serialises it (cloudpickle of function and arguments) holds no token:
    the workers read theirs from their own environment."""
    import cloudpickle

    inner = cluster.get_executor(pure=False)
    shipped: list[bytes] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
            shipped.append(cloudpickle.dumps((fn, args, kwargs)))
            return inner.submit(fn, *args, **kwargs)

    result = scan(tenant, Recording(max_workers=1), max_per_scope=2)
    assert verdicts(result) == expected()  # the workers' own credential did the reading
    assert len(shipped) == len(SUBS) * len(FAMILIES)
    for blob in shipped:
        assert TOKEN.encode() not in blob and b"Bearer" not in blob and b"AZURE_ACCESS_TOKEN" not in blob
    workers_sent = {r.subscriptions for r in tenant.graph_queries() if r.subscriptions}
    assert {s for (s,) in workers_sent} >= set(SUBS)


def test_the_command_line_scans_every_subscription_on_local_dask_workers(tenant: FakeAzure, tmp_path: Path) -> None:
    """`hitrust scan azure --all-subscriptions --workers 2`: the coordinator lists the subscriptions, a new
    local cluster reads them, one merged JSON report with exact verdicts."""
    out = tmp_path / "tenant.json"
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "azure", "--auth", "token",
                           "--arm-endpoint", tenant.endpoint, "--all-subscriptions", "--workers", "2",
                           "--max-per-scope", "2", "--rule", TLS, "--format", "json", "--output", str(out)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "AZURE_ACCESS_TOKEN": TOKEN})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    assert sorted((f["resource"]["account"], f["resource"]["name"], f["status"]) for f in report["findings"]
                  if f["rule_id"] == TLS) == sorted((a, n, s.value) for a, r, n, s in expected() if r == TLS)
    assert report["complete"] is False


def test_workers_without_subscriptions_to_list_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "azure", "--workers", "2",
                           "--from-export", __file__], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--workers / --scheduler distribute a scan of many subscriptions" in proc.stderr


def test_a_management_group_streams_each_subscription_to_the_sink(tenant: FakeAzure) -> None:
    """`--management-group` on the fleet: the coordinator lists the subscriptions below the group (Resource
    Graph's resourcecontainers), each finished subscription's result goes to the sink and is not kept."""
    from hitrust_policies.fleet.azure import scan_subscriptions
    from tests.sources.live.azure.conftest import RecordingToken

    group = "mg-fleet"
    below = SUBS[2:5]
    for sub in below:
        tenant.management_groups[sub.lower()] = [group]
    sunk: list[Any] = []
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            kept = scan_subscriptions(executor=pool, credential=RecordingToken(), auth="token",
                                      arm_endpoint=tenant.endpoint, management_groups=[group],
                                      families=[f for f in all_families() if f.name in FAMILIES], max_attempts=2,
                                      backoff=0.0, sink=sunk.append)
    finally:
        for sub in below:
            tenant.management_groups[sub.lower()] = []
    assert sorted(s for r in sunk for s in r.subscriptions) == sorted(below) == kept.subscriptions
    assert (kept.resources, kept.gaps, kept.coverage) == ([], [], [])
    assert kept.tenant == tenant.tenant_id and kept.account == tenant.tenant_id
    assert set().union(*(verdicts(r) for r in sunk)) == {row for row in expected() if row[0] in below}
