"""Where IAM users, keys, permission grants, the root user and account settings become model values.

Grants come from one paginated ``GetAccountAuthorizationDetails`` listing (every user, group
and role with its inline and attached policies, every customer managed policy with its
versions) rather than three or four calls per principal: IAM's API rate is low and accounts
hold thousands of roles. A denied listing is one UNKNOWN gap naming the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from hitrust_policies.model import (
    Credential,
    Identity,
    PasswordPolicy,
    PolicyGrant,
    RoleTrust,
    RootAccount,
    SupportAccess,
    Unknown,
)
from hitrust_policies.sources.aws_iam_policy import (
    Access,
    document_access,
    managed_policy_access,
    policy_grant,
    public_trust,
)
from hitrust_policies.sources.live.aws.collector import Ctx, OrganizationView, collector
from hitrust_policies.sources.live.aws.credential_report import CALLS as REPORT_CALLS
from hitrust_policies.sources.live.aws.credential_report import (
    ROOT_ROW,
    Report,
    credential_report,
    days_since,
    unused_days,
    when,
)


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


ROOT_CREDENTIALS_MANAGEMENT = "RootCredentialsManagement"
# ListOrganizationsFeatures answers that mean centralized root access cannot be on in the organization
NO_ROOT_FEATURES = {
    "ServiceAccessNotEnabledException": frozenset(),  # IAM has no trusted access in the organization
    "OrganizationNotInAllFeaturesModeException": frozenset(),
}


def root_credentials_centrally_managed(ctx: Ctx) -> bool | Unknown:
    """Does AWS Organizations manage this account's root credentials (centralized root access)?

    Only member accounts can be covered, and only the management account or IAM's delegated
    administrator may ask the organization (``iam:ListOrganizationsFeatures``): an organization
    scan passes what its scanning principal read (`Ctx.organization`); a member account scanned
    on its own cannot tell, and says so.
    """
    org = ctx.fact("organizations:DescribeOrganization",
                   lambda: ctx.client("organizations").describe_organization()["Organization"],
                   absent={"AWSOrganizationsNotInUseException": None})
    if isinstance(org, Unknown):
        return org
    if org is None or org.get("MasterAccountId") == ctx.account:
        return False  # a standalone or management account: no one else manages its root
    seen = ctx.organization
    if seen is not None and seen.organization_id == org.get("Id"):
        return ROOT_CREDENTIALS_MANAGEMENT in seen.root_features
    features = ctx.fact("iam:ListOrganizationsFeatures",
                        lambda: frozenset(ctx.client("iam").list_organizations_features().get("EnabledFeatures", [])),
                        absent=NO_ROOT_FEATURES)
    return features if isinstance(features, Unknown) else ROOT_CREDENTIALS_MANAGEMENT in features


def read_organization_view(iam: Any) -> OrganizationView | None:
    """The organization's root-access features as the scanning principal sees them; None if it cannot."""
    try:
        answer = iam.list_organizations_features()
    except Exception:  # noqa: BLE001 - members then ask for themselves, and report what they could not see
        return None
    return OrganizationView(answer["OrganizationId"], frozenset(answer.get("EnabledFeatures", [])))


@collector(
    "iam-root-account",
    service="iam",
    regional=False,
    kinds=(RootAccount,),
    calls=("iam:GetAccountSummary", "organizations:DescribeOrganization", "iam:ListOrganizationsFeatures",
           "iam:ListVirtualMFADevices", *REPORT_CALLS),
)
def iam_root_account(ctx: Ctx) -> Iterator[RootAccount]:
    summary = ctx.fact("iam:GetAccountSummary", lambda: ctx.client("iam").get_account_summary()["SummaryMap"])
    root_arn = f"arn:{ctx.partition}:iam::{ctx.account}:root"
    ref = ctx.ref("AWS::IAM::Root", root_arn, f"root-{ctx.account}", region="")
    virtual = ctx.fact("iam:ListVirtualMFADevices", lambda: any(
        _root_device(d, root_arn) for d in ctx.paginate("iam", "ListVirtualMFADevices", "VirtualMFADevices",
                                                        AssignmentStatus="Assigned")))
    last_used = _root_last_used(ctx, credential_report(ctx))
    if isinstance(summary, Unknown):
        yield RootAccount(ref, summary, summary, summary, summary, mfa_virtual=virtual, last_used_days=last_used)
        return
    keys = bool(summary.get("AccountAccessKeysPresent"))
    mfa = bool(summary.get("AccountMFAEnabled"))
    password: bool | Unknown = (bool(summary["AccountPasswordPresent"]) if "AccountPasswordPresent" in summary
                                else Unknown("GetAccountSummary did not report AccountPasswordPresent"))
    if mfa or keys or password is True:
        # decided without it: not read, so a member account's scan needs no organization-level call
        managed: bool | Unknown = Unknown("not read: the root user's MFA, password or keys decide")
    else:
        managed = root_credentials_centrally_managed(ctx)
    yield RootAccount(ref, access_keys_present=keys, mfa_enabled=mfa, password_present=password,
                      credentials_centrally_managed=managed, mfa_virtual=virtual, last_used_days=last_used)


def _root_device(device: dict[str, Any], root_arn: str) -> bool:
    """A virtual MFA device assigned to the root user: its user is the root ARN (the console's legacy
    name for it, ``root-account-mfa-device``, when the listing omits the user)."""
    return (device.get("User") or {}).get("Arn") == root_arn or str(device.get("SerialNumber", "")).endswith(
        ":mfa/root-account-mfa-device")


ROOT_USES = ("password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date")


def _root_last_used(ctx: Ctx, report: Report | Unknown) -> int | None | Unknown:
    """Days since the root password or either root access key was last used; None if never."""
    if isinstance(report, Unknown):
        return report
    row = report.get(ROOT_ROW)
    if row is None:
        return Unknown(f"the credential report has no {ROOT_ROW} row")
    uses = [moment for moment in (when(row.get(column)) for column in ROOT_USES) if moment is not None]
    return days_since(ctx, max(uses)) if uses else None


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
        *REPORT_CALLS,
    ),
)
def iam_users(ctx: Ctx) -> Iterator[Identity | Credential]:
    """Per user: console, MFA, direct policies and access keys; when each password and key was last
    used comes from the account's credential report (one read for every user)."""
    iam = ctx.client("iam")
    report = credential_report(ctx)

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
        keys = ctx.fact("iam:ListAccessKeys",
                        lambda: iam.list_access_keys(UserName=name)["AccessKeyMetadata"])
        row = _user_row(report, name)
        active_keys = keys if isinstance(keys, Unknown) else sum(k.get("Status") == "Active" for k in keys)
        values: list[Identity | Credential] = [
            Identity(ref, console_access=console, mfa_enabled=mfa, direct_policies=direct,
                     console_unused_days=_console_unused(ctx, row), active_keys=active_keys)]
        if isinstance(keys, Unknown):
            values.append(Credential(ctx.ref("AWS::IAM::AccessKey", f"{arn}/access-keys", f"{name}/access-keys",
                                             region=""), owner=name, active=keys, age_days=keys, unused_days=keys))
            return values
        for k in keys:
            kid = k["AccessKeyId"]
            values.append(Credential(
                ref=ctx.ref("AWS::IAM::AccessKey", f"{arn}/access-key/{kid}", f"{name}/{kid}", region=""),
                owner=name,
                active=k.get("Status") == "Active",
                age_days=(ctx.now - k["CreateDate"]).days,
                unused_days=_key_unused(ctx, row, k["CreateDate"]),
            ))
        return values

    for values in ctx.fan_out(one, ctx.paginate("iam", "ListUsers", "Users")):
        yield from values


def _user_row(report: Report | Unknown, name: str) -> dict[str, str] | Unknown:
    if isinstance(report, Unknown):
        return report
    row = report.get(name)
    return row if row is not None else Unknown(
        "the user is not in the credential report (created after IAM last built it)")


def _console_unused(ctx: Ctx, row: dict[str, str] | Unknown) -> int | None | Unknown:
    """Days the console password has gone unused (counted from when it was set if never); None: no password."""
    if isinstance(row, Unknown):
        return row
    if row.get("password_enabled") != "true":
        return None
    return unused_days(ctx, row.get("password_last_used"),
                       row.get("password_last_changed") if when(row.get("password_last_changed"))
                       else row.get("user_creation_time"))


def _key_unused(ctx: Ctx, row: dict[str, str] | Unknown, created: datetime) -> int | Unknown:
    """The report names a user's keys access_key_1 / access_key_2, not by id: a key is the slot created
    (``last_rotated``) in the same second as it."""
    if isinstance(row, Unknown):
        return row
    second = created.replace(microsecond=0)
    slots = [n for n in (1, 2) if when(row.get(f"access_key_{n}_last_rotated")) == second]
    if len(slots) != 1:
        return Unknown("the credential report does not tell this key apart (no slot, or two, created "
                       "that second)")
    return unused_days(ctx, row.get(f"access_key_{slots[0]}_last_used_date"),
                       row.get(f"access_key_{slots[0]}_last_rotated"))


GRANT_FILTER = ["User", "Group", "Role", "LocalManagedPolicy"]


@collector(
    "iam-policy-grants",
    service="iam",
    regional=False,
    kinds=(PolicyGrant, RoleTrust),
    calls=("iam:GetAccountAuthorizationDetails",),
)
def iam_policy_grants(ctx: Ctx) -> Iterator[PolicyGrant]:
    """Every place admin can be granted, from one paginated call (it returns every user, group and
    role with its inline and attached policies, and every customer managed policy with its versions):
    customer managed policies (attached or not), inline policies, attachments of AdministratorAccess."""
    pages = ctx.client("iam").get_paginator("get_account_authorization_details").paginate(Filter=GRANT_FILTER)
    for page in pages:
        for p in page.get("Policies", []):
            yield _managed_policy(ctx, p)
        for kind, key, inline_key in (("user", "UserDetailList", "UserPolicyList"),
                                      ("group", "GroupDetailList", "GroupPolicyList"),
                                      ("role", "RoleDetailList", "RolePolicyList")):
            for principal in page.get(key, []):
                yield from _principal_grants(ctx, kind, principal, inline_key)
        for role in page.get("RoleDetailList", []):  # and who may assume each role, from the same listing
            yield RoleTrust(ctx.ref("AWS::IAM::Role", role["Arn"], role["RoleName"], region=""),
                            public_principals=public_trust(role.get("AssumeRolePolicyDocument")))


def _managed_policy(ctx: Ctx, p: dict[str, Any]) -> PolicyGrant:
    arn = p["Arn"]
    name = p.get("PolicyName") or arn.rsplit("/", 1)[-1]
    default = [v for v in p.get("PolicyVersionList", []) if v.get("IsDefaultVersion")]
    document = default[0].get("Document") if default else Unknown(
        "GetAccountAuthorizationDetails returned no default version")
    ref = ctx.ref("AWS::IAM::ManagedPolicy", arn, name, region="")
    return policy_grant(ref, document_access(document), int(p.get("AttachmentCount", 0)) > 0, document)


def _principal_grants(ctx: Ctx, kind: str, principal: dict[str, Any], inline_key: str) -> Iterator[PolicyGrant]:
    """Named ``<kind>/<principal>/<policy>``: the same names the Pulumi adapters give."""
    name, arn = principal[f"{kind.capitalize()}Name"], principal["Arn"]
    for inline in principal.get(inline_key, []):
        ref = ctx.ref(f"AWS::IAM::{kind.capitalize()}Policy", f"{arn}/inline-policy/{inline['PolicyName']}",
                      f"{kind}/{name}/{inline['PolicyName']}", region="")
        document = inline.get("PolicyDocument")
        yield policy_grant(ref, document_access(document), True, document)
    for attached in principal.get("AttachedManagedPolicies", []):
        access: Access | None = managed_policy_access(attached["PolicyArn"])
        if access is not None:
            ref = ctx.ref("AWS::IAM::ManagedPolicyAttachment", f"{arn}/attached-policy/{attached['PolicyArn']}",
                          f"{kind}/{name}/{attached['PolicyName']}", region="")
            yield policy_grant(ref, access, True)


SUPPORT_POLICY = "AWSSupportAccess"


@collector(
    "iam-support-access",
    service="iam",
    regional=False,
    kinds=(SupportAccess,),
    calls=("iam:ListEntitiesForPolicy",),
)
def iam_support_access(ctx: Ctx) -> Iterator[SupportAccess]:
    """The roles holding AWS's ``AWSSupportAccess`` managed policy: one paginated listing of the policy's
    role attachments (``NoSuchEntity``, the policy unknown to the account: no role holds it)."""
    arn = f"arn:{ctx.partition}:iam::aws:policy/{SUPPORT_POLICY}"
    roles = ctx.fact("iam:ListEntitiesForPolicy", lambda: tuple(sorted(
        r["RoleName"] for r in ctx.paginate("iam", "ListEntitiesForPolicy", "PolicyRoles", PolicyArn=arn,
                                            EntityFilter="Role"))), absent={"NoSuchEntity": ()})
    yield SupportAccess(ctx.ref("AWS::IAM::SupportAccess", f"arn:{ctx.partition}:iam::{ctx.account}:support-access",
                                f"support-access-{ctx.account}", region=""), roles)
