"""IAM users, access keys, customer policies, the password policy and the root user against moto."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from freezegun import freeze_time

from tests.sources.live.aws.conftest import ACCOUNT, Case, apply_denials, check, respond, scan, table, verdicts

USER_RULES = ("iam-identity-console-mfa", "iam-identity-no-direct-policies", "iam-credential-rotated")
POLICY_RULE = "iam-policy-grant-no-admin"
PASSWORD_RULE = "iam-password-policy-strong"
ROOT_RULE = "iam-root-account-no-access-keys"
ROOT_MFA_RULE = "iam-root-account-mfa"

ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
POLICIES = {
    "admin-star": ADMIN,
    "admin-in-second-statement": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::phi/*"},
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]},
    "s3-read": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}},
    "deny-everything": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]},
    "all-but-iam": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*",
                                                             "Resource": "*"}]},
}


def _key(iam: object, user: str, days_old: int, active: bool = True) -> str:
    """Create an access key as if ``days_old`` days ago (freezegun moves moto's clock)."""
    with freeze_time(datetime.now(timezone.utc) - timedelta(days=days_old, minutes=5)):
        kid = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]  # type: ignore[attr-defined]
    if not active:
        iam.update_access_key(UserName=user, AccessKeyId=kid, Status="Inactive")  # type: ignore[attr-defined]
    return kid


def seed_users(session: boto3.Session) -> Callable[[str], str]:
    """alice: console + MFA, group-only grants, 10-day key; bob: console without MFA, a directly
    attached admin policy, 100-day key; svc: no console, an inline policy, an inactive 100-day key;
    carol: no console, keys of exactly 90 days (passes) and 91 days (fails).
    Returns a renamer from generated key ids to labels."""
    iam = session.client("iam")
    arns = {name: iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc))["Policy"]["Arn"]
            for name, doc in POLICIES.items()}
    iam.create_group(GroupName="clinicians")
    iam.attach_group_policy(GroupName="clinicians", PolicyArn=arns["s3-read"])
    for user in ("alice", "bob", "svc", "carol"):
        iam.create_user(UserName=user)
    for user in ("alice", "bob"):
        iam.create_login_profile(UserName=user, Password="Correct-Horse-Battery-9")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                          AuthenticationCode1="123456", AuthenticationCode2="654321")
    iam.add_user_to_group(GroupName="clinicians", UserName="alice")
    iam.attach_user_policy(UserName="bob", PolicyArn=arns["admin-star"])
    iam.put_user_policy(UserName="svc", PolicyName="svc-inline", PolicyDocument=json.dumps(POLICIES["s3-read"]))
    labels = {
        _key(iam, "alice", 10): "key-10d",
        _key(iam, "bob", 100): "key-100d",
        _key(iam, "svc", 100, active=False): "key-100d-inactive",
        _key(iam, "carol", 90): "key-90d",
        _key(iam, "carol", 91): "key-91d",
    }

    def rename(name: str) -> str:
        user, slash, kid = name.partition("/")
        return f"{user}/{labels.get(kid, kid)}" if slash else name

    return rename


USERS_BASELINE = table("""
    iam-identity-console-mfa         alice  PASS
    iam-identity-console-mfa         bob    FAIL
    iam-identity-console-mfa         svc    PASS
    iam-identity-console-mfa         carol  PASS
    iam-identity-no-direct-policies  alice  PASS
    iam-identity-no-direct-policies  bob    FAIL
    iam-identity-no-direct-policies  svc    FAIL
    iam-identity-no-direct-policies  carol  PASS
    iam-credential-rotated           alice/key-10d            PASS
    iam-credential-rotated           bob/key-100d             FAIL
    iam-credential-rotated           svc/key-100d-inactive    PASS
    iam-credential-rotated           carol/key-90d            PASS
    iam-credential-rotated           carol/key-91d            FAIL
""")

USER_CASES = [
    Case("baseline", USERS_BASELINE),
    Case(
        "mfa-denied",  # users without a console password are decided without MFA
        table("""
            iam-identity-console-mfa  alice  UNKNOWN
            iam-identity-console-mfa  bob    UNKNOWN
            iam-identity-console-mfa  svc    PASS
            iam-identity-console-mfa  carol  PASS
        """),
        denied=(("iam", "ListMFADevices"),),
        unknown_reason="AccessDenied: iam:ListMFADevices",
    ),
    Case(
        "login-profile-denied",
        table("""
            iam-identity-console-mfa  alice  UNKNOWN
            iam-identity-console-mfa  bob    UNKNOWN
            iam-identity-console-mfa  svc    UNKNOWN
            iam-identity-console-mfa  carol  UNKNOWN
        """),
        denied=(("iam", "GetLoginProfile"),),
        unknown_reason="AccessDenied: iam:GetLoginProfile",
    ),
    Case(
        "attached-policies-denied",
        table("""
            iam-identity-no-direct-policies  alice  UNKNOWN
            iam-identity-no-direct-policies  bob    UNKNOWN
            iam-identity-no-direct-policies  svc    UNKNOWN
            iam-identity-no-direct-policies  carol  UNKNOWN
        """),
        denied=(("iam", "ListAttachedUserPolicies"),),
        unknown_reason="AccessDenied: iam:ListAttachedUserPolicies",
    ),
    Case(
        "access-keys-denied",  # the keys cannot be named: one UNKNOWN per user's key set
        table("""
            iam-credential-rotated  alice/access-keys  UNKNOWN
            iam-credential-rotated  bob/access-keys    UNKNOWN
            iam-credential-rotated  svc/access-keys    UNKNOWN
            iam-credential-rotated  carol/access-keys  UNKNOWN
        """),
        denied=(("iam", "ListAccessKeys"),),
        unknown_reason="AccessDenied: iam:ListAccessKeys",
    ),
    Case(
        "users-listing-denied",
        table("""
            iam-identity-console-mfa         iam-users in all regions  UNKNOWN
            iam-identity-no-direct-policies  iam-users in all regions  UNKNOWN
            iam-credential-rotated           iam-users in all regions  UNKNOWN
        """),
        denied=(("iam", "ListUsers"),),
        unknown_reason="AccessDenied: iam:ListUsers (iam-users in all regions)",
    ),
]


@pytest.mark.parametrize("case", USER_CASES, ids=lambda c: c.id)
def test_user_rules(session: boto3.Session, case: Case) -> None:
    """Per user and per access key; key age is measured against keys created 10/90/91/100 days ago."""
    rename = seed_users(session)
    apply_denials(session, case, code="AccessDenied")
    result = scan(session, "iam-users")
    check(result, case, rename)
    untouched = set(USER_RULES) - {r for r, _, _ in case.expected}
    assert verdicts(result.findings(), untouched, rename) == USERS_BASELINE.of_rules(untouched)


def test_user_messages(session: boto3.Session) -> None:
    """FAIL messages carry what to fix: the direct policies, the key's age."""
    rename = seed_users(session)
    messages = {(f.rule_id, rename(f.resource.name)): f.message for f in scan(session, "iam-users").findings()
                if f.status.value == "FAIL"}
    assert messages == {
        ("iam-identity-console-mfa", "bob"): "console access without MFA",
        ("iam-identity-no-direct-policies", "bob"): "policies attached directly: admin-star",
        ("iam-identity-no-direct-policies", "svc"): "policies attached directly: svc-inline",
        ("iam-credential-rotated", "bob/key-100d"): "active key is 100 days old (max 90)",
        ("iam-credential-rotated", "carol/key-91d"): "active key is 91 days old (max 90)",
    }


POLICY_CASES = [
    Case("baseline", table(f"""
        {POLICY_RULE}  admin-star                 FAIL
        {POLICY_RULE}  admin-in-second-statement  FAIL
        {POLICY_RULE}  s3-read                    PASS
        {POLICY_RULE}  deny-everything            PASS
        {POLICY_RULE}  all-but-iam                PASS
    """)),
    Case("policy-version-denied", table(f"""
        {POLICY_RULE}  admin-star                 UNKNOWN
        {POLICY_RULE}  admin-in-second-statement  UNKNOWN
        {POLICY_RULE}  s3-read                    UNKNOWN
        {POLICY_RULE}  deny-everything            UNKNOWN
        {POLICY_RULE}  all-but-iam                UNKNOWN
    """), denied=(("iam", "GetPolicyVersion"),), unknown_reason="AccessDenied: iam:GetPolicyVersion"),
    Case("policy-listing-denied", table(f"{POLICY_RULE}  iam-customer-policies in all regions  UNKNOWN"),
         denied=(("iam", "ListPolicies"),),
         unknown_reason="AccessDenied: iam:ListPolicies (iam-customer-policies in all regions)"),
]


@pytest.mark.parametrize("case", POLICY_CASES, ids=lambda c: c.id)
def test_customer_policies(session: boto3.Session, case: Case) -> None:
    """Only customer-managed policies are listed (Scope=Local); "*" on "*" in any Allow statement fails."""
    iam = session.client("iam")
    for name, doc in POLICIES.items():
        iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc))
    apply_denials(session, case)
    check(scan(session, "iam-customer-policies"), case)


STRONG = {"MinimumPasswordLength": 14, "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
          "RequireNumbers": True, "RequireSymbols": True, "MaxPasswordAge": 90, "PasswordReusePrevention": 24}
PASSWORD_NAME = f"password-policy-{ACCOUNT}"
PASSWORD_CASES = [
    Case("strong", table(f"{PASSWORD_RULE}  {PASSWORD_NAME}  PASS"), extra={"policy": STRONG}),
    Case("short", table(f"{PASSWORD_RULE}  {PASSWORD_NAME}  FAIL"),
         extra={"policy": {**STRONG, "MinimumPasswordLength": 8},
                "message": "minimum length 8 < 14"}),
    Case("never-expires-no-history", table(f"{PASSWORD_RULE}  {PASSWORD_NAME}  FAIL"),
         extra={"policy": {k: v for k, v in STRONG.items() if k not in ("MaxPasswordAge", "PasswordReusePrevention")},
                "message": "max password age never > 90 days; reuse prevention 0 < 24"}),
    Case("absent", table(f"{PASSWORD_RULE}  {PASSWORD_NAME}  FAIL"),
         extra={"message": "no account password policy is set"}),
    Case("denied", table(f"{PASSWORD_RULE}  {PASSWORD_NAME}  UNKNOWN"), extra={"policy": STRONG},
         denied=(("iam", "GetAccountPasswordPolicy"),), unknown_reason="AccessDenied: iam:GetAccountPasswordPolicy"),
]


@pytest.mark.parametrize("case", PASSWORD_CASES, ids=lambda c: c.id)
def test_password_policy(session: boto3.Session, case: Case) -> None:
    """NoSuchEntity means "no policy" (FAIL), not an unknown; a denied read is UNKNOWN."""
    if "policy" in case.extra:
        session.client("iam").update_account_password_policy(**case.extra["policy"])
    apply_denials(session, case)
    result = scan(session, "iam-password-policy")
    check(result, case)
    if "message" in case.extra:
        assert [f.message for f in result.findings()] == [case.extra["message"]]


ROOT_NAME = f"root-{ACCOUNT}"
ROOT_CASES = [
    Case("no-root-keys", table(f"{ROOT_RULE}  {ROOT_NAME}  PASS")),
    # moto cannot give the root user keys: answer GetAccountSummary as AWS does for such an account
    Case("root-keys", table(f"{ROOT_RULE}  {ROOT_NAME}  FAIL"),
         extra={"summary": {"AccountAccessKeysPresent": 1, "AccountMFAEnabled": 1}}),
    Case("summary-denied", table(f"{ROOT_RULE}  {ROOT_NAME}  UNKNOWN"), denied=(("iam", "GetAccountSummary"),),
         unknown_reason="AccessDenied: iam:GetAccountSummary"),
    # moto always reports AccountMFAEnabled 0: its account is the FAIL case, a canned summary the PASS one
    Case("root-without-mfa", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL")),
    Case("root-with-mfa", table(f"""
        {ROOT_MFA_RULE}  {ROOT_NAME}  PASS
        {ROOT_RULE}      {ROOT_NAME}  PASS
    """), extra={"summary": {"AccountAccessKeysPresent": 0, "AccountMFAEnabled": 1, "Users": 3}}),
    Case("root-keys-and-no-mfa", table(f"""
        {ROOT_MFA_RULE}  {ROOT_NAME}  FAIL
        {ROOT_RULE}      {ROOT_NAME}  FAIL
    """), extra={"summary": {"AccountAccessKeysPresent": 1, "AccountMFAEnabled": 0}}),
    Case("summary-denied-mfa", table(f"""
        {ROOT_MFA_RULE}  {ROOT_NAME}  UNKNOWN
        {ROOT_RULE}      {ROOT_NAME}  UNKNOWN
    """), denied=(("iam", "GetAccountSummary"),), unknown_reason="AccessDenied: iam:GetAccountSummary"),
]


@pytest.mark.parametrize("case", ROOT_CASES, ids=lambda c: c.id)
def test_root_account(session: boto3.Session, case: Case) -> None:
    """Root keys and MFA come from GetAccountSummary (moto's credential report has no root row to read)."""
    if "summary" in case.extra:
        respond(session, "iam", "GetAccountSummary", {"SummaryMap": case.extra["summary"]})
    apply_denials(session, case)
    check(scan(session, "iam-root-account"), case)
