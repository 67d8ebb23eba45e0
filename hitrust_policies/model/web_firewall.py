"""Web application firewalls in front of internet-facing HTTP front ends."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class WebFirewallAttachment:
    """An internet-facing HTTP front end (an application load balancer, a CDN distribution, an API stage) and the
    web application firewall rule set screening its requests.

    Yielded by the AWS sources (internet-facing Application Load Balancers, CloudFront distributions and API
    Gateway REST stages, with the AWS WAF web ACL associated); Azure Application Gateway / Front Door WAF
    policies and Cloud Armor security policies could yield it later. Internal load balancers are not yielded.
    ``web_acl``: the web ACL's identifier (ARN or id), None when none is attached.
    """

    ref: ResourceRef
    web_acl: str | None | Unknown
