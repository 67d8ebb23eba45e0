"""Organization scans: a role assumed in each member account, one merged report, nothing dropped."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from hitrust_policies.model import ResourceRef
from hitrust_policies.sources.live.aws.accounts import ACCOUNT_CALLS, assumed_session, scan_accounts
from hitrust_policies.sources.live.aws.collector import all_collectors
from hitrust_policies.sources.live.aws.permissions import caller_policy
from tests.sources.live.aws.conftest import ACCOUNT, FAIL, HOME, PASS, UNKNOWN, collectors, deny, respond
from tests.verdicts import Verdicts, unique_ids

RULE = "enc-block-volume-encrypted"
COLLECTORS = collectors("ec2-volumes")


def volume_verdicts(result) -> Verdicts:
    return Verdicts(v for v in verdicts(result) if v[1] == RULE)


def member_accounts(session: boto3.Session) -> tuple[str, str]:
    org = session.client("organizations")
    org.create_organization(FeatureSet="ALL")
    ids = tuple(org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]["AccountId"]
                for name in ("prod", "dev"))
    return ids  # type: ignore[return-value]


def volume(session: boto3.Session, name: str, encrypted: bool) -> None:
    session.client("ec2").create_volume(Size=8, AvailabilityZone="us-east-1a", Encrypted=encrypted,
                                        TagSpecifications=[{"ResourceType": "volume",
                                                            "Tags": [{"Key": "Name", "Value": name}]}])


def verdicts(result) -> Verdicts:
    return Verdicts((f.resource.account, f.rule_id, f.resource.name, f.status) for f in unique_ids(result.findings()))


def test_organization_scan_covers_every_member(session: boto3.Session) -> None:
    prod, dev = member_accounts(session)
    volume(assumed_session(session, f"arn:aws:iam::{prod}:role/hitrust-scanner"), "prod-data", True)
    volume(assumed_session(session, f"arn:aws:iam::{dev}:role/hitrust-scanner"), "dev-scratch", False)
    volume(session, "mgmt-tools", False)

    result = scan_accounts(session=session, organization=True, regions=["us-east-1"], collectors=COLLECTORS)

    assert volume_verdicts(result) == {(prod, RULE, "prod-data", PASS), (dev, RULE, "dev-scratch", FAIL),
                                (ACCOUNT, RULE, "mgmt-tools", FAIL)}
    assert result.complete and result.account == ",".join(sorted((ACCOUNT, prod, dev)))
    assert {c.account for c in result.coverage} == {ACCOUNT, prod, dev}
    assert result.calls["sts:AssumeRole"] == 3 and result.calls["organizations:ListAccounts"] == 1


def test_an_account_that_cannot_be_assumed_is_unknown_not_dropped(session: boto3.Session) -> None:
    prod, dev = member_accounts(session)
    volume(assumed_session(session, f"arn:aws:iam::{prod}:role/hitrust-scanner"), "prod-data", False)

    def deny_dev(params, **_):
        if dev in params.get("RoleArn", ""):
            raise ClientError({"Error": {"Code": "AccessDenied", "Message": "not trusted"}}, "AssumeRole")

    session.events.register("before-parameter-build.sts.AssumeRole", deny_dev)
    result = scan_accounts(session=session, accounts=[prod, dev], regions=["us-east-1"], collectors=COLLECTORS)

    reason = f"AccessDenied: sts:AssumeRole arn:aws:iam::{dev}:role/hitrust-scanner"
    assert volume_verdicts(result) == {(prod, RULE, "prod-data", FAIL), (dev, RULE, f"account {dev}", UNKNOWN)}
    [unknown] = [f for f in result.findings() if f.status is UNKNOWN and f.rule_id == RULE]
    assert unknown.message == reason
    assert not result.complete
    assert [(c.account, c.collector, c.status, c.problems) for c in result.coverage if c.status != "ok"] == [
        (dev, "account", "failed", (reason,))]


def test_every_rule_is_unknown_for_an_unreadable_account(session: boto3.Session) -> None:
    """With all collectors, a lost account yields UNKNOWN for every rule (and a PASS for none)."""
    _, dev = member_accounts(session)
    session.events.register("before-parameter-build.sts.AssumeRole", lambda params, **_: (_ for _ in ()).throw(
        ClientError({"Error": {"Code": "AccessDenied", "Message": "x"}}, "AssumeRole")))
    result = scan_accounts(session=session, accounts=[dev], regions=["us-east-1"])
    from tests.clouds import aws_rules

    assert Verdicts((f.rule_id, f.status) for f in unique_ids(result.findings())) == {
        (r.id, UNKNOWN) for r in aws_rules()}


def test_scanning_principal_only_assumes_and_lists(session: boto3.Session) -> None:
    """The caller's own calls are those in its policy; members' calls are the declared reads."""
    prod, _ = member_accounts(session)
    result = scan_accounts(session=session, organization=True, regions=["us-east-1"], collectors=COLLECTORS)
    declared = {call for c in all_collectors() for call in c.calls} | {"sts:GetCallerIdentity"}
    assert set(result.calls) <= declared | set(ACCOUNT_CALLS)
    policy = caller_policy()
    assert sorted(a for s in policy["Statement"] for a in s["Action"]) == sorted(ACCOUNT_CALLS)
    shipped = json.loads((Path(__file__).resolve().parents[4] / "scanners" / "aws" / "caller-policy.json").read_text())
    assert shipped == policy


def test_no_accounts_is_an_error(session: boto3.Session) -> None:
    from hitrust_policies.sources.live.aws.scan import ScanError

    with pytest.raises(ScanError, match="no accounts to scan"):
        scan_accounts(session=session, accounts=[], regions=["us-east-1"], collectors=COLLECTORS)


def _roots_without_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's GetAccountSummary has no AccountPasswordPresent: answer as AWS does for roots with no password
    (member accounts' sessions are made inside the scan, so this is patched in moto, not hooked per session)."""
    from moto.iam.models import AccountSummary

    summary = AccountSummary.summary_map
    monkeypatch.setattr(AccountSummary, "summary_map",
                        property(lambda self: {**summary.fget(self), "AccountPasswordPresent": 0}))


@pytest.mark.parametrize("features, member_status", [
    (["RootCredentialsManagement", "RootSessions"], PASS),  # root credentials deleted and unrecoverable
    (["RootSessions"], FAIL),  # no central credentials management: the root e-mail can recover a password
])
def test_organization_scan_tells_members_about_central_root_access(
        session: boto3.Session, monkeypatch: pytest.MonkeyPatch, features, member_status) -> None:
    """Only the management (or delegated administrator) account may call iam:ListOrganizationsFeatures: the
    scanning principal reads it once (moto lacks it: answered through botocore's event hooks) for all members."""
    prod, dev = member_accounts(session)
    org_id = session.client("organizations").describe_organization()["Organization"]["Id"]
    respond(session, "iam", "ListOrganizationsFeatures", {"OrganizationId": org_id, "EnabledFeatures": features})
    _roots_without_password(monkeypatch)

    result = scan_accounts(session=session, organization=True, regions=["us-east-1"],
                           collectors=collectors("iam-root-account"))

    mfa = "iam-root-account-mfa"
    assert {(a, r, s) for a, r, _, s in verdicts(result) if r == mfa} == {
        (prod, mfa, member_status), (dev, mfa, member_status), (ACCOUNT, mfa, FAIL)}  # management: always MFA
    assert result.complete and result.calls["iam:ListOrganizationsFeatures"] == 1


def test_a_member_scanned_alone_cannot_see_central_root_access(
        session: boto3.Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scanned through --accounts by a principal that may not ask the organization: UNKNOWN, not a false FAIL."""
    prod, _ = member_accounts(session)
    deny(session, "iam", "ListOrganizationsFeatures", code="AccountNotManagementOrDelegatedAdministratorException",
         status=400)
    _roots_without_password(monkeypatch)
    result = scan_accounts(session=session, accounts=[prod], regions=["us-east-1"],
                           collectors=collectors("iam-root-account"))
    [finding] = [f for f in result.findings() if f.rule_id == "iam-root-account-mfa"]
    assert (finding.resource.account, finding.status) == (prod, UNKNOWN)
    # the member's own attempt is what the finding names (moto does not implement the call at all)
    assert finding.message.startswith("NotImplementedError: iam:ListOrganizationsFeatures")


def test_only_active_members_are_scanned(session: boto3.Session) -> None:
    """A suspended or closing account cannot be read: the organization listing skips it."""
    respond(session, "organizations", "ListAccounts", {"Accounts": [
        {"Id": "111111111111", "Status": "ACTIVE"}, {"Id": "222222222222", "Status": "SUSPENDED"},
        {"Id": "333333333333", "Status": "PENDING_CLOSURE"}, {"Id": "444444444444"}]})
    result = scan_accounts(session=session, organization=True, regions=["us-east-1"], collectors=COLLECTORS)
    assert result.account == "111111111111,444444444444"


def test_listed_and_organization_accounts_are_merged_once(session: boto3.Session) -> None:
    prod, dev = member_accounts(session)
    result = scan_accounts(session=session, organization=True, accounts=[dev, dev], regions=["us-east-1"],
                           collectors=COLLECTORS)
    assert result.account == ",".join(sorted((ACCOUNT, prod, dev)))
    assert result.calls["sts:AssumeRole"] == 3


def test_assume_role_passes_the_external_id(session: boto3.Session) -> None:
    prod, _ = member_accounts(session)
    sent: list[dict] = []
    session.events.register("before-parameter-build.sts.AssumeRole", lambda params, **_: sent.append(dict(params)))
    scan_accounts(session=session, accounts=[prod], external_id="ext-123", role_name="auditor",
                  regions=["us-east-1"], collectors=COLLECTORS)
    scan_accounts(session=session, accounts=[prod], regions=["us-east-1"], collectors=COLLECTORS)
    assert sent == [
        {"RoleArn": f"arn:aws:iam::{prod}:role/auditor", "RoleSessionName": "hitrust-policies-scan",
         "ExternalId": "ext-123"},
        {"RoleArn": f"arn:aws:iam::{prod}:role/hitrust-scanner", "RoleSessionName": "hitrust-policies-scan"},
    ]


def test_an_unreadable_account_is_scoped_to_the_account(session: boto3.Session) -> None:
    _, dev = member_accounts(session)
    session.events.register("before-parameter-build.sts.AssumeRole", lambda params, **_: (_ for _ in ()).throw(
        ClientError({"Error": {"Code": "AccessDenied", "Message": "x"}}, "AssumeRole")))
    result = scan_accounts(session=session, accounts=[dev], regions=["us-east-1"],
                           collectors=collectors("cloudtrail-trails", "ec2-volumes"))
    scope = ResourceRef("aws", "scope:account", f"aws:{dev}", f"account {dev}", account=dev, region="",
                        source="live")
    reason = f"AccessDenied: sts:AssumeRole arn:aws:iam::{dev}:role/hitrust-scanner"
    assert [(g.kind.__name__, g.scope, g.reason) for g in result.gaps] == [
        (kind, scope, reason) for kind in ("AuditCoverage", "AuditTrail", "BlockVolume")]
    assert [(c.collector, c.region, c.status, c.resources, c.problems, c.account) for c in result.coverage] == [
        ("account", "global", "failed", 0, (reason,), dev)]


def test_progress_and_parallelism(session: boto3.Session) -> None:
    prod, dev = member_accounts(session)
    seen: list[tuple[int, int, str]] = []
    result = scan_accounts(session=session, accounts=[prod, dev], regions=["us-east-1"], collectors=COLLECTORS,
                           parallel_accounts=0, progress=lambda *args: seen.append(args))
    assert result.complete
    assert seen == [(1, 2, f"account {min(prod, dev)}"), (2, 2, f"account {max(prod, dev)}")]


def test_an_unknown_profile_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hitrust_policies.sources.live.aws.scan import ScanConfigError

    config = tmp_path / "config"
    config.write_text("[profile audit]\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    with pytest.raises(ScanConfigError, match=r"The config profile \(nope\) could not be found"):
        scan_accounts(profile="nope", accounts=["111111111111"])


def test_clients_of_a_session_without_region_use_us_east_1(session: boto3.Session,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Organizations, STS and the assumed sessions work from us-east-1 when the caller's session has no region."""
    from tests.sources.live.aws.test_scan_options import recording_session

    prod, _ = member_accounts(session)
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    rec = recording_session(region=None)
    assert rec.region_name is None
    scan_accounts(session=rec, organization=True, regions=["eu-west-1"], collectors=COLLECTORS)
    assert sorted(set(rec.asked)) == [("organizations", HOME), ("sts", HOME)]
    member = assumed_session(rec, f"arn:aws:iam::{prod}:role/hitrust-scanner")
    assert member.region_name == HOME


def test_an_assumed_session_carries_the_role_credentials(session: boto3.Session) -> None:
    prod, _ = member_accounts(session)
    creds = assumed_session(session, f"arn:aws:iam::{prod}:role/hitrust-scanner").get_credentials()
    caller = session.get_credentials()
    assert creds.access_key != caller.access_key and creds.secret_key and creds.secret_key != caller.secret_key
    assert creds.token
    assert assumed_session(session, f"arn:aws:iam::{prod}:role/hitrust-scanner").client("sts").get_caller_identity(
        )["Account"] == prod


def test_four_accounts_are_scanned_at_a_time(session: boto3.Session) -> None:
    from tests.sources.live.aws.test_collector import Gate

    gate = Gate(4)
    session.events.register("before-parameter-build.sts.AssumeRole", gate)
    accounts = [f"{n:012d}" for n in range(1, 7)]
    result = scan_accounts(session=session, accounts=accounts, regions=["us-east-1"], collectors=COLLECTORS)
    assert gate.peak == 4 and result.complete


def test_an_unlistable_organization_is_a_scan_error(session: boto3.Session) -> None:
    from hitrust_policies.sources.live.aws.scan import ScanError

    deny(session, "organizations", "ListAccounts")
    with pytest.raises(ScanError, match=r"^could not list the organization's accounts "
                                        r"\(AccessDenied: organizations:ListAccounts\)$"):
        scan_accounts(session=session, organization=True, regions=["us-east-1"], collectors=COLLECTORS)


def test_an_assumed_session_reuses_the_parsed_service_models(session: boto3.Session) -> None:
    """Each member account gets a session of its own, but EC2's large model is parsed once per scan."""
    prod, _ = member_accounts(session)
    member = assumed_session(session, f"arn:aws:iam::{prod}:role/hitrust-scanner")
    assert member._session is not session._session
    assert member._session.get_component("data_loader") is session._session.get_component("data_loader")
