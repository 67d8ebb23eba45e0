"""S3 bucket policies -> does the bucket refuse every request sent without TLS (shared by every AWS source).

The question is answered by replaying a plain-HTTP request against the policy: a statement
refuses it when it is a ``Deny`` for every principal, every S3 action, the bucket *and* its
objects, and every condition in it holds for such a request. For a plain-HTTP request
``aws:SecureTransport`` is ``false`` and ``s3:TlsVersion`` is absent, so:

- ``Bool`` / ``BoolIfExists`` ``aws:SecureTransport: "false"`` holds (the usual form);
- ``NumericLessThanIfExists`` ``s3:TlsVersion`` holds (the key is absent);
- plain ``NumericLessThan`` ``s3:TlsVersion`` does **not**: IAM evaluates a condition on an
  absent key as false, so that statement only refuses old TLS versions, never plaintext;
- any other condition (a source IP, a VPC endpoint...) narrows the deny to some requests only.

A statement that cannot be shown to cover every plaintext request counts for nothing; a
policy without one makes the fact False. Only the bucket name may be unknown (a Pulumi
preview): a statement that would qualify if the name matched then makes the fact unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from hitrust_policies.model.facts import Unknown

PARTITIONS = ("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc")
_DENY_ON_PLAINTEXT = {
    # (operator, condition key) -> does the condition hold for a request sent without TLS, given its values
    ("bool", "aws:securetransport"): lambda values: "false" in values,
    ("boolifexists", "aws:securetransport"): lambda values: "false" in values,
    ("numericlessthanifexists", "s3:tlsversion"): lambda values: True,  # key absent without TLS
}


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


def covers(pattern: str, target: str, *, ignore_case: bool = False) -> bool:
    """Does an IAM wildcard ``pattern`` match every string ``target`` stands for (its ``*`` = anything)?

    >>> covers("s3:*", "s3:*"), covers("*", "s3:*"), covers("s3:Get*", "s3:*"), covers("s3:?", "s3:*")
    (True, True, False, False)
    >>> covers("arn:aws:s3:::b*", "arn:aws:s3:::b/*"), covers("arn:aws:s3:::b/phi/*", "arn:aws:s3:::b/*")
    (True, False)
    """
    parts = (".*" if c == "*" else "[^*]" if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch("".join(parts), target, re.IGNORECASE if ignore_case else 0) is not None


def _any_principal(statement: dict[str, Any]) -> bool:
    principal = statement.get("Principal")
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _strings(principal.get("AWS"))


def _holds_without_tls(condition: Any) -> bool:
    if not isinstance(condition, dict) or not condition:
        return False
    for operator, keys in condition.items():
        if not isinstance(keys, dict) or not keys:
            return False
        for key, values in keys.items():
            check = _DENY_ON_PLAINTEXT.get((str(operator).lower(), str(key).lower()))
            if check is None or not check([v.lower() for v in _strings(values)]):
                return False
    return True


def _unknown_in(value: Any) -> Unknown | None:
    """The first `Unknown` inside a decoded document (a Pulumi ``PolicyDocument`` object may hold some)."""
    if isinstance(value, Unknown):
        return value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((u for u in map(_unknown_in, children) if u is not None), None)


def _resources_covered(patterns: list[str], bucket: str, partitions: Iterable[str]) -> bool:
    return any(
        all(any(covers(p, target) for p in patterns) for target in (f"arn:{part}:s3:::{bucket}",
                                                                     f"arn:{part}:s3:::{bucket}/*"))
        for part in partitions
    )


def denies_plaintext(document: Any, bucket: str | Unknown, partition: str | None = None) -> bool | Unknown:
    """Does the bucket policy ``document`` (JSON text, URL-encoded JSON or a dict; None: no policy) refuse
    every request to ``bucket`` that is not sent over TLS? ``partition`` None accepts any AWS partition.

    >>> deny = {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
    ...         "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
    ...         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    >>> denies_plaintext({"Statement": [deny]}, "b"), denies_plaintext(json.dumps({"Statement": deny}), "b")
    (True, True)
    >>> denies_plaintext({"Statement": [{**deny, "Resource": "arn:aws:s3:::b/*"}]}, "b")  # objects only
    False
    >>> denies_plaintext(None, "b"), denies_plaintext({"Statement": [deny]}, "other")
    (False, False)
    >>> tls12 = {**deny, "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}}
    >>> denies_plaintext({"Statement": [tls12]}, "b")  # absent key: plaintext is not denied
    False
    >>> denies_plaintext({"Statement": [{**tls12, "Condition": {"NumericLessThanIfExists": {"s3:TlsVersion": 1.2}}}]},
    ...                  "b")
    True
    >>> denies_plaintext({"Statement": [deny]}, Unknown("computed at preview: bucket"))
    Unknown('computed at preview: bucket')
    >>> denies_plaintext("{not json", "b")
    Unknown('bucket policy is not valid JSON')
    >>> late = {**deny, "Resource": Unknown("computed at preview: policy.Statement[0].Resource")}
    >>> denies_plaintext({"Statement": [late]}, "b"), denies_plaintext({"Statement": [late, deny]}, "b")
    (Unknown('computed at preview: policy.Statement[0].Resource'), True)
    >>> denies_plaintext({"Statement": [late, late]}, "b")  # two unknown statements: still just unknown
    Unknown('computed at preview: policy.Statement[0].Resource')
    """
    if isinstance(document, Unknown) or document is None:
        return False if document is None else document
    if isinstance(document, str):
        try:
            document = json.loads(unquote(document) if document.startswith("%") else document)
        except ValueError:
            return Unknown("bucket policy is not valid JSON")
    if not isinstance(document, dict):
        return Unknown("bucket policy is not a JSON object")
    raw = document.get("Statement", [])
    if isinstance(raw, Unknown):
        return raw
    statements = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    partitions = PARTITIONS if partition is None else (partition,)
    pending: Unknown | None = None
    for s in statements:
        unknown = _unknown_in(s)
        if unknown is not None:
            pending = unknown if pending is None else pending
            continue
        if not (isinstance(s, dict) and s.get("Effect") == "Deny" and _any_principal(s)
                and any(covers(a, "s3:*", ignore_case=True) for a in _strings(s.get("Action")))
                and _holds_without_tls(s.get("Condition"))):
            continue
        patterns = _strings(s.get("Resource"))
        if isinstance(bucket, Unknown):
            if _resources_covered(patterns, "*", partitions):  # the policy covers whatever the name is
                return True
            pending = bucket if pending is None else pending
        elif _resources_covered(patterns, bucket, partitions):
            return True
    return pending if pending is not None else False
