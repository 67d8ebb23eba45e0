"""Request logs of the front ends that serve a workload's traffic."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class RequestLogging:
    """Whether a front end that serves requests (a load balancer, a CDN distribution, an API stage) writes a
    log record for every request or connection it serves.

    Yielded by the AWS sources (Elastic Load Balancing v2 and Classic load balancers' access logs); Azure
    and Google Cloud front ends log through diagnostic settings and backend-service logging, not modelled
    here yet. ``enabled``: the access log is switched on (and, where the service asks for one, has a
    destination).
    """

    ref: ResourceRef
    enabled: bool | Unknown
