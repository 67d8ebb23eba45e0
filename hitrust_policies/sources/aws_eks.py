"""EKS facts shared by the live and Pulumi AWS sources: which control-plane log types a cluster leaves off."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown

LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")


def missing_log_types(enabled: Any) -> tuple[str, ...] | Unknown:
    """The control-plane log types not in ``enabled`` (None: none enabled, the service default).

    >>> missing_log_types(["api", "audit"]), missing_log_types(list(LOG_TYPES)), missing_log_types(None)[0]
    (('authenticator', 'controllerManager', 'scheduler'), (), 'api')
    """
    if isinstance(enabled, Unknown):
        return enabled
    on = set()
    for log in enabled or []:
        if isinstance(log, Unknown):
            return log
        on.add(log)
    return tuple(t for t in LOG_TYPES if t not in on)


def public_sources(public: Any, cidrs: Any) -> tuple[str, ...] | Unknown:
    """The ranges a cluster's public endpoint admits: ``()`` when private; EKS admits ``0.0.0.0/0`` unless
    ``publicAccessCidrs`` says otherwise.

    >>> public_sources(True, None), public_sources(False, ["0.0.0.0/0"]), public_sources(True, ["203.0.113.0/24"])
    (('0.0.0.0/0',), (), ('203.0.113.0/24',))
    """
    if isinstance(public, Unknown):
        return public
    if public is False:
        return ()
    if isinstance(cidrs, Unknown):
        return cidrs
    for cidr in cidrs or []:
        if isinstance(cidr, Unknown):
            return cidr
    return tuple(cidrs or ["0.0.0.0/0"])
