"""Audit evidence: trails of API activity, network flow logs, log stores, threat detection."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class AuditTrail:
    """One trail of control-plane activity (CloudTrail trail, diagnostic setting...).

    ``management_reads`` / ``management_writes``: the trail records read-only / mutating
    control-plane (management) events; ``management_exclusions`` names what its selectors leave
    out of those it records (e.g. "events from kms.amazonaws.com"), empty when nothing.
    ``cloudwatch_logs`` is the log group (ARN) the trail also delivers to, None if none.
    ``cloudwatch_delivery_hours`` is the time since the last delivery there: ``math.inf`` if
    never, None where the source cannot observe deliveries (a deployment plan, whose trail has
    delivered nothing yet).
    """

    ref: ResourceRef
    multi_region: bool | Unknown
    logging: bool | Unknown  # currently delivering events
    log_file_validation: bool | Unknown
    kms_key: str | None | Unknown
    management_reads: bool | Unknown
    management_writes: bool | Unknown
    management_exclusions: tuple[str, ...] | Unknown
    cloudwatch_logs: str | None | Unknown
    cloudwatch_delivery_hours: float | None | Unknown


@dataclass(frozen=True, slots=True)
class AuditCoverage:
    """All trails of one account: whether *some* trail covers everything is account-level."""

    ref: ResourceRef
    trails: tuple[AuditTrail, ...] | Unknown


@dataclass(frozen=True, slots=True)
class Network:
    """A virtual network (VPC / VNet) and whether its traffic is flow-logged."""

    ref: ResourceRef
    is_default: bool | Unknown
    flow_logs_enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class LogGroup:
    """A log store; ``retention_days`` None means logs never expire.

    ``holds_audit_data``: an audit source (an audit trail, a network flow log) delivers to it.
    """

    ref: ResourceRef
    retention_days: int | None | Unknown
    kms_key: str | None | Unknown
    holds_audit_data: bool | Unknown


@dataclass(frozen=True, slots=True)
class ThreatDetection:
    """Per-region continuous threat detection (GuardDuty); ``enabled`` means some detector is on."""

    ref: ResourceRef
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class LogExport:
    """Whether a copy of every log entry of one project is routed somewhere (Google Cloud log sinks).

    ``sinks_exporting_all`` names the enabled sinks that route every entry of the project, with no
    filter and no exclusion, to a destination (a storage bucket, dataset, topic or log bucket): the
    project's own, or a folder's / organization's that includes its children; empty when none does.
    """

    ref: ResourceRef
    sinks_exporting_all: tuple[str, ...] | Unknown
