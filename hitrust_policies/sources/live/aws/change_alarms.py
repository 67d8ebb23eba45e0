"""Whether monitored CloudTrail events raise an alarm someone receives: one `ChangeAlerting` per account.

The chain spans services and regions: a multi-region trail logging every management event delivers to a
CloudWatch Logs group (`AuditTrail.cloudwatch_logs`, read by the cloudtrail collector); a metric filter
on that group matches the events (``logs:DescribeMetricFilters``, every filter of the region in one
paginated listing); an alarm on the filter's metric (``cloudwatch:DescribeAlarms``, once per region)
with actions enabled notifies an SNS topic with a confirmed subscription
(``sns:ListSubscriptionsByTopic``, only for topics of alarms on filters that match some category).

The collector reads each region's filters, alarms and topics into `AlertRoute` join records; the scan
joins them with the trails (`join_change_alerting`). A region whose filters or alarms could not be read
leaves the categories of trails delivering there unknown, never failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model import AuditTrail, ChangeAlerting, ResourceRef, Unknown, UnknownFact
from hitrust_policies.sources.aws_metric_filters import CATEGORIES, NotUnderstood, covered_categories
from hitrust_policies.sources.live.aws.audit_logs import group_key
from hitrust_policies.sources.live.aws.collector import Ctx, collector

CHANGE_ALARMS, TRAILS = "logs-change-alarms", "cloudtrail-trails"
NO_TRAIL = "no multi-region trail logging every management event (read and write) delivers to CloudWatch Logs"


@dataclass(frozen=True)
class AlertRoute:
    """A join record, not a model kind: one metric filter of a region and whether its alarms reach someone.

    ``log_group`` is the filter's group name, or an `Unknown` when the region's filters could not be
    listed. ``categories``: what the filter's pattern counts (`Unknown` if the pattern is not understood).
    ``notified``: None when an alarm on the filter's metric notifies a topic with a confirmed
    subscription, else why not.
    """

    region: str
    log_group: str | Unknown
    filter_name: str
    categories: frozenset[str] | Unknown
    notified: str | None | Unknown


@collector(
    CHANGE_ALARMS,
    service="logs",
    kinds=(ChangeAlerting,),
    calls=("logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", "sns:ListSubscriptionsByTopic"),
)
def change_alarms(ctx: Ctx) -> Iterator[AlertRoute]:
    try:
        filters = list(ctx.paginate("logs", "DescribeMetricFilters", "metricFilters"))
    except Exception as exc:
        yield AlertRoute(ctx.region, ctx.unknown("logs:DescribeMetricFilters", exc), "", frozenset(), None)
        return
    judged = [(f, _categories(f)) for f in filters]
    judged = [(f, cats) for f, cats in judged if isinstance(cats, Unknown) or cats]
    if not judged:
        return
    try:
        alarms: list[dict[str, Any]] | Unknown = list(ctx.paginate("cloudwatch", "DescribeAlarms", "MetricAlarms"))
    except Exception as exc:
        alarms = ctx.unknown("cloudwatch:DescribeAlarms", exc)
    topics = sorted({t for f, _ in judged for a in _alarms_of(f, alarms) for t in _topics(a)})
    confirmed = dict(zip(topics, ctx.fan_out(lambda t: _confirmed(ctx, t), topics), strict=True))
    for f, cats in judged:
        yield AlertRoute(ctx.region, f["logGroupName"], f["filterName"], cats, _notified(f, alarms, confirmed))


def _categories(f: dict[str, Any]) -> frozenset[str] | Unknown:
    try:
        return covered_categories(f.get("filterPattern") or "")
    except NotUnderstood as exc:
        return Unknown(f"metric filter {f.get('filterName')}: pattern not understood ({exc})")


def _metrics(f: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.get("metricNamespace", ""), m.get("metricName", "")) for m in f.get("metricTransformations", [])}


def _alarm_metrics(a: dict[str, Any]) -> set[tuple[str, str]]:
    """The metrics an alarm watches: its own, or those of its metric-math queries."""
    found = {(a.get("Namespace", ""), a.get("MetricName", ""))} if a.get("MetricName") else set()
    for q in a.get("Metrics") or []:
        m = (q.get("MetricStat") or {}).get("Metric") or {}
        if m.get("MetricName"):
            found.add((m.get("Namespace", ""), m["MetricName"]))
    return found


def _alarms_of(f: dict[str, Any], alarms: list[dict[str, Any]] | Unknown) -> list[dict[str, Any]]:
    if isinstance(alarms, Unknown):
        return []
    return [a for a in alarms if _alarm_metrics(a) & _metrics(f)]


def _topics(a: dict[str, Any]) -> list[str]:
    """SNS topics an alarm notifies when it fires (none while its actions are disabled)."""
    if not a.get("ActionsEnabled", True):
        return []
    return [arn for arn in a.get("AlarmActions") or [] if arn.split(":")[2:3] == ["sns"]]


def _confirmed(ctx: Ctx, topic: str) -> bool | Unknown:
    """Some subscription of the topic is confirmed (an ARN, not ``PendingConfirmation``)."""
    sns = ctx.client("sns", region=topic.split(":")[3] or ctx.region)

    def read() -> bool:
        pages = sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=topic)
        return any(s.get("SubscriptionArn", "").startswith("arn:") for p in pages for s in p.get("Subscriptions", []))

    return ctx.fact("sns:ListSubscriptionsByTopic", read)


def _notified(f: dict[str, Any], alarms: list[dict[str, Any]] | Unknown,
              confirmed: dict[str, bool | Unknown]) -> str | None | Unknown:
    if isinstance(alarms, Unknown):
        return alarms
    mine = _alarms_of(f, alarms)
    metric = ", ".join(sorted(f"{ns}/{name}" for ns, name in _metrics(f)))
    if not mine:
        return f"no alarm watches its metric {metric}"
    answers = [confirmed[t] for a in mine for t in _topics(a)]
    if any(a is True for a in answers):
        return None
    pending = next((a for a in answers if isinstance(a, Unknown)), None)
    if pending is not None:
        return pending
    names = ", ".join(sorted(a["AlarmName"] for a in mine))
    if not answers and not any(a.get("ActionsEnabled", True) for a in mine):
        return f"alarm {names} has its actions disabled"
    if not answers:
        return f"alarm {names} notifies no SNS topic"
    return f"alarm {names} notifies no topic with a confirmed subscription"


def join_change_alerting(resources: list[Any], account: str, failures: Iterable[tuple[str, str, str]],
                         scanned: set[str], regions: Iterable[str]) -> list[Any]:
    """``resources`` without the `AlertRoute` records, with the account's `ChangeAlerting` added.

    ``failures``: (collector, region, reason) of listings that failed; ``scanned``: the collectors run;
    ``regions``: the regions scanned.
    """
    routes = [r for r in resources if isinstance(r, AlertRoute)]
    rest = [r for r in resources if not isinstance(r, AlertRoute)]
    unseen: dict[str, str] = {}  # region ("*": every one) -> why its filters and alarms are not known
    for route in routes:
        if isinstance(route.log_group, Unknown):
            unseen.setdefault(route.region, route.log_group.reason)
    for name, region, reason in failures:
        if name == CHANGE_ALARMS:
            unseen.setdefault(region, reason)
        elif name == TRAILS:
            unseen.setdefault("*", reason)
    if TRAILS not in scanned:
        unseen["*"] = f"trails not read by this scan ({TRAILS}): cannot tell where their events are alerted"
    trails = [r for r in rest if isinstance(r, AuditTrail)]
    judge = _Judge(account, routes, unseen, set(regions))
    gaps = tuple((c.id, judge.gap(c.id, trails)) for c in CATEGORIES)
    rest.append(ChangeAlerting(
        ref=ResourceRef("aws", "AWS::CloudWatch::ChangeAlerting", f"arn:aws:cloudwatch::{account}:change-alerting",
                        f"change-alerts-{account}", account=account, region="", source="live"),
        gaps=gaps,
    ))
    return rest


class _Judge:
    """Three-valued: wired if some qualifying trail's group has a wired filter; unknown if that might be."""

    def __init__(self, account: str, routes: list[AlertRoute], unseen: dict[str, str], regions: set[str]) -> None:
        self.account, self.unseen, self.regions = account, unseen, regions
        self.by_group: dict[tuple[str, str, str], list[AlertRoute]] = {}
        for r in routes:
            if isinstance(r.log_group, str):
                self.by_group.setdefault((account, r.region, r.log_group), []).append(r)

    def gap(self, category: str, trails: list[AuditTrail]) -> str | None | Unknown:
        unknowns: list[Unknown] = [Unknown(self.unseen["*"])] if "*" in self.unseen else []
        reasons: list[str] = []
        for t in sorted(trails, key=lambda t: t.ref.name):
            try:
                if not _qualifies(t):
                    continue
            except UnknownFact as exc:
                unknowns.append(Unknown(f"trail {t.ref.name}: {exc.reason}"))
                continue
            answer = self._group(str(t.cloudwatch_logs), t.ref.region or "", category)
            if answer is None:
                return None
            (unknowns if isinstance(answer, Unknown) else reasons).append(answer)  # type: ignore[arg-type]
        if unknowns:
            return unknowns[0]
        return "; ".join(reasons) if reasons else NO_TRAIL

    def _group(self, log_group: str, trail_region: str, category: str) -> str | None | Unknown:
        account, region, name = group_key(log_group, self.account, trail_region)
        if account != self.account or region not in self.regions:
            return Unknown(f"log group {name} is in {account} {region}, outside this scan")
        if region in self.unseen:
            return Unknown(self.unseen[region])
        matching, pending = [], None
        for r in self.by_group.get((account, region, name), []):
            if isinstance(r.categories, Unknown):
                pending = pending or r.categories
            elif category in r.categories:
                matching.append(r)
        for r in matching:
            if r.notified is None:
                return None
        pending = pending or next((r.notified for r in matching if isinstance(r.notified, Unknown)), None)
        if pending is not None:
            return pending
        if not matching:
            return f"no metric filter on log group {name} matches all of them"
        return "; ".join(f"metric filter {r.filter_name} on {name}: {r.notified}"
                         for r in sorted(matching, key=lambda r: r.filter_name))


def _qualifies(t: AuditTrail) -> bool:
    """A trail whose events can feed alerts: multi-region, logging, every management event, to a log group.
    Raises `UnknownFact` if that cannot be told."""
    return bool(t.multi_region and t.logging and t.management_reads and t.management_writes
                and not t.management_exclusions and t.cloudwatch_logs)
