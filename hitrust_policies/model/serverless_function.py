"""Serverless functions and the network they run in."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class ServerlessFunction:
    """A serverless function (code the cloud runs on demand, on hosts it manages).

    Yielded by the AWS sources (Lambda functions); Azure Functions with virtual network integration and Cloud
    Run functions with a VPC connector could yield it later. ``in_private_network``: the function's network
    interfaces sit in the account's own private network (Lambda ``VpcConfig`` with subnets), so its traffic to
    databases and other services is subject to that network's security groups, routes and flow logs; False: it
    runs in the provider's shared network and reaches resources over their public endpoints.
    """

    ref: ResourceRef
    in_private_network: bool | Unknown
