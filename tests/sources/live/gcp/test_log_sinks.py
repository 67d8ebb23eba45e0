"""Log sinks of projects, folders and organizations -> each project's LogExport: exact verdicts of
log-log-export-all-entries, at organization and project scope, denied listings, export parity."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import LogExport
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, FOLDER, ORG, PROD, families, scan

RULE = "log-log-export-all-entries"
ARCHIVE = "storage.googleapis.com/phi-log-archive"
THIRD = ga.Project("phi-lab", "620394857112", folders=(FOLDER,), organization=ORG)


def seed(fake: FakeGcp) -> None:
    """prod exports everything itself; the folder's including sink covers the lab project; dev (outside
    the folder) has only sinks that leave entries out: filtered, disabled, with an exclusion, and the
    organization's sink that does not include children."""
    fake.add_project(THIRD.id, THIRD.number)
    fake.add(
        ga.project(THIRD), ga.organization(PROD), ga.folder(PROD, FOLDER),
        *ga.default_sinks(PROD), *ga.default_sinks(DEV), *ga.default_sinks(THIRD),
        ga.log_sink(PROD, "all-to-archive", ARCHIVE),
        ga.log_sink(PROD, "clinical-everything", ARCHIVE, owner=f"folders/{FOLDER}", include_children=True),
        ga.log_sink(PROD, "org-own-logs", ARCHIVE, owner=f"organizations/{ORG}"),  # not its children's
        ga.log_sink(DEV, "errors-only", ARCHIVE, log_filter="severity>=ERROR"),
        ga.log_sink(DEV, "paused", ARCHIVE, disabled=True),
        ga.log_sink(DEV, "no-debug", ARCHIVE, exclusions=[{"name": "debug", "filter": "severity<=DEBUG"}]),
        ga.iam_policy(PROD, ("roles/viewer", ["group:care@example.org"])),
    )


def test_organization_scan_verdicts(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG])
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == set(table(f"""
        {RULE}  {PROD.id}   PASS
        {RULE}  {THIRD.id}  PASS
        {RULE}  {DEV.id}    FAIL
    """))
    exports = {r.ref.name: r for r in result.resources if isinstance(r, LogExport)}
    assert exports[PROD.id].sinks_exporting_all == (f"folders/{FOLDER}/sinks/clinical-everything",
                                                    f"projects/{PROD.id}/sinks/all-to-archive")
    assert exports[THIRD.id].sinks_exporting_all == (f"folders/{FOLDER}/sinks/clinical-everything",)
    assert {f.message for f in result.findings() if f.rule_id == RULE and f.status.value == "FAIL"} == {
        "no enabled sink without filter or exclusions routes every log entry out of the project"}


def test_project_scan_cannot_see_ancestors_sinks(fake: FakeGcp) -> None:
    """Project by project, the folder's and organization's sinks are out of sight: a project without an
    exporting sink of its own is UNKNOWN, one with it PASSes."""
    seed(fake)
    result = scan(fake, "resource-hierarchy", projects=[PROD.id, DEV.id, THIRD.id])
    assert verdicts(result.findings(), [RULE]) == set(table(f"""
        {RULE}  {PROD.id}   PASS
        {RULE}  {THIRD.id}  UNKNOWN
        {RULE}  {DEV.id}    UNKNOWN
    """))
    assert reasons(result.findings(), [RULE]) == {
        (RULE, THIRD.id,
         f"sinks of folders/{FOLDER}, organizations/{ORG} not read (scan the organization to see them)"),
        (RULE, DEV.id, f"sinks of organizations/{ORG} not read (scan the organization to see them)")}


def test_denied_listing_is_a_gap(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, content_type="RESOURCE", asset_type="logging.googleapis.com/LogSink")
    result = scan(fake, "resource-hierarchy", "disks")
    where = f"resource-hierarchy in projects/{PROD.id}"
    assert reasons(result.findings(), [RULE]) == {
        (RULE, where, f"AccessDenied: cloudasset.assets.listResource ({where})")}


def test_export_gives_the_organization_scan_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    live = scan(fake, "resource-hierarchy", projects=(), organizations=[ORG]).findings()
    lines = fake.export_lines()
    resources = ga.write_export(tmp_path / "resource.json", [a for a in lines if "resource" in a])
    policies = ga.write_export(tmp_path / "iam-policy.json", [a for a in lines if "iam_policy" in a])
    offline = scan_export([resources, policies], families("resource-hierarchy")).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
    assert verdicts(offline, [RULE]) == verdicts(live, [RULE])
