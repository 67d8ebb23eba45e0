"""Request logs of the front ends that serve a workload's traffic."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class RequestLogging:
    """Whether a front end that serves requests (a load balancer, a CDN distribution, an API stage) writes a
    log record for every request or connection it serves.

    Yielded by the AWS sources (Elastic Load Balancing v2 and Classic load balancers' access logs, CloudFront
    distributions' standard logging, API Gateway REST stages' access logs); Azure
    and Google Cloud front ends log through diagnostic settings and backend-service logging, not modelled
    here yet. ``enabled``: the access log is switched on (and, where the service asks for one, has a
    destination).
    """

    ref: ResourceRef
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class ConfigRecording:
    """A region's record of every resource's configuration changes (AWS Config's configuration recorder).

    One value per account and region. ``recording``: some recorder there is recording and its last delivery
    did not fail; ``all_resource_types``: a recording recorder records every supported resource type (no list,
    no exclusions). AWS-only for now (Azure Resource Graph change history and Cloud Asset Inventory keep such
    history without a switch).
    """

    ref: ResourceRef
    recording: bool | Unknown
    all_resource_types: bool | Unknown


@dataclass(frozen=True, slots=True)
class PostureMonitoring:
    """Continuous checks of one region's resources against security standards, with their findings gathered in
    one place (AWS Security Hub). One value per account and region; ``enabled``: the service is on there.
    AWS-only for now (Microsoft Defender CSPM and Security Command Center could yield it).
    """

    ref: ResourceRef
    enabled: bool | Unknown


@dataclass(frozen=True, slots=True)
class ControlPlaneLogging:
    """Which of a managed container cluster's control-plane log types (Kubernetes API server, audit,
    authenticator, controller manager, scheduler) are not delivered to the cloud's log service.

    Yielded by the AWS sources (EKS clusters' ``logging.clusterLogging``); AKS and GKE send theirs through
    diagnostic settings and Cloud Logging, not modelled here yet. ``missing``: the log types left off, empty
    when every one is on.
    """

    ref: ResourceRef
    missing: tuple[str, ...] | Unknown
