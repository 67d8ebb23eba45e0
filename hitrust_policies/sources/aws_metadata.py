"""EC2 instance metadata options shared by the live and Pulumi AWS sources."""

from __future__ import annotations

from typing import Any

from hitrust_policies.model.facts import Unknown


def endpoint_enabled(value: Any) -> bool | Unknown:
    """``HttpEndpoint`` (``enabled`` unless set).

    >>> endpoint_enabled("disabled"), endpoint_enabled(None), endpoint_enabled(Unknown("later"))
    (False, True, Unknown('later'))
    """
    if isinstance(value, Unknown):
        return value
    return value != "disabled"


def tokens_required(value: Any) -> bool | Unknown:
    """``HttpTokens``: ``required`` is IMDSv2 only; ``optional`` (and a launch that leaves it out, unless the AMI
    or the account's metadata defaults say otherwise) also answers token-less IMDSv1 requests.

    >>> tokens_required("required"), tokens_required("optional"), tokens_required(None)
    (True, False, False)
    """
    if isinstance(value, Unknown):
        return value
    return value == "required"
