"""Log sinks joined with the buckets they route to -> LogArchive: exact verdicts of
log-log-archive-retention-locked, at project and organization scope and from an export."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import LogArchive
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, ORG, PROD, families, scan

RULE = "log-log-archive-retention-locked"
SINK = "logging.googleapis.com/LogSink"
ROUTER = f"logging.googleapis.com/projects/{PROD.id}/locations"


def seed(fake: FakeGcp) -> None:
    fake.add(
        *ga.default_sinks(PROD), *ga.default_sinks(DEV),  # the router's own: not archives
        ga.log_bucket(PROD, "_Required", retention_days=400), ga.log_bucket(PROD, "_Default"),
        ga.bucket(PROD, "phi-log-archive", retention_days=2190, retention_locked=True),
        ga.log_sink(PROD, "to-locked", "storage.googleapis.com/phi-log-archive"),
        ga.bucket(PROD, "phi-log-unlocked", retention_days=2190),
        ga.log_sink(PROD, "to-unlocked", "storage.googleapis.com/phi-log-unlocked", log_filter="severity>=ERROR"),
        ga.bucket(PROD, "phi-plain"),
        ga.log_sink(PROD, "old-archive", "storage.googleapis.com/phi-plain", disabled=True),
        ga.log_bucket(PROD, "audit-locked", location="us-central1", retention_days=2190, locked=True),
        ga.log_sink(PROD, "to-log-bucket", f"{ROUTER}/us-central1/buckets/audit-locked"),
        ga.log_bucket(PROD, "audit-open", location="us-central1", retention_days=2190),
        # the router names the bucket's project by number, the asset by id
        ga.log_sink(PROD, "to-open-log-bucket",
                    f"logging.googleapis.com/projects/{PROD.number}/locations/us-central1/buckets/audit-open"),
        ga.log_sink(PROD, "to-bigquery", f"bigquery.googleapis.com/projects/{PROD.id}/datasets/logs"),
        ga.log_sink(PROD, "to-partner", "storage.googleapis.com/partner-archive"),  # in no project scanned
        ga.bucket(DEV, "dev-archive", retention_days=400, retention_locked=True),
        ga.log_sink(PROD, "to-dev-bucket", "storage.googleapis.com/dev-archive"),
        ga.log_sink(PROD, "org-archive", "storage.googleapis.com/phi-log-unlocked", owner=f"organizations/{ORG}",
                    include_children=True),
    )


def test_project_scope(fake: FakeGcp) -> None:
    """A locked storage retention policy or a locked log bucket passes; no policy, an unlocked one, an
    unlocked log bucket fail, a disabled sink's bucket included; BigQuery and the router's own sinks are no
    archives; a bucket in a project not scanned is unknown."""
    seed(fake)
    result = scan(fake, "log-archives")
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == table(f"""
        {RULE}  projects/phi-prod/sinks/to-locked           PASS
        {RULE}  projects/phi-prod/sinks/to-unlocked         FAIL
        {RULE}  projects/phi-prod/sinks/old-archive         FAIL
        {RULE}  projects/phi-prod/sinks/to-log-bucket       PASS
        {RULE}  projects/phi-prod/sinks/to-open-log-bucket  FAIL
        {RULE}  projects/phi-prod/sinks/to-partner          UNKNOWN
        {RULE}  projects/phi-prod/sinks/to-dev-bucket       UNKNOWN
    """)
    assert reasons(result.findings(), [RULE]) == {
        (RULE, f"projects/phi-prod/sinks/to-{b}-bucket" if b == "dev" else "projects/phi-prod/sinks/to-partner",
         f"storage.googleapis.com/{b}-archive not in the inventory (scan the project or organization holding it)")
        for b in ("dev", "partner")}
    messages = {f.resource.name.rsplit("/", 1)[-1]: f.message for f in result.findings() if f.status.value == "FAIL"}
    assert messages == {
        "to-unlocked": "exports logs to storage.googleapis.com/phi-log-unlocked, whose retention policy is not locked",
        "old-archive": "exports logs to storage.googleapis.com/phi-plain, whose retention policy is not locked",
        "to-open-log-bucket": f"exports logs to logging.googleapis.com/projects/{PROD.number}/locations/us-central1/"
                              "buckets/audit-open, whose retention policy is not locked"}
    [archive] = [r for r in result.resources if r.ref.name.endswith("/to-locked")]
    assert archive == LogArchive(archive.ref, "storage.googleapis.com/phi-log-archive", True)
    assert (archive.ref.native_type, archive.ref.account) == (SINK, PROD.id)


def test_organization_scope_joins_across_projects(fake: FakeGcp) -> None:
    """Listed at the organization, the DEV bucket is seen, and the organization's own sink is judged once,
    under the organization."""
    seed(fake)
    result = scan(fake, "log-archives", projects=[], organizations=[ORG])
    assert result.complete
    found = verdicts(result.findings(), [RULE])
    assert found == table(f"""
        {RULE}  projects/phi-prod/sinks/to-locked           PASS
        {RULE}  projects/phi-prod/sinks/to-unlocked         FAIL
        {RULE}  projects/phi-prod/sinks/old-archive         FAIL
        {RULE}  projects/phi-prod/sinks/to-log-bucket       PASS
        {RULE}  projects/phi-prod/sinks/to-open-log-bucket  FAIL
        {RULE}  projects/phi-prod/sinks/to-partner          UNKNOWN
        {RULE}  projects/phi-prod/sinks/to-dev-bucket       PASS
        {RULE}  organizations/{ORG}/sinks/org-archive  FAIL
    """)
    [org] = [r for r in result.resources if r.ref.name.startswith("organizations/")]
    assert org.ref.account == f"organizations/{ORG}"


def test_denied_or_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, asset_type=SINK, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=SINK, scope=f"projects/{DEV.id}")
    result = scan(fake, "log-archives", "disks", projects=[PROD.id, DEV.id])
    assert reasons(result.findings(), [RULE]) == {
        (RULE, f"log-archives in projects/{p}", f"{why}: cloudasset.assets.listResource (log-archives in projects/{p})")
        for p, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)"))}
    assert not result.complete


def test_export_gives_the_organization_scans_findings(fake: FakeGcp, tmp_path: Path) -> None:
    """An export holds every project's assets at once: the same joins and verdicts as the organization scan."""
    seed(fake)
    live = scan(fake, "log-archives", projects=[], organizations=[ORG]).findings()
    path = ga.write_export(tmp_path / "resource.json", fake.export_lines())
    offline = scan_export([path], families("log-archives", "buckets", "log-buckets")).findings()
    archives = [f for f in offline if f.rule_id == RULE]
    assert len(archives) == 8
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in archives} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
    # the buckets and log buckets the archives share are judged by their own families too
    assert {f.resource.name for f in offline if f.rule_id == "enc-object-store-kms"} == {
        "phi-log-archive", "phi-log-unlocked", "phi-plain", "dev-archive"}
