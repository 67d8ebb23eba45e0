"""What a filtered live scan reads: only the collectors (AWS) and families (Azure, GCP) whose kinds the
selected rules judge, plus what the scan's joins need.

Each declaration already says which model kinds it yields, so the selection is derived, never kept
by hand: ``hitrust scan aws --rule enc-object-store-default-encryption`` reads S3 and makes no EC2,
RDS or IAM call; a service the selected rules never look at cannot be denied, throttled or slow,
so it can no longer make a filtered scan incomplete (exit 3). An Azure family is one Resource Graph
query (its table and types) plus its ARM / Graph reads; a GCP family is its Cloud Asset types (and
their IAM policies). Joins inside a family need nothing more; the AWS scan joins across collectors:

- `AuditCoverage` (the account's multi-region trail fact) is built from ``cloudtrail-trails``;
- a `LogGroup`'s ``holds_audit_data`` is decided from the trails and the VPC flow logs (``ec2-vpcs``)
  that deliver to it (sources/live/aws/audit_logs.py);
- `ChangeAlerting` (which monitored events alarm to someone) follows the trails to their log groups'
  metric filters (sources/live/aws/change_alarms.py).

Every function returns None for "no filter" (``rules`` None, or every registered rule): the scan then
reads everything, exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from hitrust_policies.model import AuditCoverage, ChangeAlerting, LogGroup
from hitrust_policies.rules.registry import Rule, all_rules, get_rule  # noqa: F401  (get_rule: doctests)

T = TypeVar("T")

# kind -> names of AWS collectors the scan's joins read to build or complete it
AWS_JOINS: dict[type, tuple[str, ...]] = {
    AuditCoverage: ("cloudtrail-trails",),
    LogGroup: ("cloudtrail-trails", "ec2-vpcs"),
}
AWS_JOINS[ChangeAlerting] = ("cloudtrail-trails",)


class NothingToRead(ValueError):
    """None of the selected rules judges a kind this cloud's scanner reads."""


def _filtered(rules: Iterable[Rule] | None) -> set[type] | None:
    if rules is None:
        return None
    chosen = list(rules)
    if {r.id for r in chosen} >= {r.id for r in all_rules()}:
        return None
    return {r.kind for r in chosen}


def _pick(declared: Sequence[T], kinds: set[type], joins: dict[type, tuple[str, ...]], cloud: str) -> list[T]:
    if not kinds:
        raise NothingToRead("the filters select no rule: nothing to scan")
    names = {j for kind in kinds for j in joins.get(kind, ())}
    picked = [d for d in declared
              if getattr(d, "name") in names or kinds.intersection(getattr(d, "kinds"))]  # noqa: B009
    if not picked:
        raise NothingToRead(f"none of the selected rules judges a resource the {cloud} scanner reads "
                            f"(kinds: {', '.join(sorted(k.__name__ for k in kinds))})")
    return picked


def aws_collectors(rules: Iterable[Rule] | None) -> list[Any] | None:
    """The AWS collectors a scan for ``rules`` runs (None: all).

    >>> [c.name for c in aws_collectors([get_rule("enc-object-store-default-encryption")])]
    ['s3-buckets']
    >>> [c.name for c in aws_collectors([get_rule("log-audit-coverage-multi-region")])]
    ['cloudtrail-trails']
    >>> sorted(c.name for c in aws_collectors([get_rule("log-log-group-retention")]))
    ['cloudtrail-trails', 'ec2-vpcs', 'logs-log-groups']
    """
    from hitrust_policies.sources.live.aws.collector import all_collectors

    kinds = _filtered(rules)
    return None if kinds is None else _pick(all_collectors(), kinds, AWS_JOINS, "AWS")


def azure_families(rules: Iterable[Rule] | None) -> list[Any] | None:
    """The Azure families (Resource Graph queries and their ARM reads) a scan for ``rules`` runs (None: all).

    >>> [(f.name, f.table) for f in azure_families([get_rule("enc-block-volume-encrypted")])]
    [('managed-disks', 'resources')]
    """
    from hitrust_policies.sources.live.azure.families import all_families

    kinds = _filtered(rules)
    return None if kinds is None else _pick(all_families(), kinds, {}, "Azure")


def gcp_families(rules: Iterable[Rule] | None) -> list[Any] | None:
    """The GCP families (Cloud Asset types) a scan for ``rules`` lists (None: all).

    >>> [(f.name, f.asset_types) for f in gcp_families([get_rule("enc-block-volume-encrypted")])]
    [('disks', ('compute.googleapis.com/Disk', 'compute.googleapis.com/RegionDisk'))]
    """
    from hitrust_policies.sources.live.gcp.families import all_families

    kinds = _filtered(rules)
    return None if kinds is None else _pick(all_families(), kinds, {}, "Google Cloud")
