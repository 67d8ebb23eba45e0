"""The collector toolkit on real boto3 clients against moto: client pool, facts, fan-out, pagination, names."""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.exceptions import ClientError

from hitrust_policies.model import Unknown
from hitrust_policies.sources.live.aws.collector import (
    ClientPool,
    Ctx,
    _strip_account_host,
    all_collectors,
    collector,
    iam_action,
    tag,
)
from tests.sources.live.aws.conftest import ACCOUNT, HOME


@pytest.mark.parametrize(("call", "action"), [
    ("ec2:DescribeVolumes", "ec2:DescribeVolumes"),
    ("efs:DescribeFileSystems", "elasticfilesystem:DescribeFileSystems"),
    ("elbv2:DescribeListeners", "elasticloadbalancing:DescribeListeners"),
    ("s3control:GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock"),
    ("s3control:ListAccessPoints", "s3:ListAccessPoints"),  # S3 Control actions live under the s3: prefix
    ("s3:ListBuckets", "s3:ListAllMyBuckets"),
    ("s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    ("s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    ("s3:GetBucketPolicy", "s3:GetBucketPolicy"),
])
def test_iam_action(call: str, action: str) -> None:
    """The IAM action that authorises each botocore call (names differ for EFS, ELBv2 and some S3 calls)."""
    assert iam_action(call) == action


@pytest.mark.parametrize(("url", "expected"), [
    ("http://123456789012.127.0.0.1:5000/v20180820/configuration/publicAccessBlock",
     "http://127.0.0.1:5000/v20180820/configuration/publicAccessBlock"),
    ("http://12345678901.localhost:5000/x", "http://12345678901.localhost:5000/x"),  # 11 digits: not an account
    ("http://s3-control.localhost:5000/x", "http://s3-control.localhost:5000/x"),
    ("http://localhost:5000/x", "http://localhost:5000/x"),
    ("http://123456789012/x", "http://123456789012/x"),  # the whole host: nothing would remain
    ("http://abcdefghijkl.localhost:5000/x", "http://abcdefghijkl.localhost:5000/x"),  # 12 letters, not digits
])
def test_s3_control_account_host_is_stripped_for_a_local_endpoint(url: str, expected: str) -> None:
    request = AWSRequest(method="GET", url=url)
    _strip_account_host(request)
    assert request.url == expected


def test_registry_is_sorted_and_refuses_a_second_declaration() -> None:
    names = [c.name for c in all_collectors()]
    assert names == sorted(names) and len(names) == len(set(names))
    with pytest.raises(ValueError, match="^collector kms-keys registered twice$"):
        collector("kms-keys", service="kms", kinds=(), calls=("kms:ListKeys",))(lambda ctx: [])


@pytest.fixture
def ctx(session: boto3.Session) -> Ctx:
    return Ctx(ClientPool(session, Config()), ACCOUNT, HOME, partition="aws-us-gov")


def test_client_pool_shares_one_client_per_service_and_region(session: boto3.Session) -> None:
    pool = ClientPool(session, Config(), endpoint_url="http://127.0.0.1:1")
    kms = pool.get("kms", HOME)
    assert pool.get("kms", HOME) is kms
    assert pool.get("kms", "eu-west-1") is not kms and pool.get("logs", HOME) is not kms
    assert (kms.meta.region_name, kms.meta.endpoint_url) == (HOME, "http://127.0.0.1:1")


def test_client_pool_creates_each_client_once_under_concurrency(session: boto3.Session) -> None:
    pool = ClientPool(session, Config())
    got: list[Any] = []
    threads = [threading.Thread(target=lambda: got.append(pool.get("kms", HOME))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in got}) == 1


def test_refs_and_arns(ctx: Ctx) -> None:
    ref = ctx.ref("AWS::KMS::Key", "arn:k", "k")
    assert (ref.provider, ref.native_type, ref.native_id, ref.name, ref.account, ref.region, ref.source) == (
        "aws", "AWS::KMS::Key", "arn:k", "k", ACCOUNT, HOME, "live")
    assert ctx.ref("AWS::IAM::User", "arn:u", "u", region="").region == ""
    assert ctx.arn("kms", "key/1") == f"arn:aws-us-gov:kms:{HOME}:{ACCOUNT}:key/1"
    assert ctx.arn("iam", "root", region="", account="999999999999") == "arn:aws-us-gov:iam::999999999999:root"


def _raise(code: str) -> Any:
    raise ClientError({"Error": {"Code": code, "Message": code}}, "GetBucketPolicy")


def test_fact_maps_meaningful_errors_and_records_the_rest(ctx: Ctx) -> None:
    assert ctx.fact("s3:GetBucketPolicy", lambda: {"Policy": "{}"}) == {"Policy": "{}"}
    assert ctx.fact("s3:GetBucketPolicy", lambda: _raise("NoSuchBucketPolicy"),
                    absent={"NoSuchBucketPolicy": {}}) == {}
    assert ctx.problems == []
    denied = ctx.fact("s3:GetBucketPolicy", lambda: _raise("AccessDenied"), absent={"NoSuchBucketPolicy": {}})
    throttled = ctx.fact("s3:GetBucketPolicy", lambda: _raise("SlowDown"))
    assert isinstance(denied, Unknown) and denied.reason == "AccessDenied: s3:GetBucketPolicy"
    assert isinstance(throttled, Unknown) and throttled.reason == "Throttled (retries exhausted): s3:GetBucketPolicy"
    assert ctx.problems == ["AccessDenied: s3:GetBucketPolicy", "Throttled (retries exhausted): s3:GetBucketPolicy"]


def test_fan_out_keeps_item_order_and_runs_concurrently(ctx: Ctx) -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def slow(n: int) -> int:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02 * (5 - n))  # later items finish first
        with lock:
            active[0] -= 1
        return n * 10

    assert ctx.fan_out(slow, iter(range(5))) == [0, 10, 20, 30, 40]
    assert peak[0] > 1
    peak[0] = 0
    assert ctx.fan_out(slow, range(3), workers=1) == [0, 10, 20]
    assert peak[0] == 1  # one worker: one at a time
    assert ctx.fan_out(slow, [4]) == [40] and ctx.fan_out(slow, []) == []


def test_paginate_follows_pages_and_handles_unpaginated_operations(session: boto3.Session, ctx: Ctx) -> None:
    kms = session.client("kms", region_name=HOME)
    created = sorted(kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(3))
    keys = [k["KeyId"] for k in ctx.paginate("kms", "ListKeys", "Keys", PaginationConfig={"PageSize": 1})]
    assert sorted(keys) == created
    regions = [r["RegionName"] for r in ctx.paginate("ec2", "DescribeRegions", "Regions")]  # not paginated
    assert HOME in regions and "eu-west-1" in regions
    assert list(ctx.paginate("ec2", "DescribeRegions", "NoSuchKey")) == []


@pytest.mark.parametrize(("tags", "key", "expected"), [
    (None, "Name", None),
    ([], "Name", None),
    ([{"Key": "env", "Value": "prod"}, {"Key": "Name", "Value": "db"}], "Name", "db"),
    ([{"Key": "Name", "Value": "db"}], "env", None),
    ([{"Key": "env", "Value": "prod"}], "env", "prod"),
])
def test_tag(tags: Any, key: str, expected: str | None) -> None:
    assert tag(tags, key) == expected


def test_tag_defaults_to_name() -> None:
    assert tag([{"Key": "Name", "Value": "web"}]) == "web"


class Gate:
    """Holds the first arrivals until ``expect + 1`` have arrived or ``wait`` seconds pass; records the peak.

    With a pool of exactly ``expect`` workers the extra arrival cannot come while they wait, so the
    peak is ``expect``; a bigger pool lets it in (peak above), a smaller one never reaches it.
    """

    def __init__(self, expect: int, wait: float = 0.5) -> None:
        self.expect, self.wait = expect, wait
        self.active = self.peak = 0
        self.cond = threading.Condition()

    def __call__(self, *_: Any, **__: Any) -> None:
        with self.cond:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.peak > self.expect, timeout=self.wait)
            self.active -= 1


def test_fan_out_reads_eight_resources_at_a_time(ctx: Ctx) -> None:
    gate = Gate(8)
    assert ctx.fan_out(lambda n: (gate(), n)[1], range(9)) == list(range(9))
    assert gate.peak == 8


def test_collector_declarations_are_values() -> None:
    from dataclasses import FrozenInstanceError

    c = all_collectors()[0]
    with pytest.raises(FrozenInstanceError):
        c.regional = not c.regional  # type: ignore[misc]
    assert hash(c) == hash(all_collectors()[0])


def test_two_resources_are_already_read_concurrently(ctx: Ctx) -> None:
    gate = Gate(2)
    assert ctx.fan_out(lambda n: (gate(), n)[1], [1, 2]) == [1, 2]
    assert gate.peak == 2
    gate = Gate(2)
    assert ctx.fan_out(lambda n: (gate(), n)[1], [1, 2, 3], workers=2) == [1, 2, 3]
    assert gate.peak == 2


def test_a_declaration_registers_and_returns_its_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    from hitrust_policies.model import Network
    from hitrust_policies.sources.live.aws import collector as module
    from hitrust_policies.sources.live.registry import Declarations

    monkeypatch.setattr(module, "_COLLECTORS", Declarations("collector", module.__name__))

    def vpcs(ctx: Ctx) -> list[Any]:
        return []

    declared = collector("ec2-made-up", service="ec2", kinds=(Network,), calls=("ec2:DescribeVpcs",))(vpcs)
    assert (declared.name, declared.service, declared.regional, declared.kinds, declared.calls, declared.fn) == (
        "ec2-made-up", "ec2", True, (Network,), ("ec2:DescribeVpcs",), vpcs)
    assert module._COLLECTORS.items == {"ec2-made-up": declared}
    assert collector("iam-made-up", service="iam", kinds=(Network,), calls=(), regional=False)(vpcs).regional is False
