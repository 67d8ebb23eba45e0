"""Pulumi source: analyzer resources (type token + wire props) to model values.

>>> from hitrust_policies.sources.pulumi import PulumiResource, to_model
>>> vol = PulumiResource.from_wire("aws:ebs/volume:Volume",
...     "urn:pulumi:dev::app::aws:ebs/volume:Volume::data", {"encrypted": False, "size": 8.0})
>>> to_model([vol])[0].encrypted
False
"""

from hitrust_policies.sources.pulumi.props import Props, decode_props, preview_unknown
from hitrust_policies.sources.pulumi.registry import (
    adapters_for,
    pulumi_adapter,
    stack_level_kinds,
    supported_kinds,
)
from hitrust_policies.sources.pulumi.resource import PulumiResource, logical_name
from hitrust_policies.sources.pulumi.stack import AdapterFailure, Stack, model_values, to_model

__all__ = [
    "AdapterFailure",
    "Props",
    "PulumiResource",
    "Stack",
    "adapters_for",
    "decode_props",
    "logical_name",
    "model_values",
    "preview_unknown",
    "pulumi_adapter",
    "stack_level_kinds",
    "supported_kinds",
    "to_model",
]
