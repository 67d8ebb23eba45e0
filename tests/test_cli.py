"""The ``hitrust`` command as a user runs it: a subprocess against a moto server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[1]


def hitrust(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hitrust_policies.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def account(moto_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")).read()
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_SESSION_TOKEN": "testing"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=moto_url)
    ec2.create_volume(Size=8, AvailabilityZone="us-east-1a",
                      TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "scratch"}]}])
    ec2.create_volume(Size=8, AvailabilityZone="us-east-1a", Encrypted=True,
                      TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "phi"}]}])
    yield env


def test_scan_reports_exact_findings_and_fails(moto_url: str, account: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
                   "--output", str(out), "--rule", "enc-block-volume-encrypted", env=account)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    got = {(f["rule_id"], f["resource"]["name"], f["status"]) for f in report["findings"]}
    assert got == {("enc-block-volume-encrypted", "scratch", "FAIL"), ("enc-block-volume-encrypted", "phi", "PASS")}
    assert report["complete"] is True and report["regions_read"] == ["us-east-1"]
    fail = next(f for f in report["findings"] if f["status"] == "FAIL")
    assert [c["id"] for c in fail["references"]["csf"]] == ["06.c", "06.d", "10.f"]
    assert fail["references"]["csf_basis"] == "azure-policy+derived"
    assert [(s["csf"], s["policy_id"], s["initiative"], s["initiative_version"], s["csf_version"])
            for s in fail["references"]["csf_sources"]] == [
        (["06.c"], "ca88aadc-6e2b-416c-9de2-5a0f01d1693f", "HITRUST CSF v11.3", "1.7.0", "11.3"),
        (["06.c"], "3dc5edcd-002d-444c-b216-e123bbfa37c0", "HITRUST CSF v11.3", "1.7.0", "11.3"),
    ]
    assert fail["references"]["hipaa"][0] == {"id": "164.312(a)(2)(iv)", "name": "Encryption and decryption"}


def test_fail_on_threshold(moto_url: str, account: dict[str, str]) -> None:
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
                   "--rule", "enc-block-volume-encrypted", "--fail-on", "critical", env=account)
    assert proc.returncode == 0, proc.stderr
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1",
                   "--rule", "enc-block-volume-encrypted", "--fail-on", "none", env=account)
    assert proc.returncode == 0 and "scratch" in proc.stdout


def test_unreachable_account_is_incomplete_not_clean(account: dict[str, str]) -> None:
    proc = hitrust("scan", "aws", "--endpoint-url", "http://127.0.0.1:9", "--regions", "us-east-1", env=account)
    assert proc.returncode == 3
    assert "could not identify the AWS account" in proc.stderr and "sts:GetCallerIdentity" in proc.stderr


def test_usage_errors_name_the_culprit() -> None:
    proc = hitrust("scan", "aws", "--rule", "enc-no-such-rule")
    assert proc.returncode == 2 and "enc-no-such-rule" in proc.stderr
    proc = hitrust("rules", "--min-severity", "urgent")
    assert proc.returncode == 2 and "urgent" in proc.stderr


def test_rules_json_lists_sources_and_live_only() -> None:
    rows = {r["id"]: r for r in json.loads(hitrust("rules", "--format", "json").stdout)}
    assert rows["iam-identity-console-mfa"]["live_only"] is True
    assert "live-aws" in rows["iam-identity-console-mfa"]["sources"]
    assert not any(s.startswith("pulumi") for s in rows["iam-identity-console-mfa"]["sources"])
    assert rows["net-ingress-rule-admin-ports"]["csf"] == ["01.n", "01.l", "01.m", "09.m"]


def test_rules_json_lists_options_with_defaults() -> None:
    rows = {r["id"]: r for r in json.loads(hitrust("rules", "--format", "json").stdout)}
    assert rows["net-ingress-rule-admin-ports"]["options"]["ports"]["default"] == ["default"]
    assert rows["net-network-acl-admin-ports"]["options"]["ports"]["default"] == ["default"]
    assert rows["enc-block-volume-encrypted"]["options"] == {}


def _admin_port_verdicts(moto_url: str, account: dict[str, str], *options: str) -> set[tuple[str, str]]:
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=moto_url)
    for name, port in (("ssh-open", 22), ("console-open", 8443)):
        if not ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])["SecurityGroups"]:
            gid = ec2.create_security_group(GroupName=name, Description=name)["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
                   "--rule", "net-ingress-rule-admin-ports", *options, env=account)
    assert proc.returncode == 1, proc.stderr
    return {(f["resource"]["name"], f["status"]) for f in json.loads(proc.stdout)["findings"]
            if f["resource"]["name"] in ("ssh-open", "console-open")}


def test_rule_option_flag_tunes_the_admin_ports(moto_url: str, account: dict[str, str]) -> None:
    assert _admin_port_verdicts(moto_url, account) == {("ssh-open", "FAIL"), ("console-open", "PASS")}
    flag = "net-ingress-rule-admin-ports.ports"
    assert _admin_port_verdicts(moto_url, account, "--rule-option", f"{flag}=tcp/8443") == {
        ("ssh-open", "PASS"), ("console-open", "FAIL")}
    assert _admin_port_verdicts(moto_url, account, "--rule-option", f"{flag}=default,tcp/8443=Admin console") == {
        ("ssh-open", "FAIL"), ("console-open", "FAIL")}
    assert _admin_port_verdicts(moto_url, account, "--rule-option", f'{flag}=["default", 8443]') == {
        ("ssh-open", "FAIL"), ("console-open", "FAIL")}


@pytest.mark.parametrize("flag, culprit", [
    ("net-ingress-rule-admin-ports.ports=ftp/21",
     "net-ingress-rule-admin-ports: option 'ports': entry 0 'ftp/21': protocol 'ftp' is not tcp or udp"),
    ("net-ingress-rule-admin-ports.prots=tcp/22", "net-ingress-rule-admin-ports: no option 'prots'"),
    ("net-no-such-rule.ports=tcp/22", "unknown rule id 'net-no-such-rule'"),
    ("ports=tcp/22", "expected RULE.OPTION=VALUE"),
])
def test_bad_rule_options_are_usage_errors(flag: str, culprit: str) -> None:
    proc = hitrust("scan", "aws", "--regions", "us-east-1", "--rule-option", flag)
    assert proc.returncode == 2, proc.stderr
    assert culprit in " ".join(proc.stderr.split()) and "--rule-option" in proc.stderr


def test_readme_rule_catalog_is_current() -> None:
    """The README's catalog is generated: regenerate with `hitrust rules --format markdown`."""
    readme = (ROOT / "README.md").read_text()
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    current = readme[readme.index(start) + len(start):readme.index(end)]
    assert current == hitrust("rules", "--format", "markdown").stdout


def test_scanner_policy_file_is_current() -> None:
    """scanners/aws/iam-policy.json is derived from the collectors' declared calls."""
    from hitrust_policies.sources.live.aws.permissions import iam_policy

    assert json.loads((ROOT / "scanners" / "aws" / "iam-policy.json").read_text()) == iam_policy()


def test_help_is_fast_and_lists_commands() -> None:
    proc = hitrust("--help")
    assert proc.returncode == 0
    for command in ("scan", "rules", "demo", "permissions"):
        assert command in proc.stdout
    probe = subprocess.run([sys.executable, "-c", "import sys, hitrust_policies.cli; "
                            "print(sorted(m for m in ('boto3', 'botocore', 'moto', 'pulumi') if m in sys.modules))"],
                           capture_output=True, text=True)
    assert probe.stdout.strip() == "[]", "cloud SDKs must be imported lazily"


def test_baseline_marks_new_and_resolved(moto_url: str, account: dict[str, str], tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    args = ("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
            "--rule", "enc-block-volume-encrypted")
    assert hitrust(*args, "--output", str(first), env=account).returncode == 1
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=moto_url)
    for v in ec2.describe_volumes()["Volumes"]:
        if not v["Encrypted"]:
            ec2.delete_volume(VolumeId=v["VolumeId"])
    ec2.create_volume(Size=8, AvailabilityZone="us-east-1a",
                      TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "tmp"}]}])
    assert hitrust(*args, "--output", str(second), "--baseline", str(first), env=account).returncode == 1
    report = json.loads(second.read_text())
    changes = {(f["resource"]["name"], f["status"], f["change"]) for f in report["findings"]}
    assert changes == {("tmp", "FAIL", "new"), ("phi", "PASS", None)}
    resolved = report["since_baseline"]["resolved"]
    assert [(r["rule_id"], r["resource"], r["previous_status"]) for r in resolved] == [
        ("enc-block-volume-encrypted", "scratch", "FAIL")]


def test_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[profile audit]\nregion = us-east-1\n")
    proc = hitrust("scan", "aws", "--profile", "nope", env={"AWS_CONFIG_FILE": str(config)})
    assert proc.returncode == 2 and "The config profile (nope) could not be found" in proc.stderr


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"findings": [{"no": "id"}]}')
    proc = hitrust("scan", "aws", "--baseline", str(bogus))
    assert proc.returncode == 2 and "bogus.json: not a hitrust JSON report" in proc.stderr
    proc = hitrust("scan", "aws", "--regions", "us-east-1,mars")
    assert proc.returncode == 2 and "not an AWS region name: mars" in proc.stderr


def test_scan_member_accounts_through_a_role(moto_url: str, account: dict[str, str], tmp_path: Path) -> None:
    member = "111111111111"
    creds = boto3.client("sts", region_name="us-east-1", endpoint_url=moto_url).assume_role(
        RoleArn=f"arn:aws:iam::{member}:role/auditor", RoleSessionName="seed")["Credentials"]
    boto3.client("ec2", region_name="us-east-1", endpoint_url=moto_url, aws_access_key_id=creds["AccessKeyId"],
                 aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"]
                 ).create_volume(Size=8, AvailabilityZone="us-east-1a", TagSpecifications=[
                     {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "member-disk"}]}])
    out = tmp_path / "org.json"
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--accounts",
                   f"{member},123456789012", "--role-name", "auditor", "--rule", "enc-block-volume-encrypted",
                   "--format", "json", "--output", str(out), env=account)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    got = {(f["resource"]["account"], f["resource"]["name"], f["status"]) for f in report["findings"]}
    assert got == {(member, "member-disk", "FAIL"), ("123456789012", "scratch", "FAIL"),
                   ("123456789012", "phi", "PASS")}
    assert {c["account"] for c in report["coverage"]} == {member, "123456789012"}
    proc = hitrust("scan", "aws", "--accounts", "12345")
    assert proc.returncode == 2 and "not a 12-digit AWS account id: 12345" in proc.stderr


def test_a_denied_per_resource_call_exits_incomplete(moto_url: str, account: dict[str, str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanning user may list KMS keys but not read their rotation: no reported finding is UNKNOWN (the
    volume rule and the key-policy rule are selected, and --fail-on none), yet the scan did not see everything -
    exit 3, not 0, and the report says which call failed where. The volume rule alone does not read KMS keys:
    complete, exit 0."""
    from moto import settings
    from moto.iam.access_control import IAMRequest

    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=moto_url)
    boto3.client("kms", region_name="us-east-1", endpoint_url=moto_url).create_key()
    iam.create_user(UserName="scanner")
    iam.put_user_policy(UserName="scanner", PolicyName="read-but-not-rotation", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "kms:GetKeyRotationStatus", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="scanner")["AccessKey"]
    monkeypatch.setattr(settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)  # moto now enforces IAM policies
    # ...but miscomputes the signature of REST GETs (EFS, GuardDuty); signatures are not what is tested here
    monkeypatch.setattr(IAMRequest, "check_signature", lambda self: None)
    monkeypatch.delenv("AWS_SESSION_TOKEN")
    env = {**account, "AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}
    env.pop("AWS_SESSION_TOKEN")
    out = tmp_path / "report.json"
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
                   "--output", str(out), "--rule", "enc-block-volume-encrypted", "--fail-on", "none", env=env)
    assert proc.returncode == 0, proc.stderr
    assert [c["collector"] for c in json.loads(out.read_text())["coverage"]] == ["ec2-volumes"]
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--format", "json",
                   "--output", str(out), "--rule", "enc-block-volume-encrypted", "--rule", "net-crypto-key-not-public",
                   "--fail-on", "none", env=env)
    report = json.loads(out.read_text())
    assert proc.returncode == 3, proc.stderr
    assert sorted((f["resource"]["name"], f["status"]) for f in report["findings"]
                  if f["rule_id"] == "enc-block-volume-encrypted") == [("phi", "PASS"), ("scratch", "FAIL")]
    assert {f["status"] for f in report["findings"]} == {"PASS", "FAIL"}
    assert report["complete"] is False
    assert [(c["collector"], c["region"], c["status"], c["problems"]) for c in report["coverage"]
            if c["status"] != "ok"] == [
        ("kms-keys", "us-east-1", "partial", ["AccessDenied: kms:GetKeyRotationStatus"])]


def test_scan_the_organization(moto_url: str, account: dict[str, str], tmp_path: Path) -> None:
    """--organization lists the member accounts (through the given endpoint) and scans each through the role."""
    org = boto3.client("organizations", region_name="us-east-1", endpoint_url=moto_url)
    org.create_organization(FeatureSet="ALL")
    member = org.create_account(AccountName="prod", Email="prod@example.com")["CreateAccountStatus"]["AccountId"]
    out = tmp_path / "org.json"
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--organization",
                   "--role-name", "auditor", "--rule", "enc-block-volume-encrypted", "--format", "json",
                   "--output", str(out), env=account)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    assert sorted((f["resource"]["account"], f["resource"]["name"], f["status"]) for f in report["findings"]) == [
        ("123456789012", "phi", "PASS"), ("123456789012", "scratch", "FAIL")]
    assert report["account"] == ",".join(sorted(("123456789012", member)))
    assert {c["account"] for c in report["coverage"]} == {"123456789012", member}
    # moto's server lacks iam:ListOrganizationsFeatures (central root access), which only the root-account
    # rules read: this volume-only scan never calls it, so it is complete
    assert [p for c in report["coverage"] for p in c["problems"]] == [] and report["complete"] is True
    proc = hitrust("scan", "aws", "--endpoint-url", moto_url, "--regions", "us-east-1", "--organization",
                   "--role-name", "auditor", "--rule", "iam-root-account-mfa", "--format", "json",
                   "--output", str(out), env=account)
    report = json.loads(out.read_text())
    problems = [p for c in report["coverage"] for p in c["problems"]]
    assert [p.split(":")[1].strip() for p in problems] == ["iam"] and "ListOrganizationsFeatures" in problems[0]
    assert report["complete"] is False
