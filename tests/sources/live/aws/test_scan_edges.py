"""The scanner's side of the command's rough edges: region names checked against the account, and a
Ctrl-C that stops the scan instead of waiting for every queued collector."""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
import pytest

from hitrust_policies.sources.live.aws.collector import all_collectors
from hitrust_policies.sources.live.aws.scan import ScanConfigError, scan_aws
from tests.sources.live.aws.conftest import HOME, collectors, deny

ACCOUNT = "123456789012"


def test_a_region_the_account_does_not_have_is_a_config_error(session: boto3.Session) -> None:
    with pytest.raises(ScanConfigError, match=f"no such region in account {ACCOUNT}: us-east-9 ") as caught:
        scan_aws(session=session, regions=[HOME, "us-east-9"], collectors=collectors("kms-keys"), check_regions=True)
    assert caught.value.param == "--regions"


def test_region_names_are_checked_once_and_only_when_asked(session: boto3.Session) -> None:
    checked = scan_aws(session=session, regions=[HOME, "eu-west-1"], collectors=collectors("kms-keys"),
                       check_regions=True)
    assert checked.calls["ec2:DescribeRegions"] == 1 and checked.complete
    assert scan_aws(session=session, regions=[HOME], collectors=collectors("kms-keys")).calls[
        "ec2:DescribeRegions"] == 0


def test_a_denied_region_listing_does_not_stop_a_scan_of_named_regions(session: boto3.Session,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    deny(session, "ec2", "DescribeRegions", code="UnauthorizedOperation")
    result = scan_aws(session=session, regions=[HOME], collectors=collectors("kms-keys"), check_regions=True)
    assert [(c.collector, c.region, c.status) for c in result.coverage] == [("kms-keys", HOME, "ok")]
    assert "could not check the region names (AccessDenied: ec2:DescribeRegions)" in caplog.text


def test_an_interrupt_cancels_queued_collectors_and_later_calls(session: boto3.Session) -> None:
    """A KeyboardInterrupt in the scanning thread (here raised by the progress callback, which runs there, as
    Ctrl-C does): queued collectors never start and a running one makes no further call."""
    made: list[str] = []
    lock = threading.Lock()

    def count(model: Any, **_: Any) -> None:
        with lock:
            made.append(model.name)

    session.events.register("before-call", count)
    seen_at_interrupt: list[int] = []

    def progress(done: int, total: int, label: str) -> None:
        seen_at_interrupt.append(len(made))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_aws(session=session, regions=[HOME, "eu-west-1"], collectors=all_collectors(), max_workers=1,
                 progress=progress)
    time.sleep(1.0)  # a worker that was mid-call would make its next call now
    tasks = sum(2 if c.regional else 1 for c in all_collectors())
    assert tasks > 20
    # the one running task may finish the call it was in; nothing else is asked
    assert len(made) - seen_at_interrupt[0] <= 1, made[seen_at_interrupt[0]:]
