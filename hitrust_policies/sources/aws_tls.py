"""AWS ELB security policy names -> lowest TLS version accepted (shared by every AWS source).

Names encode the floor since 2017 (``ELBSecurityPolicy-TLS13-1-2-2021-06``,
``ELBSecurityPolicy-FS-1-1-2019-08``); the older undated ones are listed.
"""

from __future__ import annotations

import re

from hitrust_policies.model.facts import Unknown

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
