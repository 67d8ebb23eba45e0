"""Load-balancer listeners: ELBv2 (``aws:lb`` / ``aws:alb``) and Classic ELB (``aws:elb``).

TLS policy names, listener defaults and HTTP routes are decided by the module the live
scanner uses too (`hitrust_policies.sources.aws_tls`), so both sources agree; a policy name it
does not know is UNKNOWN rather than guessed. Joined at stack level:

* a v2 listener without ``protocol`` takes its load balancer's default (HTTP on an
  ``application`` LB, the provider's default type; TCP on a ``network`` LB); with the load
  balancer outside the stack the protocol cannot be told;
* an HTTP listener's ``aws:lb/listenerRule`` resources (through ``listenerArn``) may forward
  plaintext behind a redirecting default action;
* a classic listener's SSL negotiation policy comes from ``aws:elb/sslNegotiationPolicy`` or
  ``aws:elb/listenerPolicy`` + ``aws:elb/loadBalancerPolicy`` resources; none means ELB's
  default policy.

Listeners are named ``<load balancer name>:<port>`` as the live scanner names them, where the
load balancer is in the stack; otherwise by their logical name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hitrust_policies.model import RequestLogging, TlsListener, Unknown
from hitrust_policies.sources.aws_tls import (
    DEFAULT_LISTENER_PROTOCOL,
    DEFAULT_LOAD_BALANCER_TYPE,
    DEFAULT_SSL_POLICY,
    negotiation_min_tls_version,
    plaintext_route,
    routes,
)
from hitrust_policies.sources.aws_tls import min_tls_version as policy_floor
from hitrust_policies.sources.pulumi.props import preview_unknown, to_bool, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

LOAD_BALANCERS = ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer")
LISTENER_RULES = ("aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule")
CLASSIC = "aws:elb/loadBalancer:LoadBalancer"
SSL_NEGOTIATION_POLICY = "aws:elb/sslNegotiationPolicy:SslNegotiationPolicy"
LISTENER_POLICY = "aws:elb/listenerPolicy:ListenerPolicy"
LOAD_BALANCER_POLICY = "aws:elb/loadBalancerPolicy:LoadBalancerPolicy"
TERMINATING = ("HTTPS", "TLS", "SSL")
CLASSIC_HTTP_ROUTE = "listener forwards to its instances"


def min_tls_version(ssl_policy: Any) -> Any:
    """TLS floor of an ELB security policy name (the provider default when unset)."""
    if isinstance(ssl_policy, Unknown):
        return ssl_policy
    return policy_floor(ssl_policy or DEFAULT_SSL_POLICY)


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


def _protocol(res: PulumiResource, lb: PulumiResource | None) -> Any:
    """The listener's protocol, or its load balancer's default; None for a gateway LB's listener."""
    lb_type = lb.props.get("loadBalancerType", DEFAULT_LOAD_BALANCER_TYPE) if lb is not None else None
    if isinstance(lb_type, str) and lb_type == "gateway":
        return None
    protocol = res.props.get("protocol")
    if protocol is not None:
        return _upper(protocol)
    if lb is None:
        return Unknown("protocol not set and the load balancer is not in this stack: its type decides the "
                       "default (HTTP for an application LB, TCP for a network LB)")
    if isinstance(lb_type, Unknown):
        return lb_type
    return DEFAULT_LISTENER_PROTOCOL.get(lb_type, Unknown(f"protocol not set on a {lb_type} load balancer"))


def _rule_routes(listener: PulumiResource, stack: Stack) -> list[Any]:
    """What each of the listener's rules does with a request, in priority order (unknown links unknown)."""
    sure, maybe = stack.referrers(listener, LISTENER_RULES, "listenerArn", match_props=("arn",))

    def priority(rule: PulumiResource) -> tuple[int, str]:
        p = to_int(rule.props.get("priority"))
        return (p if isinstance(p, int) else 1 << 20, rule.logical_name)

    def label(rule: PulumiResource) -> str:  # live names rules by priority; unset, AWS assigns one later
        p = to_int(rule.props.get("priority"))
        return f"rule {p if isinstance(p, int) else rule.logical_name}"

    found: list[Any] = [plaintext_route(rule.props.get("actions"), label(rule)) for rule in sorted(sure, key=priority)]
    found += [preview_unknown(f"listenerArn of {rule.logical_name}") for rule in maybe]
    return found


@pulumi_adapter("aws:lb/listener:Listener", "aws:alb/listener:Listener", produces=TlsListener, joins=True)
def listener(res: PulumiResource, stack: Stack) -> Iterator[TlsListener]:
    lb = stack.referent(res, "loadBalancerArn", LOAD_BALANCERS, match_props=("arn",))
    protocol = _protocol(res, lb)
    if protocol is None:  # GENEVE pass-through on a gateway LB: accepts no connections, negotiates no TLS
        return
    port = to_int(res.props.get("port"))
    name = f"{lb.display_name('name')}:{port}" if lb is not None and isinstance(port, int) else res.logical_name
    is_http = not isinstance(protocol, Unknown) and protocol == "HTTP"
    terminating = not isinstance(protocol, Unknown) and protocol in TERMINATING
    yield TlsListener(
        ref=res.ref(name=name),
        protocol=protocol,
        min_tls_version=min_tls_version(res.props.get("sslPolicy")) if terminating else None,
        plaintext_routes=routes(plaintext_route(res.props.get("defaultActions"), "default action"),
                                *_rule_routes(res, stack)) if is_http else (),
    )


# ---------------------------------------------------------------- classic ELB


def _attributes(items: Any, key: str, value: str) -> dict[str, str] | Unknown:
    """``[{"name": ..., "value": ...}]`` -> dict; any unknown part (a whole item too) makes it unknown."""
    if isinstance(items, Unknown):
        return items
    out: dict[str, str] = {}
    for item in items or []:
        k, v = (item.get(key), item.get(value)) if isinstance(item, dict) else (item, item)
        if isinstance(k, Unknown) or isinstance(v, Unknown):
            return k if isinstance(k, Unknown) else v
        out[str(k)] = str(v)
    return out


def _names(attached: PulumiResource, policy: PulumiResource) -> bool | Unknown:
    """Does an ``aws:elb/listenerPolicy`` list this ``aws:elb/loadBalancerPolicy`` in ``policyNames``?"""
    if policy.urn in attached.property_dependencies.get("policyNames", ()):
        return True
    names, own = attached.props.get("policyNames"), policy.props.get("policyName")
    if isinstance(names, Unknown) or isinstance(own, Unknown):
        return names if isinstance(names, Unknown) else own
    if own in [n for n in names or [] if isinstance(n, str)]:
        return True
    return next((n for n in names or [] if isinstance(n, Unknown)), False)


def _on_port(res: PulumiResource, prop: str, port: int) -> bool | Unknown:
    value = to_int(res.props.get(prop))
    return value if isinstance(value, Unknown) else value == port


def _classic_floor(lb: PulumiResource, port: Any, stack: Stack) -> Any:
    """Floor of the SSL negotiation policy attached to one classic listener (the default if none)."""
    if isinstance(port, Unknown):
        return port
    for policy in stack.referrers(lb, (SSL_NEGOTIATION_POLICY,), "loadBalancer", match_props=("name",))[0]:
        here = _on_port(policy, "lbPort", port)
        if here is not False:
            attrs = here if isinstance(here, Unknown) else _attributes(policy.props.get("attributes"), "name", "value")
            return attrs if isinstance(attrs, Unknown) else negotiation_min_tls_version(attrs)
    for attached in stack.referrers(lb, (LISTENER_POLICY,), "loadBalancerName", match_props=("name",))[0]:
        here = _on_port(attached, "loadBalancerPort", port)
        if here is False:
            continue
        for policy in stack.of_type(LOAD_BALANCER_POLICY):
            named, kind = _names(attached, policy), policy.props.get("policyTypeName")
            pending = next((x for x in (here, named, kind) if isinstance(x, Unknown)), None)
            if pending is not None and named is not False:
                return pending
            if named is True and kind == "SSLNegotiationPolicyType":
                attrs = _attributes(policy.props.get("policyAttributes"), "name", "value")
                return attrs if isinstance(attrs, Unknown) else negotiation_min_tls_version(attrs)
    return policy_floor(DEFAULT_SSL_POLICY)


@pulumi_adapter(CLASSIC, produces=TlsListener, joins=True)
def classic_load_balancer(res: PulumiResource, stack: Stack) -> Iterator[TlsListener]:
    blocks = res.props.get("listeners")
    name = res.display_name("name")
    if isinstance(blocks, Unknown):
        yield TlsListener(res.ref(name=name), blocks, blocks, blocks)
        return
    for block in blocks or []:
        if isinstance(block, Unknown):
            yield TlsListener(res.ref(name=name), block, block, block)
            continue
        protocol, port = _upper(block.get("lbProtocol")), to_int(block.get("lbPort"))
        terminating = not isinstance(protocol, Unknown) and protocol in TERMINATING
        yield TlsListener(
            ref=replace(res.ref(name=f"{name}:{port}"), part=str(port)),
            protocol=protocol,
            min_tls_version=_classic_floor(res, port, stack) if terminating else None,
            plaintext_routes=(CLASSIC_HTTP_ROUTE,) if protocol == "HTTP" else (),
        )


@pulumi_adapter(*LOAD_BALANCERS, CLASSIC, produces=RequestLogging)
def access_logs(res: PulumiResource, stack: Stack) -> Iterator[RequestLogging]:
    """Access logs: ``accessLogs.enabled``, off by default on a v2 load balancer (even with a bucket), on by
    default on a classic one once the block (whose bucket is required) is there; a gateway load balancer
    keeps none and is not judged."""
    kind = res.props.get("loadBalancerType", DEFAULT_LOAD_BALANCER_TYPE) if res.type != CLASSIC else None
    if isinstance(kind, str) and kind == "gateway":
        return
    enabled = res.props.get("accessLogs.enabled")
    if enabled is None:
        block = res.props.get("accessLogs")
        enabled = block if isinstance(block, Unknown) else bool(block) and res.type == CLASSIC
    yield RequestLogging(ref=res.ref("name"), enabled=to_bool(enabled))
