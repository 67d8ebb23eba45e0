"""The shared IAM policy evaluator on a table of documents: what each one grants, in IAM's own terms."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from hitrust_policies.model import FULL_ADMIN, NEAR_ADMIN, SCOPED, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.aws_iam_policy import Access, document_access, managed_policy_access


def allow(**kw) -> dict:
    return {"Effect": "Allow", **kw}


def deny(**kw) -> dict:
    return {"Effect": "Deny", **kw}


def doc(*statements) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


ADMIN = allow(Action="*", Resource="*")
LATER = Unknown("computed at preview: policy.Statement[1].Resource")

CASES = {
    # ---- plain admin, every spelling of "everything"
    "star-on-star": (doc(ADMIN), Access(FULL_ADMIN)),
    "single-statement-object": ({"Statement": ADMIN}, Access(FULL_ADMIN)),
    "lists": (doc(allow(Action=["*"], Resource=["*"])), Access(FULL_ADMIN)),
    "star-colon-star": (doc(allow(Action="*:*", Resource="*")), Access(FULL_ADMIN)),
    "arn-star": (doc(allow(Action="*", Resource="arn:*")), Access(FULL_ADMIN)),
    "arn-aws-every-segment": (doc(allow(Action="*", Resource="arn:aws:*:*:*:*")), Access(FULL_ADMIN)),
    "arn-any-partition": (doc(allow(Action="*", Resource="arn:*:*:*:*:*")), Access(FULL_ADMIN)),
    "gov-partition": (doc(allow(Action="*", Resource="arn:aws-us-gov:*")), Access(FULL_ADMIN)),
    "admin-in-second-statement": (doc(allow(Action="s3:GetObject", Resource="arn:aws:s3:::phi/*"), ADMIN),
                                  Access(FULL_ADMIN)),
    "conditional-allow-still-admin": (doc({**ADMIN, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}),
                                      Access(FULL_ADMIN)),
    "conditional-deny-does-not-cancel": (doc(ADMIN, deny(Action="*", Resource="*",
                                                         Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
                                         Access(FULL_ADMIN)),
    "union-of-notaction-and-action": (doc(allow(NotAction="iam:*", Resource="*"), allow(Action="iam:*", Resource="*")),
                                      Access(FULL_ADMIN)),
    # ---- admin in disguise: open-ended grants
    "notaction-iam": (doc(allow(NotAction="iam:*", Resource="*")), Access(NEAR_ADMIN, "iam:*")),
    "power-user-shape": (doc(allow(NotAction=["iam:*", "organizations:*", "account:*"], Resource="*"),
                             allow(Action=["iam:CreateServiceLinkedRole", "organizations:DescribeOrganization"],
                                   Resource="*")),
                         Access(NEAR_ADMIN, "iam:*, organizations:*, account:*")),
    "notaction-with-scoped-allow-beside": (doc(allow(Action="s3:Get*", Resource="*"),
                                               allow(NotAction="iam:*", Resource="*")),
                                           Access(NEAR_ADMIN, "iam:*")),
    "notresource-one-bucket": (doc(allow(Action="*", NotResource="arn:aws:s3:::phi/*")),
                               Access(NEAR_ADMIN, "on arn:aws:s3:::phi/*")),
    "admin-narrowed-by-deny": (doc(ADMIN, deny(Action=["iam:*", "kms:ScheduleKeyDeletion"], Resource="*")),
                               Access(NEAR_ADMIN, "iam:*, kms:ScheduleKeyDeletion")),
    "admin-minus-some-action-on-some-resource": (doc(ADMIN, deny(Action="s3:DeleteBucket",
                                                                 Resource="arn:aws:s3:::phi")),
                                                 Access(NEAR_ADMIN, "s3:DeleteBucket on arn:aws:s3:::phi")),
    "action-case-insensitive": (doc(allow(NotAction="IAM:*", Resource="*"), deny(Action="iam:passrole",
                                                                                 Resource="*")),
                                Access(NEAR_ADMIN, "IAM:*")),
    # ---- bounded, or nothing at all: must not fail
    "notresource-star-grants-nothing": (doc(allow(Action="*", NotResource="*")), Access(SCOPED)),
    "notaction-star-grants-nothing": (doc(allow(NotAction="*", Resource="*")), Access(SCOPED)),
    "deny-everything-cancels": (doc(ADMIN, deny(Action="*", Resource="*")), Access(SCOPED)),
    "deny-star-colon-star-on-arn-star-cancels": (doc(ADMIN, deny(Action="*:*", Resource="arn:*")), Access(SCOPED)),
    "deny-all-but-one-service": (doc(ADMIN, deny(NotAction="s3:*", Resource="*")), Access(SCOPED)),
    "deny-all-but-one-bucket": (doc(ADMIN, deny(Action="*", NotResource="arn:aws:s3:::phi/*")), Access(SCOPED)),
    "service-wide": (doc(allow(Action="s3:*", Resource="*")), Access(SCOPED)),
    "every-action-one-service-arns": (doc(allow(Action="*", Resource="arn:aws:s3:::*")), Access(SCOPED)),
    "read-only": ({"Statement": allow(Action="s3:Get*", Resource="*")}, Access(SCOPED)),
    "only-deny": (doc(deny(Action="*", Resource="*")), Access(SCOPED)),
    "no-statements": ({"Version": "2012-10-17", "Statement": []}, Access(SCOPED)),
    "many-services-listed": (doc(allow(Action=["s3:*", "ec2:*", "rds:*", "kms:*"], Resource="*")), Access(SCOPED)),
    "fresh-name-avoids-document-letters": (doc(allow(NotAction=["z*", "q*", "x*"], Resource="*")),
                                           Access(NEAR_ADMIN, "z*, q*, x*")),
    # ---- values not computed at preview decide only when they could change the answer
    "unknown-beside-admin": (doc(ADMIN, allow(Action="s3:*", Resource=LATER)), Access(FULL_ADMIN)),
    "unknown-allow-could-be-admin": (doc(allow(Action="s3:*", Resource=LATER)), LATER),
    "unknown-deny-could-cancel": (doc(ADMIN, deny(Action="*", Resource=LATER)), LATER),
    "unknown-deny-beside-scoped": (doc(allow(Action="s3:GetObject", Resource="*"), deny(Action="*", Resource=LATER)),
                                   Access(SCOPED)),
    "whole-document-unknown": (Unknown("computed at preview: policy"), Unknown("computed at preview: policy")),
    "statement-list-unknown": ({"Statement": LATER}, LATER),
    # ---- documents IAM would refuse: not a verdict either way
    "not-json": ("{not json", Unknown("policy document is not valid JSON")),
    "no-resource": (doc(allow(Action="*")),
                    Unknown("policy document is not valid: a statement needs exactly one of Resource and NotResource")),
    "bad-effect": (doc({"Effect": "allow", "Action": "*", "Resource": "*"}),
                   Unknown("policy document is not valid: Effect 'allow'")),
    "absent": (None, Unknown("no policy document")),
}


@pytest.mark.parametrize("name", CASES)
def test_document_access(name: str) -> None:
    document, expected = CASES[name]
    got = document_access(document)
    assert same(got, expected) if isinstance(expected, Unknown) else got == expected


@pytest.mark.parametrize("encode", [json.dumps, lambda d: quote(json.dumps(d))], ids=["json", "url-encoded-json"])
def test_text_forms_as_sources_send_them(encode) -> None:
    """Pulumi sends JSON text; IAM's own API returns URL-encoded JSON."""
    assert document_access(encode(doc(allow(NotAction="iam:*", Resource="*")))) == Access(NEAR_ADMIN, "iam:*")
    assert document_access(encode(doc(allow(Action="*", NotResource="*")))) == Access(SCOPED)


@pytest.mark.parametrize("arn, expected", [
    ("arn:aws:iam::aws:policy/AdministratorAccess", Access(FULL_ADMIN)),
    ("arn:aws-us-gov:iam::aws:policy/AdministratorAccess", Access(FULL_ADMIN)),
    ("arn:aws:iam::aws:policy/PowerUserAccess", None),  # peers do not count it; neither do we
    ("arn:aws:iam::aws:policy/job-function/AdministratorAccess", None),
    ("arn:aws:iam::123456789012:policy/AdministratorAccess", None),  # a customer policy: judged by its document
    (Unknown("computed at preview: policyArn"), None),
])
def test_managed_policy_access(arn, expected) -> None:
    assert managed_policy_access(arn) == expected


def test_exceptions_name_each_left_out_pattern_once() -> None:
    document = doc(allow(NotAction=["iam:*", "IAM:*", "iam:PassRole"], Resource="*"),
                   allow(Action="s3:GetObject", Resource="arn:aws:s3:::phi/*"))
    assert document_access(document) == Access(NEAR_ADMIN, "iam:*")


def test_a_large_open_ended_document() -> None:
    """Many services left out and many scoped statements beside them (the size IAM allows)."""
    document = doc(allow(NotAction=[f"svc{i}:*" for i in range(40)], Resource="*"),
                   *(allow(Action=[f"s{j}:Get{i}*" for i in range(10)],
                           Resource=[f"arn:aws:s{j}:::b{i}/*" for i in range(10)]) for j in range(10)))
    assert document_access(document) == Access(NEAR_ADMIN, ", ".join(f"svc{i}:*" for i in range(40)))
