"""Lambda function settings shared by the live and Pulumi AWS sources."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown


def in_vpc(vpc_config: Any, subnets_key: str) -> bool | Unknown:
    """A function is attached to a VPC when its ``VpcConfig`` names subnets (Lambda reports an empty
    configuration, or none, for a function in its own network). Unknown subnet ids still attach it.

    >>> in_vpc({"SubnetIds": ["subnet-1"], "VpcId": "vpc-1"}, "SubnetIds"), in_vpc(None, "subnetIds")
    (True, False)
    >>> in_vpc({"SubnetIds": [], "VpcId": ""}, "SubnetIds"), in_vpc({"subnetIds": Unknown("later")}, "subnetIds")
    (False, Unknown('later'))
    """
    if isinstance(vpc_config, Unknown):
        return vpc_config
    subnets = (vpc_config or {}).get(subnets_key)
    if isinstance(subnets, Unknown):
        return subnets
    return len(subnets or ()) > 0
