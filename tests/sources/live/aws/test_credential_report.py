"""Unused and duplicate credentials, and the root user's use and MFA device, from the credential report.

moto builds the credential report from its users (GenerateCredentialReport answers STARTED, then
COMPLETE). What moto cannot produce is set as narrowly as possible, each saying why:
- an access key's last use is real: the key itself signs a request to moto at a frozen time;
- a console sign-in has no API: the user's ``password_last_used`` is set on moto's backend;
- moto's report has no ``<root_account>`` row: one is appended to GetCredentialReport's answer;
- moto's GetAccountSummary always says ``AccountMFAEnabled: 0`` and no device can be assigned to the
  root user: the summary is patched in moto, ListVirtualMFADevices answered as AWS does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from freezegun import freeze_time

from tests.sources.live.aws.conftest import (
    ACCOUNT,
    FAIL,
    HOME,
    Case,
    apply_denials,
    check,
    respond,
    scan,
    table,
)

USERS = "iam-users"
ROOT = "iam-root-account"
NEW_USER_RULES = {"iam-credential-unused", "iam-identity-console-unused", "iam-identity-single-active-key"}
NOW = datetime.now(timezone.utc)


def _ago(days: int) -> datetime:
    return NOW - timedelta(days=days, minutes=5)


def _key(iam: Any, user: str, days_old: int, used_days_ago: int | None = None, active: bool = True) -> str:
    """An access key created ``days_old`` days ago; if ``used_days_ago``, it signed a request then."""
    with freeze_time(_ago(days_old)):
        key = iam.create_access_key(UserName=user)["AccessKey"]
    if used_days_ago is not None:
        with freeze_time(_ago(used_days_ago)):
            boto3.client("sts", region_name=HOME, aws_access_key_id=key["AccessKeyId"],
                         aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()
    if not active:
        iam.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    return str(key["AccessKeyId"])


def _signed_in(user: str, days_ago: int) -> None:
    """A console sign-in (no API makes one): moto's backend keeps the date its report prints."""
    from moto.iam.models import iam_backends

    iam_backends[ACCOUNT]["global"].users[user].password_last_used = _ago(days_ago).replace(tzinfo=None)


def seed_users(session: boto3.Session) -> Callable[[str], str]:
    """alice signs in (3 days ago) and uses her 100-day key (2 days ago); bob's password, set 100 days ago,
    never signed in, and he holds two active keys never used (50 and 44 days old); carol has no console, a
    key last used 46 days ago and an inactive key never used in 300 days; dave has no credentials at all.
    Returns a renamer from key ids to labels."""
    iam = session.client("iam")
    for user, days in (("alice", 120), ("bob", 100), ("carol", 400), ("dave", 10)):
        with freeze_time(_ago(days)):
            iam.create_user(UserName=user)
            if user in ("alice", "bob"):
                iam.create_login_profile(UserName=user, Password="Correct-Horse-Battery-9")
    _signed_in("alice", 3)
    labels = {
        _key(iam, "alice", 100, used_days_ago=2): "key-used-2d",
        _key(iam, "bob", 50): "key-never-50d",
        _key(iam, "bob", 44): "key-never-44d",
        _key(iam, "carol", 60, used_days_ago=46): "key-used-46d",
        _key(iam, "carol", 300, active=False): "key-inactive",
    }
    return lambda name: "/".join(labels.get(part, part) for part in name.split("/"))


USER_CASES = [
    Case("report-read", table("""
        iam-credential-unused           alice/key-used-2d    PASS
        iam-credential-unused           bob/key-never-50d    FAIL
        iam-credential-unused           bob/key-never-44d    PASS
        iam-credential-unused           carol/key-used-46d   FAIL
        iam-credential-unused           carol/key-inactive   PASS
        iam-identity-console-unused     alice                PASS
        iam-identity-console-unused     bob                  FAIL
        iam-identity-console-unused     carol                PASS
        iam-identity-console-unused     dave                 PASS
        iam-identity-single-active-key  alice                PASS
        iam-identity-single-active-key  bob                  FAIL
        iam-identity-single-active-key  carol                PASS
        iam-identity-single-active-key  dave                 PASS
    """)),
    # the scanner may not read the report: when each credential was last used is unknown, the key count is not
    Case("report-denied", table("""
        iam-credential-unused           alice/key-used-2d    UNKNOWN
        iam-credential-unused           bob/key-never-50d    UNKNOWN
        iam-credential-unused           bob/key-never-44d    UNKNOWN
        iam-credential-unused           carol/key-used-46d   UNKNOWN
        iam-credential-unused           carol/key-inactive   PASS
        iam-identity-console-unused     alice                UNKNOWN
        iam-identity-console-unused     bob                  UNKNOWN
        iam-identity-console-unused     carol                UNKNOWN
        iam-identity-console-unused     dave                 UNKNOWN
        iam-identity-single-active-key  alice                PASS
        iam-identity-single-active-key  bob                  FAIL
        iam-identity-single-active-key  carol                PASS
        iam-identity-single-active-key  dave                 PASS
    """), denied=(("iam", "GenerateCredentialReport"), ("iam", "GetCredentialReport")),
         unknown_reason="AccessDenied: iam:GenerateCredentialReport"),
    Case("keys-denied", table("""
        iam-credential-unused           alice/access-keys    UNKNOWN
        iam-credential-unused           bob/access-keys      UNKNOWN
        iam-credential-unused           carol/access-keys    UNKNOWN
        iam-credential-unused           dave/access-keys     UNKNOWN
        iam-identity-single-active-key  alice                UNKNOWN
        iam-identity-single-active-key  bob                  UNKNOWN
        iam-identity-single-active-key  carol                UNKNOWN
        iam-identity-single-active-key  dave                 UNKNOWN
    """), denied=(("iam", "ListAccessKeys"),), unknown_reason="AccessDenied: iam:ListAccessKeys"),
]


@pytest.mark.parametrize("case", USER_CASES, ids=str)
def test_user_credentials(session: boto3.Session, case: Case) -> None:
    rename = seed_users(session)
    apply_denials(session, case)
    result = scan(session, USERS)
    check(result, case, rename)
    assert result.calls["iam:GetCredentialReport"] == 1  # once for every user


def test_messages_say_how_long(session: boto3.Session) -> None:
    rename = seed_users(session)
    messages = {(f.rule_id, rename(f.resource.name)): f.message for f in scan(session, USERS).findings()
                if f.status is FAIL and f.rule_id in NEW_USER_RULES}
    assert messages == {
        ("iam-credential-unused", "bob/key-never-50d"): "active key unused for 50 days (max 44)",
        ("iam-credential-unused", "carol/key-used-46d"): "active key unused for 46 days (max 44)",
        ("iam-identity-console-unused", "bob"): "console password unused for 100 days (max 44)",
        ("iam-identity-single-active-key", "bob"): "2 active access keys",
    }


def test_a_report_generated_earlier_is_read_when_generating_is_denied(session: boto3.Session) -> None:
    """Someone generated the report within four hours; the scanner may only Get it: the same verdicts."""
    rename = seed_users(session)
    session.client("iam").generate_credential_report()  # the account's owner, not the scanner
    case = Case("generated-by-owner", USER_CASES[0].expected, denied=(("iam", "GenerateCredentialReport"),))
    apply_denials(session, case)
    result = scan(session, USERS)
    check(result, case, rename)
    assert result.complete


def test_the_report_is_read_once_per_scan(session: boto3.Session) -> None:
    """Users and the root user come from one report: one GetCredentialReport however many collectors read it."""
    seed_users(session)
    result = scan(session, USERS, ROOT)
    assert result.calls["iam:GetCredentialReport"] == 1
    assert result.calls["iam:GenerateCredentialReport"] == 2  # STARTED, then COMPLETE


def test_the_days_are_an_option(session: boto3.Session) -> None:
    """A team on AWS Config's HIPAA pack threshold (90 days) sets the option: bob's 100-day password still
    FAILs, his 50-day key no longer does."""
    from hitrust_policies.rules import all_rules, configure_rules

    rename = seed_users(session)
    rules = configure_rules(all_rules(), {"iam-credential-unused": {"days": 90},
                                          "iam-identity-console-unused": {"days": 90}})
    findings = scan(session, USERS).findings(rules)
    got = {(f.rule_id, rename(f.resource.name)) for f in findings if f.status is FAIL and f.rule_id in NEW_USER_RULES}
    assert got == {("iam-identity-console-unused", "bob"), ("iam-identity-single-active-key", "bob")}


ROOT_MFA, ROOT_USE = "iam-root-account-hardware-mfa", "iam-root-account-not-used"
ROOT_NAME = f"root-{ACCOUNT}"
NEVER = "N/A"


def _root_row(session: boto3.Session, password_last_used: str, key_last_used: str = NEVER) -> None:
    """Append the ``<root_account>`` row AWS writes first in every report (moto writes none)."""
    row = ",".join(["<root_account>", f"arn:aws:iam::{ACCOUNT}:root", "2020-01-01T00:00:00+00:00", "not_supported",
                    password_last_used, "not_supported", "not_supported", "true", "true",
                    "2020-01-01T00:00:00+00:00", key_last_used, "us-east-1" if key_last_used != NEVER else NEVER,
                    "s3" if key_last_used != NEVER else NEVER, "false", NEVER, NEVER, NEVER, NEVER, "false", NEVER,
                    "false", NEVER])

    def add(parsed: dict[str, Any], **_: Any) -> None:
        header, _, rest = parsed["Content"].decode().partition("\n")
        parsed["Content"] = f"{header}\n{row}\n{rest}".encode()

    session.events.register("after-call.iam.GetCredentialReport", add)


def _root_mfa(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's summary always says AccountMFAEnabled 0: answer as AWS does for a root user with a device."""
    from moto.iam.models import AccountSummary

    summary = AccountSummary.summary_map
    monkeypatch.setattr(AccountSummary, "summary_map",
                        property(lambda self: {**summary.fget(self), "AccountMFAEnabled": 1}))


def _root_virtual_device(session: boto3.Session) -> None:
    respond(session, "iam", "ListVirtualMFADevices", {"VirtualMFADevices": [
        {"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/root-phone", "User": {
            "Arn": f"arn:aws:iam::{ACCOUNT}:root", "UserId": ACCOUNT, "UserName": "",
            "Path": "/", "CreateDate": datetime(2020, 1, 1, tzinfo=timezone.utc)},
         "EnableDate": datetime(2020, 1, 1, tzinfo=timezone.utc)}], "IsTruncated": False})


def _iso(days_ago: int) -> str:
    return _ago(days_ago).strftime("%Y-%m-%dT%H:%M:%S+00:00")


ROOT_CASES = [
    Case("hardware-never-used", table(f"""
        {ROOT_MFA}  {ROOT_NAME}  PASS
        {ROOT_USE}  {ROOT_NAME}  PASS
    """), extra={"mfa": True, "root_password_used": "no_information"}),
    Case("virtual-signed-in-yesterday", table(f"""
        {ROOT_MFA}  {ROOT_NAME}  FAIL
        {ROOT_USE}  {ROOT_NAME}  FAIL
    """), extra={"mfa": True, "virtual": True, "root_password_used": _iso(1)}),
    Case("no-mfa-key-used-long-ago", table(f"""
        {ROOT_MFA}  {ROOT_NAME}  FAIL
        {ROOT_USE}  {ROOT_NAME}  PASS
    """), extra={"root_password_used": _iso(200), "root_key_used": _iso(95)}),
    Case("key-used-last-week", table(f"""
        {ROOT_USE}  {ROOT_NAME}  FAIL
    """), extra={"root_password_used": _iso(200), "root_key_used": _iso(7)}),
    # moto's own report: no root row at all
    Case("no-root-row", table(f"""
        {ROOT_USE}  {ROOT_NAME}  UNKNOWN
    """), unknown_reason="the credential report has no <root_account> row"),
    Case("devices-denied", table(f"""
        {ROOT_MFA}  {ROOT_NAME}  UNKNOWN
        {ROOT_USE}  {ROOT_NAME}  PASS
    """), denied=(("iam", "ListVirtualMFADevices"),), unknown_reason="AccessDenied: iam:ListVirtualMFADevices",
         extra={"mfa": True, "root_password_used": NEVER}),
]


@pytest.mark.parametrize("case", ROOT_CASES, ids=str)
def test_root_user(session: boto3.Session, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    iam = session.client("iam")
    iam.create_user(UserName="alice")  # her virtual device is not the root user's
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                          AuthenticationCode1="123456", AuthenticationCode2="654321")
    if case.extra.get("mfa"):
        _root_mfa(monkeypatch)
    if case.extra.get("virtual"):
        _root_virtual_device(session)
    if "root_password_used" in case.extra:
        _root_row(session, case.extra["root_password_used"], case.extra.get("root_key_used", NEVER))
    apply_denials(session, case)
    check(scan(session, ROOT), case)


def test_root_messages(session: boto3.Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _root_mfa(monkeypatch)
    _root_virtual_device(session)
    _root_row(session, _iso(40), _iso(3))
    messages = {f.rule_id: f.message for f in scan(session, ROOT).findings()}
    assert messages[ROOT_MFA] == "root user's MFA is a virtual (software) device, not a hardware one"
    assert messages[ROOT_USE] == "root user was last used 3 day(s) ago (within 30 days)"  # the latest use counts

