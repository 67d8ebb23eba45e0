"""ELBv2 listeners: protocol, the TLS floor of the named ELB security policy, HTTP->HTTPS redirects.

ELB policy names are translated to the lowest TLS version they accept by the table the
live scanner uses too (`hitrust_policies.sources.aws_tls`), so both sources agree; a name
it does not know is UNKNOWN rather than guessed. Without ``sslPolicy`` an HTTPS/TLS
listener gets the provider default ``ELBSecurityPolicy-2016-08`` (TLS 1.0).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import TlsListener, Unknown
from hitrust_policies.sources.aws_tls import min_tls_version as policy_floor
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

PLAINTEXT = ("HTTP", "TCP", "UDP", "TCP_UDP")
DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08"
def min_tls_version(ssl_policy: Any) -> Any:
    """TLS floor of an ELB security policy name (the provider default when unset)."""
    if isinstance(ssl_policy, Unknown):
        return ssl_policy
    return policy_floor(ssl_policy or DEFAULT_SSL_POLICY)


def _redirects_to_https(actions: Any) -> Any:
    if isinstance(actions, Unknown):
        return actions
    for action in actions or []:
        if not isinstance(action, dict) or action.get("type") != "redirect":
            continue
        target = (action.get("redirect") or {}).get("protocol")
        if isinstance(target, Unknown):
            return target
        if str(target).upper() == "HTTPS":
            return True
    return False


@pulumi_adapter("aws:lb/listener:Listener", "aws:alb/listener:Listener", produces=TlsListener)
def listener(res: PulumiResource, stack: Stack) -> Iterator[TlsListener]:
    protocol = res.props.get("protocol", Unknown("protocol not set: its default depends on the load balancer type"))
    if isinstance(protocol, str):
        protocol = protocol.upper()
    plaintext = not isinstance(protocol, Unknown) and protocol in PLAINTEXT
    yield TlsListener(
        ref=res.ref(name=res.logical_name),
        protocol=protocol,
        min_tls_version=None if plaintext else min_tls_version(res.props.get("sslPolicy")),
        redirects_to_https=_redirects_to_https(res.props.get("defaultActions")) if plaintext and protocol == "HTTP"
        else False,
    )
