"""Which CloudWatch log groups hold audit data: joined by the scan from what other collectors saw.

A log group does not say what is written to it; the sources do. A trail names its group
(``CloudWatchLogsLogGroupArn``, on `AuditTrail.cloudwatch_logs`) and a VPC / subnet / interface
flow log names its group (``LogGroupName`` or a ``LogDestination`` ARN, emitted by the ec2
collector as `AuditLogDestination` records, which never reach the report). A group no seen
source names holds no audit data only if every source that could name it was read: a trail
listing that failed anywhere, or a flow-log listing that failed in the group's region, leaves
the fact unknown. Audit sources not joined here (DNS query logs, WAF, database audit exports)
are not claimed either way by this fact's False: it says "no trail or flow log delivers here".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from hitrust_policies.model import AuditTrail, LogGroup, Unknown

TRAILS, FLOW_LOGS, LOG_GROUPS = "cloudtrail-trails", "ec2-vpcs", "logs-log-groups"
NOT_JOINED = Unknown("audit sources not joined (log group read outside a scan)")


@dataclass(frozen=True)
class AuditLogDestination:
    """A join record, not a model kind: a log group some audit source of ``region`` delivers to.

    ``log_group`` is a name (same account and region) or a log-group ARN; an `Unknown` says the
    region's sources could not be listed, and why.
    """

    region: str
    log_group: str | Unknown
    source: str  # "flow log fl-0123..." (for debugging; not shown in findings)


def group_key(log_group: str, account: str, region: str) -> tuple[str, str, str]:
    """(account, region, name) of a log group named by name or ARN (a trailing ``:*`` allowed).

    >>> group_key("arn:aws:logs:eu-west-1:111122223333:log-group:trail/audit:*", "1", "us-east-1")
    ('111122223333', 'eu-west-1', 'trail/audit')
    >>> group_key("flows", "123456789012", "us-east-1")
    ('123456789012', 'us-east-1', 'flows')
    """
    if log_group.startswith("arn:"):
        parts = log_group.split(":")
        return parts[4], parts[3], parts[6]
    return account, region, log_group


def join_audit_log_groups(resources: list[Any], records: Iterable[AuditLogDestination],
                          failures: Iterable[tuple[str, str, str]], scanned: set[str],
                          account: str) -> list[Any]:
    """``resources`` with every `LogGroup`'s ``holds_audit_data`` decided from trails and flow logs.

    ``failures`` are (collector, region, reason) of listings that failed; ``scanned`` the names of
    the collectors this scan ran.
    """
    known: set[tuple[str, str, str]] = set()
    pending: dict[str, str] = {}  # region ("*" for all) -> why groups there cannot be told
    for r in resources:
        if isinstance(r, AuditTrail) and r.cloudwatch_logs is not None:
            if isinstance(r.cloudwatch_logs, Unknown):
                pending.setdefault("*", r.cloudwatch_logs.reason)
            else:
                known.add(group_key(r.cloudwatch_logs, account, r.ref.region or ""))
    for rec in records:
        if isinstance(rec.log_group, Unknown):
            pending.setdefault(rec.region, rec.log_group.reason)
        else:
            known.add(group_key(rec.log_group, account, rec.region))
    for collector, region, reason in failures:
        if collector in (TRAILS, FLOW_LOGS):
            pending.setdefault("*" if collector == TRAILS else region, reason)
    for collector, what in ((TRAILS, "trails"), (FLOW_LOGS, "flow logs")):
        if collector not in scanned:
            pending.setdefault("*", f"{what} not read by this scan ({collector}): cannot tell which log "
                                    "groups hold audit data")

    def decide(group: LogGroup) -> LogGroup:
        region = group.ref.region or ""
        if (account, region, group.ref.name) in known:
            return replace(group, holds_audit_data=True)
        why = pending.get(region) or pending.get("*")
        return replace(group, holds_audit_data=Unknown(why) if why else False)

    return [decide(r) if isinstance(r, LogGroup) else r for r in resources]
