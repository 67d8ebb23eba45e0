"""IAM users (with their direct policy attachments), customer-managed policies, password policy.

Console access and MFA devices are not declared in a program (a login profile may be
made by hand; MFA devices always are): they are Unknown here and the rules over them
are live-only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hitrust_policies.model import Identity, PasswordPolicy, PolicyGrant, Statement, Unknown
from hitrust_policies.sources.pulumi.props import preview_unknown, to_bool, to_int
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from hitrust_policies.sources.pulumi.resource import PulumiResource
from hitrust_policies.sources.pulumi.stack import Stack

USER = "aws:iam/user:User"
POLICY = "aws:iam/policy:Policy"
USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
USER_INLINE = "aws:iam/userPolicy:UserPolicy"
ATTACHMENTS = (
    USER_ATTACHMENT,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
)
LIVE_ONLY = "only visible in a live account"
SECRET = "[secret]"


def _attached_policy_name(att: PulumiResource, stack: Stack) -> str:
    """The attached policy's name, as IAM lists it (``ListAttachedUserPolicies`` PolicyName).

    From the policy resource when it is in this stack (its ARN may not be known yet),
    else the last segment of the ARN (``arn:aws:iam::aws:policy/ReadOnlyAccess``).
    """
    if att.props.is_secret("policyArn"):
        return SECRET
    policy = stack.referent(att, "policyArn", (POLICY,), ("arn",))
    if policy is not None:
        return policy.display_name("name")
    arn = att.props.get("policyArn")
    if isinstance(arn, str) and arn:
        return arn.rsplit("/", 1)[-1]
    return "(policy computed at preview)"


def direct_policies(user: PulumiResource, stack: Stack) -> Any:
    attached, maybe_a = stack.referrers(user, (USER_ATTACHMENT,), "user", ("name",))
    inline, maybe_i = stack.referrers(user, (USER_INLINE,), "user", ("name",))
    names = [_attached_policy_name(a, stack) for a in attached]
    names += [p.display_name("name") for p in inline]
    if not names and (maybe_a or maybe_i):
        return preview_unknown(f"user of {(maybe_a + maybe_i)[0].logical_name}")
    return tuple(names)


@pulumi_adapter(USER, produces=Identity, joins=True)
def user(res: PulumiResource, stack: Stack) -> Iterator[Identity]:
    yield Identity(
        ref=res.ref("name"),
        console_access=Unknown(LIVE_ONLY),
        mfa_enabled=Unknown(LIVE_ONLY),
        direct_policies=direct_policies(res, stack),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def parse_statements(document: Any) -> tuple[Statement, ...] | Unknown:
    """Statements of an IAM policy document (JSON text or already a dict).

    >>> parse_statements('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')
    (Statement(effect='Allow', actions=('*',), resources=('*',), not_actions=False, conditional=False),)
    """
    if isinstance(document, Unknown):
        return document
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return Unknown("policy document is not valid JSON")
    if not isinstance(document, dict):
        return Unknown("policy document is not a JSON object")
    raw = document.get("Statement", [])
    statements = [raw] if isinstance(raw, dict) else list(raw)
    out = []
    for s in statements:
        not_actions = "NotAction" in s
        out.append(
            Statement(
                effect=str(s.get("Effect", "")),
                actions=_strings(s.get("NotAction") if not_actions else s.get("Action")),
                resources=_strings(s.get("Resource", s.get("NotResource"))),
                not_actions=not_actions,
                conditional=bool(s.get("Condition")),
            )
        )
    return tuple(out)


@pulumi_adapter(POLICY, produces=PolicyGrant, joins=True)
def policy(res: PulumiResource, stack: Stack) -> Iterator[PolicyGrant]:
    sure, _ = stack.referrers(res, ATTACHMENTS, "policyArn", ("arn",))
    yield PolicyGrant(
        ref=res.ref("name"),
        statements=parse_statements(res.props.get("policy")),
        attached=True if sure else Unknown("attachments made outside this stack are " + LIVE_ONLY),
    )


@pulumi_adapter("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", produces=PasswordPolicy)
def password_policy(res: PulumiResource, stack: Stack) -> Iterator[PasswordPolicy]:
    p = res.props
    max_age = to_int(p.get("maxPasswordAge"))
    reuse = to_int(p.get("passwordReusePrevention"))
    yield PasswordPolicy(
        ref=res.ref(),
        present=True,
        min_length=to_int(p.get("minimumPasswordLength", 6)),
        require_uppercase=to_bool(p.get("requireUppercaseCharacters"), False),
        require_lowercase=to_bool(p.get("requireLowercaseCharacters"), False),
        require_numbers=to_bool(p.get("requireNumbers"), False),
        require_symbols=to_bool(p.get("requireSymbols"), False),
        max_age_days=max_age if isinstance(max_age, Unknown) else (max_age or None),
        reuse_prevention=reuse if isinstance(reuse, Unknown) else (reuse or None),
    )
