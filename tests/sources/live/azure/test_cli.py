"""``hitrust scan azure`` as a user runs it: a subprocess against the fake tenant, with a bearer token."""

from __future__ import annotations

import json
from pathlib import Path

from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.azure.conftest import SUB, SUB2
from tests.sources.live.azure.tenant import seed
from tests.test_cli import hitrust

TOKEN = {"AZURE_ACCESS_TOKEN": "fake-arm-token"}


def found(report: dict) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["name"], f["status"]) for f in report["findings"]}


def test_scan_reports_exact_findings_and_fails(fake: FakeAzure, tmp_path: Path) -> None:
    seed(fake)
    out = tmp_path / "report.json"
    proc = hitrust("scan", "azure", "--auth", "token", "--arm-endpoint", fake.endpoint, "--subscription", SUB,
                   "--subscription", SUB2, "--format", "json", "--output", str(out),
                   "--rule", "net-ingress-rule-admin-ports", "--rule", "enc-object-store-tls-only", env=TOKEN)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(out.read_text())
    assert found(report) == {
        ("net-ingress-rule-admin-ports", "web-nsg", "FAIL"),
        ("net-ingress-rule-admin-ports", "web-nsg", "PASS"),  # the NSG's default VirtualNetwork / LB rules
        ("enc-object-store-tls-only", "phirecords", "PASS"),
        ("enc-object-store-tls-only", "publicweb", "FAIL"),
        ("net-ingress-rule-admin-ports", "pg-phi", "PASS"),  # one office address
        ("net-ingress-rule-admin-ports", "my-dev", "FAIL"),  # 0.0.0.0-255.255.255.255
    }
    assert report["provider"] == "azure" and report["complete"] is True
    assert {(c["account"], c["collector"], c["status"]) for c in report["coverage"]} == {
        (sub, f, "ok") for sub in (SUB, SUB2)  # a filtered scan runs only the families its two rules judge
        for f in ("flexible-database-servers", "network-security-groups", "sql-servers", "storage-accounts")}
    assert {r.method for r in fake.requests} == {"GET", "POST"}
    assert all(r.method == "GET" or r.path == "/providers/Microsoft.ResourceGraph/resources" for r in fake.requests)


def test_incomplete_scan_exits_3(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", query="microsoft.sql")
    fake.fail(403, "AuthorizationFailed", query="flexibleservers")
    proc = hitrust("scan", "azure", "--auth", "token", "--arm-endpoint", fake.endpoint, "--subscription", SUB,
                   "--rule", "enc-block-volume-encrypted", "--rule", "net-database-not-public", "--format", "json",
                   env=TOKEN)
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    assert found(report) == {("enc-block-volume-encrypted", "vm1_OsDisk", "PASS"),
                             ("net-database-not-public", f"sql-servers in subscription {SUB}", "UNKNOWN"),
                             ("net-database-not-public", f"flexible-database-servers in subscription {SUB}",
                              "UNKNOWN")}


def test_nothing_read_exits_3_with_the_reason(fake: FakeAzure) -> None:
    fake.fail(403, "AuthorizationFailed", path="/subscriptions/")  # every query, and the subscription-level reads
    fake.fail(403, "AuthorizationFailed", path="resourcegraph")
    proc = hitrust("scan", "azure", "--auth", "token", "--arm-endpoint", fake.endpoint, "--subscription", SUB,
                   env=TOKEN)
    assert proc.returncode == 3
    assert ("error: scan incomplete: nothing could be read: AccessDenied: Microsoft.Insights/DiagnosticSettings/Read "
            "(activity-log-diagnostic-settings); AccessDenied: Microsoft.ResourceGraph/resources/read") in proc.stderr


def test_from_export(fake: FakeAzure, tmp_path: Path) -> None:
    rows = seed(fake)
    path = tmp_path / "rows.json"
    path.write_text(json.dumps({"count": len(rows), "data": rows, "skip_token": None, "total_records": len(rows)}))
    proc = hitrust("scan", "azure", "--from-export", str(path), "--rule", "net-ingress-rule-admin-ports",
                   "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert found(json.loads(proc.stdout)) == {("net-ingress-rule-admin-ports", "web-nsg", "FAIL"),
                                                 ("net-ingress-rule-admin-ports", "web-nsg", "PASS"),
                                                 # its firewall rules are an ARM listing, not in the export
                                                 ("net-ingress-rule-admin-ports", "sql-phi", "UNKNOWN"),
                                                 ("net-ingress-rule-admin-ports", "pg-phi", "UNKNOWN"),
                                                 ("net-ingress-rule-admin-ports", "my-dev", "UNKNOWN")}
    assert fake.requests == []


def test_usage_errors() -> None:
    assert hitrust("scan", "azure").returncode == 2
    bad = hitrust("scan", "azure", "--subscription", "prod")
    assert bad.returncode == 2 and "not a subscription id" in bad.stderr
    no_token = hitrust("scan", "azure", "--auth", "token", "--subscription", SUB, env={"AZURE_ACCESS_TOKEN": ""})
    assert no_token.returncode == 2 and "AZURE_ACCESS_TOKEN" in no_token.stderr


def test_permissions_azure_prints_the_custom_role() -> None:
    proc = hitrust("permissions", "azure")
    assert proc.returncode == 0
    role = json.loads(proc.stdout)
    root = Path(__file__).resolve().parents[4]
    assert role == json.loads((root / "scanners" / "azure" / "custom-role.json").read_text())


def test_rule_options_tune_an_azure_scan_as_they_do_an_aws_one(fake: FakeAzure) -> None:
    """With the admin-port set narrowed to 8443/tcp, the NSG's SSH-from-Internet rule is no admin opening."""
    seed(fake)
    proc = hitrust("scan", "azure", "--auth", "token", "--arm-endpoint", fake.endpoint, "--subscription", SUB,
                   "--rule", "net-ingress-rule-admin-ports", "--format", "json",
                   "--rule-option", "net-ingress-rule-admin-ports.ports=tcp/8443", env=TOKEN)
    assert proc.returncode == 0, proc.stderr
    assert found(json.loads(proc.stdout)) == {("net-ingress-rule-admin-ports", "web-nsg", "PASS"),
                                              ("net-ingress-rule-admin-ports", "pg-phi", "PASS")}
    bad = hitrust("scan", "azure", "--auth", "token", "--arm-endpoint", fake.endpoint, "--subscription", SUB,
                  "--rule-option", "net-ingress-rule-admin-ports.prots=22", env=TOKEN)
    assert bad.returncode == 2 and "net-ingress-rule-admin-ports: no option 'prots'" in bad.stderr
