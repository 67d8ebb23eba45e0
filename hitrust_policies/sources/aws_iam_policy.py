"""IAM identity policies -> how much they grant (shared by every AWS source).

One question, answered with IAM's own semantics: does a policy document give administrator
access, plainly ("*" on "*") or in disguise (``NotAction``, ``NotResource``, ``*:*``,
``arn:*``, ``arn:aws:*:*:*:*``)? The answer is a `PolicyGrant` access level:

- ``FULL_ADMIN``: every action on every resource;
- ``NEAR_ADMIN``: an open-ended grant, every action on every resource except some named
  ones (``Allow NotAction iam:*`` on "*", ``Allow *`` with ``NotResource`` a bucket, or an
  admin ``Allow`` narrowed by a ``Deny`` in the same document);
- ``SCOPED``: anything bounded: named services, actions or resources, or nothing at all
  (``Allow *`` with ``NotResource *``, an ``Allow`` cancelled by ``Deny * on *``).

How it decides, soundly: a request IAM has never heard of (an action of a service no
statement names, on a resource no statement names, each built from characters no pattern
in the document uses) is replayed against the document. If some ``Allow`` matches it and no
unconditional ``Deny`` does, the document grants every action on every resource it does
not explicitly leave out: admin. The patterns the document does name are then replayed
one by one to list what is left out (none: full admin). Conditions never narrow an
``Allow`` (an admin policy behind an MFA condition is still an admin policy) and never make
a ``Deny`` count (it may not apply). Wildcards follow IAM: ``*`` any run of characters,
``?`` one; actions match case-insensitively, ARNs case-sensitively. Resources count as
"every resource" in whichever partition a pattern covers them (the same model value from a
Pulumi program, whose partition may be unknown, and from a scan). Deny statements in
*other* policies, permission boundaries and SCPs are not considered: this is a property of
the one document.

Values not computed yet (a Pulumi preview) make the answer unknown only if they could
change it: an unknown ``Allow`` cannot hide admin granted elsewhere in the document, and a
document that is scoped even if every unknown statement allowed everything is scoped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import unquote

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.identity import FULL_ADMIN, NEAR_ADMIN, SCOPED, PolicyGrant
from hitrust_policies.model.ref import ResourceRef
from hitrust_policies.sources.aws_s3_policy import PARTITIONS, _any_principal, _strings

# AWS-managed policies that grant administrator access; the same set Prowler's per-principal
# checks (iam_user/group_administrator_access_policy, iam_role_administratoraccess_policy) look for.
ADMIN_MANAGED_POLICIES = {"AdministratorAccess": FULL_ADMIN}
_AWS_MANAGED = re.compile(r"arn:[a-z-]+:iam::aws:policy/(?P<name>[\w+=,.@/-]+)")
_FRESH_CHARS = "zqxjkvwyfgbhmpdcultnsroeia9876543210"
_MAX_LISTED = 3  # mixed exceptions named in a message before "..."


@dataclass(frozen=True)
class Access:
    """How much a document grants: a `PolicyGrant` access level and, for near-admin, what it leaves out."""

    level: str
    exceptions: str = ""


@dataclass(frozen=True)
class _Statement:
    allow: bool
    actions: tuple[str, ...]
    not_action: bool
    resources: tuple[str, ...]
    not_resource: bool
    conditional: bool

    def action_matches(self, action: str) -> bool:
        return any(_match(p, action, True) for p in self.actions) != self.not_action

    def resource_matches(self, resource: str) -> bool:
        return any(_match(p, resource, False) for p in self.resources) != self.not_resource


_ALLOW_ALL = _Statement(True, ("*",), False, ("*",), False, False)
_DENY_ALL = _Statement(False, ("*",), False, ("*",), False, False)


@lru_cache(maxsize=4096)
def _regex(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def _match(pattern: str, value: str, ignore_case: bool) -> bool:
    return _regex(pattern, ignore_case).fullmatch(value) is not None


def _unknown_in(value: Any) -> Unknown | None:
    if isinstance(value, Unknown):
        return value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((u for u in map(_unknown_in, children) if u is not None), None)


class _Invalid(ValueError):
    pass


def _patterns(statement: dict[str, Any], key: str, negated: str) -> tuple[tuple[str, ...], bool]:
    if (key in statement) == (negated in statement):
        raise _Invalid(f"a statement needs exactly one of {key} and {negated}")
    value = statement[key] if key in statement else statement[negated]
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _Invalid(f"{key} must be a string or a list of strings")
    return tuple(values), negated in statement


def _statement(raw: Any) -> _Statement:
    if not isinstance(raw, dict):
        raise _Invalid("a statement is not a JSON object")
    effect = raw.get("Effect")
    if effect not in ("Allow", "Deny"):
        raise _Invalid(f"Effect {effect!r}")
    actions, not_action = _patterns(raw, "Action", "NotAction")
    resources, not_resource = _patterns(raw, "Resource", "NotResource")
    return _Statement(effect == "Allow", actions, not_action, resources, not_resource, bool(raw.get("Condition")))


def _statements(document: Any) -> list[Any] | Unknown:
    """The raw statements of a document given as a dict, JSON text or URL-encoded JSON (as IAM returns it)."""
    if isinstance(document, Unknown):
        return document
    if document is None:
        return Unknown("no policy document")
    if isinstance(document, str):
        try:
            text = unquote(document) if document.lstrip().startswith("%") else document
            document = json.loads(text)
        except ValueError:
            return Unknown("policy document is not valid JSON")
    if not isinstance(document, dict):
        return Unknown("policy document is not a JSON object")
    raw = document.get("Statement", [])
    if isinstance(raw, Unknown):
        return raw
    return [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else [raw]


def document_access(document: Any) -> Access | Unknown:
    """How much an IAM identity policy ``document`` grants (see the module docstring).

    >>> document_access({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})
    Access(level='full-admin', exceptions='')
    >>> document_access({"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"],
    ...                                 "Resource": "*"}]})
    Access(level='near-admin', exceptions='iam:*, organizations:*')
    >>> document_access({"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]})
    Access(level='scoped', exceptions='')
    >>> document_access('{"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"},'
    ...                 ' {"Effect": "Deny", "Action": "*", "Resource": "*"}]}')
    Access(level='scoped', exceptions='')
    >>> document_access({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
    ...                                {"Effect": "Allow", "Action": "s3:*", "Resource": Unknown("bucket arn")}]})
    Access(level='full-admin', exceptions='')
    >>> document_access("{not json")
    Unknown('policy document is not valid JSON')
    """
    parsed = _parse(document)
    if isinstance(parsed, Unknown):
        return parsed
    known, widest, narrowest, pending = parsed
    most = _classify(known + widest)
    if pending is None or most.level == SCOPED:
        return most
    least = _classify(known + narrowest)
    return least if least.level != SCOPED else pending


_Parsed = tuple[list[_Statement], list[_Statement], list[_Statement], "Unknown | None"]


def _parse(document: Any) -> _Parsed | Unknown:
    """The known statements, the unknown ones at their most generous and at their most restrictive, and the
    first unknown value met (None: the document is fully known)."""
    raw = _statements(document)
    if isinstance(raw, Unknown):
        return raw
    known: list[_Statement] = []
    widest: list[_Statement] = []  # unknown statements at their most generous
    narrowest: list[_Statement] = []  # ... and at their most restrictive
    pending: Unknown | None = None
    try:
        for s in raw:
            unknown = _unknown_in(s)
            if unknown is None:
                known.append(_statement(s))
                continue
            pending = pending or unknown
            effect = s.get("Effect") if isinstance(s, dict) else None
            if effect != "Deny":
                widest.append(_ALLOW_ALL)
            if effect != "Allow":
                narrowest.append(_DENY_ALL)
    except _Invalid as exc:
        return Unknown(f"policy document is not valid: {exc}")
    return known, widest, narrowest, pending


def _fresh(statements: list[_Statement]) -> str:
    """A string made of a character no pattern uses, longer than any pattern: no pattern names it."""
    patterns = [p for s in statements for p in (*s.actions, *s.resources)]
    used = {c for p in patterns for c in p.lower()}
    char = next((c for c in _FRESH_CHARS if c not in used), None)
    if char is None:  # every letter and digit in use: fall back to a character IAM names never contain
        char = "~"
    return char * (max((len(p) for p in patterns), default=0) + 2)


def _instance(pattern: str, fresh: str) -> str:
    """A concrete string the pattern names: its wildcards filled with fresh characters."""
    return pattern.replace("*", fresh).replace("?", fresh[0])


def _broadest(patterns: list[str], fresh: str, ignore_case: bool) -> list[str]:
    """Drop the patterns another one in the list already names (``iam:PassRole`` beside ``iam:*``)."""
    def named_by(i: int, j: int) -> bool:
        return _match(patterns[j], _instance(patterns[i], fresh), ignore_case)

    return [p for i, p in enumerate(patterns)  # of two naming each other, the first stays
            if not any(j != i and named_by(i, j) and (j < i or not named_by(j, i)) for j in range(len(patterns)))]


class _Replay:
    """Replays requests against statements; which statements match an action (or a resource) is worked out
    once per string, so a request costs two set intersections."""

    def __init__(self, statements: list[_Statement]) -> None:
        # a conditional Deny may not apply: it never counts
        self.statements = [s for s in statements if s.allow or not s.conditional]
        self.allows = frozenset(i for i, s in enumerate(self.statements) if s.allow)
        self._actions: dict[str, frozenset[int]] = {}
        self._resources: dict[str, frozenset[int]] = {}

    def _by_action(self, action: str) -> frozenset[int]:
        if action not in self._actions:
            self._actions[action] = frozenset(i for i, s in enumerate(self.statements) if s.action_matches(action))
        return self._actions[action]

    def _by_resource(self, resource: str) -> frozenset[int]:
        if resource not in self._resources:
            self._resources[resource] = frozenset(
                i for i, s in enumerate(self.statements) if s.resource_matches(resource))
        return self._resources[resource]

    def allowed(self, action: str, resource: str) -> bool:
        hits = self._by_action(action) & self._by_resource(resource)
        return bool(hits & self.allows) and hits <= self.allows


def _classify(statements: list[_Statement]) -> Access:
    fresh = _fresh(statements)
    replay = _Replay(statements)
    allowed = replay.allowed
    action = f"{fresh}:{fresh}"
    every_resource: list[str] | None = None
    for partition in PARTITIONS:
        prefix, f = f"arn:{partition}:{fresh}:", fresh  # regionless, path-style and colon-style resources
        shapes = [f"{prefix}::{f}", f"{prefix}{f}:{f}:{f}/{f}", f"{prefix}{f}:{f}:{f}:{f}"]
        if all(allowed(action, r) for r in shapes):
            every_resource = shapes
            break
    if every_resource is None:
        return Access(SCOPED)

    named_actions = list(dict.fromkeys(p for s in statements for p in s.actions
                                       if not _match(p, action, True)))
    named_resources = list(dict.fromkeys(p for s in statements for p in s.resources
                                         if not all(_match(p, r, False) for r in every_resource)))
    denied_actions = {p for p in named_actions if not all(allowed(_instance(p, fresh), r) for r in every_resource)}
    denied_resources = {p for p in named_resources if not allowed(action, _instance(p, fresh))}
    mixed = list(islice((f"{a} on {r}" for a in named_actions if a not in denied_actions
                         for r in named_resources if r not in denied_resources
                         if not allowed(_instance(a, fresh), _instance(r, fresh))), _MAX_LISTED + 1))
    left_actions = _broadest([p for p in named_actions if p in denied_actions], fresh, True)
    left_resources = _broadest([p for p in named_resources if p in denied_resources], fresh, False)
    parts = [", ".join(left_actions)] if left_actions else []
    if left_resources:
        parts.append("on " + ", ".join(left_resources))
    parts += mixed[:_MAX_LISTED] + (["..."] if len(mixed) > _MAX_LISTED else [])
    return Access(NEAR_ADMIN, "; ".join(parts)) if parts else Access(FULL_ADMIN)


# --- open-ended grants narrower than admin: a whole service, every key -------------------------------------

# The decryption actions AWS Config's iam-customer-policy-blocked-kms-actions is set up with by Security Hub
# KMS.1 / KMS.2 (blockedActionsPatterns): with either, a principal reads whatever any key protects.
KMS_DECRYPT_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")
_KMS_ACCOUNT = re.compile(r"arn:[^:]*:kms:[^:]*:(\d{12}):")


def _judged(document: Any, judge: Any) -> tuple[str, ...] | Unknown:
    """``judge(statements)`` (what the document grants that it should not) on a document that may hold values
    not known yet: found with the unknown statements at their most restrictive, it stands; nothing found
    when the only unknown statements are ``Deny`` (which can only narrow), nothing stands; otherwise the
    unknown value decides."""
    parsed = _parse(document)
    if isinstance(parsed, Unknown):
        return parsed
    known, widest, narrowest, pending = parsed
    if pending is None:
        return judge(known)
    least = judge(known + narrowest)
    if least:
        return least
    return () if not widest and not judge(known) else pending  # only a Deny unknown: it can only narrow


def _everywhere(replay: _Replay, action: str, shapes: list[str]) -> bool:
    return all(replay.allowed(action, r) for r in shapes)


def _every_resource_of(service: str, fresh: str) -> list[list[str]]:
    """A resource of ``service`` nobody names, per partition, in the three shapes ARNs take."""
    return [[f"arn:{p}:{service}:::{fresh}", f"arn:{p}:{service}:{fresh}:{fresh}:{fresh}/{fresh}",
             f"arn:{p}:{service}:{fresh}:{fresh}:{fresh}:{fresh}"] for p in PARTITIONS]


def _service_wildcards(statements: list[_Statement]) -> tuple[str, ...]:
    fresh = _fresh(statements)
    replay = _Replay(statements)
    services = dict.fromkeys(p.split(":", 1)[0].lower() for s in statements if s.allow and not s.not_action
                             for p in s.actions if ":" in p)
    if any(_everywhere(replay, f"{fresh}:{fresh}", shapes) for shapes in _every_resource_of(fresh, fresh)):
        return ()  # a service nobody names is open too: administrator access, judged as such
    found = []
    for service in services:
        if not service.strip("*?"):
            continue  # "*:*" is every service: administrator access, judged as such
        name = _instance(service, fresh)
        if any(_everywhere(replay, f"{name}:{fresh}", shapes) for shapes in _every_resource_of(name, fresh)):
            found.append(f"{service}:*")
    return tuple(found)


def service_wildcards(document: Any) -> tuple[str, ...] | Unknown:
    """Each service (``"s3:*"``) whose every action an IAM identity policy allows on every resource of it, by an
    ``Action`` naming the service (``s3:*``, ``s3:*`` on ``arn:aws:s3:::*``); "*" on "*" and ``NotAction`` grants
    are administrator access and name no service here. IAM's semantics as `document_access`: an action of the
    service no statement names must be allowed (a ``Deny`` of a few named actions leaves the service open-ended).

    >>> service_wildcards({"Statement": [{"Effect": "Allow", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*"},
    ...                                  {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:*:q"}]})
    ('s3:*',)
    >>> service_wildcards({"Statement": [{"Effect": "Allow", "Action": "S3:Get*", "Resource": "*"},
    ...                                  {"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    ()
    >>> service_wildcards({"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
    ...                                  {"Effect": "Deny", "Action": "*", "Resource": Unknown("table arn")}]})
    Unknown('table arn')
    """
    return _judged(document, _service_wildcards)


def _decrypt_all_keys(statements: list[_Statement]) -> tuple[str, ...]:
    fresh = _fresh(statements)
    replay = _Replay(statements)
    accounts = dict.fromkeys([fresh, *(m.group(1) for s in statements for p in s.resources
                                       for m in [_KMS_ACCOUNT.match(p)] if m)])
    every_key = [[f"arn:{p}:kms:{fresh}:{account}:key/{fresh}" for p in PARTITIONS] for account in accounts]
    return tuple(a for a in KMS_DECRYPT_ACTIONS
                 if any(any(replay.allowed(a, key) for key in keys) for keys in every_key))


def decrypt_all_keys(document: Any) -> tuple[str, ...] | Unknown:
    """The KMS decryption actions (`KMS_DECRYPT_ACTIONS`) an IAM identity policy allows on every key of an
    account: on ``"*"``, on ``arn:aws:kms:*:*:key/*`` or on every key of one account
    (``arn:aws:kms:*:111122223333:key/*``), by name, ``kms:*`` or ``*``. Keys named one by one are scoped.

    >>> decrypt_all_keys({"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}})
    ('kms:Decrypt', 'kms:ReEncryptFrom')
    >>> decrypt_all_keys({"Statement": {"Effect": "Allow", "Action": "kms:Decrypt",
    ...                                 "Resource": "arn:aws:kms:*:111122223333:key/*"}})
    ('kms:Decrypt',)
    >>> decrypt_all_keys({"Statement": {"Effect": "Allow", "Action": "kms:Decrypt",
    ...                                 "Resource": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"}})
    ()
    """
    return _judged(document, _decrypt_all_keys)


def managed_policy_access(arn: Any) -> Access | None:
    """The access an AWS-managed policy grants, for those known to grant admin; None for any other ARN.

    >>> managed_policy_access("arn:aws:iam::aws:policy/AdministratorAccess")
    Access(level='full-admin', exceptions='')
    >>> managed_policy_access("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess") is None
    True
    """
    found = _AWS_MANAGED.fullmatch(arn) if isinstance(arn, str) else None
    level = ADMIN_MANAGED_POLICIES.get(found.group("name")) if found else None
    return Access(level) if level else None


def is_aws_managed(arn: Any) -> bool:
    """Is ``arn`` an AWS-managed policy (``arn:<partition>:iam::aws:policy/...``)?"""
    return isinstance(arn, str) and _AWS_MANAGED.fullmatch(arn) is not None


_NOT_WRITTEN = object()  # an attachment of an AWS-managed policy: no document the customer wrote


def policy_grant(ref: ResourceRef, access: Access | Unknown, attached: bool | Unknown,
                 document: Any = _NOT_WRITTEN) -> PolicyGrant:
    """The model value: one shape whatever the source. With the ``document`` (a customer managed or inline
    policy), its service wildcards and decryption on every key are judged; an AWS-managed policy attached
    (``document`` left out) is AWS's to scope: None, not judged (AdministratorAccess is judged as admin)."""
    wildcards = decrypt = None
    if document is not _NOT_WRITTEN:
        wildcards, decrypt = service_wildcards(document), decrypt_all_keys(document)
    if isinstance(access, Unknown):
        return PolicyGrant(ref, access=access, attached=attached, service_wildcards=wildcards,
                           decrypt_all_keys=decrypt)
    return PolicyGrant(ref, access=access.level, attached=attached, exceptions=access.exceptions,
                       service_wildcards=wildcards, decrypt_all_keys=decrypt)


# --- resource policies open to everyone ----------------------------------------------------------------

# Condition keys that tie a request to named accounts, organizations, callers or networks: with one of them
# (under a positive operator, with fixed values) a "*" principal is not the public.
_NARROWING_KEYS = frozenset({
    "aws:sourceaccount", "aws:sourceowner", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
    "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:userid",
    "aws:sourcevpc", "aws:sourcevpce", "aws:sourceip", "aws:vpcsourceip", "kms:calleraccount",
})


# ... and in a role's trust policy, an external id the trusted party must send (sts:AssumeRole's ExternalId).
TRUST_NARROWING_KEYS = _NARROWING_KEYS | {"sts:externalid"}


def _narrowed(condition: Any, narrowing: frozenset[str] = _NARROWING_KEYS) -> bool:
    if not isinstance(condition, dict):
        return False
    for operator, keys in condition.items():
        if "not" in str(operator).lower() or not isinstance(keys, dict):
            continue
        for key, values in keys.items():
            fixed = _strings(values)  # AWS Config: only fixed values narrow (no wildcard, no ${variable})
            if str(key).lower() in narrowing and fixed and not any(
                    "*" in v or "?" in v or "${" in v for v in fixed):
                return True
    return False


def public_grants(document: Any, narrowing: frozenset[str] = _NARROWING_KEYS) -> tuple[str, ...] | Unknown:
    """Each ``Allow`` of a resource policy (a KMS key policy, a bucket policy) that any AWS principal,
    anonymous or from any account, may use: ``Principal: "*"`` or ``{"AWS": "*"}`` with no condition
    naming accounts, organizations, callers or networks (Prowler's ``is_policy_public``; AWS Config
    ``kms-key-policy-no-public-access`` asks the same). A ``Deny`` never narrows it here. None: no
    policy (the service's default, which names the account). Unknown where a statement that could be
    public is not known yet (a Pulumi preview) or the document cannot be read.

    >>> anyone = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}
    >>> public_grants({"Statement": [anyone]}), public_grants(None)
    (('* may kms:Decrypt',), ())
    >>> org = {**anyone, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}
    >>> public_grants(json.dumps({"Statement": org})), public_grants({"Statement": [{**anyone, "Condition": {
    ...     "StringNotEquals": {"kms:CallerAccount": "111122223333"}}}]})
    ((), ('* may kms:Decrypt',))
    >>> public_grants({"Statement": [{**anyone, "Condition": {"StringLike": {"aws:PrincipalOrgID": "o-*"}}}]})
    ('* may kms:Decrypt',)
    >>> public_grants({"Statement": [{**anyone, "Principal": Unknown("computed at preview: policy")}]})
    Unknown('computed at preview: policy')
    """
    if document is None:
        return ()
    raw = _statements(document)
    if isinstance(raw, Unknown):
        return raw
    found: list[str] = []
    pending: Unknown | None = None
    for statement in raw:
        if not isinstance(statement, dict) or statement.get("Effect") == "Deny":
            continue
        unknown = _unknown_in({k: v for k, v in statement.items() if k in ("Effect", "Principal", "Condition")})
        if unknown is not None:
            pending = pending or unknown
        elif statement.get("Effect") == "Allow" and _any_principal(statement) and not _narrowed(
                statement.get("Condition"), narrowing):
            actions = _strings(statement.get("Action") or statement.get("NotAction"))
            verb = "may" if "Action" in statement else "may all but"
            found.append(f"* {verb} {', '.join(str(a) for a in actions) or 'nothing named'}")
    if found or pending is None:
        return tuple(sorted(dict.fromkeys(found)))
    return pending


def public_trust(document: Any) -> tuple[str, ...] | Unknown:
    """`public_grants` of a role's trust policy, where an ``sts:ExternalId`` the caller must send also narrows
    (Prowler's trust checks accept it: only a party told the id can assume the role).

    >>> anyone = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
    >>> public_trust({"Statement": [anyone]})
    ('* may sts:AssumeRole',)
    >>> public_trust({"Statement": [{**anyone, "Condition": {"StringEquals": {"sts:ExternalId": "ab12"}}}]})
    ()
    """
    return public_grants(document, TRUST_NARROWING_KEYS)
