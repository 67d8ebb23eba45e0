"""``--evidence DIR|ZIP`` as a user runs it: checked before the scan, written after the report, verifiable
with the documented one-liner, on the demo, a Terraform plan and the live scan commands."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.sources.terraform.plans import plan_path
from tests.test_cli import hitrust

FILES = ["MANIFEST.sha256", "findings.jsonl", "metadata.json", "report.html", "resources.jsonl"]


def verify(directory: Path) -> list[str]:
    done = subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=directory, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_demo_writes_a_zip_bundle_of_the_report_it_printed(tmp_path: Path) -> None:
    proc = hitrust("demo", "--format", "json", "--output", str(tmp_path / "report.json"),
                   "--evidence", str(tmp_path / "evidence.zip"))
    assert proc.returncode == 0, proc.stderr
    assert f"evidence bundle: {tmp_path / 'evidence.zip'}" in proc.stderr
    with zipfile.ZipFile(tmp_path / "evidence.zip") as zf:
        assert zf.namelist() == FILES
        zf.extractall(tmp_path / "bundle")
    assert verify(tmp_path / "bundle") == [f"{name}: OK" for name in FILES[1:]]
    report = json.loads((tmp_path / "report.json").read_text())
    lines = [json.loads(line) for line in (tmp_path / "bundle" / "findings.jsonl").read_text().splitlines()]
    assert sorted((f["id"], f["status"]) for f in lines) == sorted((f["id"], f["status"]) for f in report["findings"])
    meta = json.loads((tmp_path / "bundle" / "metadata.json").read_text())
    assert (meta["command"], meta["provider"], meta["scope"], meta["complete"]) == (
        "demo", "aws", [report["account"]], True)
    assert meta["regions_read"] == ["eu-west-1", "us-east-1"]
    resources = (tmp_path / "bundle" / "resources.jsonl").read_text().splitlines()
    assert len(resources) == meta["resources"] > 0
    assert {"kind": "ObjectStore", "name": "acme-phi-records"} in [
        {"kind": r["kind"], "name": r["ref"]["name"]} for r in map(json.loads, resources)]


def test_terraform_check_writes_a_directory_bundle_with_its_filters(tmp_path: Path) -> None:
    plan = str(plan_path("audit"))
    proc = hitrust("check", "terraform", plan, "--domain", "logging", "--evidence", str(tmp_path / "ev"))
    assert proc.returncode == 1, proc.stderr
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == FILES
    verify(tmp_path / "ev")
    meta = json.loads((tmp_path / "ev" / "metadata.json").read_text())
    assert (meta["command"], meta["scope"], meta["filters"]) == (
        "check terraform", [plan], {"domain": ["logging"], "fail_on": "low"})
    found = {(f["rule_id"], f["resource"]["native_id"], f["status"])
             for f in map(json.loads, (tmp_path / "ev" / "findings.jsonl").read_text().splitlines())}
    assert found == {("log-audit-trail-cloudwatch", "aws_cloudtrail.dev", "FAIL"),
                     ("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL"),
                     ("log-audit-trail-cloudwatch", "aws_cloudtrail.org", "PASS"),
                     ("log-audit-trail-validation", "aws_cloudtrail.org", "PASS"),
                     ("log-log-group-retention", "aws_cloudwatch_log_group.short", "FAIL"),
                     ("log-log-group-retention", "aws_cloudwatch_log_group.trail", "PASS")}


@pytest.mark.parametrize("command", [("demo",), ("check", "terraform", "PLAN"), ("scan", "aws"),
                                     ("scan", "azure", "--all-subscriptions"), ("scan", "gcp", "--project", "p-1234")])
def test_an_unwritable_target_is_a_usage_error_before_any_scan(tmp_path: Path, command: tuple[str, ...]) -> None:
    args = [str(plan_path("audit")) if a == "PLAN" else a for a in command]
    proc = hitrust(*args, "--evidence", str(tmp_path / "missing" / "evidence.zip"))
    assert proc.returncode == 2, proc.stderr
    assert "Invalid value for --evidence" in proc.stderr and "directory does not exist" in proc.stderr
    assert proc.stdout == ""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep")
    proc = hitrust(*args, "--evidence", str(tmp_path / "notes"))
    assert proc.returncode == 2 and "not empty and not an evidence bundle (mine.txt)" in proc.stderr
