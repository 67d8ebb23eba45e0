"""AWS organization scans in units, on threads and on a real Dask cluster (LocalCluster, worker processes):
a moto server holds the organization, a loopback proxy refuses one member's role, workers assume roles
themselves, and every account's verdicts are exact; a killed worker's unit is retried or reported UNKNOWN."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest

from hitrust_policies.findings import Status
from hitrust_policies.fleet.aws import AwsFleetOptions, finish_account, merge_accounts, run_unit
from hitrust_policies.fleet.plan import Scope, plan_scan, steps_of
from hitrust_policies.fleet.runner import run_plan
from hitrust_policies.sources.live.aws.accounts import assumed_session
from hitrust_policies.sources.live.aws.collector import all_collectors
from hitrust_policies.testing.aws_proxy import AwsProxy
from tests.fleet.clusters import strict_cluster

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
RULE = "enc-block-volume-encrypted"
MANAGEMENT = "123456789012"  # moto's default account: the organization's management account
REGIONS = ("us-east-1", "us-west-2")
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def organization() -> Iterator[dict[str, object]]:
    """A moto server with an organization of three members: prod (encrypted volume), dev (unencrypted
    volume in us-west-2) and locked (its role refuses the scanner, at the proxy)."""
    from moto.server import ThreadedMotoServer

    saved = {k: os.environ.get(k) for k in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{server._server.server_port}"
    session = boto3.Session(region_name="us-east-1")
    org = session.client("organizations", endpoint_url=url)
    org.create_organization(FeatureSet="ALL")
    prod, dev, locked = (org.create_account(AccountName=n, Email=f"{n}@example.com")["CreateAccountStatus"]
                         ["AccountId"] for n in ("prod", "dev", "locked"))

    def volume(account: str, region: str, name: str, encrypted: bool) -> None:
        member = assumed_session(session, f"arn:aws:iam::{account}:role/hitrust-scanner", endpoint_url=url)
        member.client("ec2", region_name=region, endpoint_url=url).create_volume(
            Size=8, AvailabilityZone=f"{region}a", Encrypted=encrypted,
            TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])

    volume(prod, "us-east-1", "prod-data", True)
    volume(dev, "us-west-2", "dev-scratch", False)
    volume(locked, "us-east-1", "locked-data", True)
    proxy = AwsProxy(url, refused=frozenset({locked})).start()
    yield {"url": proxy.endpoint, "prod": prod, "dev": dev, "locked": locked, "proxy": proxy}
    proxy.stop()
    server.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def scan(org: dict[str, object], executor, work=run_unit, **kwargs):  # noqa: ANN001, ANN201
    chosen = [c for c in all_collectors() if c.name in ("ec2-volumes", "iam-password-policy")]
    accounts = [Scope("aws", str(org[n])) for n in ("prod", "dev", "locked")]
    plan = plan_scan(accounts, steps_of(chosen), REGIONS)
    options = AwsFleetOptions(endpoint_url=str(org["url"]), regions=REGIONS)
    finished = []
    run_plan(plan, functools.partial(work, options=options), executor,
             lambda scope, outcomes: finished.append(finish_account(scope, outcomes, options)), **kwargs)
    return plan, merge_accounts(finished)


def verdicts(result) -> set[tuple[str, str, str, Status]]:  # noqa: ANN001
    return {(f.resource.account, f.rule_id, f.resource.name, f.status) for f in result.findings()
            if f.rule_id in (RULE, "iam-password-policy-strong")}


def expected(org: dict[str, object], locked_reason_rows: bool = True) -> set[tuple[str, str, str, Status]]:
    prod, dev, locked = org["prod"], org["dev"], org["locked"]
    rows = {(prod, RULE, "prod-data", PASS), (dev, RULE, "dev-scratch", FAIL),
            (prod, "iam-password-policy-strong", f"password-policy-{prod}", FAIL),
            (dev, "iam-password-policy-strong", f"password-policy-{dev}", FAIL)}
    if locked_reason_rows:
        rows |= {(locked, RULE, "ec2-volumes in us-east-1", UNKNOWN),
                 (locked, RULE, "ec2-volumes in us-west-2", UNKNOWN),
                 (locked, "iam-password-policy-strong", "iam-password-policy in all regions", UNKNOWN)}
    return rows


def test_threads_every_account_exact_and_the_refused_one_unknown(organization: dict[str, object]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        plan, result = scan(organization, pool, max_per_scope=2)
    assert verdicts(result) == expected(organization)
    locked = str(organization["locked"])
    reason = f"AccessDenied: sts:AssumeRole arn:aws:iam::{locked}:role/hitrust-scanner"
    assert {f.message for f in result.findings() if f.resource.account == locked} == {
        f"{reason} (ec2-volumes in us-east-1)", f"{reason} (ec2-volumes in us-west-2)",
        f"{reason} (iam-password-policy in all regions)"}
    assert not result.complete
    assert result.account == ",".join(sorted(str(organization[n]) for n in ("prod", "dev", "locked")))
    # one process: each readable account assumed its role and checked it once, whatever its units
    assert result.calls["sts:GetCallerIdentity"] == 2 and result.calls["sts:AssumeRole"] == 2
    assert result.calls["ec2:DescribeVolumes"] == 4  # 2 accounts x 2 regions, each counted once


def test_results_do_not_depend_on_completion_order(organization: dict[str, object]) -> None:
    with ThreadPoolExecutor(max_workers=1) as one, ThreadPoolExecutor(max_workers=6) as six:
        _, serial = scan(organization, one, max_per_scope=1, open_scopes=1)
        _, wide = scan(organization, six, max_per_scope=4)
    def shape(r):  # noqa: ANN001, ANN202
        return ([(f.id, f.status, f.message) for f in r.findings()],
                [(c.account, c.collector, c.region, c.status) for c in r.coverage])
    assert shape(serial) == shape(wide)


def die_always(unit, options):  # noqa: ANN001, ANN201
    if unit.region == "us-west-2" and "ec2-volumes" in unit.steps and unit.scope.id == os.environ["FLEET_DEV"]:
        os._exit(1)
    return run_unit(unit, options)


@pytest.fixture(scope="module")
def cluster(organization: dict[str, object]) -> Iterator[object]:
    os.environ["FLEET_DEV"] = str(organization["dev"])
    with strict_cluster() as client:
        yield client
    os.environ.pop("FLEET_DEV", None)


def test_dask_workers_scan_every_account_exactly(organization: dict[str, object], cluster) -> None:  # noqa: ANN001
    _, result = scan(organization, cluster.get_executor(pure=False), max_per_scope=2)
    assert verdicts(result) == expected(organization)
    assert len(cluster.scheduler_info()["workers"]) == 2


def test_a_unit_whose_worker_keeps_dying_is_unknown_for_exactly_that_unit(organization: dict[str, object],
                                                                         cluster) -> None:  # noqa: ANN001
    _, result = scan(organization, cluster.get_executor(pure=False), work=die_always, max_per_scope=2, retries=1)
    dev = str(organization["dev"])
    rows = expected(organization) - {(dev, RULE, "dev-scratch", FAIL)}
    rows |= {(dev, RULE, "ec2-volumes in us-west-2", UNKNOWN)}
    assert verdicts(result) == rows
    [lost] = [f for f in result.findings() if f.resource.account == dev and f.status is UNKNOWN and f.rule_id == RULE]
    assert lost.message.startswith("KilledWorker") and lost.message.endswith("(ec2-volumes in us-west-2)")
    assert [(c.collector, c.region) for c in result.coverage if c.account == dev and c.status == "failed"] == [
        ("ec2-volumes", "us-west-2")]


def test_unit_failures_are_retried_then_reported(organization: dict[str, object]) -> None:
    attempts: list[str] = []

    def flaky(unit, options):  # noqa: ANN001, ANN202
        attempts.append(unit.key)
        if unit.region == "us-east-1" and unit.scope.id == organization["prod"] and attempts.count(unit.key) == 1:
            raise ConnectionResetError("worker lost its connection")
        return run_unit(unit, options)

    with ThreadPoolExecutor(max_workers=2) as pool:
        _, result = scan(organization, pool, work=flaky, retries=1)
    assert verdicts(result) == expected(organization)
    assert attempts.count(f"aws:{organization['prod']}/us-east-1/ec2") == 2
    def broken(unit, options):  # noqa: ANN001, ANN202
        if unit.region == "us-east-1" and unit.scope.id == organization["prod"]:
            raise ConnectionResetError("worker lost its connection")
        return run_unit(unit, options)

    with ThreadPoolExecutor(max_workers=2) as pool:
        _, result = scan(organization, pool, work=broken, retries=2)
    prod = str(organization["prod"])
    assert (prod, RULE, "ec2-volumes in us-east-1", UNKNOWN) in verdicts(result)
    assert (prod, RULE, "prod-data", PASS) not in verdicts(result)
    assert {f.message for f in result.findings() if f.resource.account == prod and f.status is UNKNOWN} == {
        "ConnectionResetError: worker lost its connection (ec2-volumes in us-east-1)"}


def test_no_credential_of_the_coordinator_enters_a_task(organization: dict[str, object], cluster,  # noqa: ANN001
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every task is serialised as Dask serialises it (cloudpickle of the function and its arguments) and
    searched for the coordinator's keys: workers make their own credentials, nothing is shipped."""
    import cloudpickle

    secret, token = "Coordinator/Secret+Key/0123456789abcdefEXAMPLE", "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    monkeypatch.setenv("AWS_SESSION_TOKEN", token)
    inner = cluster.get_executor(pure=False)
    shipped: list[bytes] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
            shipped.append(cloudpickle.dumps((fn, args, kwargs)))
            return inner.submit(fn, *args, **kwargs)

    _, result = scan(organization, Recording(max_workers=1), max_per_scope=2)
    assert verdicts(result) == expected(organization)  # the workers' own credentials did the reading
    assert len(shipped) == 9  # 3 accounts x (2 regions of ec2 + 1 global iam)
    for blob in shipped:
        assert secret.encode() not in blob and token.encode() not in blob and b"SessionToken" not in blob


def test_the_command_line_runs_an_organization_on_local_dask_workers(organization: dict[str, object],
                                                                    tmp_path: Path) -> None:
    """`hitrust scan aws --organization --workers 2`: the member list from Organizations (the management
    account is a member too), a new local cluster, one merged JSON report with exact verdicts."""
    out = tmp_path / "org.json"
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "aws", "--endpoint-url",
                           str(organization["url"]), "--regions", ",".join(REGIONS), "--organization",
                           "--workers", "2", "--max-per-scope", "2", "--rule", RULE, "--format", "json",
                           "--output", str(out)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **CREDENTIALS})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    prod, dev, locked = (str(organization[n]) for n in ("prod", "dev", "locked"))
    assert sorted((f["resource"]["account"], f["resource"]["name"], f["status"]) for f in report["findings"]
                  if f["rule_id"] == RULE) == sorted([
        (prod, "prod-data", "PASS"), (dev, "dev-scratch", "FAIL"),
        (locked, "ec2-volumes in us-east-1", "UNKNOWN"), (locked, "ec2-volumes in us-west-2", "UNKNOWN")])
    assert report["account"] == ",".join(sorted((MANAGEMENT, prod, dev, locked)))
    assert report["complete"] is False


def test_workers_without_accounts_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "aws", "--workers", "2"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--workers / --scheduler distribute an organization scan: add --accounts or --organization" in proc.stderr


def _streamed_and_kept(org: dict[str, object], executor, entries, **kwargs):  # noqa: ANN001, ANN201
    """One scan whose finished accounts go both to a `ScopeReports` sink (evaluated and spilled to disk as
    they finish) and to a list (the in-memory path): the two reports of the same accounts."""
    from hitrust_policies.fleet.stream import ScopeReports

    chosen = [c for c in all_collectors() if c.name in ("ec2-volumes", "iam-password-policy")]
    plan = plan_scan([Scope("aws", str(org[n])) for n in ("prod", "dev", "locked")], steps_of(chosen), REGIONS)
    options = AwsFleetOptions(endpoint_url=str(org["url"]), regions=REGIONS)
    sink, kept = ScopeReports(None, entries, resources=True), []

    def on_scope(scope, outcomes):  # noqa: ANN001, ANN202
        result = finish_account(scope, outcomes, options)
        kept.append(result)
        sink(result)

    run_plan(plan, functools.partial(run_unit, options=options), executor, on_scope, **kwargs)
    merged = merge_accounts(kept)
    header = merge_accounts([type(r)(r.provider, r.account, r.regions, [], [], [], r.calls) for r in kept])
    return sink, sink.scan(header), merged


def _documents(scan, findings, suppressions, tmp: Path) -> dict[str, bytes]:  # noqa: ANN001
    """Every report format and every evidence file of one run, as bytes."""
    import io

    from hitrust_policies.outputs.destinations import meta_for
    from hitrust_policies.outputs.evidence import write_evidence
    from hitrust_policies.outputs.formats import FORMATS
    from hitrust_policies.outputs.run import ReportRun

    run = ReportRun.of(scan, findings, meta_for(scan, "scan aws"), None, suppressions)
    out = {}
    for name, fmt in FORMATS.items():
        buf = io.StringIO()
        fmt.write(buf, run)
        out[name] = buf.getvalue().encode()
    bundle = write_evidence(tmp, run, scan.resources)
    out.update({f"evidence/{p.name}": p.read_bytes() for p in sorted(bundle.iterdir())})
    return out


def test_reports_written_scope_by_scope_are_the_bytes_of_the_in_memory_report(
        organization: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming changes where findings wait (on disk, scope by scope), not what is reported: every format and
    the evidence bundle are byte-identical to the in-memory report of the same accounts, suppressions
    included; and the streamed bytes do not depend on the order the accounts finished in."""
    from hitrust_policies.suppressions import apply, load

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path = tmp_path / "accepted.yaml"
    path.write_text(json.dumps({"suppressions": [
        {"rule": RULE, "name": "dev-scratch", "reason": "scratch disk, no PHI",
         "owner": "platform@example.com", "ticket": "SEC-9", "expires": "2099-12-31"},
        {"rule": "iam-password-policy-strong", "name": "nothing-matches", "reason": "unused",
         "owner": "platform@example.com", "ticket": "SEC-10", "expires": "2099-12-31"}]}))
    entries = load(path)
    with ThreadPoolExecutor(max_workers=6) as six, ThreadPoolExecutor(max_workers=1) as one:
        sink, streamed, merged = _streamed_and_kept(organization, six, entries, max_per_scope=4)
        other, reversed_order, _ = _streamed_and_kept(organization, one, entries, max_per_scope=1, open_scopes=1)
    findings, report = apply(merged.findings(), entries)
    in_memory = _documents(merged, findings, report, tmp_path / "memory")
    written = _documents(streamed, streamed.evaluated, streamed.suppressions, tmp_path / "streamed")
    assert sorted(written) == sorted(in_memory) and "evidence/resources.jsonl" in written
    assert [name for name in in_memory if written[name] != in_memory[name]] == []
    again = _documents(reversed_order, reversed_order.evaluated, reversed_order.suppressions, tmp_path / "again")
    assert [name for name in again if again[name] != written[name]] == []
    doc = json.loads(written["json"])
    dev = str(organization["dev"])
    assert [(f["resource"]["account"], f["status"], f["suppressed"]) for f in doc["findings"]
            if f["resource"]["name"] == "dev-scratch" and f["rule_id"] == RULE] == [(dev, "FAIL", True)]
    assert [r["matched"] for r in doc["suppressions"]] == [1, 0]
    assert len(streamed.evaluated) == len(findings) and streamed.complete is False
    sink.close()
    other.close()


def test_the_benchmark_proxy_replays_an_accounts_answers_and_never_mixes_accounts(
        organization: dict[str, object]) -> None:
    """Replay takes moto's CPU out of a benchmark, never the account boundary: a read asked again with the same
    account's credentials gets moto's first answer; the same read with another account's key goes to moto."""
    upstream = str(organization["proxy"].upstream)
    proxy = AwsProxy(upstream, replay=True).start()
    try:
        session = boto3.Session(region_name="us-east-1")
        names = {}
        for n in ("prod", "dev"):
            member = assumed_session(session, f"arn:aws:iam::{organization[n]}:role/hitrust-scanner",
                                     endpoint_url=proxy.endpoint)
            ec2 = member.client("ec2", region_name="us-east-1", endpoint_url=proxy.endpoint)
            first = ec2.describe_volumes()["Volumes"]
            again = member.client("ec2", region_name="us-east-1", endpoint_url=proxy.endpoint).describe_volumes()
            names[n] = (first, again["Volumes"])
        assert names["prod"][0] == names["prod"][1] and len(names["prod"][0]) == 1
        assert names["dev"][0] == names["dev"][1] == []  # dev's volume is in us-west-2: not prod's answer
        assert proxy.replayed == 2 and proxy.requests["AssumeRole"] == 2
    finally:
        proxy.stop()
