"""What a scan asks of botocore and how it walks regions, with values written out by hand."""

from __future__ import annotations

import time
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import EndpointConnectionError

from hitrust_policies.sources.live.aws.scan import ScanError, scan_aws
from tests.sources.live.aws.conftest import ACCOUNT, HOME, UNKNOWN, collectors, deny, new_session, respond, scan

OTHER = "eu-west-1"


class RecordingSession(boto3.Session):
    """A session that keeps the clients the scanner creates, and the region it asked each for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.clients: list[Any] = []
        self.asked: list[tuple[str, str]] = []

    def client(self, service_name: str, **kwargs: Any) -> Any:
        created = super().client(service_name, **kwargs)
        self.clients.append(created)
        self.asked.append((service_name, kwargs.get("region_name")))
        return created


def recording_session(region: str | None = HOME) -> RecordingSession:
    """With ``region=None`` the caller must also clear AWS_DEFAULT_REGION, or boto3 reads it from there."""
    core = botocore.session.get_session()
    core.register_component("data_loader", new_session()._session.get_component("data_loader"))
    return RecordingSession(region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing",
                            botocore_session=core)


def test_clients_retry_in_standard_mode_with_timeouts(session: boto3.Session,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's standard retry mode, 5 attempts in all, 5 s to connect, 20 s to read; one pool per worker.
    The scanner's own settings win over the environment's."""
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    rec = recording_session()
    scan_aws(session=rec, regions=[HOME], collectors=collectors("kms-keys"))
    assert sorted(rec.asked) == [("kms", HOME), ("sts", HOME)]  # one client per service and region
    for c in (client.meta.config for client in rec.clients):
        assert (c.retries, c.connect_timeout, c.read_timeout, c.max_pool_connections) == (
            {"mode": "standard", "total_max_attempts": 5}, 5, 20, 16)


def test_max_workers_sizes_the_connection_pool(session: boto3.Session) -> None:
    rec = recording_session()
    scan_aws(session=rec, regions=[HOME], collectors=collectors("kms-keys"), max_workers=3, max_attempts=2)
    assert {(c.meta.config.max_pool_connections, c.meta.config.retries["total_max_attempts"])
            for c in rec.clients} == {(3, 2)}


def test_a_session_without_region_starts_in_us_east_1(session: boto3.Session,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The account is identified and global services are read from us-east-1 when the session names no region."""
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    rec = recording_session(region=None)
    assert rec.region_name is None
    result = scan_aws(session=rec, regions=[OTHER], collectors=collectors("iam-password-policy", "kms-keys"))
    assert sorted(rec.asked) == [("iam", HOME), ("kms", OTHER), ("sts", HOME)]
    assert [(c.collector, c.region) for c in result.coverage] == [("iam-password-policy", "global"),
                                                                  ("kms-keys", OTHER)]


def test_enabled_regions_skip_those_not_opted_in(session: boto3.Session) -> None:
    respond(session, "ec2", "DescribeRegions", {"Regions": [
        {"RegionName": "us-east-1", "OptInStatus": "opt-in-not-required"},
        {"RegionName": "af-south-1", "OptInStatus": "not-opted-in"},
        {"RegionName": "eu-south-1", "OptInStatus": "opted-in"},
        {"RegionName": "eu-west-1"},
    ]})
    result = scan_aws(session=session, regions=None, collectors=collectors("kms-keys"))
    assert result.regions == ["eu-south-1", "eu-west-1", "us-east-1"]
    assert [c.region for c in result.coverage] == ["eu-south-1", "eu-west-1", "us-east-1"]


def test_regions_are_deduplicated_and_sorted(session: boto3.Session) -> None:
    result = scan(session, "kms-keys", regions=(OTHER, HOME, OTHER))
    assert result.regions == [OTHER, HOME]
    assert result.principal == "arn:aws:sts::123456789012:user/moto"  # the caller, for the report's header
    assert result.calls["kms:ListKeys"] == 2


def test_no_region_is_an_error(session: boto3.Session) -> None:
    with pytest.raises(ScanError, match="^no regions to scan$"):
        scan(session, "kms-keys", regions=())


def test_coverage_is_sorted_by_collector_then_region(session: boto3.Session) -> None:
    """Sorted, not in the order reads finish: here the eu-west-1 reads are held back to finish last."""
    def slow_in_other(context: dict[str, Any], **_: Any) -> None:
        if context.get("client_region") == OTHER:
            time.sleep(0.3)

    session.events.register("before-call", slow_in_other)
    result = scan(session, "logs-log-groups", "iam-password-policy", "kms-keys", regions=(OTHER, HOME))
    assert [(c.collector, c.region, c.account) for c in result.coverage] == [
        ("iam-password-policy", "global", ACCOUNT), ("kms-keys", OTHER, ACCOUNT), ("kms-keys", HOME, ACCOUNT),
        ("logs-log-groups", OTHER, ACCOUNT), ("logs-log-groups", HOME, ACCOUNT)]


def test_progress_counts_every_collector_and_region(session: boto3.Session) -> None:
    seen: list[tuple[int, int, str]] = []
    scan(session, "kms-keys", "iam-password-policy", regions=(OTHER, HOME),
         progress=lambda done, total, label: seen.append((done, total, label)))
    assert [(done, total) for done, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(label for _, _, label in seen) == ["iam-password-policy global", f"kms-keys {OTHER}",
                                                     f"kms-keys {HOME}"]


def test_a_global_listing_gap_is_scoped_to_all_regions(session: boto3.Session) -> None:
    deny(session, "iam", "ListUsers")
    result = scan(session, "iam-users")
    [gap] = result.gaps[:1]
    assert {(g.kind.__name__, g.scope.name, g.scope.region, g.scope.native_id, g.scope.native_type, g.scope.account,
             g.reason) for g in result.gaps} == {
        (kind, "iam-users in all regions", "", f"aws:{ACCOUNT}:global:iam-users", "scope:iam-users", ACCOUNT,
         "AccessDenied: iam:ListUsers (iam-users in all regions)") for kind in ("Identity", "Credential")}
    assert {(f.rule_id, f.status) for f in result.findings()} == {
        ("iam-credential-rotated", UNKNOWN), ("iam-identity-console-mfa", UNKNOWN),
        ("iam-identity-no-direct-policies", UNKNOWN), ("iam-credential-unused", UNKNOWN),
        ("iam-identity-console-unused", UNKNOWN), ("iam-identity-single-active-key", UNKNOWN)}
    assert result.regions_read == []  # the global listing failed and no region was scanned


def test_a_regional_gap_names_its_region(session: boto3.Session) -> None:
    deny(session, "kms", "ListKeys", region=OTHER)
    result = scan(session, "kms-keys", regions=(HOME, OTHER))
    assert [(g.scope.name, g.scope.region, g.scope.native_id) for g in result.gaps] == [
        (f"kms-keys in {OTHER}", OTHER, f"aws:{ACCOUNT}:{OTHER}:kms-keys")]
    assert [(c.region, c.status, c.resources) for c in result.coverage] == [(OTHER, "failed", 0), (HOME, "ok", 0)]


def test_coverage_rows_are_values() -> None:
    from dataclasses import FrozenInstanceError

    from hitrust_policies.sources.live.aws.scan import Coverage

    row = Coverage("kms-keys", HOME, "ok", 1, (), ACCOUNT)
    with pytest.raises(FrozenInstanceError):
        row.status = "failed"  # type: ignore[misc]
    assert len({row, Coverage("kms-keys", HOME, "ok", 1, (), ACCOUNT)}) == 1
    assert Coverage("kms-keys", HOME, "ok", 1).problems == () and Coverage("kms-keys", HOME, "ok", 1).account == ""


def test_every_call_a_scan_makes_is_required_by_the_policy(session: boto3.Session) -> None:
    from hitrust_policies.sources.live.aws.permissions import required_calls

    result = scan_aws(session=session, regions=None, collectors=collectors("kms-keys"))
    assert set(result.calls) == {"sts:GetCallerIdentity", "ec2:DescribeRegions", "kms:ListKeys", "kms:ListAliases"}
    assert set(result.calls) <= set(required_calls())


def test_a_failure_without_an_operation_names_the_collector(session: boto3.Session) -> None:
    """An exception that is not a botocore ClientError (no operation name) still says where it happened."""
    def broken(**_: Any) -> None:
        raise EndpointConnectionError(endpoint_url="https://kms.eu-west-1.amazonaws.com/")

    session.events.register("before-call.kms.ListAliases", broken)
    result = scan(session, "kms-keys", "logs-log-groups", regions=(OTHER,))
    [gap] = result.gaps
    assert gap.reason == f"Unreachable (EndpointConnectionError): kms-keys in {OTHER}"


def test_a_long_reason_list_is_cut_at_500_characters(session: boto3.Session) -> None:
    regions = [f"xx-region-{i}" for i in range(40)]

    def unreachable(context: dict[str, Any], **_: Any) -> None:
        if context.get("client_region") in regions:
            raise EndpointConnectionError(endpoint_url=f"https://kms.{context.get('client_region')}.invalid/")

    session.events.register_last("before-call", unreachable)
    with pytest.raises(ScanError) as raised:
        scan(session, "kms-keys", regions=regions)
    message = str(raised.value)
    prefix = "no region could be read: "
    assert message.startswith(prefix + "Unreachable (EndpointConnectionError): kms-keys in xx-region-0; ")
    assert len(message) == len(prefix) + 500


def test_recording_stops_when_the_scan_ends(session: boto3.Session) -> None:
    """A session may run several scans: calls made after one ends are not added to its evidence."""
    result = scan(session, "kms-keys")
    before = dict(result.calls)
    session.client("kms", region_name=HOME).list_keys()
    assert dict(result.calls) == before == {"sts:GetCallerIdentity": 1, "kms:ListKeys": 1, "kms:ListAliases": 1}


@pytest.mark.parametrize(("arn", "partition"), [
    ("arn:aws:sts::123456789012:assumed-role/audit/x", "aws"),
    ("arn:aws-cn:iam::123456789012:user/x", "aws-cn"),
    ("arn:aws-us-gov:sts::123456789012:assumed-role/audit/x", "aws-us-gov"),
    ("arn::iam::123456789012:user/x", "aws"),  # no partition: the commercial one
    ("urn:aws-cn:iam::123456789012:user/x", "aws"),  # not an ARN
    ("", "aws"),
])
def test_partition_of_the_caller(arn: str, partition: str) -> None:
    from hitrust_policies.sources.live.aws.scan import _partition

    assert _partition(arn) == partition
