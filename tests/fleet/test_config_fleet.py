"""An organization scan on the AWS Config fast path: a moto server holds three member accounts, the Config fake
holds what their recorders recorded, and the coordinator reads the aggregator once per type. Verdicts and
finding ids equal the direct scan's; coverage says which path each account and region took; a source the
aggregator no longer reaches and an account it does not cover are read directly; an unreadable aggregator
falls back to the direct path for everything."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import pytest

from hitrust_policies.findings import Status
from hitrust_policies.fleet.aws import scan_organization
from hitrust_policies.sources.live.aws.accounts import CONFIG_CALLS, assumed_session
from hitrust_policies.sources.live.aws.collector import all_collectors
from hitrust_policies.sources.live.aws.scan import ScanResult
from hitrust_policies.testing.aws_proxy import AwsProxy
from hitrust_policies.testing.config_fake import ConfigFake, Fault, record_account

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
REGIONS = ("us-east-1", "us-west-2")
CAPTURED = "2026-11-30T03:15:00.000Z"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
COLLECTORS = ("ec2-volumes", "ec2-security-groups", "iam-password-policy")
RULES = ("enc-block-volume-encrypted", "net-ingress-rule-admin-ports", "iam-password-policy-strong")


@pytest.fixture(scope="module")
def organization() -> Iterator[dict[str, Any]]:
    """prod (encrypted volume, SSH open to the world), dev (unencrypted volume in us-west-2, whose aggregator
    source FAILED) and locked (its role refuses the scanner at the proxy; the aggregator has no source for it)."""
    from moto.server import ThreadedMotoServer

    saved = {k: os.environ.get(k) for k in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{server._server.server_port}"
    reset = functools.partial(urllib.request.urlopen, urllib.request.Request(f"{url}/moto-api/reset", method="POST"))
    reset()  # moto's state is per process, not per server: another module's organization may still be there
    session = boto3.Session(region_name="us-east-1")
    org = session.client("organizations", endpoint_url=url)
    org.create_organization(FeatureSet="ALL")
    prod, dev, locked = (org.create_account(AccountName=n, Email=f"{n}@example.com")["CreateAccountStatus"]
                         ["AccountId"] for n in ("prod", "dev", "locked"))
    members = {a: assumed_session(session, f"arn:aws:iam::{a}:role/hitrust-scanner", endpoint_url=url)
               for a in (prod, dev, locked)}

    def volume(account: str, region: str, name: str, encrypted: bool) -> None:
        members[account].client("ec2", region_name=region, endpoint_url=url).create_volume(
            Size=8, AvailabilityZone=f"{region}a", Encrypted=encrypted,
            TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])

    volume(prod, "us-east-1", "prod-data", True)
    volume(dev, "us-west-2", "dev-scratch", False)
    volume(locked, "us-east-1", "locked-data", True)
    ec2 = members[prod].client("ec2", region_name="us-east-1", endpoint_url=url)
    group = ec2.create_security_group(GroupName="bastion", Description="ssh")["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    items = [ci for a in (prod, dev) for ci in record_account(members[a], a, REGIONS, CAPTURED, url)]
    proxy = AwsProxy(url, refused=frozenset({locked})).start()
    yield {"url": proxy.endpoint, "prod": prod, "dev": dev, "locked": locked, "items": items}
    proxy.stop()
    reset()
    server.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def fake_for(org: dict[str, Any]) -> ConfigFake:
    fake = ConfigFake(items=list(org["items"]))
    fake.add_sources([org["prod"]], REGIONS)
    fake.add_sources([org["dev"]], ["us-east-1"])
    fake.add_sources([org["dev"]], ["us-west-2"], status="FAILED")
    return fake


def scan(org: dict[str, Any], **kwargs: Any) -> ScanResult:
    chosen = [c for c in all_collectors() if c.name in COLLECTORS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return scan_organization(executor=pool, accounts=[org["prod"], org["dev"], org["locked"]],
                                 regions=REGIONS, collectors=chosen, endpoint_url=org["url"], **kwargs)


def verdicts(result: ScanResult) -> set[tuple[str, str, str, Status, str]]:
    return {(f.resource.account or "", f.rule_id, f.resource.name, f.status, f.id) for f in result.findings()
            if f.rule_id in RULES}


def paths(result: ScanResult) -> set[tuple[str, str, str, str, str]]:
    return {(c.account, c.collector, c.region, c.status, c.path) for c in result.coverage
            if c.collector.startswith("ec2-")}


@pytest.fixture(scope="module")
def direct(organization: dict[str, Any]) -> ScanResult:
    return scan(organization)


def test_config_path_same_verdicts_and_ids_as_the_direct_path(organization: dict[str, Any],
                                                              direct: ScanResult) -> None:
    prod, dev, locked = organization["prod"], organization["dev"], organization["locked"]
    with fake_for(organization) as fake:
        config = scan(organization, config_aggregator="org", config_endpoint_url=fake.endpoint)
        queries = dict(fake.requests)
    assert verdicts(config) == verdicts(direct)
    assert {(a, r, n, s) for a, r, n, s, _ in verdicts(config)} == {
        (prod, "enc-block-volume-encrypted", "prod-data", PASS),
        (dev, "enc-block-volume-encrypted", "dev-scratch", FAIL),
        (prod, "net-ingress-rule-admin-ports", "bastion", FAIL),
        (prod, "iam-password-policy-strong", f"password-policy-{prod}", FAIL),
        (dev, "iam-password-policy-strong", f"password-policy-{dev}", FAIL),
        (locked, "enc-block-volume-encrypted", "ec2-volumes in us-east-1", UNKNOWN),
        (locked, "enc-block-volume-encrypted", "ec2-volumes in us-west-2", UNKNOWN),
        (locked, "net-ingress-rule-admin-ports", "ec2-security-groups in us-east-1", UNKNOWN),
        (locked, "net-ingress-rule-admin-ports", "ec2-security-groups in us-west-2", UNKNOWN),
        (locked, "iam-password-policy-strong", "iam-password-policy in all regions", UNKNOWN)}
    # one query per type for the organization (recorders, groups, keys, volumes) and one source listing
    assert queries == {"SelectAggregateResourceConfig": 4, "DescribeConfigurationAggregatorSourcesStatus": 1}
    # prod everywhere and dev in us-east-1 from Config; dev's failed source and the uncovered account directly
    ok = "ok"
    assert paths(config) == {
        *((prod, c, r, ok, "config") for c in ("ec2-security-groups", "ec2-volumes") for r in REGIONS),
        *((dev, c, "us-east-1", ok, "config") for c in ("ec2-security-groups", "ec2-volumes")),
        *((dev, c, "us-west-2", ok, "api") for c in ("ec2-security-groups", "ec2-volumes")),
        *((locked, c, r, "failed", "api") for c in ("ec2-security-groups", "ec2-volumes") for r in REGIONS)}
    assert direct.calls["ec2:DescribeVolumes"] == 4 and config.calls["ec2:DescribeVolumes"] == 1
    # the coordinator's Config calls are the ones its shipped policy grants
    assert {k: v for k, v in config.calls.items() if k.startswith("config:")} == {
        "config:SelectAggregateResourceConfig": 4, "config:DescribeConfigurationAggregatorSourcesStatus": 1}
    assert {k for k in config.calls if k.startswith("config:")} <= set(CONFIG_CALLS)
    assert {f.resource.observed_at for f in config.findings() if f.resource.account == prod
            and f.rule_id != "iam-password-policy-strong"} == {CAPTURED}


def test_an_unreadable_aggregator_falls_back_to_the_direct_path(organization: dict[str, Any],
                                                                direct: ScanResult) -> None:
    """The direct path reads the same facts, so a denied aggregator costs time, not findings: exact verdicts,
    every coverage row read directly."""
    with fake_for(organization) as fake:
        fake.faults.append(Fault("AccessDeniedException", "not authorized"))
        config = scan(organization, config_aggregator="org", config_endpoint_url=fake.endpoint)
    assert verdicts(config) == verdicts(direct)
    assert {p[-1] for p in paths(config)} == {"api"}
    assert paths(config) == paths(direct)


def test_an_account_config_covers_wholly_runs_no_unit(organization: dict[str, Any]) -> None:
    """Only replaced collectors chosen and every region covered: the account's plan is empty, its result is
    Config's alone, and no call reaches the account (no role assumed, no Describe)."""
    prod = organization["prod"]
    chosen = [c for c in all_collectors() if c.name in ("ec2-volumes", "ec2-security-groups")]
    with fake_for(organization) as fake, ThreadPoolExecutor(max_workers=2) as pool:
        result = scan_organization(executor=pool, accounts=[prod], regions=REGIONS, collectors=chosen,
                                   endpoint_url=organization["url"], config_aggregator="org",
                                   config_endpoint_url=fake.endpoint)
    assert {(f.rule_id, f.resource.name, f.status) for f in result.findings() if f.rule_id in RULES} == {
        ("enc-block-volume-encrypted", "prod-data", PASS), ("net-ingress-rule-admin-ports", "bastion", FAIL)}
    assert {c.path for c in result.coverage} == {"config"} and result.complete
    assert set(result.calls) == {"config:SelectAggregateResourceConfig",
                                 "config:DescribeConfigurationAggregatorSourcesStatus"}


@pytest.mark.parametrize("where", [(), ("--workers", "1")], ids=["threads", "dask"])
def test_the_command_line_reads_the_aggregator_on_threads_and_on_dask(organization: dict[str, Any], tmp_path: Path,
                                                                       where: tuple[str, ...]) -> None:
    """`hitrust scan aws --accounts ... --config-aggregator org`: exact verdicts, capture times and each coverage
    row's path in the JSON report, whether the units run on threads or on a local Dask cluster."""
    prod, dev, locked = organization["prod"], organization["dev"], organization["locked"]
    out = tmp_path / "org.json"
    with fake_for(organization) as fake:
        proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "aws", "--endpoint-url",
                               organization["url"], "--regions", ",".join(REGIONS), "--accounts",
                               f"{prod},{dev},{locked}", *where, "--config-aggregator", "org",
                               "--config-endpoint-url", fake.endpoint, "--rule", "enc-block-volume-encrypted",
                               "--format", "json", "--output", str(out)], capture_output=True, text=True,
                              timeout=300, env={**os.environ, **CREDENTIALS})
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(out.read_text())
    assert {(f["resource"]["account"], f["resource"]["name"], f["status"], f["resource"].get("observed_at"))
            for f in doc["findings"]} == {
        (prod, "prod-data", "PASS", CAPTURED), (dev, "dev-scratch", "FAIL", None),
        (locked, "ec2-volumes in us-east-1", "UNKNOWN", None), (locked, "ec2-volumes in us-west-2", "UNKNOWN", None)}
    assert {(c["account"], c["region"], c["status"], c["path"]) for c in doc["coverage"]} == {
        (prod, "us-east-1", "ok", "config"), (prod, "us-west-2", "ok", "config"),
        (dev, "us-east-1", "ok", "config"), (dev, "us-west-2", "ok", "api"),
        (locked, "us-east-1", "failed", "api"), (locked, "us-west-2", "failed", "api")}


def test_the_aggregator_needs_an_organization_scan() -> None:
    proc = subprocess.run([sys.executable, "-m", "hitrust_policies.cli", "scan", "aws", "--config-aggregator",
                           "org"], capture_output=True, text=True, timeout=60, env={**os.environ, **CREDENTIALS})
    assert proc.returncode == 2 and "--config-aggregator reads an organization's AWS Config aggregator" in proc.stderr
