"""Audit evidence: trails of API activity, network flow logs, log stores, threat detection."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class AuditTrail:
    """One trail of control-plane activity (CloudTrail trail, diagnostic setting...)."""

    ref: ResourceRef
    multi_region: bool | Unknown
    logging: bool | Unknown  # currently delivering events
    log_file_validation: bool | Unknown
    kms_key: str | None | Unknown


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
    """A log store; ``retention_days`` None means logs never expire."""

    ref: ResourceRef
    retention_days: int | None | Unknown
    kms_key: str | None | Unknown


@dataclass(frozen=True, slots=True)
class ThreatDetection:
    """Per-region continuous threat detection (GuardDuty); ``enabled`` means some detector is on."""

    ref: ResourceRef
    enabled: bool | Unknown
