"""Cloud Logging buckets -> LogGroup: retention and the audit buckets' Cloud KMS keys, exact verdicts."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import LogGroup
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, families, scan

RETENTION, KMS = "log-log-group-retention", "enc-log-group-audit-kms"
LOG_BUCKET = "logging.googleapis.com/LogBucket"
CMEK = "projects/phi-prod/locations/us-central1/keyRings/logging/cryptoKeys/audit"
USER_BUCKET = "which logs reach a user-defined log bucket depends on the sinks routing to it"


def seed(fake: FakeGcp) -> None:
    fake.add(
        ga.log_bucket(PROD, "_Required", retention_days=400),
        ga.log_bucket(PROD, "_Default", retention_days=None),  # never set: 30 days
        ga.log_bucket(PROD, "phi-audit", location="us-central1", retention_days=2190, kms_key=CMEK, locked=True),
        ga.log_bucket(PROD, "app-debug", location="us-central1", retention_days=7),
        ga.log_bucket(DEV, "_Default", retention_days=365, kms_key=CMEK),
    )


def test_log_bucket_verdicts(fake: FakeGcp) -> None:
    """Buckets keeping less than a year fail retention; the audit buckets (_Required, _Default) without a
    Cloud KMS key fail, a user bucket without one is UNKNOWN (what it holds depends on the sinks)."""
    seed(fake)
    result = scan(fake, "log-buckets", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), [RETENTION, KMS]) == set(table(f"""
        {RETENTION}  phi-prod/global/_Required       PASS
        {RETENTION}  phi-prod/global/_Default        FAIL
        {RETENTION}  phi-prod/us-central1/phi-audit  PASS
        {RETENTION}  phi-prod/us-central1/app-debug  FAIL
        {RETENTION}  phi-dev/global/_Default         PASS
        {KMS}        phi-prod/global/_Required       FAIL
        {KMS}        phi-prod/global/_Default        FAIL
        {KMS}        phi-prod/us-central1/phi-audit  PASS
        {KMS}        phi-prod/us-central1/app-debug  UNKNOWN
        {KMS}        phi-dev/global/_Default         PASS
    """))
    assert reasons(result.findings(), [KMS]) == {(KMS, "phi-prod/us-central1/app-debug", USER_BUCKET)}
    assert {f.message for f in result.findings() if f.rule_id == RETENTION and f.status.value == "FAIL"} == {
        "retention is 30 days (min 365)", "retention is 7 days (min 365)"}
    [audit] = [r for r in result.resources if r.ref.name == "phi-prod/us-central1/phi-audit"]
    assert audit.ref.native_id == "//logging.googleapis.com/projects/phi-prod/locations/us-central1/buckets/phi-audit"
    assert audit == LogGroup(audit.ref, retention_days=2190, kms_key=CMEK, holds_audit_data=audit.holds_audit_data)
    assert (audit.ref.account, audit.ref.region) == (PROD.id, "us-central1")


def test_denied_or_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    fake.fail(403, asset_type=LOG_BUCKET, scope=f"projects/{PROD.id}")
    fake.fail(429, asset_type=LOG_BUCKET, scope=f"projects/{DEV.id}")
    result = scan(fake, "log-buckets", "disks", projects=[PROD.id, DEV.id])
    expected = set()
    for project, why in ((PROD.id, "AccessDenied"), (DEV.id, "Throttled (retries exhausted)")):
        where = f"log-buckets in projects/{project}"
        expected |= {(rule, where, f"{why}: cloudasset.assets.listResource ({where})") for rule in (RETENTION, KMS)}
    assert reasons(result.findings(), [RETENTION, KMS]) == expected
    assert not result.complete


def test_export_gives_the_live_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    live = scan(fake, "log-buckets", projects=[PROD.id, DEV.id]).findings()
    path = ga.write_export(tmp_path / "resource.json", fake.export_lines())
    offline = scan_export([path], families("log-buckets")).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
