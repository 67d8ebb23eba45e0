"""--from-export: Cloud Asset Inventory export files give the live scan's findings, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrust_policies.findings import Status
from hitrust_policies.sources.live.aws.scan import ScanError
from hitrust_policies.sources.live.gcp.scan import NO_IAM_IN_EXPORT, ExportError, iter_export, scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, scan
from tests.sources.live.gcp.org import org_lines, seed

PUBLIC_RULE = "net-object-store-public-access-blocked"
# every member of org.py's project policies holds one role: no conflict, no project-wide impersonation
MEMBER_ROLES = "".join(f"\n{rule}  projects/{member}  PASS" for rule in (
    "iam-service-account-duties-separated", "iam-kms-duties-separated", "iam-service-account-impersonation-scoped")
    for member in (f"{DEV.id}/serviceAccount:ci@{DEV.id}.iam.gserviceaccount.com", f"{PROD.id}/user:ana@example.org",
                   f"{PROD.id}/group:care@example.org"))


def quads(findings: list) -> set[tuple[str, str, str, str]]:
    return {(f.id, f.rule_id, f.resource.name, f.status.value) for f in findings}


# a role binding names a role, neither a service wildcard nor keys: these two pass every binding (not judged)
NOT_JUDGED_GRANTS = "".join(f"\n{rule}  {grant}  PASS" for rule in (
    "iam-policy-grant-no-service-wildcard", "iam-policy-grant-no-kms-decrypt-all-keys") for grant in (
    "projects/phi-dev/roles/editor/serviceAccount:ci@phi-dev.iam.gserviceaccount.com",
    "projects/phi-prod/roles/owner/user:ana@example.org", "projects/phi-prod/roles/viewer/group:care@example.org"))


def test_export_gives_the_live_findings(fake: FakeGcp, tmp_path: Path) -> None:
    """The same finding ids, rules, resources and statuses (and messages) as a live scan of the same assets,
    from a resource export and an IAM policy export, as `gcloud asset export` writes them."""
    lines = seed(fake)
    live = scan(fake, projects=[PROD.id, DEV.id]).findings()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in lines if "resource" in a])
    policies = ga.write_export(tmp_path / "iam-policy.json", [a for a in lines if "iam_policy" in a])
    offline = scan_export([resources, policies])
    assert quads(offline.findings()) == quads(live)
    assert {(f.id, f.message) for f in offline.findings()} == {(f.id, f.message) for f in live}
    assert {f.resource.source for f in offline.findings()} == {"export"}
    assert {(c.account, c.collector, c.status) for c in offline.coverage} == {
        (f"projects/{p}", f, "ok") for p in (PROD.id, DEV.id)
        for f in ("buckets", "disks", "firewalls", "instances", "kms-keys", "networks", "sql-instances",
                  "resource-hierarchy", "service-account-keys", "log-buckets", "load-balancer-proxies",
                  "bigquery-datasets", "dns-zones", "log-archives")}
    assert offline.complete
    assert verdicts(live, {f.rule_id for f in live}) == set(table("""
        enc-block-volume-encrypted                dev-1         PASS
        enc-block-volume-encrypted                web-1         PASS
        enc-block-volume-kms                      dev-1         FAIL
        enc-block-volume-kms                      web-1         FAIL
        enc-instance-host-encryption              dev-vm        PASS
        enc-instance-host-encryption              web-vm        PASS
        net-instance-no-public-ip                 dev-vm        PASS
        net-instance-no-public-ip                 web-vm        FAIL
        iam-instance-os-login                     dev-vm        FAIL
        iam-instance-os-login                     web-vm        PASS
        iam-instance-project-ssh-keys-blocked     dev-vm        FAIL
        iam-instance-project-ssh-keys-blocked     web-vm        PASS
        net-instance-serial-port-disabled         dev-vm        FAIL
        net-instance-serial-port-disabled         web-vm        PASS
        iam-instance-default-service-account      dev-vm        FAIL
        iam-instance-default-service-account      web-vm        PASS
        iam-instance-default-service-account-full-access  dev-vm    FAIL
        iam-instance-default-service-account-full-access  web-vm    PASS
        net-instance-ip-forwarding-off            dev-vm        PASS
        net-instance-ip-forwarding-off            web-vm        PASS
        enc-crypto-key-rotation                   dev/scratch   FAIL
        enc-crypto-key-rotation                   phi/records   PASS
        net-crypto-key-not-public                 dev/scratch   PASS
        net-crypto-key-not-public                 phi/records   PASS
        enc-crypto-key-not-pending-deletion       dev/scratch   PASS
        enc-crypto-key-not-pending-deletion       phi/records   PASS
        enc-database-storage-encrypted            claims-pg     PASS
        enc-database-storage-encrypted            dev-mysql     PASS
        enc-database-storage-kms                  claims-pg     FAIL
        enc-database-storage-kms                  dev-mysql     FAIL
        iam-database-directory-auth               claims-pg     FAIL
        iam-database-directory-auth               dev-mysql     FAIL
        enc-object-store-default-encryption       dev-public    PASS
        enc-object-store-default-encryption       phi-records   PASS
        enc-object-store-kms                      dev-public    FAIL
        enc-object-store-kms                      phi-records   PASS
        enc-object-store-tls-only                 dev-public    FAIL
        enc-object-store-tls-only                 phi-records   FAIL
        log-network-flow-logs                     default       FAIL
        log-network-flow-logs                     phi-vpc       PASS
        net-network-default-absent                default       FAIL
        net-network-default-absent                phi-vpc       PASS
        log-object-store-access-logging           dev-public    FAIL
        log-object-store-access-logging           phi-records   PASS
        net-database-not-public                   claims-pg     PASS
        net-database-not-public                   dev-mysql     FAIL
        net-ingress-rule-admin-ports              allow-https   PASS
        net-ingress-rule-admin-ports              allow-ssh     FAIL
        net-ingress-rule-admin-ports              dev-all       PASS
        net-object-store-public-access-blocked    dev-public    FAIL
        net-object-store-public-access-blocked    phi-records   PASS
        enc-log-group-audit-kms                   phi-dev/global/_Default    FAIL
        enc-log-group-audit-kms                   phi-prod/global/_Default   FAIL
        enc-log-group-audit-kms                   phi-prod/global/_Required  FAIL
        iam-credential-rotated                    ci@phi-dev.iam.gserviceaccount.com/9b71f2    FAIL
        iam-credential-rotated                    etl@phi-prod.iam.gserviceaccount.com/5e3a0c  PASS
        iam-credential-unused                     ci@phi-dev.iam.gserviceaccount.com/9b71f2    PASS
        iam-credential-unused                     etl@phi-prod.iam.gserviceaccount.com/5e3a0c  PASS
        iam-service-account-no-user-keys          ci@phi-dev.iam.gserviceaccount.com/9b71f2    FAIL
        iam-service-account-no-user-keys          etl@phi-prod.iam.gserviceaccount.com/5e3a0c  FAIL
        iam-policy-grant-no-admin  projects/phi-dev/roles/editor/serviceAccount:ci@phi-dev.iam.gserviceaccount.com  FAIL
        iam-policy-grant-no-admin                 projects/phi-prod/roles/owner/user:ana@example.org       FAIL
        iam-policy-grant-no-admin                 projects/phi-prod/roles/viewer/group:care@example.org    PASS
        log-audit-coverage-multi-region           phi-dev    UNKNOWN
        log-audit-coverage-multi-region           phi-prod   UNKNOWN
        log-audit-trail-object-data-events        phi-dev    PASS
        log-audit-trail-object-data-events        phi-prod   PASS
        log-log-group-retention                   phi-dev/global/_Default    FAIL
        log-log-group-retention                   phi-prod/global/_Default   PASS
        log-log-group-retention                   phi-prod/global/_Required  PASS
        enc-tls-listener-modern                   portal-https  PASS
        enc-tls-listener-modern                   portal-http   PASS
        enc-tls-listener-modern                   dev-ssl       FAIL
        enc-tls-listener-modern                   claims-pg     FAIL
        enc-tls-listener-modern                   dev-mysql     FAIL
        log-log-export-all-entries                phi-prod      PASS
        log-log-export-all-entries                phi-dev       UNKNOWN
        net-dataset-not-public                    claims        PASS
        net-dataset-not-public                    scratch       FAIL
        enc-dataset-kms                           claims        PASS
        enc-dataset-kms                           scratch       FAIL
        enc-dns-zone-dnssec                       portal        PASS
        enc-dns-zone-dnssec                       dev-zone      FAIL
        enc-dns-zone-strong-signing               portal        PASS
        enc-dns-zone-strong-signing               dev-zone      PASS
        log-log-archive-retention-locked          projects/phi-prod/sinks/all-to-archive  UNKNOWN
        log-database-connection-logging           claims-pg     FAIL
        log-database-statements-not-logged        claims-pg     PASS
        log-database-audit-extension              claims-pg     FAIL
        log-database-error-logging                claims-pg     PASS
        enc-database-storage-encrypted            dev-mssql     PASS
        enc-database-storage-kms                  dev-mssql     FAIL
        iam-database-directory-auth               dev-mssql     FAIL
        net-database-not-public                   dev-mssql     PASS
        enc-tls-listener-modern                   dev-mssql     UNKNOWN
        iam-database-contained-auth-off           dev-mssql     PASS
        iam-database-cross-db-ownership-chaining-off  dev-mssql  PASS
        net-database-remote-access-off            dev-mssql     FAIL
        iam-database-local-infile-off             dev-mysql     FAIL
        iam-database-show-databases-restricted    dev-mysql     FAIL
    """ + MEMBER_ROLES + NOT_JUDGED_GRANTS))


def test_export_without_iam_policies_says_so(tmp_path: Path) -> None:
    """A resource-only export: public access is UNKNOWN where only IAM could decide it, with the reason."""
    path = ga.write_export(tmp_path / "resource.json", [a for a in org_lines() if "resource" in a])
    result = scan_export([path])
    public = {(f.resource.name, f.status, f.message) for f in result.findings() if f.rule_id == PUBLIC_RULE}
    assert public == {("phi-records", Status.UNKNOWN, NO_IAM_IN_EXPORT),
                      ("dev-public", Status.UNKNOWN, NO_IAM_IN_EXPORT)}
    assert not result.complete


def test_camel_case_json_array_is_read_too(tmp_path: Path) -> None:
    """`gcloud asset list --format=json` (camelCase envelope, one array) and the policy-library fixtures'
    JSON arrays read the same as JSON lines."""
    lines = org_lines()
    camel = [{("assetType" if k == "asset_type" else "iamPolicy" if k == "iam_policy" else k): v
              for k, v in line.items()} for line in lines]
    path = tmp_path / "assets.json"
    path.write_text(json.dumps(camel, indent=2))
    lines_path = ga.write_export(tmp_path / "assets.jsonl", lines)
    assert [a["name"] for a in iter_export(path)] == [a["name"] for a in iter_export(lines_path)]
    assert quads(scan_export([path]).findings()) == quads(scan_export([lines_path]).findings())


def test_export_is_streamed_and_filtered(tmp_path: Path) -> None:
    """Assets of types no family reads are dropped while reading (the scan holds only what it evaluates)."""
    other = {**ga.disk(PROD, "x"), "name": "//pubsub.googleapis.com/projects/phi-prod/topics/t",
             "asset_type": "pubsub.googleapis.com/Topic"}
    path = ga.write_export(tmp_path / "assets.json", [other, ga.disk(PROD, "web-1")])
    result = scan_export([path])
    assert [r.ref.name for r in result.resources] == ["web-1"]


@pytest.mark.parametrize("content, message", [
    ("not json\n", "line 1 is not JSON"),
    ('{"name": "//x"}\n', "line 1 has no 'name' and 'asset_type'"),
    ("[1, 2]", "item 0 has no 'name' and 'asset_type'"),
])
def test_bad_exports_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "assets.json"
    path.write_text(content)
    with pytest.raises(ExportError, match=message):
        scan_export([path])


def test_export_with_nothing_evaluable_is_an_error(tmp_path: Path) -> None:
    topic = {**ga.disk(PROD, "x"), "name": "//pubsub.googleapis.com/projects/phi-prod/topics/t",
             "asset_type": "pubsub.googleapis.com/Topic"}
    path = ga.write_export(tmp_path / "assets.json", [topic])
    with pytest.raises(ScanError, match="holds no asset of a type the scanner evaluates"):
        scan_export([path])


def test_projects_named_later_in_the_file_rename_streamed_resources(tmp_path: Path) -> None:
    """A bucket-less export where the project asset comes last: resources read before it (named by the
    project number only in their ancestors) still end up under the project id, and a family whose every
    asset yields nothing (an egress-only firewall) is still covered."""
    disk = ga.disk(PROD, "web-1")
    disk["name"] = disk["name"].replace(f"projects/{PROD.id}/", f"projects/{PROD.number}/")
    path = ga.write_export(tmp_path / "assets.json", [
        disk, ga.firewall(PROD, "egress-only", direction="EGRESS"), ga.project(PROD)])
    result = scan_export([path])
    disks = [(r.ref.name, r.ref.account) for r in result.resources if r.ref.native_type.endswith("/Disk")]
    assert disks == [("web-1", PROD.id)]
    assert {(c.account, c.collector, c.resources) for c in result.coverage} == {
        (f"projects/{PROD.id}", "disks", 1), (f"projects/{PROD.id}", "firewalls", 0),
        (f"projects/{PROD.id}", "resource-hierarchy", 4)}  # the project: its IAM policy not exported, unknown
