"""Audit evidence: trails of API activity, network flow logs, log stores, threat detection."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class AuditTrail:
    """One trail of control-plane activity (CloudTrail trail, diagnostic setting...).

    On Azure a trail is an activity-log diagnostic setting, found only inside the subscription's
    `AuditCoverage` (see ``sources/live/azure/monitor.py`` for what each field means there: e.g.
    ``management_reads`` is True because Azure records no control-plane read to leave out).

    ``management_reads`` / ``management_writes``: the trail records read-only / mutating
    control-plane (management) events; ``management_exclusions`` names what its selectors leave
    out of those it records (e.g. "events from kms.amazonaws.com"), empty when nothing.
    ``cloudwatch_logs`` is the log group (ARN) the trail also delivers to, None if none.
    ``cloudwatch_delivery_hours`` is the time since the last delivery there: ``math.inf`` if
    never, None where the source cannot observe deliveries (a deployment plan, whose trail has
    delivered nothing yet).
    ``object_data_reads`` / ``object_data_writes``: the trail records the object-level (data-plane)
    read / write events of every bucket of the object store (CloudTrail S3 data events with no bucket
    narrowing); None where the trail cannot record them or they are not judged here (see
    `AuditCoverage.object_data_judged`).
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
    object_data_reads: bool | None | Unknown
    object_data_writes: bool | None | Unknown


@dataclass(frozen=True, slots=True)
class AuditCoverage:
    """All trails of one account: whether *some* trail covers everything is account-level.

    ``object_data_judged``: whether the trails' object-store data events are judged here: True on AWS
    (CloudTrail S3 data events); False on Azure, whose activity log holds no data-plane events (a
    storage account logs its own through its diagnostic settings), and on Google Cloud, whose Data
    Access audit logs are not judged by this library.
    """

    ref: ResourceRef
    trails: tuple[AuditTrail, ...] | Unknown
    object_data_judged: bool = True


@dataclass(frozen=True, slots=True)
class Network:
    """A virtual network (VPC / VNet) and whether its traffic is flow-logged.

    ``flow_logs_enabled``: some flow log records all of the network's traffic, accepted and rejected (on
    AWS an active VPC flow log with traffic type ALL; ACCEPT- or REJECT-only logs do not count).

    ``is_default``: the cloud made it for the account (an AWS default VPC, GCP's ``default`` network).
    ``preset_open``: it is the network a cloud makes in every new project together with firewall rules
    admitting SSH, RDP and ICMP from anywhere and all internal traffic (Compute Engine's ``default``
    network, known by its name as CIS Google Cloud Platform Foundation 3.1 knows it). False for networks
    a customer made, for Azure (no default network) and for AWS default VPCs, whose default security
    group admits only its own members.
    """

    ref: ResourceRef
    is_default: bool | Unknown
    flow_logs_enabled: bool | Unknown
    preset_open: bool | Unknown


@dataclass(frozen=True, slots=True)
class LogGroup:
    """A log store (CloudWatch Logs group, Log Analytics workspace); ``retention_days`` None means logs
    never expire.

    ``holds_audit_data``: an audit source (an audit trail, a network flow log) delivers to it.
    """

    ref: ResourceRef
    retention_days: int | None | Unknown
    kms_key: str | None | Unknown
    holds_audit_data: bool | Unknown


@dataclass(frozen=True, slots=True)
class ThreatDetection:
    """Continuous threat detection: per region on AWS (some GuardDuty detector is on), per Defender for
    Cloud plan and subscription on Azure (the plan is on its Standard tier)."""

    ref: ResourceRef
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class NetworkWatcher:
    """Azure Network Watcher in one region of one subscription where virtual networks are: without it
    no flow log, connection monitor or packet capture can be had there. ``enabled``: some watcher in
    the region is provisioned. Azure-only (AWS and GCP network diagnostics need no regional switch)."""

    ref: ResourceRef
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class DatabaseAuditing:
    """A database server's own audit log of logins and queries (Azure SQL server auditing; an RDS
    instance's or DB cluster's audit log type exported to CloudWatch Logs).

    Cloud SQL audits through database flags, which other kinds hold. ``storage_retention_days`` is how long the
    storage-account destination keeps records, 0 for unlimited, None when the audit goes to no storage
    account (Log Analytics / Event Hubs, and CloudWatch Logs on AWS, keep their own retention).
    """

    ref: ResourceRef
    enabled: bool | Unknown
    storage_retention_days: int | None | Unknown


@dataclass(frozen=True, slots=True)
class LogExport:
    """Whether a copy of every log entry of one project is routed somewhere (Google Cloud log sinks).

    ``sinks_exporting_all`` names the enabled sinks that route every entry of the project, with no
    filter and no exclusion, to a destination (a storage bucket, dataset, topic or log bucket): the
    project's own, or a folder's / organization's that includes its children; empty when none does.
    """

    ref: ResourceRef
    sinks_exporting_all: tuple[str, ...] | Unknown
