"""Which monitored CloudTrail events a CloudWatch Logs metric filter pattern counts.

CIS AWS Foundations section 4 gives one JSON filter pattern per category of events; real accounts write
them with other spacing, quoting, term order, extra OR-terms or an ``eventSource`` guard. So a pattern is
judged by what it matches, not by its text: it is parsed (CloudWatch Logs JSON pattern syntax: selectors
``$.a.b`` / ``$.a[0]``, ``= != < <= > >=`` against quoted or bare values with ``*`` wildcards, ``IS NULL``,
``IS TRUE`` / ``IS FALSE``, ``NOT EXISTS``, ``&&``, ``||``, parentheses) and run on sample CloudTrail
records of every event the CIS pattern names. It covers a category when it matches every sample.

Only JSON patterns count: a term or space-delimited pattern (``ERROR``, ``[ip, user, ...]``) says nothing
about CloudTrail fields, and no peer accepts one. A JSON pattern this parser does not understand is
`NotUnderstood` (an unknown, never a pass).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Event = Mapping[str, Any]
Matcher = Callable[[Event], bool]


class NotUnderstood(ValueError):
    """A JSON filter pattern outside the syntax understood here."""


@dataclass(frozen=True)
class Category:
    """One category of monitored events: the CIS AWS Foundations recommendation and sample records."""

    id: str
    what: str  # for findings: "unauthorized API calls"
    samples: tuple[Event, ...]


def _call(source: str, name: str, **extra: Any) -> Event:
    """A CloudTrail record of a successful API call by an IAM user (fields CIS patterns test)."""
    return {"eventVersion": "1.08", "eventType": "AwsApiCall", "eventSource": source, "eventName": name,
            "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.10", "readOnly": False,
            "userIdentity": {"type": "IAMUser", "userName": "alice", "accountId": "123456789012"},
            "recipientAccountId": "123456789012", **extra}


def _calls(source: str, *names: str) -> tuple[Event, ...]:
    return tuple(_call(source, n) for n in names)


def _login(**extra: Any) -> Event:
    return _call("signin.amazonaws.com", "ConsoleLogin", eventType="AwsConsoleSignIn", **extra)


CATEGORIES: tuple[Category, ...] = (
    Category("unauthorized-api-calls", "unauthorized API calls", (
        _call("ec2.amazonaws.com", "RunInstances", errorCode="Client.UnauthorizedOperation"),
        _call("s3.amazonaws.com", "GetBucketPolicy", errorCode="AccessDenied"),
        _call("kms.amazonaws.com", "Decrypt", errorCode="AccessDeniedException"))),
    Category("console-signin-without-mfa", "console sign-ins without MFA", (
        _login(additionalEventData={"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com/"},
               responseElements={"ConsoleLogin": "Success"}),)),
    Category("root-usage", "use of the root user", (
        _login(userIdentity={"type": "Root", "accountId": "123456789012"},
               additionalEventData={"MFAUsed": "Yes"}, responseElements={"ConsoleLogin": "Success"}),
        _call("iam.amazonaws.com", "CreateAccessKey", userIdentity={"type": "Root", "accountId": "123456789012"}))),
    Category("iam-policy-changes", "IAM policy changes", _calls(
        "iam.amazonaws.com", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy",
        "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion",
        "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
        "AttachGroupPolicy", "DetachGroupPolicy")),
    Category("audit-trail-changes", "audit trail configuration changes", _calls(
        "cloudtrail.amazonaws.com", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")),
    Category("console-signin-failures", "console authentication failures", (  # a wrong password, a wrong MFA code
        _login(errorMessage="Failed authentication", responseElements={"ConsoleLogin": "Failure"},
               additionalEventData={"MFAUsed": "No"}),
        _login(errorMessage="Failed authentication", responseElements={"ConsoleLogin": "Failure"},
               additionalEventData={"MFAUsed": "Yes"}))),
    Category("key-deletion", "disabling or scheduled deletion of customer-managed keys", _calls(
        "kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion")),
    Category("storage-policy-changes", "storage bucket policy changes", _calls(
        "s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
        "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle",
        "DeleteBucketReplication")),
    Category("config-recording-changes", "configuration recorder changes", _calls(
        "config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
        "PutConfigurationRecorder")),
    Category("firewall-changes", "security group changes", _calls(
        "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup")),
    Category("network-acl-changes", "network ACL changes", _calls(
        "ec2.amazonaws.com", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
        "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")),
    Category("network-gateway-changes", "network gateway changes", _calls(
        "ec2.amazonaws.com", "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
        "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway")),
    Category("route-changes", "route table changes", _calls(
        "ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
        "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")),
    Category("network-changes", "virtual network changes", _calls(
        "ec2.amazonaws.com", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
        "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
        "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink")),
    Category("organization-changes", "organization changes", _calls(
        "organizations.amazonaws.com", "AcceptHandshake", "AttachPolicy", "CreateAccount",
        "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization",
        "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType",
        "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization",
        "UpdatePolicy", "UpdateOrganizationalUnit")),
)
CATEGORY_IDS = tuple(c.id for c in CATEGORIES)


def covered_categories(pattern: str) -> frozenset[str]:
    """The categories whose every sample event ``pattern`` matches; raises `NotUnderstood`.

    >>> sorted(covered_categories('{($.eventName=DeleteTrail) || ($.eventName = "CreateTrail") ||'
    ...     ' ($.eventName=UpdateTrail)||($.eventName=StopLogging)||($.eventName=StartLogging)}'))
    ['audit-trail-changes']
    >>> sorted(covered_categories('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS'
    ...     ' && $.eventType != "AwsServiceEvent" }'))
    ['root-usage']
    >>> covered_categories("ERROR"), covered_categories('{ $.eventName = "StopLogging" }')
    (frozenset(), frozenset())
    """
    if not pattern.strip().startswith("{"):
        return frozenset()
    match = compile_pattern(pattern)
    return frozenset(c.id for c in CATEGORIES if all(match(e) for e in c.samples))


_TOKEN = re.compile(r"""\s*(?:
    (?P<op>&&|\|\||!=|<=|>=|=|<|>|\(|\)|\{|\})
    |"(?P<quoted>(?:[^"\\]|\\.)*)"
    |(?P<word>[^\s()&|=!<>{}"]+))""", re.VERBOSE)


def _tokens(pattern: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = pattern.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise NotUnderstood(f"cannot read the pattern at {text[pos:pos + 20]!r}")
        pos = m.end()
        if m.group("op") is not None:
            out.append(("op", m.group("op")))
        elif m.group("quoted") is not None:
            out.append(("str", re.sub(r"\\(.)", r"\1", m.group("quoted"))))
        elif m.group("word") is not None:
            out.append(("word", m.group("word")))
    return out


def compile_pattern(pattern: str) -> Matcher:
    """A JSON filter pattern as a predicate over one parsed log event.

    >>> m = compile_pattern('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }')
    >>> m({"errorCode": "Client.UnauthorizedOperation"}), m({"errorCode": "ThrottlingException"}), m({})
    (True, False, False)
    >>> compile_pattern('{ $.a[0].b = 3 && $.c IS TRUE }')({"a": [{"b": 3}], "c": True})
    True
    """
    tokens = _tokens(pattern)
    if tokens[:1] != [("op", "{")] or tokens[-1:] != [("op", "}")]:
        raise NotUnderstood("a JSON filter pattern is enclosed in braces")
    parser = _Parser(tokens[1:-1])
    matcher = parser.disjunction()
    if parser.pos != len(parser.tokens):
        raise NotUnderstood(f"unexpected {parser.tokens[parser.pos][1]!r}")
    return matcher


class _Parser:
    """Recursive descent: ``||`` binds loosest, then ``&&``, then a parenthesised group or a comparison."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.pos = tokens, 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise NotUnderstood("the pattern ends early")
        self.pos += 1
        return token

    def disjunction(self) -> Matcher:
        terms = [self.conjunction()]
        while self._peek() == ("op", "||"):
            self.pos += 1
            terms.append(self.conjunction())
        return terms[0] if len(terms) == 1 else (lambda e: any(t(e) for t in terms))

    def conjunction(self) -> Matcher:
        terms = [self.term()]
        while self._peek() == ("op", "&&"):
            self.pos += 1
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else (lambda e: all(t(e) for t in terms))

    def term(self) -> Matcher:
        if self._peek() == ("op", "("):
            self.pos += 1
            inner = self.disjunction()
            if self._take() != ("op", ")"):
                raise NotUnderstood("unbalanced parentheses")
            return inner
        kind, text = self._take()
        if kind != "word" or not text.startswith("$"):
            raise NotUnderstood(f"expected a $.selector, got {text!r}")
        path = _selector(text)
        kind, op = self._take()
        if kind == "word" and op.upper() in ("IS", "NOT"):
            return self._keyword(path, op.upper())
        if kind != "op" or op not in ("=", "!=", "<", "<=", ">", ">="):
            raise NotUnderstood(f"expected a comparison after {text!r}, got {op!r}")
        vkind, value = self._take()
        if vkind == "op":
            raise NotUnderstood(f"expected a value after {op!r}")
        return _comparison(path, op, value, quoted=vkind == "str")

    def _keyword(self, path: tuple[str | int, ...], first: str) -> Matcher:
        word = self._take()[1].upper()
        if first == "NOT" and word == "EXISTS":
            return lambda e: _lookup(e, path) is _MISSING
        if first == "IS" and word in ("NULL", "TRUE", "FALSE"):
            want = {"NULL": None, "TRUE": True, "FALSE": False}[word]
            return lambda e: _lookup(e, path) is want
        raise NotUnderstood(f"{first} {word} is not understood")


_MISSING = object()
_STEP = re.compile(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]")


def _selector(text: str) -> tuple[str | int, ...]:
    steps: list[str | int] = []
    pos = 1
    while pos < len(text):
        m = _STEP.match(text, pos)
        if not m:
            raise NotUnderstood(f"selector {text!r} is not understood")
        steps.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if not steps:
        raise NotUnderstood("a selector names a field")
    return tuple(steps)


def _lookup(event: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        if isinstance(step, int) and isinstance(event, list) and step < len(event):
            event = event[step]
        elif isinstance(step, str) and isinstance(event, Mapping) and step in event:
            event = event[step]
        else:
            return _MISSING
    return event


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _comparison(path: tuple[str | int, ...], op: str, value: str, *, quoted: bool) -> Matcher:
    number = None if quoted else _number(value)
    glob = re.compile(".*".join(re.escape(part) for part in value.split("*")), re.DOTALL)

    def equal(field: Any) -> bool:
        if isinstance(field, bool) or field is None or field is _MISSING:
            return False
        if isinstance(field, (int, float)):
            return number is not None and field == number
        return isinstance(field, str) and glob.fullmatch(field) is not None

    if op == "=":
        return lambda e: equal(_lookup(e, path))
    if op == "!=":
        return lambda e: not equal(_lookup(e, path))
    if number is None:
        raise NotUnderstood(f"{op} needs a number, got {value!r}")
    compare = {"<": float.__lt__, "<=": float.__le__, ">": float.__gt__, ">=": float.__ge__}[op]

    def numeric(e: Event) -> bool:
        field = _lookup(e, path)
        return isinstance(field, (int, float)) and not isinstance(field, bool) and compare(float(field), number)

    return numeric
