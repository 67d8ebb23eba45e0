"""ECS settings shared by the live and Pulumi AWS sources."""

from __future__ import annotations

import json
from typing import Any

from hitrust_policies.model.facts import Unknown


def privileged(definitions: Any) -> tuple[str, ...] | Unknown:
    """Names of the privileged containers in ``containerDefinitions`` (a list, or the JSON string a task
    definition declares); a container left out of the flag is not privileged.

    >>> privileged([{"name": "app", "privileged": True}, {"name": "log", "privileged": False}, {"name": "db"}])
    ('app',)
    >>> privileged('[{"name": "app"}]'), privileged("not json")
    ((), Unknown('containerDefinitions is not a JSON list of containers'))
    """
    if isinstance(definitions, Unknown):
        return definitions
    if isinstance(definitions, str):
        try:
            definitions = json.loads(definitions)
        except ValueError:
            definitions = None
    if not isinstance(definitions, list) or not all(isinstance(c, dict) for c in definitions):
        return Unknown("containerDefinitions is not a JSON list of containers")
    return tuple(str(c.get("name", "?")) for c in definitions if c.get("privileged") is True)


def assigns_public_ip(value: Any) -> bool | Unknown:
    """ECS ``assignPublicIp``: ``ENABLED`` (API) or ``true`` (Pulumi / Terraform); left out: ``DISABLED``.

    >>> assigns_public_ip("ENABLED"), assigns_public_ip(True), assigns_public_ip("DISABLED"), assigns_public_ip(None)
    (True, True, False, False)
    """
    if isinstance(value, Unknown):
        return value
    return value is True or value == "ENABLED"
