"""``--suppressions FILE`` as a user runs it: the demo (moto AWS through the real scanner) and Terraform
plans; exact verdicts with their suppression state, exit codes, unmatched and expired entries."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.sources.terraform.plans import plan_path

ACTIVE, LAPSED = "2099-12-31", "2001-01-31"
WHO = {"reason": "accepted", "owner": "platform@example.com", "ticket": "SEC-7"}


def hitrust(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hitrust_policies.cli", *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=180)


def write(tmp_path: Path, *entries: dict) -> str:
    path = tmp_path / "suppressions.yaml"
    path.write_text(yaml.safe_dump({"suppressions": [{**WHO, **e} for e in entries]}, sort_keys=False))
    return str(path)


def verdicts(doc: dict, key: str = "native_id") -> set[tuple[str, str, str, bool | None]]:
    """(rule, resource, status, expired) of every finding; expired None when no suppression covers it.

    moto gives the demo's default VPCs random ids: they show as ``vpc-<default>@region``."""
    def name(r: dict) -> str:
        return f"vpc-<default>@{r['region']}" if re.fullmatch(r"vpc-[0-9a-f]{17}", r[key]) else r[key]

    return {(f["rule_id"], name(f["resource"]), f["status"],
             None if f["suppression"] is None else f["suppression"]["expired"]) for f in doc["findings"]}


def test_terraform_suppressed_findings_stay_reported_and_stop_failing(tmp_path: Path) -> None:
    plan = str(plan_path("audit"))
    path = write(tmp_path,
                 {"rule": "log-audit-trail-*", "resource": "aws_cloudtrail.dev", "expires": ACTIVE},
                 {"rule": "log-log-group-retention", "name": "/app/short-*", "region": "us-east-1",
                  "expires": ACTIVE},
                 {"rule": "enc-*", "resource": "aws_s3_bucket.nowhere", "expires": ACTIVE})
    proc = hitrust("check", "terraform", plan, "--format", "json", "--domain", "logging", "--suppressions", path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert verdicts(doc) == {
        ("log-audit-trail-cloudwatch", "aws_cloudtrail.dev", "FAIL", False),
        ("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL", False),
        ("log-log-group-retention", "aws_cloudwatch_log_group.short", "FAIL", False),
        ("log-audit-trail-cloudwatch", "aws_cloudtrail.org", "PASS", None),
        ("log-audit-trail-validation", "aws_cloudtrail.org", "PASS", None),
        ("log-log-group-retention", "aws_cloudwatch_log_group.trail", "PASS", None),
    }
    trail = next(f for f in doc["findings"] if f["resource"]["native_id"] == "aws_cloudtrail.dev")
    assert trail["suppression"] == {"rule": "log-audit-trail-*", "resource": "resource=aws_cloudtrail.dev",
                                    "reason": "accepted", "owner": "platform@example.com", "ticket": "SEC-7",
                                    "expires": ACTIVE, "expired": False, "source": f"{path}: suppressions[0]"}
    assert [(r["source"], r["matched"], r["expired"]) for r in doc["suppressions"]] == [
        (f"{path}: suppressions[0]", 2, False), (f"{path}: suppressions[1]", 1, False),
        (f"{path}: suppressions[2]", 0, False)]
    assert doc["summary"]["failing_by_severity"] == {"critical": 0, "high": 0, "medium": 0, "low": 0}
    assert doc["summary"]["suppressed"] == 3
    assert (f"warning: suppression {path}: suppressions[2] (enc-* on resource=aws_s3_bucket.nowhere) matched "
            "nothing: remove it if the risk is gone") in proc.stderr


def test_terraform_expired_suppression_fails_again_and_is_called_out(tmp_path: Path) -> None:
    plan = str(plan_path("audit"))
    path = write(tmp_path,
                 {"rule": "log-audit-trail-*", "resource": "aws_cloudtrail.dev", "expires": LAPSED},
                 {"rule": "log-log-group-retention", "name": "/app/short-*", "expires": ACTIVE})
    proc = hitrust("check", "terraform", plan, "--format", "json", "--domain", "logging", "--suppressions", path)
    assert proc.returncode == 1, proc.stderr
    assert {v for v in verdicts(json.loads(proc.stdout)) if v[3] is not None} == {
        ("log-audit-trail-cloudwatch", "aws_cloudtrail.dev", "FAIL", True),
        ("log-audit-trail-validation", "aws_cloudtrail.dev", "FAIL", True),
        ("log-log-group-retention", "aws_cloudwatch_log_group.short", "FAIL", False),
    }
    assert (f"suppression {path}: suppressions[0] (log-audit-trail-* on resource=aws_cloudtrail.dev, ticket "
            f"SEC-7) expired {LAPSED}: its 2 finding(s) count as failing again") in proc.stderr
    table = hitrust("check", "terraform", plan, "--domain", "logging", "--suppressions", path)
    assert table.returncode == 1
    lines = table.stdout.splitlines()
    assert any("FAIL expired suppression" in line and "log-audit-trail-cloudwatch" in line for line in lines)
    assert any("FAIL suppressed" in line and "log-log-group-retention" in line for line in lines)
    assert "Suppressions needing attention" in table.stdout
    assert any("expired: 2 finding(s) fail again" in line for line in lines)
    assert "2 failing, 0 unknown, 1 suppressed, 3 passing" in table.stdout


def test_terraform_suppressed_unknown_does_not_make_the_run_incomplete(tmp_path: Path) -> None:
    network = str(plan_path("network"))
    args = ("check", "terraform", network, "--rule", "net-ingress-rule-admin-ports", "--fail-on", "none")
    assert hitrust(*args).returncode == 3  # the bastion's /32 is only known after apply
    doc = json.loads(hitrust(*args, "--format", "json").stdout)
    unknown = sorted({f["resource"]["native_id"] for f in doc["findings"] if f["status"] == "UNKNOWN"})
    path = write(tmp_path, *({"rule": "net-ingress-rule-admin-ports", "resource": r, "expires": ACTIVE}
                             for r in unknown))
    proc = hitrust(*args, "--format", "json", "--suppressions", path)
    assert proc.returncode == 0, proc.stderr
    assert {(v[1], v[2], v[3]) for v in verdicts(json.loads(proc.stdout)) if v[2] == "UNKNOWN"} == {
        (r, "UNKNOWN", False) for r in unknown}


def test_demo_scan_marks_exactly_the_covered_findings(tmp_path: Path) -> None:
    path = write(tmp_path,
                 {"rule": "net-ingress-rule-admin-ports", "name": "bastion", "account": "123456789012",
                  "expires": ACTIVE},
                 {"rule": "enc-object-store-*", "resource": "arn:aws:s3:::acme-marketing-site", "expires": ACTIVE},
                 {"rule": "log-network-flow-logs", "region": "eu-west-1", "expires": LAPSED},
                 {"rule": "iam-root-account-mfa", "account": "000000000000", "expires": ACTIVE},
                 {"rule": "log-*", "tags": {"env": "dev"}, "expires": ACTIVE})
    proc = hitrust("demo", "--format", "json", "--suppressions", path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert {v for v in verdicts(doc, "name") if v[3] is not None} == {
        ("net-ingress-rule-admin-ports", "bastion", "FAIL", False),
        ("enc-object-store-kms", "acme-marketing-site", "FAIL", False),
        ("enc-object-store-tls-only", "acme-marketing-site", "FAIL", False),
        ("log-network-flow-logs", "app-eu-west-1", "FAIL", True),
        ("log-network-flow-logs", "vpc-<default>@eu-west-1", "FAIL", True),
    }
    assert ("net-ingress-rule-admin-ports", "debug-anywhere", "FAIL", None) in verdicts(doc, "name")
    assert ("log-network-flow-logs", "vpc-<default>@us-east-1", "FAIL", None) in verdicts(doc, "name")
    assert [(r["matched"], r["expired"]) for r in doc["suppressions"]] == [
        (1, False), (2, False), (2, True), (0, False), (0, False)]
    assert "suppressions[3] (iam-root-account-mfa on account=000000000000) matched nothing" in proc.stderr
    assert "suppressions[4] (log-* on tags={env: dev}) matched nothing (tags are only known to Pulumi packs)" \
        in proc.stderr


@pytest.mark.parametrize("command", [
    ("scan", "aws", "--endpoint-url", "http://127.0.0.1:9", "--regions", "us-east-1"),
    ("check", "terraform", "tests/terraform/aws/audit/plan.json"),
    ("demo",),
])
def test_an_invalid_file_is_a_usage_error_before_any_scan(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = write(tmp_path, {"rule": "net-*", "name": "x", "expires": ACTIVE},
                 {"rule": "net-*", "name": "x", "expires": "soon"})
    proc = hitrust(*command, "--suppressions", path)
    assert proc.returncode == 2, proc.stderr
    assert f'{path}: suppressions[1].expires: expected YYYY-MM-DD, got "soon"' in " ".join(proc.stderr.split())
    assert "HITRUST findings" not in proc.stdout


def test_an_unknown_rule_id_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, {"rule": "enc-no-such-rule", "name": "x", "expires": ACTIVE})
    proc = hitrust("check", "terraform", "tests/terraform/aws/audit/plan.json", "--suppressions", path)
    assert proc.returncode == 2
    assert f'{path}: suppressions[0].rule: "enc-no-such-rule" matches no rule id' in " ".join(proc.stderr.split())


def test_gcp_demo_scan_matches_the_project_as_account(tmp_path: Path) -> None:
    path = write(tmp_path, {"rule": "net-ingress-rule-admin-ports", "name": "default-allow-*",
                            "account": "acme-analytics-dev", "expires": ACTIVE})
    proc = hitrust("demo", "--cloud", "gcp", "--format", "json", "--suppressions", path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert {v for v in verdicts(doc, "name") if v[3] is not None} == {
        ("net-ingress-rule-admin-ports", "default-allow-rdp", "FAIL", False),
        ("net-ingress-rule-admin-ports", "default-allow-ssh", "FAIL", False),
    }
    assert ("net-ingress-rule-admin-ports", "allow-postgres-anywhere", "FAIL", None) in verdicts(doc, "name")
