"""The AWS Config fast path: an organization's inventory from its Config aggregator, one paged query per type.

An organization that records AWS Config into an aggregator already holds every account's configuration items
(CIs) in one place. Reading them with ``config:SelectAggregateResourceConfig`` (``config:SelectResourceConfig``
for one account without an aggregator) costs one paged query per resource type for the whole organization,
where the direct collectors cost several Describe calls per account and region.

What may be read this way is declared as data (`REPLACEMENTS`): a direct collector, the Config types whose
CIs carry every fact the rules over its kinds need, and the adapter that turns those CIs into the SAME model
values the collector yields (same `ResourceRef` native id, name, account and region, so finding ids match).
Only collectors whose every fact is in the CI are listed:

- ``ec2-security-groups``: ``AWS::EC2::SecurityGroup`` carries the group and every ingress/egress permission.
- ``ec2-volumes``: ``AWS::EC2::Volume`` carries ``encrypted`` and ``kmsKeyId``; whose key it is comes from
  the ``AWS::KMS::Key`` CI's ``keyManager`` (DescribeKey's own field); a key Config has no CI for is an
  Unknown naming it, never a guess.
- ``s3-buckets`` is NOT replaced: the advanced query schema of ``AWS::S3::Bucket`` (awslabs/aws-config-
  resource-schema) has no bucket policy, so the TLS-only fact the direct path reads from ``GetBucketPolicy``
  is not there; RDS instances are not either (the TLS parameter of their parameter group is no CI field).

Config holds only what each account's recorder records, from sources the aggregator still reaches. So a
collector is replaced in one account and region only when the aggregator's source for it is ``SUCCEEDED``
(``DescribeConfigurationAggregatorSourcesStatus``), that region's recorder is recording
(``AWS::Config::ConfigurationRecorder`` CI) and records every type the collector needs; everywhere else the
direct collector runs. Each model value carries its CI's ``configurationItemCaptureTime`` as
``ref.observed_at``: Config's facts are as fresh as its last recording, and a report must say so.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from hitrust_policies.model import BlockVolume, SecurityGroup, Unknown
from hitrust_policies.sources import aws_kms
from hitrust_policies.sources.live.aws.collector import Ctx, tag
from hitrust_policies.sources.live.aws.ec2 import ingress_rules
from hitrust_policies.sources.live.aws.errors import describe_failure
from hitrust_policies.sources.live.aws.scan import Collected, Coverage

log = logging.getLogger(__name__)

PAGE = 100  # the largest Limit Config accepts for an advanced query page
RECORDER = "AWS::Config::ConfigurationRecorder"
FIELDS = ("resourceId", "resourceName", "resourceType", "accountId", "awsRegion", "arn", "configuration",
          "tags", "configurationItemCaptureTime", "configurationItemStatus")
# Items that stand for no resource now: deleted since (or never recorded), kept by Config as history.
GONE = frozenset({"ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"})

CI = dict[str, Any]
Where = tuple[str, str]  # (account, region)


@dataclass(frozen=True)
class CiScope:
    """Where the CIs an adapter reads come from: one account and region, and the whole inventory (for joins
    across types: a volume's KMS key)."""

    account: str
    region: str
    partition: str
    inventory: ConfigInventory

    def ctx(self) -> Ctx:
        """A collector context that only builds refs and ARNs (no client is ever asked for): the direct
        collectors' own ref helpers, so both paths name resources identically."""
        return Ctx(pool=None, account=self.account, region=self.region, partition=self.partition)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Replacement:
    """A direct collector the Config path replaces: the Config types it needs and the adapter."""

    collector: str
    types: tuple[str, ...]
    adapter: Callable[[CiScope, Mapping[str, Sequence[CI]]], Iterable[Any]]


def _observed(value: Any, ci: CI) -> Any:
    return replace(value, ref=replace(value.ref, observed_at=ci.get("configurationItemCaptureTime")))


def _pascal(value: Any) -> Any:
    """A CI ``configuration`` back in the Describe API's spelling (the direct collectors' input).

    >>> _pascal({"groupId": "sg-1", "ipPermissions": [{"ipProtocol": "tcp"}]})
    {'GroupId': 'sg-1', 'IpPermissions': [{'IpProtocol': 'tcp'}]}
    """
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: _pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    return value


def _group(configuration: CI) -> CI:
    """A security group CI as DescribeSecurityGroups answers it: Config keeps IPv4 ranges as ``ipv4Ranges``
    objects (and the same CIDRs again as bare ``ipRanges`` strings)."""
    group = _pascal(configuration)
    for key in ("IpPermissions", "IpPermissionsEgress"):
        for perm in group.get(key) or []:
            perm["IpRanges"] = perm.pop("Ipv4Ranges", None) or []
    return group


def security_groups(scope: CiScope, cis: Mapping[str, Sequence[CI]]) -> Iterator[Any]:
    """What ``ec2-security-groups`` yields, from ``AWS::EC2::SecurityGroup`` CIs."""
    ctx = scope.ctx()
    for ci in cis["AWS::EC2::SecurityGroup"]:
        g = _group(ci.get("configuration") or {})
        g.setdefault("GroupId", ci["resourceId"])
        name = g.get("GroupName") or g["GroupId"]
        yield _observed(SecurityGroup(
            ref=ctx.ref("AWS::EC2::SecurityGroup", ctx.arn("ec2", f"security-group/{g['GroupId']}"), name),
            is_default=g.get("GroupName") == "default",
            ingress_rule_count=len(g.get("IpPermissions", [])),
            egress_rule_count=len(g.get("IpPermissionsEgress", [])),
        ), ci)
        for rule in ingress_rules(ctx, g, name):
            yield _observed(rule, ci)


def volumes(scope: CiScope, cis: Mapping[str, Sequence[CI]]) -> Iterator[BlockVolume]:
    """What ``ec2-volumes`` yields, from ``AWS::EC2::Volume`` CIs joined with ``AWS::KMS::Key`` CIs."""
    ctx = scope.ctx()
    for ci in cis["AWS::EC2::Volume"]:
        v = _pascal(ci.get("configuration") or {})
        vid = v.get("VolumeId") or ci["resourceId"]
        encrypted, key = bool(v.get("Encrypted")), v.get("KmsKeyId")
        customer: Any = False
        if encrypted:
            customer = scope.inventory.key_is_customers(key, scope.account, scope.region) if key else Unknown(
                f"AWS Config: encrypted volume {vid} names no kmsKeyId")
        tags = [{"Key": t.get("key"), "Value": t.get("value")} for t in ci.get("tags") or []]
        yield _observed(BlockVolume(
            ref=ctx.ref("AWS::EC2::Volume", ctx.arn("ec2", f"volume/{vid}"), tag(tags) or vid),
            encrypted=encrypted,
            kms_key=key,
            kms_key_customer_managed=customer,
        ), ci)


REPLACEMENTS: tuple[Replacement, ...] = (
    Replacement("ec2-security-groups", ("AWS::EC2::SecurityGroup",), security_groups),
    Replacement("ec2-volumes", ("AWS::EC2::Volume", "AWS::KMS::Key"), volumes),
)


class ConfigUnavailable(RuntimeError):
    """The aggregator (or the account's Config) could not be read at all: every collector runs directly."""


@dataclass
class ConfigInventory:
    """What the Config path read: CIs by (account, region, type), what each source records, what failed."""

    items: dict[tuple[str, str, str], list[CI]] = field(default_factory=dict)
    recorded: dict[Where, frozenset[str] | None] = field(default_factory=dict)  # None: all supported types
    covered: set[Where] | None = None  # sources the aggregator reached (None: no aggregator, one account)
    failed_types: dict[str, str] = field(default_factory=dict)  # type -> why its query failed
    calls: Counter[str] = field(default_factory=Counter)
    partition: str = "aws"

    def records(self, where: Where, resource_type: str) -> bool:
        """Does Config hold ``resource_type`` for this account and region, from a source it still reaches?"""
        if resource_type in self.failed_types:
            return False
        if self.covered is not None and where not in self.covered:
            return False
        if where not in self.recorded:
            return False
        types = self.recorded[where]
        return types is None or resource_type in types

    def replaced(self, account: str, region: str,
                 replacements: Sequence[Replacement] = REPLACEMENTS) -> list[Replacement]:
        """The replacements whose every Config type is held for this account and region."""
        return [r for r in replacements if all(self.records((account, region), t) for t in r.types)]

    def key_is_customers(self, key: str, account: str, region: str) -> Any:
        """Is the KMS key a volume names customer-managed? From the key's own CI (``keyManager``), looked up
        in the account and region the key ARN names (else the resource's)."""
        by_reference = aws_kms.customer_managed_by_reference(key)
        if by_reference is not None:
            return by_reference
        key_region = aws_kms.key_region(key) or region
        parts = key.split(":")
        key_account = parts[4] if key.startswith("arn:") and len(parts) > 5 else account
        key_id = key.rsplit("/", 1)[-1]
        for ci in self.items.get((key_account, key_region, "AWS::KMS::Key"), ()):
            conf = ci.get("configuration") or {}
            if key_id in (ci.get("resourceId"), conf.get("keyId")) or key in (ci.get("arn"), conf.get("arn")):
                manager = conf.get("keyManager")
                if manager is None:
                    return Unknown(f"AWS Config: the CI of KMS key {key} has no keyManager")
                return aws_kms.key_manager_is_customer(manager)
        return Unknown(f"AWS Config holds no CI for KMS key {key} (account {key_account}, {key_region})")

    def collected(self, account: str, regions: Iterable[str],
                  replacements: Sequence[Replacement] = REPLACEMENTS) -> tuple[Collected, list[str]]:
        """(model values and ``path="config"`` coverage, names of the collectors replaced somewhere) for one
        account's regions: what the direct collectors would have yielded, for the collectors Config covers."""
        out = Collected()
        names: list[str] = []
        for region in sorted(regions):
            for r in self.replaced(account, region, replacements):
                scope = CiScope(account, region, self.partition, self)
                cis = {t: self.items.get((account, region, t), []) for t in r.types}
                values = list(r.adapter(scope, cis))
                out.resources.extend(values)
                count = len(cis[r.types[0]])
                out.coverage.append(Coverage(r.collector, region, "ok", count, (), account, path="config"))
                names.append(r.collector)
        return out, sorted(set(names))


def select(client: Any, expression: str, aggregator: str | None, calls: Counter[str] | None = None) -> Iterator[CI]:
    """Every CI an advanced query answers, across its pages (``Results`` are JSON strings, one per CI)."""
    token: str | None = None
    operation = "SelectAggregateResourceConfig" if aggregator else "SelectResourceConfig"
    while True:
        kwargs: dict[str, Any] = {"Expression": expression, "Limit": PAGE}
        if token:
            kwargs["NextToken"] = token
        if aggregator:
            page = client.select_aggregate_resource_config(ConfigurationAggregatorName=aggregator, **kwargs)
        else:
            page = client.select_resource_config(**kwargs)
        if calls is not None:
            calls[f"config:{operation}"] += 1
        for row in page.get("Results", []):
            yield json.loads(row) if isinstance(row, str) else row
        token = page.get("NextToken")
        if not token:
            return


def query(resource_type: str) -> str:
    """The one advanced query per resource type (the whole organization: accounts and regions come back as
    fields and are grouped here, not queried apart).

    >>> query("AWS::EC2::Volume")  # doctest: +ELLIPSIS
    "SELECT resourceId, resourceName, ..., configurationItemStatus WHERE resourceType = 'AWS::EC2::Volume'"
    """
    return f"SELECT {', '.join(FIELDS)} WHERE resourceType = '{resource_type}'"


def _sources(client: Any, aggregator: str, calls: Counter[str]) -> set[Where]:
    """The (account, region) sources the aggregator last read successfully."""
    covered: set[Where] = set()
    token: str | None = None
    while True:
        kwargs: dict[str, Any] = {"ConfigurationAggregatorName": aggregator, "Limit": PAGE}
        if token:
            kwargs["NextToken"] = token
        page = client.describe_configuration_aggregator_sources_status(**kwargs)
        calls["config:DescribeConfigurationAggregatorSourcesStatus"] += 1
        for row in page.get("AggregatedSourceStatusList", []):
            if row.get("LastUpdateStatus") == "SUCCEEDED":
                covered.add((row["SourceId"], row["AwsRegion"]))
        token = page.get("NextToken")
        if not token:
            return covered


def _recorded(ci: CI) -> frozenset[str] | None:
    """The types a recorder CI records (None: all supported ones); an empty set when it is not recording."""
    conf = ci.get("configuration") or {}
    if conf.get("Recording") is False:
        return frozenset()
    group = conf.get("RecordingGroup") or {}
    if group.get("AllSupported"):
        excluded = set((group.get("ExclusionByResourceTypes") or {}).get("ResourceTypes") or [])
        return None if not excluded else frozenset({t for r in REPLACEMENTS for t in r.types} - excluded)
    return frozenset(group.get("ResourceTypes") or [])


def read_inventory(client: Any, aggregator: str | None, replacements: Sequence[Replacement] = REPLACEMENTS,
                   partition: str = "aws") -> ConfigInventory:
    """One query per resource type the replacements need (and one for the recorders), grouped by account,
    region and type. `ConfigUnavailable` when the aggregator's sources or recorders cannot be read: then
    nothing is known to be covered and every collector runs directly. A type whose own query fails is left
    to the direct collectors (``failed_types`` says why)."""
    inventory = ConfigInventory(partition=partition)
    operation = "config:SelectAggregateResourceConfig" if aggregator else "config:SelectResourceConfig"
    try:
        if aggregator:
            inventory.covered = _sources(client, aggregator, inventory.calls)
        for ci in select(client, query(RECORDER), aggregator, inventory.calls):
            inventory.recorded[ci["accountId"], ci["awsRegion"]] = _recorded(ci)
    except Exception as exc:
        failed = getattr(exc, "operation_name", None)
        what = f"config:{failed}" if failed else operation
        raise ConfigUnavailable(describe_failure(exc, f"{what} {aggregator}" if aggregator else what)) from exc
    grouped: dict[tuple[str, str, str], list[CI]] = defaultdict(list)
    for resource_type in sorted({t for r in replacements for t in r.types}):
        try:
            for ci in select(client, query(resource_type), aggregator, inventory.calls):
                if ci.get("configurationItemStatus") not in GONE:
                    grouped[ci["accountId"], ci["awsRegion"], resource_type].append(ci)
        except Exception as exc:
            inventory.failed_types[resource_type] = describe_failure(exc, f"{operation} {resource_type}")
            log.warning("AWS Config: %s; its collectors read directly", inventory.failed_types[resource_type])
    for key, cis in grouped.items():
        if key[2] not in inventory.failed_types:
            inventory.items[key] = sorted(cis, key=lambda c: c.get("resourceId", ""))
    return inventory
