"""``hitrust check terraform`` as a user runs it: files, a directory, stdin, broken files, exit codes,
filters, --rule-option and --baseline, all on real plan files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sources.terraform.plans import FILES, plan_path
from tests.verdicts import Verdicts


def hitrust(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "hitrust_policies.cli", *args], capture_output=True, input=stdin,
                          env=os.environ.copy(), timeout=120)


def rows(proc: subprocess.CompletedProcess[bytes]) -> Verdicts:
    doc = json.loads(proc.stdout)
    return Verdicts((f["rule_id"], f["resource"]["native_id"], f["status"]) for f in doc["findings"])


def test_a_plan_file_with_failing_findings_exits_1() -> None:
    proc = hitrust("check", "terraform", str(plan_path("audit")), "--format", "json", "--domain", "logging")
    assert proc.returncode == 1, proc.stderr
    assert rows(proc) == {
        ("log-audit-trail-cloudwatch", "aws_cloudtrail.dev", "FAIL"),
        ("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL"),
        ("log-audit-trail-cloudwatch", "aws_cloudtrail.org", "PASS"),
        ("log-audit-trail-validation", "aws_cloudtrail.org", "PASS"),
        ("log-log-group-retention", "aws_cloudwatch_log_group.short", "FAIL"),
        ("log-log-group-retention", "aws_cloudwatch_log_group.trail", "PASS"),
    }
    doc = json.loads(proc.stdout)
    assert (doc["provider"], doc["account"], doc["complete"]) == ("aws", "terraform plan", True)
    assert [(c["collector"], c["region"], c["status"]) for c in doc["coverage"]] == [
        ("terraform-plan", str(plan_path("audit")), "ok")]


def test_clean_selection_exits_0_and_unknowns_exit_3() -> None:
    clean = hitrust("check", "terraform", str(plan_path("audit")), "--rule", "enc-crypto-key-rotation")
    assert clean.returncode == 0, clean.stderr
    unknown = hitrust("check", "terraform", str(plan_path("network")), "--rule", "net-ingress-rule-admin-ports",
                      "--fail-on", "none")
    assert unknown.returncode == 3  # the bastion's /32 is only known after apply
    assert hitrust("check", "terraform", str(plan_path("network")), "--rule", "net-ingress-rule-admin-ports",
                   "--min-severity", "high").returncode == 1


def test_utf16_plan_on_stdin() -> None:
    proc = hitrust("check", "terraform", "-", "--format", "json", "--rule", "log-audit-trail-validation",
                   stdin=(FILES / "audit.utf16le.json").read_bytes())
    assert proc.returncode == 1, proc.stderr
    assert rows(proc) == {("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL"),
                          ("log-audit-trail-validation", "aws_cloudtrail.org", "PASS")}
    assert json.loads(proc.stdout)["coverage"][0]["region"] == "<stdin>"


def test_a_directory_with_broken_files_reports_each_on_one_line_and_checks_the_rest() -> None:
    proc = hitrust("check", "terraform", str(FILES), "--format", "json", "--rule", "log-audit-trail-validation")
    assert proc.returncode == 1  # failing findings first, then incompleteness
    errors = proc.stderr.decode().splitlines()
    assert errors == [
        f"error: {FILES / 'future.json'}: plan format_version 2.0 is not supported (1.x is)",
        f"error: {FILES / 'state.json'}: not a Terraform plan (expected the output of `terraform show -json PLANFILE`)",
        f"error: {FILES / 'truncated.json'}: not JSON: "
        "Expecting property name enclosed in double quotes at line 41 column 1",
    ]
    # the three readable encodings of the audit plan and the v6 network plan are all checked
    assert rows(proc) == Verdicts({("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL"): 3,
                                   ("log-audit-trail-validation", "aws_cloudtrail.org", "PASS"): 3})
    doc = json.loads(proc.stdout)
    assert doc["complete"] is False
    assert sorted(c["status"] for c in doc["coverage"]) == ["failed"] * 3 + ["ok"] * 4


def test_only_broken_input_exits_3() -> None:
    proc = hitrust("check", "terraform", str(FILES / "truncated.json"), "--format", "json")
    assert proc.returncode == 3
    assert proc.stderr.decode().count("\n") == 1 and "truncated.json: not JSON" in proc.stderr.decode()
    missing = hitrust("check", "terraform", "no-such-plan.json")
    assert missing.returncode == 3 and b"no-such-plan.json: cannot read" in missing.stderr


def test_a_directory_without_plans_exits_3(tmp_path: Path) -> None:
    proc = hitrust("check", "terraform", str(tmp_path))
    assert proc.returncode == 3
    assert proc.stderr.decode() == f"error: scan incomplete: no plan file (*.json) found in {tmp_path}\n"


def test_usage_errors_exit_2() -> None:
    assert hitrust("check", "terraform").returncode == 2
    assert hitrust("check", "terraform", str(plan_path("audit")), "--rule", "no-such-rule").returncode == 2
    assert hitrust("check", "terraform", "-", "-").returncode == 2


def test_rule_option_tunes_the_admin_ports() -> None:
    """Declaring 443 an admin port makes the web group's HTTPS opening fail too."""
    args = ("check", "terraform", str(plan_path("network")), "--format", "json", "--rule",
            "net-ingress-rule-admin-ports")
    before = rows(hitrust(*args))
    after = rows(hitrust(*args, "--rule-option", "net-ingress-rule-admin-ports.ports=default,tcp/443"))
    web = ("net-ingress-rule-admin-ports", "aws_security_group.web")
    assert before[(*web, "FAIL")] == 1 and after[(*web, "FAIL")] == 2


def test_baseline_marks_new_persisting_and_resolved(tmp_path: Path) -> None:
    rule = ("--rule", "enc-crypto-key-rotation", "--format", "json")
    first = tmp_path / "first.json"
    assert hitrust("check", "terraform", str(plan_path("storage")), *rule, "-o", str(first)).returncode == 1
    again = json.loads(hitrust("check", "terraform", str(plan_path("storage")), str(plan_path("audit")), *rule,
                               "--baseline", str(first)).stdout)
    assert {(f["resource"]["native_id"], f["status"], f["change"]) for f in again["findings"]} == {
        ("aws_kms_key.stale", "FAIL", "persisting"), ("aws_kms_key.data", "PASS", None),
        ("aws_kms_key.trail", "PASS", None), ("aws_kms_key.shared", "PASS", None)}  # a baseline tracks what fails
    fixed = json.loads(hitrust("check", "terraform", str(plan_path("audit")), *rule, "--baseline", str(first)).stdout)
    assert [(r["rule_id"], r["resource"]) for r in fixed["since_baseline"]["resolved"]] == [
        ("enc-crypto-key-rotation", "stale")]


@pytest.mark.parametrize("fmt", ["table", "markdown", "ocsf", "asff"])
def test_every_report_format(fmt: str) -> None:
    proc = hitrust("check", "terraform", str(plan_path("storage")), "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert b"legacy-db-tf" in proc.stdout and b"hunter2-db-password" not in proc.stdout


def test_a_google_plan_is_read_through_the_pulumi_gcp_adapters() -> None:
    from tests.sources.terraform.plans import google_plan_path

    proc = hitrust("check", "terraform", str(google_plan_path("parity_firewalls")), "--format", "json",
                   "--show-pass")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["provider"], doc["complete"]) == ("gcp", True)
    assert rows(proc) == Verdicts([
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_db_from_app", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_https", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_iap_ssh", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_iap_ssh", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_internal", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_rdp_any", "FAIL"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_rdp_any", "FAIL"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_rdp_any", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_rdp_any", "PASS"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_ssh_web", "FAIL"),
        ("net-ingress-rule-admin-ports", "google_compute_firewall.allow_ssh_web", "PASS"),
        ("log-network-flow-logs", "google_compute_network.prod_vpc", "PASS"),
        ("net-network-default-absent", "google_compute_network.prod_vpc", "PASS"),
    ])
