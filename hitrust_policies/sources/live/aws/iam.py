"""Where IAM users, keys, customer policies and account settings become model values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from hitrust_policies.model import (
    Credential,
    Identity,
    PasswordPolicy,
    PolicyGrant,
    RootAccount,
    Statement,
    Unknown,
)
from hitrust_policies.sources.live.aws.collector import Ctx, collector


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def statements(document: Any) -> tuple[Statement, ...]:
    """Normalise an IAM policy document (dict, JSON or URL-encoded JSON) to `Statement`s.

    >>> statements('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')
    (Statement(effect='Allow', actions=('*',), resources=('*',), not_actions=False, conditional=False),)
    """
    if isinstance(document, str):
        document = json.loads(unquote(document) if document.startswith("%") else document)
    raw = document.get("Statement", [])
    out = []
    for s in [raw] if isinstance(raw, dict) else raw:
        out.append(
            Statement(
                effect=s.get("Effect", "Deny"),
                actions=_as_tuple(s.get("Action", s.get("NotAction"))),
                resources=_as_tuple(s.get("Resource", s.get("NotResource"))),
                not_actions="NotAction" in s,
                conditional="Condition" in s,
            )
        )
    return tuple(out)


@collector(
    "iam-password-policy",
    service="iam",
    regional=False,
    kinds=(PasswordPolicy,),
    calls=("iam:GetAccountPasswordPolicy",),
)
def iam_password_policy(ctx: Ctx) -> Iterator[PasswordPolicy]:
    result = ctx.fact(
        "iam:GetAccountPasswordPolicy",
        lambda: ctx.client("iam").get_account_password_policy()["PasswordPolicy"],
        absent={"NoSuchEntity": None},
    )
    ref = ctx.ref("AWS::IAM::AccountPasswordPolicy", f"arn:{ctx.partition}:iam::{ctx.account}:password-policy",
                  f"password-policy-{ctx.account}", region="")
    if isinstance(result, Unknown) or result is None:
        value: Any = result if isinstance(result, Unknown) else False
        facts = result if isinstance(result, Unknown) else Unknown("no password policy")
        yield PasswordPolicy(ref, value, facts, facts, facts, facts, facts, facts, facts)
        return
    yield PasswordPolicy(
        ref,
        present=True,
        min_length=int(result.get("MinimumPasswordLength", 6)),
        require_uppercase=bool(result.get("RequireUppercaseCharacters")),
        require_lowercase=bool(result.get("RequireLowercaseCharacters")),
        require_numbers=bool(result.get("RequireNumbers")),
        require_symbols=bool(result.get("RequireSymbols")),
        max_age_days=result.get("MaxPasswordAge"),
        reuse_prevention=result.get("PasswordReusePrevention"),
    )


@collector(
    "iam-root-account",
    service="iam",
    regional=False,
    kinds=(RootAccount,),
    calls=("iam:GetAccountSummary",),
)
def iam_root_account(ctx: Ctx) -> Iterator[RootAccount]:
    summary = ctx.fact("iam:GetAccountSummary", lambda: ctx.client("iam").get_account_summary()["SummaryMap"])
    ref = ctx.ref("AWS::IAM::Root", f"arn:{ctx.partition}:iam::{ctx.account}:root", f"root-{ctx.account}",
                  region="")
    if isinstance(summary, Unknown):
        yield RootAccount(ref, summary, summary)
        return
    yield RootAccount(
        ref,
        access_keys_present=bool(summary.get("AccountAccessKeysPresent")),
        mfa_enabled=bool(summary.get("AccountMFAEnabled")),
    )


@collector(
    "iam-users",
    service="iam",
    regional=False,
    kinds=(Identity, Credential),
    calls=(
        "iam:ListUsers",
        "iam:GetLoginProfile",
        "iam:ListMFADevices",
        "iam:ListAttachedUserPolicies",
        "iam:ListUserPolicies",
        "iam:ListAccessKeys",
    ),
)
def iam_users(ctx: Ctx) -> Iterator[Identity | Credential]:
    iam = ctx.client("iam")

    def one(u: dict[str, Any]) -> list[Identity | Credential]:
        name, arn = u["UserName"], u["Arn"]
        console = ctx.fact("iam:GetLoginProfile", lambda: bool(iam.get_login_profile(UserName=name)),
                           absent={"NoSuchEntity": False})
        mfa = ctx.fact("iam:ListMFADevices", lambda: bool(iam.list_mfa_devices(UserName=name)["MFADevices"]))
        attached = ctx.fact("iam:ListAttachedUserPolicies", lambda: [
            p["PolicyName"] for p in iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]])
        inline = ctx.fact("iam:ListUserPolicies",
                          lambda: list(iam.list_user_policies(UserName=name)["PolicyNames"]))
        direct: Any = attached if isinstance(attached, Unknown) else inline if isinstance(inline, Unknown) \
            else tuple(attached) + tuple(inline)
        ref = ctx.ref("AWS::IAM::User", arn, name, region="")
        values: list[Identity | Credential] = [
            Identity(ref, console_access=console, mfa_enabled=mfa, direct_policies=direct)]
        keys = ctx.fact("iam:ListAccessKeys",
                        lambda: iam.list_access_keys(UserName=name)["AccessKeyMetadata"])
        if isinstance(keys, Unknown):
            values.append(Credential(ctx.ref("AWS::IAM::AccessKey", f"{arn}/access-keys", f"{name}/access-keys",
                                             region=""), owner=name, active=keys, age_days=keys))
            return values
        for k in keys:
            kid = k["AccessKeyId"]
            values.append(Credential(
                ref=ctx.ref("AWS::IAM::AccessKey", f"{arn}/access-key/{kid}", f"{name}/{kid}", region=""),
                owner=name,
                active=k.get("Status") == "Active",
                age_days=(ctx.now - k["CreateDate"]).days,
            ))
        return values

    for values in ctx.fan_out(one, ctx.paginate("iam", "ListUsers", "Users")):
        yield from values


@collector(
    "iam-customer-policies",
    service="iam",
    regional=False,
    kinds=(PolicyGrant,),
    calls=("iam:ListPolicies", "iam:GetPolicyVersion"),
)
def iam_customer_policies(ctx: Ctx) -> Iterator[PolicyGrant]:
    iam = ctx.client("iam")

    def one(p: dict[str, Any]) -> PolicyGrant:
        arn = p["Arn"]
        doc = ctx.fact("iam:GetPolicyVersion", lambda: iam.get_policy_version(
            PolicyArn=arn, VersionId=p["DefaultVersionId"])["PolicyVersion"]["Document"])
        return PolicyGrant(
            ref=ctx.ref("AWS::IAM::ManagedPolicy", arn, p["PolicyName"], region=""),
            statements=doc if isinstance(doc, Unknown) else statements(doc),
            attached=int(p.get("AttachmentCount", 0)) > 0,
        )

    yield from ctx.fan_out(one, ctx.paginate("iam", "ListPolicies", "Policies", Scope="Local"))
