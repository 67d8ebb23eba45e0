"""``hitrust scan gcp`` as a user runs it: a subprocess against the fake organization, with a token file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.gcp.conftest import DEV, ORG, PROD, TOKEN
from tests.sources.live.gcp.org import seed
from tests.test_cli import hitrust

FAMILIES = ("buckets", "firewalls")  # what the two rules below judge: a filtered scan lists nothing else


def found(report: dict) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["name"], f["status"]) for f in report["findings"]}


def token_file(tmp_path: Path) -> str:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n")
    return str(path)


def test_scan_reports_exact_findings_and_fails(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    out = tmp_path / "report.json"
    proc = hitrust("scan", "gcp", "--access-token-file", token_file(tmp_path), "--api-endpoint", fake.endpoint,
                   "--project", PROD.id, "--project", DEV.id, "--format", "json", "--output", str(out),
                   "--rule", "net-ingress-rule-admin-ports", "--rule", "net-object-store-public-access-blocked")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    assert found(report) == {
        ("net-ingress-rule-admin-ports", "allow-ssh", "FAIL"),
        ("net-ingress-rule-admin-ports", "allow-https", "PASS"),
        ("net-ingress-rule-admin-ports", "dev-all", "PASS"),
        ("net-object-store-public-access-blocked", "phi-records", "PASS"),
        ("net-object-store-public-access-blocked", "dev-public", "FAIL"),
    }
    assert report["provider"] == "gcp" and report["complete"] is True
    assert {(c["account"], c["collector"], c["status"]) for c in report["coverage"]} == {
        (f"projects/{p}", f, "ok") for p in (PROD.id, DEV.id) for f in FAMILIES}
    assert {(r.method, r.authorization) for r in fake.requests} == {("GET", f"Bearer {TOKEN}")}


def test_organization_scan_with_a_rule_option_is_clean(fake: FakeGcp, tmp_path: Path) -> None:
    """Exit 0: everything read and nothing failing at or above --fail-on."""
    fake.add(ga.firewall(PROD, "allow-https", allowed=[("tcp", ["443"])]))
    proc = hitrust("scan", "gcp", "--access-token-file", token_file(tmp_path), "--api-endpoint", fake.endpoint,
                   "--organization", ORG, "--rule", "net-ingress-rule-admin-ports", "--format", "json",
                   "--rule-option", "net-ingress-rule-admin-ports.ports=default,tcp/8443")
    assert proc.returncode == 0, proc.stderr
    assert found(json.loads(proc.stdout)) == {("net-ingress-rule-admin-ports", "allow-https", "PASS")}


def test_incomplete_scan_exits_3(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    fake.fail(403, asset_type="sqladmin.googleapis.com/Instance")
    proc = hitrust("scan", "gcp", "--access-token-file", token_file(tmp_path), "--api-endpoint", fake.endpoint,
                   "--project", PROD.id, "--rule", "enc-block-volume-encrypted", "--rule", "net-database-not-public",
                   "--format", "json")
    assert proc.returncode == 3, proc.stderr
    assert found(json.loads(proc.stdout)) == {("enc-block-volume-encrypted", "web-1", "PASS"),
                                              ("net-database-not-public", "sql-instances in projects/phi-prod",
                                               "UNKNOWN")}


def test_nothing_read_exits_3_with_the_reason(fake: FakeGcp, tmp_path: Path) -> None:
    fake.fail(403)
    proc = hitrust("scan", "gcp", "--access-token-file", token_file(tmp_path), "--api-endpoint", fake.endpoint,
                   "--project", PROD.id)
    assert proc.returncode == 3
    assert "error: scan incomplete: nothing could be read: AccessDenied: cloudasset.assets.listResource" in proc.stderr


def test_from_export(fake: FakeGcp, tmp_path: Path) -> None:
    lines = seed(fake)
    path = ga.write_export(tmp_path / "assets.json", lines)
    proc = hitrust("scan", "gcp", "--from-export", str(path), "--rule", "net-ingress-rule-admin-ports",
                   "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert found(json.loads(proc.stdout)) == {("net-ingress-rule-admin-ports", "allow-ssh", "FAIL"),
                                                 ("net-ingress-rule-admin-ports", "allow-https", "PASS"),
                                                 ("net-ingress-rule-admin-ports", "dev-all", "PASS")}
    assert fake.requests == []


def test_usage_errors(tmp_path: Path) -> None:
    assert hitrust("scan", "gcp").returncode == 2
    bad = hitrust("scan", "gcp", "--project", "Bad_Project!")
    assert bad.returncode == 2 and "not a project id or number" in bad.stderr
    folder = hitrust("scan", "gcp", "--folder", "engineering")
    assert folder.returncode == 2 and "not a folder number" in folder.stderr
    http = hitrust("scan", "gcp", "--project", PROD.id, "--api-endpoint", "http://cloudasset.example.com",
                   "--access-token-file", token_file(tmp_path))
    assert http.returncode == 2 and "is not https" in http.stderr
    empty = tmp_path / "empty"
    empty.write_text("")
    no_token = hitrust("scan", "gcp", "--project", PROD.id, "--access-token-file", str(empty))
    assert no_token.returncode == 2 and "is empty" in no_token.stderr
    export = tmp_path / "x.json"
    export.write_text("not json\n")
    both = hitrust("scan", "gcp", "--project", PROD.id, "--from-export", str(export))
    assert both.returncode == 2 and "takes no --project" in both.stderr
    bad_export = hitrust("scan", "gcp", "--from-export", str(export))
    assert bad_export.returncode == 2 and "line 1 is not JSON" in bad_export.stderr


def test_permissions_gcp_prints_the_custom_role() -> None:
    proc = hitrust("permissions", "gcp")
    assert proc.returncode == 0
    root = Path(__file__).resolve().parents[4]
    assert proc.stdout == (root / "scanners" / "gcp" / "custom-role.yaml").read_text()
    assert yaml.safe_load(proc.stdout)["includedPermissions"] == [
        "cloudasset.assets.listIamPolicy", "cloudasset.assets.listResource", "serviceusage.services.use"]
