"""Masking the values a source marks secret (Terraform ``after_sensitive``) out of everything a report prints.

One masking rule for finding messages, resource identities and the evidence bundle: a secret is replaced
by ``[secret]`` wherever it stands as its own token (bounded by anything but a letter or digit, so
``tcp/22-22/...`` loses a sensitive port ``22``), and, when 6 characters or longer, inside other text too,
since ids embed values (``ingress/tcp/1433-1433/198.51.100.0/24``). Masking too much is safe; too little is a
leak. A finding keeps the id hashed from its real identity, so masked findings stay distinct and stable.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from hitrust_policies.findings import Finding
from hitrust_policies.model.ref import ResourceRef

SECRET = "[secret]"
LONG = 6  # secrets this long are masked inside other text as well


def mask(text: str, secrets: frozenset[str]) -> str:
    """``text`` with every secret masked.

    >>> mask("rule tcp/1433/198.51.100.0/24 and 198.51.100.0/24", frozenset({"198.51.100.0/24"}))
    'rule tcp/1433/[secret] and [secret]'
    >>> mask("ingress/tcp/22-22/10.0.0.0/8 (port 220 aside)", frozenset({"22"}))
    'ingress/tcp/[secret]-[secret]/10.0.0.0/8 (port 220 aside)'
    """
    if not secrets or not any(s in text for s in secrets):
        return text
    for secret in sorted(secrets, key=lambda s: (-len(s), s)):
        if len(secret) >= LONG:
            text = text.replace(secret, SECRET)
        elif secret.strip():
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])", SECRET, text)
    return text


def mask_ref(ref: ResourceRef, secrets: frozenset[str]) -> ResourceRef:
    """The identity a report prints: id, name, part, account and region masked."""
    def m(value: str | None) -> str | None:
        return mask(value, secrets) if value else value

    return dataclasses.replace(ref, native_id=mask(ref.native_id, secrets), name=mask(ref.name, secrets),
                               part=m(ref.part), account=m(ref.account), region=m(ref.region))


def mask_findings(findings: Iterable[Finding], secrets: frozenset[str]) -> list[Finding]:
    """Each finding with its message and resource identity masked; its ``id`` (a hash of the real identity)
    is kept, so two findings whose identities differ only by a secret stay two findings."""
    if not secrets:
        return list(findings)
    return [dataclasses.replace(f, resource=mask_ref(f.resource, secrets), message=mask(f.message, secrets),
                                id=f.id) for f in findings]
