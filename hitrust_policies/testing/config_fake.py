"""A local AWS Config: the JSON 1.1 API an aggregator inventory is read through, and a recorder filling it.

moto's ``select_resource_config`` answers canned results and it has no aggregate call, so the Config path
(`hitrust_policies.sources.live.aws.config_inventory`) is tested against this fake instead: the real boto3
``config`` client talks to it with ``endpoint_url`` (``X-Amz-Target: StarlingDoveService.<Op>``), it
evaluates the advanced query subset the source emits (``SELECT f, g WHERE resourceType = '...'`` with
``AND field = '...'`` / ``IN (...)`` conditions), pages with ``Limit`` (at most 100, as Config allows) and
``NextToken``, and injects the faults a real organization meets (access denied, no such aggregator,
throttling). Bound to 127.0.0.1 like every fake.

`record_account` builds configuration items (CIs) from a moto account's state through boto3, shaped as
Config records them (``configuration`` is the service's Describe output in camelCase, ``tags`` a list of
``{key, value}``), so the direct collectors and the Config path can be compared on one simulated
organization.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from hitrust_policies.testing.loopback import LoopbackServer

MAX_LIMIT = 100
_SELECT = re.compile(r"^\s*SELECT\s+(?P<fields>.+?)\s+WHERE\s+(?P<where>.+?)\s*$", re.IGNORECASE | re.DOTALL)
_CONDITION = re.compile(r"^\s*(?P<field>[\w.]+)\s*(?:=\s*'(?P<value>[^']*)'|IN\s*\((?P<values>[^)]*)\))\s*$",
                        re.IGNORECASE)


class QueryError(ValueError):
    """An expression outside the subset this fake evaluates (Config would answer InvalidExpressionException)."""


def parse_query(expression: str) -> tuple[list[str], list[tuple[str, frozenset[str]]]]:
    """(selected fields, [(field, accepted values)]) of ``SELECT ... WHERE a = 'x' AND b IN ('y', 'z')``.

    >>> parse_query("SELECT resourceId, configuration WHERE resourceType = 'AWS::EC2::Volume'")
    (['resourceId', 'configuration'], [('resourceType', frozenset({'AWS::EC2::Volume'}))])
    """
    match = _SELECT.match(expression)
    if not match:
        raise QueryError(f"not a SELECT ... WHERE ... expression: {expression!r}")
    fields = [f.strip() for f in match["fields"].split(",") if f.strip()]
    conditions = []
    for part in re.split(r"\s+AND\s+", match["where"], flags=re.IGNORECASE):
        cond = _CONDITION.match(part)
        if not cond:
            raise QueryError(f"unsupported condition: {part!r}")
        values = ([cond["value"]] if cond["value"] is not None
                  else [v.strip().strip("'") for v in cond["values"].split(",")])
        conditions.append((cond["field"], frozenset(values)))
    return fields, conditions


def _get(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def project(item: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The selected fields of a CI, nested as Config nests them (``configuration.groupName`` ->
    ``{"configuration": {"groupName": ...}}``); a field the item lacks is left out.

    >>> project({"resourceId": "sg-1", "configuration": {"groupName": "web", "vpcId": "v"}},
    ...         ["resourceId", "configuration.groupName"])
    {'resourceId': 'sg-1', 'configuration': {'groupName': 'web'}}
    """
    out: dict[str, Any] = {}
    for path in fields:
        value = _get(item, path)
        if value is None:
            continue
        *parents, last = path.split(".")
        target = out
        for p in parents:
            target = target.setdefault(p, {})
        target[last] = value
    return out


@dataclass
class Fault:
    """An error the fake answers instead of results: to ``operation`` (None: every one) whose query mentions
    ``matching`` (None: any), ``times`` times (None: always)."""

    code: str
    message: str
    operation: str | None = None
    times: int | None = None
    matching: str | None = None


@dataclass
class ConfigFake(LoopbackServer):
    """Config's answers for one organization: ``items`` are CIs (dicts as `record_account` builds them),
    ``aggregators`` the aggregator names that exist, ``sources`` the aggregator's source status rows."""

    items: list[dict[str, Any]] = field(default_factory=list)
    aggregators: tuple[str, ...] = ("org",)
    sources: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    expressions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = None
        self._lock = threading.Lock()

    def add_sources(self, accounts: Iterable[str], regions: Iterable[str], status: str = "SUCCEEDED") -> None:
        """Aggregator source rows (organization sources: one per account and region)."""
        for account in accounts:
            for region in regions:
                self.sources.append({"SourceId": account, "SourceType": "ORGANIZATION", "AwsRegion": region,
                                     "LastUpdateStatus": status, "LastUpdateTime": 1764460800.0})

    def _fault(self, operation: str, expression: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if (fault.operation in (None, operation) and (fault.times is None or fault.times > 0)
                        and (fault.matching is None or fault.matching in expression)):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def answer(self, operation: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON body) for one request."""
        with self._lock:
            self.requests[operation] += 1
        fault = self._fault(operation, body.get("Expression", ""))
        if fault:
            return 400, {"__type": fault.code, "message": fault.message}
        aggregator = body.get("ConfigurationAggregatorName")
        if aggregator is not None and aggregator not in self.aggregators:
            return 400, {"__type": "NoSuchConfigurationAggregatorException",
                         "message": f"The configuration aggregator does not exist: {aggregator}"}
        if operation in ("SelectAggregateResourceConfig", "SelectResourceConfig"):
            return self._select(body)
        if operation == "DescribeConfigurationAggregators":
            return 200, {"ConfigurationAggregators": [
                {"ConfigurationAggregatorName": name,
                 "ConfigurationAggregatorArn": f"arn:aws:config:us-east-1:123456789012:config-aggregator/{name}",
                 "OrganizationAggregationSource": {"RoleArn": "arn:aws:iam::123456789012:role/config",
                                                   "AllAwsRegions": True}}
                for name in self.aggregators if name in body.get("ConfigurationAggregatorNames", [name])]}
        if operation == "DescribeConfigurationAggregatorSourcesStatus":
            return 200, self._page(body, self.sources, "AggregatedSourceStatusList", as_json=False)
        return 400, {"__type": "UnknownOperationException", "message": operation}

    def _select(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        expression = body.get("Expression", "")
        self.expressions.append(expression)
        try:
            fields, conditions = parse_query(expression)
        except QueryError as exc:
            return 400, {"__type": "InvalidExpressionException", "message": str(exc)}
        limit = body.get("Limit") or MAX_LIMIT
        if limit > MAX_LIMIT:
            return 400, {"__type": "InvalidLimitException", "message": f"Limit {limit} exceeds {MAX_LIMIT}"}
        matching = [project(i, fields) for i in self.items
                    if all(str(_get(i, f)) in values for f, values in conditions)]
        page = self._page(body, matching, "Results", as_json=True)
        page["QueryInfo"] = {"SelectFields": [{"Name": f} for f in fields]}
        return 200, page

    @staticmethod
    def _page(body: dict[str, Any], rows: list[Any], key: str, as_json: bool) -> dict[str, Any]:
        start = int(body.get("NextToken") or 0)
        limit = min(int(body.get("Limit") or MAX_LIMIT), MAX_LIMIT)
        chunk = rows[start:start + limit]
        page: dict[str, Any] = {key: [json.dumps(r) for r in chunk] if as_json else chunk}
        if start + limit < len(rows):
            page["NextToken"] = str(start + limit)
        return page

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                target = self.headers.get("X-Amz-Target", "")
                operation = target.split(".", 1)[1] if target.startswith("StarlingDoveService.") else target
                status, payload = fake.answer(operation, json.loads(raw or b"{}"))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _camel(value: Any) -> Any:
    """Config's CI ``configuration`` spelling of a Describe answer: keys in lowerCamelCase.

    >>> _camel({"GroupId": "sg-1", "IpPermissions": [{"IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]})
    {'groupId': 'sg-1', 'ipPermissions': [{'ipRanges': [{'cidrIp': '0.0.0.0/0'}]}]}
    """
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _tags(tags: list[dict[str, str]] | None) -> list[dict[str, str]]:
    return [{"key": t["Key"], "value": t["Value"]} for t in tags or []]


def configuration_item(account: str, region: str, resource_type: str, resource_id: str, name: str | None,
                       arn: str, configuration: dict[str, Any], captured: str,
                       tags: list[dict[str, str]] | None = None,
                       supplementary: dict[str, Any] | None = None) -> dict[str, Any]:
    """One CI with the top-level fields an advanced query selects."""
    item = {"accountId": account, "awsRegion": region, "resourceType": resource_type, "resourceId": resource_id,
            "arn": arn, "configuration": configuration, "configurationItemCaptureTime": captured,
            "configurationItemStatus": "OK", "tags": tags or [], "supplementaryConfiguration": supplementary or {}}
    if name is not None:
        item["resourceName"] = name
    return item


def _security_group(group: dict[str, Any]) -> dict[str, Any]:
    """A security group as Config records it: ``ipv4Ranges`` with ``cidrIp`` (and the bare ``ipRanges``
    strings Config keeps beside them)."""
    config = _camel(group)
    for key in ("ipPermissions", "ipPermissionsEgress"):
        for perm in config.get(key, []):
            perm["ipv4Ranges"] = perm.pop("ipRanges", [])
            perm["ipRanges"] = [r["cidrIp"] for r in perm["ipv4Ranges"]]
    return config


def record_account(session: Any, account: str, regions: Iterable[str], captured: str,
                   endpoint_url: str | None = None,
                   types: Iterable[str] = ("AWS::EC2::SecurityGroup", "AWS::EC2::Volume", "AWS::KMS::Key"),
                   ) -> list[dict[str, Any]]:
    """The CIs Config would hold for ``account`` (its session) in ``regions``: security groups, volumes and KMS
    keys read through boto3, plus each region's configuration recorder (recording all supported types,
    or only ``types`` when that is narrower: the recorder says what Config holds)."""
    chosen = set(types)
    items: list[dict[str, Any]] = []
    for region in regions:
        ec2 = session.client("ec2", region_name=region, endpoint_url=endpoint_url)
        if "AWS::EC2::SecurityGroup" in chosen:
            for g in ec2.describe_security_groups()["SecurityGroups"]:
                items.append(configuration_item(
                    account, region, "AWS::EC2::SecurityGroup", g["GroupId"], g.get("GroupName"),
                    f"arn:aws:ec2:{region}:{account}:security-group/{g['GroupId']}", _security_group(g), captured,
                    _tags(g.get("Tags"))))
        if "AWS::EC2::Volume" in chosen:
            for v in ec2.describe_volumes()["Volumes"]:
                items.append(configuration_item(
                    account, region, "AWS::EC2::Volume", v["VolumeId"], None,
                    f"arn:aws:ec2:{region}:{account}:volume/{v['VolumeId']}", _camel(v), captured,
                    _tags(v.get("Tags"))))
        if "AWS::KMS::Key" in chosen:
            kms = session.client("kms", region_name=region, endpoint_url=endpoint_url)
            for k in kms.list_keys()["Keys"]:
                meta = kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]
                items.append(configuration_item(
                    account, region, "AWS::KMS::Key", meta["KeyId"], None, meta["Arn"], _camel(meta), captured))
        everything = chosen >= {"AWS::EC2::SecurityGroup", "AWS::EC2::Volume", "AWS::KMS::Key"}
        items.append(configuration_item(
            account, region, "AWS::Config::ConfigurationRecorder", "default", "default",
            f"arn:aws:config:{region}:{account}:config-recorder/default",
            {"Name": "default", "Recording": True,
             "RecordingGroup": {"AllSupported": everything, "ResourceTypes": [] if everything else sorted(chosen)}},
            captured))
    return items
