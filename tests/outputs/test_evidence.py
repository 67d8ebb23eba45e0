"""The evidence bundle: exact content, a manifest `sha256sum -c` accepts (and rejects once tampered),
directory and zip, the same bytes for the same input, and no secret in any file."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hitrust_policies import BlockVolume, ResourceRef, Unknown, evaluate
from hitrust_policies.findings import Status, Suppression
from hitrust_policies.outputs.baseline import compare
from hitrust_policies.outputs.evidence import EvidenceError, check_target, write_evidence
from hitrust_policies.outputs.run import ReportRun, RunMeta
from hitrust_policies.rules import get_rule
from hitrust_policies.sources.live.aws.scan import Coverage, ScanResult

ACCOUNT = "111122223333"
FILES = ["MANIFEST.sha256", "findings.jsonl", "metadata.json", "report.html", "resources.jsonl"]


@dataclass(frozen=True)
class DatabaseUser:
    """A model value from a (hypothetical) source that read credentials: they must never reach a bundle."""

    ref: ResourceRef
    login: str
    token: str = field(metadata={"secret": True})
    admin_password: str = ""
    settings: dict = field(default_factory=dict)


def _ref(name: str, native_type: str = "AWS::EC2::Volume") -> ResourceRef:
    return ResourceRef("aws", native_type, f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/{name}", name, ACCOUNT,
                       "us-east-1", "live")


@pytest.fixture
def run() -> tuple[ReportRun, list]:
    resources = [BlockVolume(_ref("plain"), False, None, False),
                 BlockVolume(_ref("phi"), True, "arn:aws:kms:us-east-1:111122223333:key/k1", True),
                 BlockVolume(_ref("denied"), Unknown("AccessDenied: ec2:DescribeVolumes"), None, False),
                 DatabaseUser(_ref("app", "db-user"), "app", "tok-123", "hunter2",
                              {"connection_string": "Server=db;Password=hunter2", "port": 5432})]
    scan = ScanResult("aws", ACCOUNT, ["us-east-1"], resources, [],
                      [Coverage("ec2-volumes", "us-east-1", "partial", 3, ("AccessDenied: ec2:DescribeVolumes",),
                                ACCOUNT)])
    findings = evaluate(resources, [get_rule("enc-block-volume-encrypted")])
    accepted = Suppression("enc-block-volume-encrypted", "name:plain", "scratch disk, no PHI", "ops", "SEC-9",
                           "2099-01-01")
    findings = [f if f.resource.name != "plain" else
                __import__("dataclasses").replace(f, suppression=accepted) for f in findings]
    baseline = [{"id": next(f.id for f in findings if f.resource.name == "denied"), "status": "UNKNOWN"}]
    meta = RunMeta("0.1.0", "2026-11-29T12:00:00+00:00", "scan aws", f"arn:aws:iam::{ACCOUNT}:role/scanner",
                   (ACCOUNT,), {"domain": ["encryption"]})
    return ReportRun.of(scan, findings, meta, changes=compare(baseline, findings)), resources


def _sha256sum_check(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=directory, capture_output=True, text=True)


def test_directory_bundle_exact_content_and_manifest_verifies(run, tmp_path) -> None:
    report_run, resources = run
    bundle = write_evidence(tmp_path / "bundle", report_run, resources)
    assert sorted(p.name for p in bundle.iterdir()) == FILES
    lines = [json.loads(line) for line in (bundle / "findings.jsonl").read_text().splitlines()]
    expected = [json.loads(json.dumps({**f.to_dict(), "suppressed": f.suppressed,
                                       "change": report_run.changes.change_of(f)}))
                for f in report_run.findings]
    assert lines == expected
    assert [(r["status"], r["resource"]["name"], r["suppressed"], r["change"]) for r in lines] == [
        ("FAIL", "plain", True, "new"), ("UNKNOWN", "denied", False, "persisting"), ("PASS", "phi", False, None)]
    assert lines[0]["suppression"]["ticket"] == "SEC-9"

    resources_rows = [json.loads(line) for line in (bundle / "resources.jsonl").read_text().splitlines()]
    ids = {r["resource"]["name"]: r["id"] for r in lines}
    assert [(r["kind"], r["ref"]["name"], r["facts"], r["finding_ids"]) for r in resources_rows] == [
        ("BlockVolume", "denied", {"encrypted": {"unknown": "AccessDenied: ec2:DescribeVolumes"}, "kms_key": None,
                                   "kms_key_customer_managed": False}, [ids["denied"]]),
        ("BlockVolume", "phi", {"encrypted": True, "kms_key": "arn:aws:kms:us-east-1:111122223333:key/k1",
                                "kms_key_customer_managed": True}, [ids["phi"]]),
        ("BlockVolume", "plain", {"encrypted": False, "kms_key": None, "kms_key_customer_managed": False},
         [ids["plain"]]),
        ("DatabaseUser", "app", {"login": "app", "token": "[secret]", "admin_password": "[secret]",
                                 "settings": {"connection_string": "[secret]", "port": 5432}}, []),
    ]
    assert resources_rows[0]["ref"] == {"provider": "aws", "native_type": "AWS::EC2::Volume",
                                        "native_id": f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/denied",
                                        "name": "denied", "account": ACCOUNT, "region": "us-east-1",
                                        "source": "live", "part": None}

    meta = json.loads((bundle / "metadata.json").read_text())
    assert {k: meta[k] for k in ("tool", "generated_at", "command", "principal", "scope", "filters", "provider",
                                 "account", "regions", "regions_read", "complete", "findings", "resources",
                                 "baseline", "suppressions", "verify")} == {
        "tool": {"name": "hitrust-policies", "version": "0.1.0"}, "generated_at": "2026-11-29T12:00:00+00:00",
        "command": "scan aws", "principal": f"arn:aws:iam::{ACCOUNT}:role/scanner", "scope": [ACCOUNT],
        "filters": {"domain": ["encryption"]}, "provider": "aws", "account": ACCOUNT, "regions": ["us-east-1"],
        "regions_read": ["us-east-1"], "complete": False,
        "findings": {"total": 3, "by_status": {"PASS": 1, "FAIL": 1, "UNKNOWN": 1}, "suppressed": 1},
        "resources": 4, "baseline": {"new": 1, "persisting": 1, "resolved": 0}, "suppressions": None,
        "verify": "cd BUNDLE && sha256sum -c MANIFEST.sha256"}
    assert meta["coverage"] == [{"account": ACCOUNT, "collector": "ec2-volumes", "region": "us-east-1",
                                 "status": "partial", "resources": 3,
                                 "problems": ["AccessDenied: ec2:DescribeVolumes"]}]

    assert (bundle / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert (bundle / "MANIFEST.sha256").read_text() == "".join(
        f"{hashlib.sha256((bundle / name).read_bytes()).hexdigest()}  {name}\n" for name in FILES[1:])
    everything = b"".join((bundle / name).read_bytes() for name in FILES)
    assert b"hunter2" not in everything and b"tok-123" not in everything

    check = _sha256sum_check(bundle)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines() == [f"{name}: OK" for name in FILES[1:]]
    with (bundle / "findings.jsonl").open("a") as fh:
        fh.write("\n")
    tampered = _sha256sum_check(bundle)
    assert tampered.returncode == 1 and "findings.jsonl: FAILED" in tampered.stdout


def test_zip_bundle_holds_the_same_files_sorted_with_a_fixed_date(run, tmp_path) -> None:
    report_run, resources = run
    directory = write_evidence(tmp_path / "dir", report_run, resources)
    archive = write_evidence(tmp_path / "bundle.zip", report_run, resources)
    assert archive == tmp_path / "bundle.zip" and sorted(p.name for p in tmp_path.iterdir()) == ["bundle.zip", "dir"]
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == FILES
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert all(zf.read(name) == (directory / name).read_bytes() for name in FILES)
        zf.extractall(tmp_path / "unzipped")
    check = _sha256sum_check(tmp_path / "unzipped")
    assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("unzip"):  # the documented one-liner, when the machine has unzip
        subprocess.run(["unzip", "-q", "-d", str(tmp_path / "u2"), str(archive)], check=True)
        assert _sha256sum_check(tmp_path / "u2").returncode == 0


def test_same_input_same_bytes(run, tmp_path) -> None:
    report_run, resources = run
    first = write_evidence(tmp_path / "a.zip", report_run, resources).read_bytes()
    shuffled = list(reversed(resources))  # collection order must not show
    assert write_evidence(tmp_path / "b.zip", report_run, shuffled).read_bytes() == first
    assert write_evidence(tmp_path / "a.zip", report_run, resources).read_bytes() == first  # overwrite in place
    one, two = write_evidence(tmp_path / "d1", report_run, resources), write_evidence(tmp_path / "d2", report_run,
                                                                                      shuffled)
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in FILES)
    assert write_evidence(tmp_path / "d1", report_run, resources) == one  # a previous bundle is replaced


def test_targets_that_cannot_hold_a_bundle_are_refused_up_front(tmp_path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine")
    (tmp_path / "file").write_text("x")
    (tmp_path / "dir.zip").mkdir()
    for target, message in ((tmp_path / "notes", "not empty and not an evidence bundle (todo.txt)"),
                            (tmp_path / "file", "exists and is not a directory"),
                            (tmp_path / "dir.zip", "is a directory"),
                            (tmp_path / "missing" / "b.zip", "directory does not exist")):
        with pytest.raises(EvidenceError, match=message.replace("(", r"\(").replace(")", r"\)")):
            check_target(target)
    assert check_target(tmp_path / "new") == tmp_path / "new"


def test_terraform_sensitive_values_never_reach_the_bundle(tmp_path) -> None:
    """A sensitive variable feeds a security rule's sources: the model holds the values to judge them, the
    bundle shows them as [secret] in every file."""
    from hitrust_policies.sources.terraform.scan import check_plans
    from tests.sources.terraform.plans import ROOT

    doc = json.loads((ROOT / "tests" / "terraform" / "azurerm" / "parity_nsg" / "plan.json").read_text())
    for change in doc["resource_changes"]:
        if change["address"] == "azurerm_network_security_rule.db_engines":
            change["change"]["after"]["source_address_prefixes"] = ["198.51.100.0/24", "0.0.0.0/0"]
            change["change"]["after_sensitive"]["source_address_prefixes"] = True
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(doc))
    scan = check_plans([str(plan)])
    assert {"198.51.100.0/24", "0.0.0.0/0"} <= scan.secrets
    assert "198.51.100.0/24" in repr(scan.resources)  # the model holds it; the bundle must not
    findings = scan.findings()
    assert any(f.status is Status.FAIL and f.resource.native_id.endswith("db_engines") for f in findings)
    run = ReportRun.of(scan, findings, RunMeta("0.1.0", "2026-11-29T12:00:00+00:00", "check terraform"))
    bundle = write_evidence(tmp_path / "bundle", run, scan.resources)
    for name in FILES:
        text = (bundle / name).read_text()
        assert "198.51.100.0/24" not in text and '"0.0.0.0/0"' not in text, name
    assert "[secret]" in (bundle / "resources.jsonl").read_text()
    assert _sha256sum_check(bundle).returncode == 0
