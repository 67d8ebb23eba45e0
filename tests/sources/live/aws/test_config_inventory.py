"""The AWS Config path against the local Config fake, driven by the real boto3 ``config`` client: the same moto
account read directly and through Config gives the same verdicts and finding ids, every value carries its
capture time, pages past 100 items are all read, and what Config does not hold (a type the recorder skips, a
source the aggregator no longer reaches, a failed query) is left to the direct collectors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from hitrust_policies.sources.live.aws.collector import all_collectors
from hitrust_policies.sources.live.aws.config_inventory import ConfigUnavailable, query, read_inventory
from hitrust_policies.sources.live.aws.scan import ScanResult, finish
from hitrust_policies.testing.config_fake import ConfigFake, Fault, configuration_item, record_account
from tests.sources.live.aws.conftest import ACCOUNT, HOME, moto_account, new_session, scan, table, verdicts

RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 2})
THROTTLED = "Throttled (retries exhausted): config:SelectAggregateResourceConfig AWS::KMS::Key"
CAPTURED = "2026-11-30T04:00:00.000Z"
RULES = ("enc-block-volume-encrypted", "enc-block-volume-kms", "net-ingress-rule-admin-ports",
         "net-security-group-default-closed")
EXPECTED = table("""
    enc-block-volume-encrypted         customer-key  PASS
    enc-block-volume-kms               customer-key  PASS
    enc-block-volume-encrypted         plain         FAIL
    enc-block-volume-kms               plain         FAIL
    net-ingress-rule-admin-ports       web           FAIL
    net-ingress-rule-admin-ports       web           FAIL
    net-security-group-default-closed  web           PASS
    net-security-group-default-closed  default       FAIL
""")  # web's SSH opening is open to 0.0.0.0/0 and to ::/0: two openings, two findings


@pytest.fixture(scope="module")
def account() -> Iterator[boto3.Session]:
    """One moto account: a volume under a customer-managed key, an unencrypted one, a group open to the world
    on SSH (IPv4 and IPv6: two openings of one group) and the VPC's default group."""
    with moto_account():
        s = new_session()
        ec2 = s.client("ec2")
        key = s.client("kms").create_key()["KeyMetadata"]["Arn"]
        for name, extra in (("customer-key", {"Encrypted": True, "KmsKeyId": key}), ("plain", {"Encrypted": False})):
            ec2.create_volume(Size=8, AvailabilityZone=f"{HOME}a", **extra,
                              TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])
        group = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
             "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
        yield s


def through_config(fake: ConfigFake, session: boto3.Session, aggregator: str | None = "org",
                   regions: tuple[str, ...] = (HOME,)) -> tuple[ScanResult, Any]:
    """The account's result from what the Config path read (the joins of `finish` included)."""
    client = session.client("config", endpoint_url=fake.endpoint, config=RETRIES)
    inventory = read_inventory(client, aggregator)
    collected, names = inventory.collected(ACCOUNT, regions)
    chosen = [c for c in all_collectors() if c.name in names]
    return finish(ACCOUNT, "", chosen, list(regions), collected, Counter(), 0.0), inventory


def fake_for(session: boto3.Session, **kwargs: Any) -> ConfigFake:
    fake = ConfigFake(items=record_account(session, ACCOUNT, [HOME], CAPTURED, **kwargs))
    fake.add_sources([ACCOUNT], [HOME])
    return fake


def test_config_path_gives_the_direct_paths_verdicts_and_finding_ids(account: boto3.Session) -> None:
    direct = scan(account, "ec2-security-groups", "ec2-volumes")
    with fake_for(account) as fake:
        config, inventory = through_config(fake, account)
    assert verdicts(config.findings(), RULES) == EXPECTED
    assert sorted((f.id, f.status) for f in config.findings()) == sorted((f.id, f.status) for f in direct.findings())
    # one query per type for the whole organization (+ the recorders), no Describe call at all
    assert inventory.calls == Counter({"config:SelectAggregateResourceConfig": 4,
                                       "config:DescribeConfigurationAggregatorSourcesStatus": 1})
    assert [(c.collector, c.region, c.status, c.resources, c.path) for c in config.coverage] == [
        ("ec2-security-groups", HOME, "ok", 2, "config"), ("ec2-volumes", HOME, "ok", 2, "config")]
    assert {c.path for c in direct.coverage} == {"api"}


def test_every_config_finding_says_when_its_facts_were_captured(account: boto3.Session) -> None:
    with fake_for(account) as fake:
        config, _ = through_config(fake, account)
    assert {f.resource.observed_at for f in config.findings()} == {CAPTURED}
    assert {f.resource.observed_at for f in scan(account, "ec2-volumes").findings()} == {None}


def test_single_account_without_aggregator_uses_select_resource_config(account: boto3.Session) -> None:
    with fake_for(account) as fake:
        config, _ = through_config(fake, account, aggregator=None)
        assert set(fake.requests) == {"SelectResourceConfig"}
    assert verdicts(config.findings(), RULES) == EXPECTED


def test_pages_past_one_hundred_items_are_all_read() -> None:
    groups = [configuration_item(ACCOUNT, HOME, "AWS::EC2::SecurityGroup", f"sg-{i:04d}", f"g{i}",
                                 f"arn:aws:ec2:{HOME}:{ACCOUNT}:security-group/sg-{i:04d}",
                                 {"groupId": f"sg-{i:04d}", "groupName": f"g{i}", "ipPermissions": []}, CAPTURED)
              for i in range(250)]
    recorder = configuration_item(ACCOUNT, HOME, "AWS::Config::ConfigurationRecorder", "default", "default", "x",
                                  {"Recording": True, "RecordingGroup": {"AllSupported": True}}, CAPTURED)
    with ConfigFake(items=[*groups, recorder]) as fake:
        fake.add_sources([ACCOUNT], [HOME])
        session = boto3.Session(region_name=HOME, aws_access_key_id="x", aws_secret_access_key="y")
        inventory = read_inventory(session.client("config", endpoint_url=fake.endpoint), "org")
        pages = fake.expressions.count(query("AWS::EC2::SecurityGroup"))
    assert pages == 3  # 100 + 100 + 50
    collected, names = inventory.collected(ACCOUNT, [HOME])
    assert names == ["ec2-security-groups", "ec2-volumes"]  # volumes: recorded, and there are none
    assert sorted(r.ref.name for r in collected.resources) == sorted(f"g{i}" for i in range(250))


def test_an_item_for_a_deleted_resource_is_not_a_resource(account: boto3.Session) -> None:
    fake = fake_for(account)
    gone = configuration_item(ACCOUNT, HOME, "AWS::EC2::Volume", "vol-0gone", None,
                              f"arn:aws:ec2:{HOME}:{ACCOUNT}:volume/vol-0gone", {}, CAPTURED)
    gone["configurationItemStatus"] = "ResourceDeleted"
    fake.items.append(gone)
    with fake:
        config, _ = through_config(fake, account)
    assert verdicts(config.findings(), RULES) == EXPECTED


def test_a_type_the_recorder_skips_is_read_directly(account: boto3.Session) -> None:
    with fake_for(account, types=("AWS::EC2::SecurityGroup",)) as fake:
        _, inventory = through_config(fake, account)
    assert [r.collector for r in inventory.replaced(ACCOUNT, HOME)] == ["ec2-security-groups"]


def test_a_source_the_aggregator_no_longer_reaches_is_read_directly(account: boto3.Session) -> None:
    fake = ConfigFake(items=record_account(account, ACCOUNT, [HOME], CAPTURED))
    fake.add_sources([ACCOUNT], [HOME], status="FAILED")
    with fake:
        _, inventory = through_config(fake, account)
    assert inventory.replaced(ACCOUNT, HOME) == []
    assert inventory.replaced(ACCOUNT, "eu-west-1") == []  # nothing recorded there either


def test_a_throttled_type_query_leaves_its_collectors_to_the_direct_path(account: boto3.Session) -> None:
    with fake_for(account) as fake:
        fake.faults.append(Fault("ThrottlingException", "Rate exceeded", matching="AWS::KMS::Key"))
        _, inventory = through_config(fake, account)
    assert [r.collector for r in inventory.replaced(ACCOUNT, HOME)] == ["ec2-security-groups"]
    assert inventory.failed_types == {"AWS::KMS::Key": THROTTLED}


@pytest.mark.parametrize(("fault", "aggregator", "reason"), [
    (Fault("AccessDeniedException", "not authorized"), "org",
     "AccessDenied: config:DescribeConfigurationAggregatorSourcesStatus org"),
    (Fault("AccessDeniedException", "not authorized", "SelectAggregateResourceConfig"), "org",
     "AccessDenied: config:SelectAggregateResourceConfig org"),
    (None, "missing",
     "NoSuchConfigurationAggregatorException: config:DescribeConfigurationAggregatorSourcesStatus missing"),
])
def test_an_unreadable_aggregator_is_config_unavailable_with_the_reason(
        account: boto3.Session, fault: Fault | None, aggregator: str, reason: str) -> None:
    with fake_for(account) as fake:
        if fault:
            fake.faults.append(fault)
        with pytest.raises(ConfigUnavailable) as raised:
            through_config(fake, account, aggregator=aggregator)
    assert str(raised.value) == reason


def test_reports_show_capture_time_and_the_path_each_coverage_row_took(account: boto3.Session) -> None:
    """JSON (validated against the shipped schema), SARIF, CSV and the table say when Config captured the facts;
    a direct scan's reports are unchanged (no capture time, no path key)."""
    import csv
    import io
    import json

    from jsonschema import Draft202012Validator

    from hitrust_policies.outputs import json_report
    from hitrust_policies.outputs.formats import FORMATS
    from hitrust_policies.outputs.run import ReportRun, RunMeta

    with fake_for(account) as fake:
        config, _ = through_config(fake, account)
    direct = scan(account, "ec2-volumes")

    def written(name: str, result: ScanResult) -> str:
        out = io.StringIO()
        FORMATS[name].write(out, ReportRun.of(result, result.findings(), RunMeta("0.1.0", CAPTURED, "scan aws")))
        return out.getvalue()

    doc = json.loads(written("json", config))
    Draft202012Validator(json_report.schema()).validate(doc)
    assert {f["resource"]["observed_at"] for f in doc["findings"]} == {CAPTURED}
    assert {(c["collector"], c["path"]) for c in doc["coverage"]} == {("ec2-security-groups", "config"),
                                                                     ("ec2-volumes", "config")}
    plain = json.loads(written("json", direct))
    Draft202012Validator(json_report.schema()).validate(plain)
    assert not any("observed_at" in f["resource"] for f in plain["findings"])
    assert not any("path" in c for c in plain["coverage"])
    results = json.loads(written("sarif", config))["runs"][0]["results"]
    assert len(results) == 8 and {r["properties"]["observedAt"] for r in results} == {CAPTURED}
    rows = list(csv.DictReader(io.StringIO(written("csv", config), newline="")))
    assert {r["observed_at"] for r in rows} == {CAPTURED}
    assert {r["observed_at"] for r in csv.DictReader(io.StringIO(written("csv", direct), newline=""))} == {""}
    assert ("Read through AWS Config: 2 of 2 coverage rows (ec2-security-groups, ec2-volumes); facts captured "
            f"{CAPTURED} to {CAPTURED}; the rest read directly.") in written("table", config).replace("\n", " ")
    # SARIF's fast template writes what its reference builder does, capture time included
    from hitrust_policies.outputs.json_stream import dumps_sorted
    from hitrust_policies.outputs.sarif import _Lines, result

    index = {f.rule_id: i for i, f in enumerate(config.findings())}
    lines = _Lines(index, None)
    assert all(lines(f) == dumps_sorted(result(f, index[f.rule_id])) for f in config.findings())
