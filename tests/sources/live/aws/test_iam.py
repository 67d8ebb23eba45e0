"""IAM users, access keys, permission grants, the password policy and the root user against moto."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from freezegun import freeze_time

from hitrust_policies.model import PolicyGrant
from tests.sources.live.aws.conftest import (
    ACCOUNT,
    Case,
    apply_denials,
    check,
    moto_account,
    new_session,
    respond,
    scan,
    table,
    verdicts,
)

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
                if f.status.value == "FAIL" and f.rule_id in USER_RULES}  # the report's rules: test_credential_report
    assert messages == {
        ("iam-identity-console-mfa", "bob"): "console access without MFA",
        ("iam-identity-no-direct-policies", "bob"): "policies attached directly: admin-star",
        ("iam-identity-no-direct-policies", "svc"): "policies attached directly: svc-inline",
        ("iam-credential-rotated", "bob/key-100d"): "active key is 100 days old (max 90)",
        ("iam-credential-rotated", "carol/key-91d"): "active key is 91 days old (max 90)",
    }


MANAGED = "arn:aws:iam::aws:policy/"
SCOPED_DEPLOY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::releases/*"}]}
GRANT_POLICIES = {
    **POLICIES,
    "nothing-at-all": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]},
    "every-arn": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:*",
                                                          "Resource": "arn:aws:*:*:*:*"}]},
}


@pytest.fixture
def managed_session() -> Iterator[boto3.Session]:
    """A moto account where AWS-managed policies (AdministratorAccess) exist and can be attached."""
    with moto_account({"iam": {"load_aws_managed_policies": True}}):
        yield new_session()


def seed_grants(session: boto3.Session) -> None:
    """Every place admin can be granted: customer policies (attached or not), inline policies of users,
    groups and roles, and AdministratorAccess attached to each kind of principal."""
    iam = session.client("iam")
    arns = {name: iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc))["Policy"]["Arn"]
            for name, doc in GRANT_POLICIES.items()}
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    iam.create_user(UserName="ops")
    iam.put_user_policy(UserName="ops", PolicyName="ops-everything", PolicyDocument=json.dumps(ADMIN))
    iam.attach_user_policy(UserName="ops", PolicyArn=MANAGED + "AdministratorAccess")
    iam.create_user(UserName="svc")
    iam.put_user_policy(UserName="svc", PolicyName="svc-read", PolicyDocument=json.dumps(POLICIES["s3-read"]))
    iam.attach_user_policy(UserName="svc", PolicyArn=arns["admin-star"])  # judged once, as the policy itself
    iam.create_group(GroupName="admins")
    iam.put_group_policy(GroupName="admins", PolicyName="all-but-iam",
                         PolicyDocument=json.dumps(POLICIES["all-but-iam"]))
    iam.attach_group_policy(GroupName="admins", PolicyArn=MANAGED + "AdministratorAccess")
    iam.create_group(GroupName="readers")
    iam.attach_group_policy(GroupName="readers", PolicyArn=MANAGED + "ReadOnlyAccess")  # no admin: no grant
    iam.create_role(RoleName="ci-deployer", AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName="ci-deployer", PolicyName="deploy", PolicyDocument=json.dumps(SCOPED_DEPLOY))
    iam.put_role_policy(RoleName="ci-deployer", PolicyName="escape-hatch",
                        PolicyDocument=json.dumps(GRANT_POLICIES["nothing-at-all"]))
    iam.attach_role_policy(RoleName="ci-deployer", PolicyArn=MANAGED + "AdministratorAccess")
    iam.create_role(RoleName="app", AssumeRolePolicyDocument=trust)
    iam.attach_role_policy(RoleName="app", PolicyArn=arns["s3-read"])


GRANTS_BASELINE = table(f"""
    {POLICY_RULE}  admin-star                           FAIL
    {POLICY_RULE}  admin-in-second-statement            FAIL
    {POLICY_RULE}  s3-read                              PASS
    {POLICY_RULE}  deny-everything                      PASS
    {POLICY_RULE}  all-but-iam                          FAIL
    {POLICY_RULE}  nothing-at-all                       PASS
    {POLICY_RULE}  every-arn                            FAIL
    {POLICY_RULE}  user/ops/ops-everything              FAIL
    {POLICY_RULE}  user/ops/AdministratorAccess         FAIL
    {POLICY_RULE}  user/svc/svc-read                    PASS
    {POLICY_RULE}  group/admins/all-but-iam             FAIL
    {POLICY_RULE}  group/admins/AdministratorAccess     FAIL
    {POLICY_RULE}  role/ci-deployer/deploy              PASS
    {POLICY_RULE}  role/ci-deployer/escape-hatch        PASS
    {POLICY_RULE}  role/ci-deployer/AdministratorAccess  FAIL
""")
POLICY_CASES = [
    Case("baseline", GRANTS_BASELINE),
    Case("authorization-details-denied",
         table(f"{POLICY_RULE}  iam-policy-grants in all regions  UNKNOWN"),
         denied=(("iam", "GetAccountAuthorizationDetails"),),
         unknown_reason="AccessDenied: iam:GetAccountAuthorizationDetails (iam-policy-grants in all regions)"),
]


@pytest.mark.parametrize("case", POLICY_CASES, ids=lambda c: c.id)
def test_policy_grants(managed_session: boto3.Session, case: Case) -> None:
    """One GetAccountAuthorizationDetails listing: customer managed policies (attached or not), inline
    policies of users, groups and roles, AdministratorAccess attachments; denied, it is one UNKNOWN gap."""
    seed_grants(managed_session)
    apply_denials(managed_session, case)
    check(scan(managed_session, "iam-policy-grants"), case)


def test_policy_grant_messages_and_attachment(managed_session: boto3.Session) -> None:
    """What a FAIL says (admin in disguise names what it leaves out), and the honest ``attached`` fact."""
    seed_grants(managed_session)
    result = scan(managed_session, "iam-policy-grants")
    messages = {f.resource.name: f.message for f in result.findings()
                if f.status.value == "FAIL" and f.rule_id == POLICY_RULE}
    assert messages["all-but-iam"] == "allows every action on every resource except iam:*"
    assert messages["group/admins/all-but-iam"] == "allows every action on every resource except iam:*"
    admin = "allows every action on every resource (administrator access)"
    assert messages["every-arn"] == messages["role/ci-deployer/AdministratorAccess"] == admin
    attached = {g.ref.name: g.attached for g in result.resources if isinstance(g, PolicyGrant)}
    assert {n: a for n, a in attached.items() if "/" not in n} == {
        "admin-star": True, "s3-read": True, "admin-in-second-statement": False, "deny-everything": False,
        "all-but-iam": False, "nothing-at-all": False, "every-arn": False}
    assert all(a is True for n, a in attached.items() if "/" in n)  # inline and attachments: held by definition
    assert result.calls["iam:GetAccountAuthorizationDetails"] == 1 and result.complete


WILDCARD_RULE = "iam-policy-grant-no-service-wildcard"
KMS_RULE = "iam-policy-grant-no-kms-decrypt-all-keys"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
NARROWER_GRANTS = {
    "s3-everything": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
    "s3-one-bucket": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::phi", "arn:aws:s3:::phi/*"]}]},
    "decrypt-anything": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]},
    "decrypt-account-keys": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "arn:aws:kms:*:123456789012:key/*"}]},
    "decrypt-one-key": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": KEY}]},
}


def seed_narrower_grants(session: boto3.Session) -> None:
    """Customer policies granting a whole service or decryption with every key, an inline role policy
    granting both through kms:*, and AdministratorAccess (AWS's own policy: not judged by these rules)."""
    iam = session.client("iam")
    for name, doc in NARROWER_GRANTS.items():
        iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc))
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    iam.create_role(RoleName="etl", AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName="etl", PolicyName="keys", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="etl", PolicyArn=MANAGED + "AdministratorAccess")


NARROWER_BASELINE = table(f"""
    {WILDCARD_RULE}  s3-everything                   FAIL
    {WILDCARD_RULE}  s3-one-bucket                   PASS
    {WILDCARD_RULE}  decrypt-anything                PASS
    {WILDCARD_RULE}  decrypt-account-keys            PASS
    {WILDCARD_RULE}  decrypt-one-key                 PASS
    {WILDCARD_RULE}  role/etl/keys                   FAIL
    {WILDCARD_RULE}  role/etl/AdministratorAccess    PASS
    {KMS_RULE}  s3-everything                        PASS
    {KMS_RULE}  s3-one-bucket                        PASS
    {KMS_RULE}  decrypt-anything                     FAIL
    {KMS_RULE}  decrypt-account-keys                 FAIL
    {KMS_RULE}  decrypt-one-key                      PASS
    {KMS_RULE}  role/etl/keys                        FAIL
    {KMS_RULE}  role/etl/AdministratorAccess         PASS
""")
NARROWER_CASES = [
    Case("baseline", NARROWER_BASELINE),
    Case("authorization-details-denied",
         table(f"""
             {WILDCARD_RULE}  iam-policy-grants in all regions  UNKNOWN
             {KMS_RULE}  iam-policy-grants in all regions  UNKNOWN
         """),
         denied=(("iam", "GetAccountAuthorizationDetails"),),
         unknown_reason="AccessDenied: iam:GetAccountAuthorizationDetails (iam-policy-grants in all regions)"),
]


@pytest.mark.parametrize("case", NARROWER_CASES, ids=lambda c: c.id)
def test_service_wildcards_and_decryption_with_every_key(managed_session: boto3.Session, case: Case) -> None:
    """The same GetAccountAuthorizationDetails listing judged for "service:*" and kms:Decrypt / ReEncryptFrom
    on every key, customer managed and inline policies alike."""
    seed_narrower_grants(managed_session)
    apply_denials(managed_session, case)
    result = scan(managed_session, "iam-policy-grants")
    check(result, case)
    if case.id == "baseline":
        messages = {(f.rule_id, f.resource.name): f.message for f in result.findings() if f.status.value == "FAIL"
                    and f.rule_id in (WILDCARD_RULE, KMS_RULE)}
        assert messages == {
            (WILDCARD_RULE, "s3-everything"): "allows every action of s3:* on all resources",
            (WILDCARD_RULE, "role/etl/keys"): "allows every action of kms:* on all resources",
            (KMS_RULE, "decrypt-anything"): "allows kms:Decrypt on every KMS key",
            (KMS_RULE, "decrypt-account-keys"): "allows kms:ReEncryptFrom on every KMS key",
            (KMS_RULE, "role/etl/keys"): "allows kms:Decrypt, kms:ReEncryptFrom on every KMS key",
        }


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
ROOT_MANAGEMENT = "RootCredentialsManagement"
NO_CREDENTIALS = {"AccountAccessKeysPresent": 0, "AccountMFAEnabled": 0, "AccountPasswordPresent": 0}
MEMBER = {"Id": "o-phi", "MasterAccountId": "999999999999"}
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
    # AWS Organizations centralized root access: a member account whose root credentials were deleted
    Case("centrally-managed-no-credentials", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  PASS"),
         extra={"summary": NO_CREDENTIALS, "organization": MEMBER, "features": [ROOT_MANAGEMENT, "RootSessions"]}),
    Case("organization-without-central-root-access", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL"),
         extra={"summary": NO_CREDENTIALS, "organization": MEMBER, "features": ["RootSessions"]}),
    Case("iam-trusted-access-off", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL"),  # central root access impossible
         denied=(("iam", "ListOrganizationsFeatures"),), extra={
             "summary": NO_CREDENTIALS, "organization": MEMBER, "code": "ServiceAccessNotEnabledException"}),
    Case("member-cannot-ask-its-organization", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  UNKNOWN"),
         denied=(("iam", "ListOrganizationsFeatures"),), extra={
             "summary": NO_CREDENTIALS, "organization": MEMBER,
             "code": "AccountNotManagementOrDelegatedAdministratorException"},
         unknown_reason="AccountNotManagementOrDelegatedAdministratorException: iam:ListOrganizationsFeatures"),
    Case("organization-denied", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  UNKNOWN"),
         denied=(("organizations", "DescribeOrganization"),), extra={"summary": NO_CREDENTIALS},
         unknown_reason="AccessDenied: organizations:DescribeOrganization"),
    # the management account's root is never centrally managed; a recoverable-by-e-mail root must have MFA
    Case("management-account-root", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL"),
         extra={"summary": NO_CREDENTIALS, "organization": {"Id": "o-phi", "MasterAccountId": ACCOUNT},
                "features": [ROOT_MANAGEMENT]}),
    Case("standalone-root-without-password", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL"),
         extra={"summary": NO_CREDENTIALS}),  # moto: the account is in no organization
    Case("centrally-managed-but-password-recovered", table(f"{ROOT_MFA_RULE}  {ROOT_NAME}  FAIL"),
         extra={"summary": {**NO_CREDENTIALS, "AccountPasswordPresent": 1}, "organization": MEMBER,
                "features": [ROOT_MANAGEMENT]}),
]


@pytest.mark.parametrize("case", ROOT_CASES, ids=lambda c: c.id)
def test_root_account(session: boto3.Session, case: Case) -> None:
    """Root keys, password and MFA come from GetAccountSummary (moto's credential report has no root row;
    its summary has no AccountPasswordPresent). Central root management comes from DescribeOrganization
    (moto) and iam:ListOrganizationsFeatures, which moto does not implement: answered here through
    botocore's event hooks as AWS answers it."""
    if "summary" in case.extra:
        respond(session, "iam", "GetAccountSummary", {"SummaryMap": case.extra["summary"]})
    if "organization" in case.extra:
        respond(session, "organizations", "DescribeOrganization", {"Organization": case.extra["organization"]})
    if "features" in case.extra:
        respond(session, "iam", "ListOrganizationsFeatures",
                {"OrganizationId": "o-phi", "EnabledFeatures": case.extra["features"]})
    apply_denials(session, case, code=case.extra.get("code", "AccessDenied"),
                  status=400 if "code" in case.extra else 403)
    result = scan(session, "iam-root-account")
    check(result, case)
    if case.id in ("management-account-root", "standalone-root-without-password", "no-root-keys"):
        assert result.calls["iam:ListOrganizationsFeatures"] == 0  # never asked where it cannot matter
    if case.extra.get("summary", {}).get("AccountPasswordPresent") or case.id == "root-with-mfa":
        assert result.calls["organizations:DescribeOrganization"] == 0  # decided without it


TRUST_RULE = "iam-role-trust-not-public"
ANYONE = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
TRUSTS = {
    "open-door": [ANYONE],
    "star-principal": [{**ANYONE, "Principal": "*"}],
    "partner": [{**ANYONE, "Condition": {"StringEquals": {"sts:ExternalId": "7f3c9a"}}}],
    "org-only": [{**ANYONE, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}],
    "org-pattern": [{**ANYONE, "Condition": {"StringLike": {"aws:PrincipalOrgID": "o-*"}}}],  # any organization
    "lambda-exec": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    "audit-account": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                       "Action": "sts:AssumeRole"}],
}
TRUST_CASES = [
    Case("baseline", table("\n".join(
        f"{TRUST_RULE}  {name}  {'FAIL' if name in ('open-door', 'star-principal', 'org-pattern') else 'PASS'}"
        for name in TRUSTS))),
    Case("authorization-details-denied", table(f"{TRUST_RULE}  iam-policy-grants in all regions  UNKNOWN"),
         denied=(("iam", "GetAccountAuthorizationDetails"),),
         unknown_reason="AccessDenied: iam:GetAccountAuthorizationDetails (iam-policy-grants in all regions)"),
]


@pytest.mark.parametrize("case", TRUST_CASES, ids=lambda c: c.id)
def test_role_trust_policies(session: boto3.Session, case: Case) -> None:
    """Each role's trust policy from the same GetAccountAuthorizationDetails listing: "*" without a condition
    naming an organization, account or external id FAILs; a service or a named account is no public trust."""
    iam = session.client("iam")
    for name, statements in TRUSTS.items():
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": statements}))
    apply_denials(session, case)
    result = scan(session, "iam-policy-grants")
    check(result, case)
    if case.id == "baseline":
        assert {f.resource.name: f.message for f in result.findings() if f.rule_id == TRUST_RULE
                and f.status.value == "FAIL"}["open-door"] == (
            "any principal of any account may assume the role: * may sts:AssumeRole")
        assert result.calls["iam:GetAccountAuthorizationDetails"] == 1
