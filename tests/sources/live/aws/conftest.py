"""Shared helpers for the live AWS scanner tests: a moto account, fault injection, verdict tables.

Faults are injected through botocore's own event system on the session handed to
``scan_aws``, so the scanner's real clients, paginators, retry logic and error parsing
all run; nothing in the scanner is patched.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from moto import mock_aws

from hitrust_policies.findings import Finding, Status
from hitrust_policies.sources.live.aws.collector import Collector, all_collectors
from hitrust_policies.sources.live.aws.scan import ScanResult, scan_aws
from tests.verdicts import Verdicts, unique_ids

ACCOUNT = "123456789012"  # moto's default account
HOME = "us-east-1"
PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN

Triple = tuple[str, str, Status]

# A cheap regional collector scanned next to a single-service one, so each module's scans also
# read something that works: a denied service then shows as a gap beside a readable region.
CANARY = "logs-log-groups"
CANARY_ALT = "kms-keys"  # for the logs module itself


@contextmanager
def moto_account(config: dict[str, Any] | None = None) -> Iterator[None]:
    """A fresh, empty moto account with fake credentials (moto resets its state when the mock stops).

    ``config``: moto's own (``{"iam": {"load_aws_managed_policies": True}}`` makes AWS-managed
    policies such as AdministratorAccess attachable; it costs about a second)."""
    with pytest.MonkeyPatch.context() as mp:
        for var in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
            mp.delenv(var, raising=False)
        mp.setenv("AWS_ACCESS_KEY_ID", "testing")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mp.setenv("AWS_DEFAULT_REGION", HOME)
        with mock_aws(config=config):  # type: ignore[arg-type]
            yield


@lru_cache(maxsize=1)
def _loader() -> Any:
    return botocore.session.get_session().get_component("data_loader")


def new_session() -> boto3.Session:
    """A session of its own per scan: fault handlers registered on it cannot leak into other tests.

    Sessions share one botocore data loader, so service models (EC2's is large) are parsed once.
    """
    core = botocore.session.get_session()
    core.register_component("data_loader", _loader())
    return boto3.Session(region_name=HOME, aws_access_key_id="testing", aws_secret_access_key="testing",
                         botocore_session=core)


@pytest.fixture
def session() -> Iterator[boto3.Session]:
    """A session on a fresh moto account, for tests that seed (and may change) their own resources."""
    with moto_account():
        yield new_session()


def collectors(*names: str) -> list[Collector]:
    """The registered collectors with these names (a typo fails loudly rather than scanning nothing)."""
    by_name = {c.name: c for c in all_collectors()}
    missing = set(names) - set(by_name)
    assert not missing, f"no such collector: {sorted(missing)}"
    return [by_name[n] for n in names]


def scan(session: boto3.Session, *names: str, regions: Iterable[str] = (HOME,), **kwargs: Any) -> ScanResult:
    """Scan only the named collectors (keeps each test to the API surface it is about)."""
    return scan_aws(session=session, regions=list(regions), collectors=collectors(*names), **kwargs)


def _same(name: str) -> str:
    return name


def verdicts(findings: Iterable[Finding], rule_ids: Iterable[str],
             rename: Callable[[str], str] = _same) -> Verdicts:
    """(rule_id, resource name, status) of every finding of these rules, counted: the exact shape tests compare.

    A multiset, so a finding dropped next to a same-named one is missed (see tests/verdicts.py);
    a finding id reported twice fails here. ``rename`` maps generated parts of names (access key
    ids) to the labels a table uses.
    """
    wanted = set(rule_ids)
    return Verdicts((f.rule_id, rename(f.resource.name), f.status) for f in unique_ids(findings)
                    if f.rule_id in wanted)


def reasons(findings: Iterable[Finding], rule_ids: Iterable[str],
            rename: Callable[[str], str] = _same) -> set[tuple[str, str, str]]:
    """(rule_id, resource name, message) of the UNKNOWN findings: what the report says was not seen."""
    wanted = set(rule_ids)
    return {(f.rule_id, rename(f.resource.name), f.message) for f in findings
            if f.rule_id in wanted and f.status is Status.UNKNOWN}


def table(text: str) -> Verdicts:
    """Parse an expected-verdict table: ``rule-id  resource name  STATUS`` per line, columns split
    by two or more spaces (resource names such as "rds-instances in us-east-1" hold single spaces).
    A row written twice expects two findings that look alike."""
    rows = Verdicts()
    for line in text.strip().splitlines():
        if line.strip() and not line.strip().startswith("#"):
            rule_id, name, status = re.split(r"\s{2,}", line.strip())
            rows[(rule_id, name, Status(status))] += 1
    return rows


def rule_ids(expected: Iterable[Triple]) -> set[str]:
    return {rule_id for rule_id, _, _ in expected}


@dataclass(frozen=True)
class Case:
    """One named scenario of a service module: faults to inject and the exact verdicts expected.

    ``expected`` is compared for equality against every finding of the rules it names;
    ``unknown_reason`` is the message every UNKNOWN in it must carry (exactly). The
    coverage meta-test reads these tables to prove every rule has PASS, FAIL and UNKNOWN.
    """

    id: str
    expected: Verdicts
    denied: tuple[tuple[str, str], ...] = ()  # (botocore service, Operation) answered with an access error
    unknown_reason: str | None = None
    denied_in: tuple[str, ...] = ()  # regions the denial applies to; empty: everywhere
    extra: dict[str, Any] = field(default_factory=dict)  # per-module seeding knobs


def apply_denials(session: boto3.Session, case: Case, code: str = "AccessDenied", status: int = 403) -> None:
    """Register the case's denials on the session (service-specific error codes via ``code``)."""
    for service, operation in case.denied:
        for region in case.denied_in or (None,):
            deny(session, service, operation, code=code, status=status, region=region)


def check(result: ScanResult, case: Case, rename: Callable[[str], str] = _same) -> None:
    """Assert a case's exact verdicts and, for its UNKNOWNs, the exact reason."""
    ids = rule_ids(case.expected)
    findings = result.findings()
    assert verdicts(findings, ids, rename) == case.expected
    unknown = reasons(findings, ids, rename)
    if case.unknown_reason is not None:
        assert unknown, "case expects UNKNOWNs"
        assert {message for _, _, message in unknown} == {case.unknown_reason}
    else:
        assert not unknown


@cache
def service_id(service: str) -> str:
    """botocore's event-name form of a service ("elbv2" -> "elastic-load-balancing-v2")."""
    return botocore.session.get_session().get_service_model(service).service_id.hyphenize()


@dataclass
class Injected:
    """What a fault handler saw: how many times it fired, and where (region, or request URL)."""

    hits: int = 0
    where: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def hit(self, place: str) -> None:
        with self._lock:
            self.hits += 1
            self.where.append(place)


def deny(
    session: boto3.Session,
    service: str,
    operation: str | None = None,
    *,
    code: str = "AccessDenied",
    status: int = 403,
    region: str | None = None,
) -> Injected:
    """Answer ``service:operation`` (every operation of the service if None) with an error.

    A ``before-call`` handler that returns ``(http_response, parsed)`` makes botocore skip
    the request and raise the modeled ``ClientError`` itself, exactly as for a real error
    response. It is registered last so the scanner's own call counter still sees the call.
    """
    injected = Injected()

    def handler(model: Any, context: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if model.service_model.service_name != service or operation not in (None, model.name):
            return None
        if region is not None and context.get("client_region") != region:
            return None
        injected.hit(context.get("client_region", ""))
        parsed = {
            "Error": {"Code": code, "Message": f"injected {code} for {service}:{model.name}"},
            "ResponseMetadata": {"HTTPStatusCode": status},
        }
        return AWSResponse(f"https://{service}.invalid/", status, {}, None), parsed

    session.events.register_last("before-call", handler)
    return injected


def respond(session: boto3.Session, service: str, operation: str, parsed: dict[str, Any]) -> None:
    """Answer ``service:operation`` with a canned successful result (for states moto cannot produce)."""

    def handler(model: Any, **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        if model.service_model.service_name == service and model.name == operation:
            return AWSResponse(f"https://{service}.invalid/", 200, {}, None), parsed
        return None

    session.events.register_last("before-call", handler)


def on_send(session: boto3.Session, service: str, operation: str,
            answer: Callable[[Any], AWSResponse | None]) -> Injected:
    """Intercept each HTTP *attempt* of an operation (``before-send``: runs once per retry).

    Registered first so it wins over moto's own ``before-send`` responder.
    """
    injected = Injected()
    event = f"before-send.{service_id(service)}.{operation}"

    def handler(request: Any, event_name: str, **_: Any) -> AWSResponse | None:
        if event_name != event:
            return None
        injected.hit(request.url)
        return answer(request)

    session.events.register_first("before-send", handler)
    return injected


def cloudwatch_deliveries(session: boto3.Session, latest: dict[str, Any]) -> None:
    """Add ``LatestCloudWatchLogsDeliveryTime`` to GetTrailStatus answers, per trail name or ARN.

    moto never delivers to CloudWatch Logs, so its status has no such field (a trail that never
    delivered); this fills it in after moto answers, leaving the rest of its status as is.
    """

    def remember(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        context["hitrust-trail"] = params.get("Name", "")

    def fill(parsed: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        name = context.get("hitrust-trail", "")
        when = latest.get(name, latest.get(name.rsplit("/", 1)[-1]))
        if when is not None:
            parsed["LatestCloudWatchLogsDeliveryTime"] = when

    session.events.register("provide-client-params.cloudtrail.GetTrailStatus", remember)
    session.events.register("after-call.cloudtrail.GetTrailStatus", fill)
