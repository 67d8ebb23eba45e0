"""AWS load-balancer TLS semantics shared by every AWS source: policy floors, defaults, HTTP routes.

Names encode the floor since 2017 (``ELBSecurityPolicy-TLS13-1-2-2021-06``,
``ELBSecurityPolicy-FS-1-1-2019-08``); the older undated ones are listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from hitrust_policies.model.facts import Unknown, UnknownFact

_LEGACY = {
    "ELBSecurityPolicy-2016-08": "1.0",
    "ELBSecurityPolicy-2015-05": "1.0",
    "ELBSecurityPolicy-FS-2018-06": "1.0",
    "ELBSecurityPolicy-TLS-1-0-2015-04": "1.0",
}
_ENCODED = re.compile(r"^ELBSecurityPolicy-(?:TLS13-|TLS-|FS-)1-([0-3])(?:-|$)")


def min_tls_version(policy: str) -> str | Unknown:
    """
    >>> min_tls_version("ELBSecurityPolicy-TLS13-1-2-2021-06"), min_tls_version("ELBSecurityPolicy-2016-08")
    ('1.2', '1.0')
    >>> min_tls_version("my-custom-policy")
    Unknown('unrecognised TLS policy my-custom-policy')
    """
    if policy in _LEGACY:
        return _LEGACY[policy]
    match = _ENCODED.match(policy)
    if match:
        return f"1.{match.group(1)}"
    return Unknown(f"unrecognised TLS policy {policy}")


# ---------------------------------------------------------------- listener defaults and routes

# A v2 listener created without a protocol gets its load balancer type's default (pulumi-aws /
# Terraform ``protocol``: "HTTP" on an application LB, "TCP" on a network LB); a gateway LB's
# GENEVE listeners terminate nothing and are no TLS listener at all.
DEFAULT_LISTENER_PROTOCOL = {"application": "HTTP", "network": "TCP"}
DEFAULT_LOAD_BALANCER_TYPE = "application"
# The policy ELB attaches to an HTTPS/TLS (v2) or HTTPS/SSL (classic) listener given none.
DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08"


def _known(value: object) -> object:
    if isinstance(value, Unknown):
        raise UnknownFact(value.reason)
    return value


def _get(item: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        value = _known(item).get(name)
        if value is not None:
            return _known(value)
    return None


def plaintext_route(actions: Sequence[Mapping[str, Any]] | Unknown, where: str) -> str | None | Unknown:
    """How an HTTP listener's action list serves a request in plaintext, or None if it does not.

    Only the last action (by ``Order``) answers the request; authenticate actions come first. A
    redirect counts only if it sends the client to HTTPS (``#{protocol}``, the default, keeps
    HTTP); a fixed response is the load balancer's own answer and reaches no target. Reads the
    API spelling (``Type``, ``RedirectConfig``) and pulumi-aws's (``type``, ``redirect``).

    >>> plaintext_route([{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS"}}], "default action")
    >>> plaintext_route([{"type": "forward", "targetGroupArn": "arn:tg"}], "rule 10")
    'rule 10 forwards'
    >>> plaintext_route([{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP"}}], "rule 20")
    'rule 20 redirects to HTTP'
    """
    try:
        ordered = sorted(enumerate(_known(actions) or ()), key=lambda a: (_get(a[1], "Order", "order") or 0, a[0]))
        if not ordered:
            return None
        last = ordered[-1][1]
        kind = str(_get(last, "Type", "type"))
        if kind == "fixed-response":
            return None
        if kind == "redirect":
            target = str(_get(_get(last, "RedirectConfig", "redirect") or {}, "Protocol", "protocol") or "#{protocol}")
            if target.upper() == "HTTPS":
                return None
            return f"{where} redirects to {'HTTP' if target in ('HTTP', '#{protocol}') else target}"
        return f"{where} {'forwards' if kind == 'forward' else kind}"
    except UnknownFact as exc:
        return Unknown(exc.reason)


def routes(*found: str | None | Unknown) -> tuple[str, ...] | Unknown:
    """The plaintext routes among an HTTP listener's default action and rules, in order.

    A route known to serve plaintext is kept even if another one is unknown (the listener fails
    either way); with none known, an unknown one makes the answer unknown.
    """
    known = tuple(r for r in found if isinstance(r, str))
    unknown = next((r for r in found if isinstance(r, Unknown)), None)
    return unknown if unknown is not None and not known else known


# ---------------------------------------------------------------- classic ELB SSL negotiation policies

_PROTOCOL_ATTRIBUTES = (("Protocol-SSLv3", "SSLv3"), ("Protocol-TLSv1", "1.0"), ("Protocol-TLSv1.1", "1.1"),
                        ("Protocol-TLSv1.2", "1.2"), ("Protocol-TLSv1.3", "1.3"))


def negotiation_min_tls_version(attributes: Mapping[str, str]) -> str | Unknown:
    """Lowest protocol a classic ELB SSL negotiation policy enables.

    Its ``Protocol-*`` attributes decide; a policy given only ``Reference-Security-Policy``
    takes the floor of the predefined policy it names.

    >>> negotiation_min_tls_version({"Protocol-TLSv1": "false", "Protocol-TLSv1.1": "true", "Protocol-TLSv1.2": "true"})
    '1.1'
    >>> negotiation_min_tls_version({"Reference-Security-Policy": "ELBSecurityPolicy-TLS-1-2-2017-01"})
    '1.2'
    """
    flags = {name: str(value).lower() for name, value in attributes.items() if name.startswith("Protocol-")}
    if flags:
        enabled = [version for name, version in _PROTOCOL_ATTRIBUTES if flags.get(name) == "true"]
        return enabled[0] if enabled else Unknown("SSL negotiation policy enables no protocol")
    reference = attributes.get("Reference-Security-Policy")
    if reference:
        return min_tls_version(reference)
    return Unknown("SSL negotiation policy names no protocol and no reference policy")
