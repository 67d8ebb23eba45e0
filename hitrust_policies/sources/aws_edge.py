"""CloudFront and API Gateway semantics shared by every AWS source: viewer TLS floors, plaintext cache
behaviours, names.

A distribution on CloudFront's own certificate (``*.cloudfront.net``) is served with security policy TLSv1
whatever ``MinimumProtocolVersion`` says (CloudFront API reference, ViewerCertificate); with a custom
certificate the policy name encodes the floor. A cache behaviour with viewer protocol policy ``allow-all``
serves its path over plaintext HTTP; ``redirect-to-https`` and ``https-only`` do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hitrust_policies.model.facts import Unknown

# CloudFront viewer security policies -> lowest TLS version a viewer may negotiate
VIEWER_POLICIES = {
    "SSLv3": "SSLv3",
    "TLSv1": "1.0",
    "TLSv1_2016": "1.0",
    "TLSv1.1_2016": "1.1",
    "TLSv1.2_2018": "1.2",
    "TLSv1.2_2019": "1.2",
    "TLSv1.2_2021": "1.2",
    "TLSv1.2_2025": "1.2",
    "TLSv1.3_2025": "1.3",
}
DEFAULT_CERTIFICATE_POLICY = "TLSv1"
PLAINTEXT_VIEWER_POLICY = "allow-all"


def viewer_min_tls(custom_certificate: bool | Unknown, policy: Any) -> str | Unknown:
    """TLS floor a distribution offers its viewers.

    >>> viewer_min_tls(True, "TLSv1.2_2021"), viewer_min_tls(False, "TLSv1.2_2021"), viewer_min_tls(True, "TLSv1")
    ('1.2', '1.0', '1.0')
    >>> viewer_min_tls(True, "TLSv9")
    Unknown('unrecognised CloudFront security policy TLSv9')
    """
    if isinstance(custom_certificate, Unknown):
        return custom_certificate
    if not custom_certificate:
        policy = DEFAULT_CERTIFICATE_POLICY
    if isinstance(policy, Unknown):
        return policy
    return VIEWER_POLICIES.get(policy or DEFAULT_CERTIFICATE_POLICY,
                               Unknown(f"unrecognised CloudFront security policy {policy}"))


def plaintext_behaviours(behaviours: Iterable[tuple[str, Any]]) -> tuple[str, ...] | Unknown:
    """Each ``(label, viewer protocol policy)`` serving plaintext HTTP, named; an unknown policy of a behaviour
    that could serve plaintext leaves the whole answer unknown.

    >>> plaintext_behaviours([("default cache behaviour", "redirect-to-https"),
    ...                       ("cache behaviour /api/*", "allow-all")])
    ('cache behaviour /api/* allows HTTP',)
    """
    found: list[str] = []
    for label, policy in behaviours:
        if isinstance(policy, Unknown):
            return policy
        if policy == PLAINTEXT_VIEWER_POLICY:
            found.append(f"{label} allows HTTP")
    return tuple(found)


def distribution_name(aliases: Any, fallback: str) -> str:
    """A distribution is named by its first alternate domain name (CNAME), else ``fallback`` (its id live, its
    logical name in a program)."""
    if isinstance(aliases, list) and aliases and isinstance(aliases[0], str):
        return aliases[0]
    return fallback


def stage_name(api: str, stage: str) -> str:
    """An API Gateway REST stage is named ``<api name>/<stage name>``.

    >>> stage_name("claims-api", "prod")
    'claims-api/prod'
    """
    return f"{api}/{stage}"
