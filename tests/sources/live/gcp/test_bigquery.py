"""BigQuery datasets and their IAM policies -> AnalyticsDataset: exact verdicts of the dataset rules."""

from __future__ import annotations

from pathlib import Path

from hitrust_policies.model import AnalyticsDataset
from hitrust_policies.sources.live.gcp.scan import scan_export
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import DEV, PROD, families, scan

RULES = ("net-dataset-not-public", "enc-dataset-kms")
PUBLIC, KMS = RULES
CMEK = "projects/phi-prod/locations/us/keyRings/bigquery/cryptoKeys/claims"
DATASET = "bigquery.googleapis.com/Dataset"


def seed(fake: FakeGcp) -> None:
    fake.add(
        ga.dataset(PROD, "claims", kms_key=CMEK), ga.dataset_policy(PROD, "claims"),
        # the access list's two spellings of the public, each alone
        ga.dataset(PROD, "open_reference", access=[{"role": "READER", "specialGroup": "allAuthenticatedUsers"}]),
        ga.dataset_policy(PROD, "open_reference", ("roles/bigquery.dataViewer", ["allAuthenticatedUsers"])),
        ga.dataset(DEV, "scratch", access=[{"role": "READER", "iamMember": "allUsers"}]),
        ga.dataset_policy(DEV, "scratch", ("roles/bigquery.dataViewer", ["allUsers"])),
        # granted through IAM (setIamPolicy): the access list shows it too
        ga.dataset(DEV, "exports", kms_key=CMEK.replace("phi-prod", "phi-dev"),
                   access=[{"role": "roles/bigquery.dataEditor", "iamMember": "allUsers"}]),
        ga.dataset_policy(DEV, "exports", ("roles/bigquery.dataEditor", ["allUsers", "group:etl@phi.example"])),
        ga.dataset(DEV, "team", access=[{"role": "READER", "groupByEmail": "analysts@phi.example"},
                                        {"role": "READER", "domain": "phi.example"}]),
        ga.dataset_policy(DEV, "team", ("roles/bigquery.dataViewer", ["group:analysts@phi.example",
                                                                      "domain:phi.example"])),
    )


def test_dataset_verdicts(fake: FakeGcp) -> None:
    """Any public entry fails, whichever spelling, role or view of the ACL holds it; a group or domain does
    not; only a dataset with a default Cloud KMS key passes the key rule."""
    seed(fake)
    result = scan(fake, "bigquery-datasets", projects=[PROD.id, DEV.id])
    assert result.complete
    assert verdicts(result.findings(), RULES) == table(f"""
        {PUBLIC}  claims          PASS
        {PUBLIC}  open_reference  FAIL
        {PUBLIC}  scratch         FAIL
        {PUBLIC}  exports         FAIL
        {PUBLIC}  team            PASS
        {KMS}     claims          PASS
        {KMS}     open_reference  FAIL
        {KMS}     scratch         FAIL
        {KMS}     exports         PASS
        {KMS}     team            FAIL
    """)
    messages = {f.resource.name: f.message for f in result.findings()
                if f.rule_id == PUBLIC and f.status.value == "FAIL"}
    assert messages == {
        "open_reference": "granted to the public: allAuthenticatedUsers (roles/bigquery.dataViewer)",
        "scratch": "granted to the public: allUsers (roles/bigquery.dataViewer)",
        "exports": "granted to the public: allUsers (roles/bigquery.dataEditor)"}
    [claims] = [r for r in result.resources if r.ref.name == "claims"]
    assert claims == AnalyticsDataset(claims.ref, (), CMEK)
    assert (claims.ref.native_id, claims.ref.native_type, claims.ref.account, claims.ref.region) == (
        f"//bigquery.googleapis.com/projects/{PROD.id}/datasets/claims", DATASET, PROD.id, "us")
    assert sorted(r.content_type for r in fake.listings() if DATASET in r.asset_types) == [
        "IAM_POLICY", "IAM_POLICY", "RESOURCE", "RESOURCE"]


def test_denied_iam_policies_leave_the_access_list_to_decide(fake: FakeGcp) -> None:
    """403 on the IAM_POLICY listing: the access list is the same ACL, so it still decides; a dataset whose
    asset carries no access list is UNKNOWN with the reason."""
    seed(fake)
    bare = ga.dataset(PROD, "bare")
    del bare["resource"]["data"]["access"]
    fake.add(bare)
    fake.fail(403, content_type="IAM_POLICY", scope=f"projects/{PROD.id}")
    result = scan(fake, "bigquery-datasets", projects=[PROD.id, DEV.id])
    assert verdicts(result.findings(), [PUBLIC]) == table(f"""
        {PUBLIC}  claims          PASS
        {PUBLIC}  open_reference  FAIL
        {PUBLIC}  bare            UNKNOWN
        {PUBLIC}  scratch         FAIL
        {PUBLIC}  exports         FAIL
        {PUBLIC}  team            PASS
    """)
    assert reasons(result.findings(), [PUBLIC]) == {
        (PUBLIC, "bare", "AccessDenied: cloudasset.assets.listIamPolicy (bigquery-datasets in projects/phi-prod)")}
    assert not result.complete


def test_throttled_listing_is_unknown(fake: FakeGcp) -> None:
    seed(fake)
    quota = fake.fail(429, asset_type=DATASET, content_type="RESOURCE", scope=f"projects/{DEV.id}")
    result = scan(fake, "bigquery-datasets", projects=[PROD.id, DEV.id])
    assert quota.hits == 3
    gap = f"bigquery-datasets in projects/{DEV.id}"
    assert reasons(result.findings(), RULES) == {
        (rule, gap, f"Throttled (retries exhausted): cloudasset.assets.listResource ({gap})") for rule in RULES}


def test_export_gives_the_live_findings(fake: FakeGcp, tmp_path: Path) -> None:
    seed(fake)
    live = scan(fake, "bigquery-datasets", projects=[PROD.id, DEV.id]).findings()
    path = ga.write_export(tmp_path / "assets.json", fake.export_lines())
    offline = scan_export([path], families("bigquery-datasets")).findings()
    assert {(f.id, f.rule_id, f.resource.name, f.status, f.message) for f in offline} == {
        (f.id, f.rule_id, f.resource.name, f.status, f.message) for f in live}
    # a resource export without the IAM policy export: the access list, the same ACL, decides
    resources_only = ga.write_export(tmp_path / "resource.json", [a for a in fake.export_lines() if "resource" in a])
    public = {(f.resource.name, f.status.value) for f in scan_export([resources_only], families(
        "bigquery-datasets")).findings() if f.rule_id == PUBLIC}
    assert public == {("claims", "PASS"), ("open_reference", "FAIL"), ("scratch", "FAIL"), ("exports", "FAIL"),
                      ("team", "PASS")}
