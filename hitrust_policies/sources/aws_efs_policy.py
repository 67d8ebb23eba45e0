"""EFS file system policies -> does the file system refuse every NFS client connecting without TLS
(shared by every AWS source).

A plain-NFS mount reaches EFS with ``aws:SecureTransport`` false. A statement refuses it when it is
a ``Deny`` for every principal, its actions cover ``elasticfilesystem:ClientMount`` (no mount, so no
read or write, without TLS), and every condition in it holds for such a request
(the condition rules of `hitrust_policies.sources.aws_s3_policy`). Its ``Resource`` does not matter: a
file system policy governs its own file system only. A file system with no policy
admits any client the network lets in, with or without TLS: the fact is False.
"""

from __future__ import annotations

import json
from typing import Any

from hitrust_policies.model.facts import Unknown
from hitrust_policies.sources.aws_s3_policy import _any_principal, _holds_without_tls, _strings, _unknown_in, covers

MOUNT = "elasticfilesystem:ClientMount"


def _statement_denies(s: Any) -> bool:
    return bool(isinstance(s, dict) and s.get("Effect") == "Deny" and _any_principal(s)
                and any(covers(a, MOUNT, ignore_case=True) for a in _strings(s.get("Action")))
                and _holds_without_tls(s.get("Condition")))


def denies_plaintext_mounts(document: Any) -> bool | Unknown:
    """Does the file system policy ``document`` (JSON text or a dict; None: no policy) refuse every mount
    without TLS?

    >>> deny = {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
    ...         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    >>> denies_plaintext_mounts({"Statement": [deny]}), denies_plaintext_mounts(json.dumps({"Statement": deny}))
    (True, True)
    >>> denies_plaintext_mounts({"Statement": [{**deny, "Action": "elasticfilesystem:ClientWrite"}]})
    False
    >>> denies_plaintext_mounts(None), denies_plaintext_mounts({"Statement": [{**deny, "Effect": "Allow"}]})
    (False, False)
    >>> denies_plaintext_mounts({"Statement": [{**deny, "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})
    False
    >>> late = {**deny, "Action": Unknown("computed at preview: policy")}
    >>> denies_plaintext_mounts({"Statement": [late, late]}), denies_plaintext_mounts({"Statement": [late, deny]})
    (Unknown('computed at preview: policy'), True)
    """
    if isinstance(document, Unknown) or document is None:
        return False if document is None else document
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return Unknown("file system policy is not valid JSON")
    if not isinstance(document, dict):
        return Unknown("file system policy is not a JSON object")
    raw = document.get("Statement", [])
    if isinstance(raw, Unknown):
        return raw
    pending: Unknown | None = None
    for s in [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []:
        unknown = _unknown_in(s)
        if unknown is not None:
            pending = unknown if pending is None else pending
        elif _statement_denies(s):
            return True
    return pending if pending is not None else False
