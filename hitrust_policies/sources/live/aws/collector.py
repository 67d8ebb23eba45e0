"""Collectors declared as data: service, scope, API calls, kinds produced.

A collector is a generator over one `Ctx` (one account + region) yielding model values.
Its ``calls`` are the botocore operations it may make; the scanner's IAM policy and the
read-only test are derived from them, so the permission list is never hand-kept apart
from the code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, TypeVar

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.live.aws.errors import describe_failure, error_code
from hitrust_policies.sources.live.registry import Declarations

T = TypeVar("T")

# botocore service name -> IAM action prefix, where they differ.
IAM_PREFIX = {"efs": "elasticfilesystem", "elb": "elasticloadbalancing", "elbv2": "elasticloadbalancing",
              "s3control": "s3"}
# botocore operation -> IAM action, where the names differ.
IAM_ACTION = {
    "s3:ListBuckets": "s3:ListAllMyBuckets",
    "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
}
# API Gateway authorises every read as the HTTP verb GET on the resource's path
IAM_ACTION.update({"apigateway:GetRestApis": "apigateway:GET", "apigateway:GetStages": "apigateway:GET"})
READ_PREFIXES = ("Describe", "Get", "List")
# Reads whose names do not say so, each with why it changes nothing a customer configured. The AWS Service
# Authorization Reference lists each at access level Read, and AWS's SecurityAudit managed policy grants it.
READ_ACTIONS: dict[str, str] = {
    "iam:GenerateCredentialReport": "asks IAM to (re)build the account's credential report, a derived CSV "
    "of every user's credential dates; it creates, changes and deletes no user, key, policy or setting, "
    "and IAM rebuilds it at most once every four hours (a later call answers COMPLETE)",
}
FAN_OUT_WORKERS = 8  # concurrent per-resource reads inside one collector (see Ctx.fan_out)
SERVICE_MODULES = ("cloudtrail", "ec2", "efs", "elb", "elbv2", "guardduty", "iam", "kms", "logs", "rds", "s3", "sns",
                   "sqs")
SERVICE_MODULES += ("config", "securityhub", "eks")
SERVICE_MODULES += ("redshift",)
SERVICE_MODULES += ("kinesis",)
SERVICE_MODULES += ("ec2_subnets",)
SERVICE_MODULES += ("lambda_urls",)
SERVICE_MODULES += ("change_alarms",)
SERVICE_MODULES += ("resource_policies",)
SERVICE_MODULES += ("snapshots",)
SERVICE_MODULES += ("secrets",)
SERVICE_MODULES += ("dynamodb",)
SERVICE_MODULES += ("dms",)
SERVICE_MODULES += ("lambda_functions",)
SERVICE_MODULES += ("sagemaker",)
SERVICE_MODULES += ("ecs",)
SERVICE_MODULES += ("ec2_launch_templates",)
SERVICE_MODULES += ("cloudfront", "apigateway", "wafv2")
SERVICE_MODULES += ("opensearch", "elasticache")
IAM_PREFIX["opensearch"] = "es"  # OpenSearch Service kept the Elasticsearch Service's IAM prefix


def iam_action(call: str) -> str:
    """IAM action that authorises a botocore ``service:Operation``.

    >>> iam_action("elbv2:DescribeListeners"), iam_action("s3:GetBucketEncryption")
    ('elasticloadbalancing:DescribeListeners', 's3:GetEncryptionConfiguration')
    """
    if call in IAM_ACTION:
        return IAM_ACTION[call]
    service, op = call.split(":", 1)
    return f"{IAM_PREFIX.get(service, service)}:{op}"


@dataclass(frozen=True)
class Collector:
    name: str  # "ec2-volumes": also the coverage label
    service: str  # botocore service name
    regional: bool
    kinds: tuple[type, ...]
    calls: tuple[str, ...]  # botocore "service:Operation" it may call
    fn: Callable[[Ctx], Iterable[Any]]


_COLLECTORS: Declarations[Collector] = Declarations("collector", "hitrust_policies.sources.live.aws")


def collector(
    name: str, *, service: str, kinds: tuple[type, ...], calls: tuple[str, ...], regional: bool = True
) -> Callable[[Callable[[Ctx], Iterable[Any]]], Collector]:
    def register(fn: Callable[[Ctx], Iterable[Any]]) -> Collector:
        for call in calls:
            if not call.split(":", 1)[1].startswith(READ_PREFIXES) and call not in READ_ACTIONS:
                raise ValueError(f"collector {name}: {call} is not a read-only operation")
        return _COLLECTORS.add(Collector(name, service, regional, kinds, calls, fn))

    return register


def all_collectors() -> list[Collector]:
    return _COLLECTORS.all(SERVICE_MODULES)


class ScanCancelled(RuntimeError):
    """The scan was interrupted; a call that had not started yet is not made."""


class ClientPool:
    """One boto3 client per (service, region), created under a lock.

    boto3 sessions are not thread-safe but clients are: create them serially, share them.
    """

    def __init__(self, session: Any, config: Any, endpoint_url: str | None = None) -> None:
        self._session = session
        self._config = config
        self._endpoint_url = endpoint_url
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._once: dict[str, tuple[Any, tuple[str, ...]]] = {}
        self._once_locks: dict[str, threading.Lock] = {}
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop the scan: every later API call of this pool's clients raises `ScanCancelled` (Ctrl-C must
        not wait for hundreds of queued reads)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _check_cancelled(self, **_: Any) -> None:
        if self._cancelled.is_set():
            raise ScanCancelled("scan cancelled")

    def once(self, key: str, compute: Callable[[], tuple[Any, tuple[str, ...]]]) -> tuple[Any, tuple[str, ...]]:
        """``compute()`` (a value and the problems it recorded) made once per scan of this account,
        however many collectors need it; concurrent callers wait for the first."""
        with self._lock:
            gate = self._once_locks.setdefault(key, threading.Lock())
        with gate:
            if key not in self._once:
                self._once[key] = compute()
            return self._once[key]

    def get(self, service: str, region: str) -> Any:
        key = (service, region)
        with self._lock:
            if key not in self._clients:
                client = self._session.client(
                    service, region_name=region, config=self._config, endpoint_url=self._endpoint_url
                )
                # before-call: no new call starts; before-send: no retry or in-flight request goes out (a demo's
                # moto mock may already be gone, and the real endpoint must never be asked instead).
                client.meta.events.register("before-call", self._check_cancelled)
                client.meta.events.register("before-send", self._check_cancelled)
                if service == "s3control" and (self._endpoint_url or configured_endpoint(client)):
                    # S3 Control's endpoint rules put the account id in front of the host
                    # (123456789012.s3-control...); a local endpoint has no such host name.
                    client.meta.events.register("before-sign.s3-control", _strip_account_host)
                self._clients[key] = client
            return self._clients[key]


def configured_endpoint(client: Any, environ: Any = None) -> str | None:
    """The endpoint botocore took from the environment for this client, if any: AWS_ENDPOINT_URL_<SERVICE ID>
    (e.g. AWS_ENDPOINT_URL_S3_CONTROL), else AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is
    true (botocore's documented service-specific endpoint variables). A LocalStack or VPC-endpoint user who sets
    only these gets the same handling as ``--endpoint-url``.

    >>> import botocore.session
    >>> s3control = botocore.session.get_session().create_client("s3control", region_name="us-east-1",
    ...     aws_access_key_id="x", aws_secret_access_key="y")
    >>> configured_endpoint(s3control, {"AWS_ENDPOINT_URL_S3_CONTROL": "http://127.0.0.1:5000"})
    'http://127.0.0.1:5000'
    >>> configured_endpoint(s3control, {"AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
    ...                                 "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}) is None
    True
    """
    import os

    env = os.environ if environ is None else environ
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").strip().lower() == "true":
        return None
    service_id = client.meta.service_model.service_id.replace(" ", "_").upper()
    return env.get(f"AWS_ENDPOINT_URL_{service_id}") or env.get("AWS_ENDPOINT_URL") or None


def _strip_account_host(request: Any, **_: Any) -> None:
    scheme, rest = request.url.split("://", 1)
    host, _, path = rest.partition("/")
    label, dot, remainder = host.partition(".")
    if dot and label.isdigit() and len(label) == 12:
        request.url = f"{scheme}://{remainder}/{path}"


@dataclass(frozen=True)
class OrganizationView:
    """What an organization scan's principal read once for every member account.

    Some organization-level facts are visible only from the management (or a delegated
    administrator) account, never from the member being scanned.
    """

    organization_id: str
    root_features: frozenset[str]  # iam:ListOrganizationsFeatures EnabledFeatures


@dataclass
class Ctx:
    """What a collector gets: clients for one account and region, and fact helpers."""

    pool: ClientPool
    account: str
    region: str
    partition: str = "aws"
    scan_regions: tuple[str, ...] = ()  # every region this scan covers
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    problems: list[str] = field(default_factory=list)  # per-item calls that failed
    organization: OrganizationView | None = None  # read by an organization scan's principal

    def client(self, service: str, region: str | None = None) -> Any:
        return self.pool.get(service, region or self.region)

    def ref(self, native_type: str, native_id: str, name: str, region: str | None = None) -> ResourceRef:
        return ResourceRef(
            provider="aws",
            native_type=native_type,
            native_id=native_id,
            name=name,
            account=self.account,
            region=region if region is not None else self.region,
            source="live",
        )

    def arn(self, service: str, resource: str, region: str | None = None, account: str | None = None) -> str:
        region = self.region if region is None else region
        account = self.account if account is None else account
        return f"arn:{self.partition}:{service}:{region}:{account}:{resource}"

    def fact(
        self,
        operation: str,
        call: Callable[[], T],
        *,
        absent: dict[str, Any] | None = None,
    ) -> T | Unknown | Any:
        """Make one per-resource call; a failure becomes an `Unknown` naming the call.

        ``absent`` maps error codes that *mean something* (e.g. NoSuchEntity: no
        password policy) to the value they stand for; every other error is unknown.
        """
        try:
            return call()
        except Exception as exc:
            code = error_code(exc)
            if absent and code in absent:
                return absent[code]
            return self.unknown(operation, exc)

    def account_fact(self, operation: str, call: Callable[[], T], *,
                     absent: dict[str, Any] | None = None) -> T | Unknown | Any:
        """`fact` for an account-wide setting several collectors read (the account's S3 Block Public
        Access): one call per scan, and each collector still reports the failure in its coverage."""

        def compute() -> tuple[Any, tuple[str, ...]]:
            probe = replace(self, problems=[])
            return probe.fact(operation, call, absent=absent), tuple(probe.problems)

        value, problems = self.pool.once(f"{self.account}:{operation}", compute)
        self.problems.extend(problems)
        return value

    def unknown(self, operation: str, exc: BaseException) -> Unknown:
        """Record a failed call and return the `Unknown` standing for what it would have shown."""
        reason = describe_failure(exc, operation)
        self.problems.append(reason)
        return Unknown(reason)

    def fan_out(self, fn: Callable[[Any], T], items: Iterable[Any], workers: int | None = None) -> list[T]:
        """``fn`` over every item, a few at a time, results in item order.

        Per-resource reads (five calls per bucket, four per user) dominate a scan of a large
        account; issuing them one after another makes a 500-bucket account take minutes.
        """
        items = list(items)
        workers = FAN_OUT_WORKERS if workers is None else workers
        if len(items) < 2 or workers < 2:
            return [fn(item) for item in items]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
            return list(pool.map(fn, items))

    def paginate(self, service: str, operation: str, key: str, **kwargs: Any) -> Iterator[Any]:
        """Every item of a paginated listing (a failure propagates: the whole listing is a gap)."""
        from botocore import xform_name

        client = self.client(service)
        method = xform_name(operation)
        if client.can_paginate(method):
            for page in client.get_paginator(method).paginate(**kwargs):
                yield from page.get(key, [])
        else:
            yield from getattr(client, method)(**kwargs).get(key, [])


def tag(tags: list[dict[str, str]] | None, key: str = "Name") -> str | None:
    """A tag's value from AWS's ``[{"Key":..., "Value":...}]`` lists."""
    for t in tags or []:
        if t.get("Key") == key:
            return t.get("Value")
    return None
