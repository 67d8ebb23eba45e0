"""A filtered GCP scan lists only the Cloud Asset types its rules judge (exact requests recorded by the
fake), and a denied listing no selected rule needs leaves it complete."""

from __future__ import annotations

from hitrust_policies.rule_filters import select_rules
from hitrust_policies.sources.live.gcp.scan import scan_gcp
from hitrust_policies.sources.live.selection import gcp_families
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.gcp.conftest import FAIL, PASS, PROD, UNKNOWN, token

RULE = "enc-block-volume-kms"
KEY = f"projects/{PROD.id}/locations/us-central1/keyRings/phi/cryptoKeys/disks"


def filtered(fake: FakeGcp, *rule_ids: str):  # noqa: ANN201
    rules = select_rules(ids=rule_ids) if rule_ids else None
    result = scan_gcp(credentials=token(), api_endpoint=fake.endpoint, projects=[PROD.id],
                      families=gcp_families(rules), backoff=0.0, max_attempts=2)
    return result, result.findings(rules)


def seed(fake: FakeGcp) -> None:
    fake.add(ga.disk(PROD, "phi-data", kms_key=KEY), ga.disk(PROD, "scratch"),
             ga.firewall(PROD, "allow-ssh"))


def test_disk_rule_lists_disk_types_only(fake: FakeGcp) -> None:
    seed(fake)
    result, findings = filtered(fake, RULE)
    assert {(f.rule_id, f.resource.name, f.status) for f in findings} == {
        (RULE, "phi-data", PASS), (RULE, "scratch", FAIL)}
    assert [(r.scope, r.asset_types, r.content_type) for r in fake.listings()] == [
        (f"projects/{PROD.id}", ["cloudresourcemanager.googleapis.com/Project"], "RESOURCE"),
        (f"projects/{PROD.id}", ["compute.googleapis.com/Disk", "compute.googleapis.com/RegionDisk"], "RESOURCE"),
    ]
    assert result.calls["cloudasset.assets.listResource"] == 2 and sum(result.calls.values()) == 2
    assert [c.collector for c in result.coverage] == ["disks"] and result.complete


def test_denied_unrelated_listing_leaves_a_filtered_scan_complete(fake: FakeGcp) -> None:
    seed(fake)
    denied = fake.fail(403, asset_type="compute.googleapis.com/Firewall")
    result, findings = filtered(fake, RULE)
    assert denied.hits == 0 and result.complete
    assert {(f.resource.name, f.status) for f in findings} == {("phi-data", PASS), ("scratch", FAIL)}
    everything, all_findings = filtered(fake)  # unfiltered: the same denial makes the scan incomplete
    assert denied.hits >= 1 and not everything.complete
    assert {f.status for f in all_findings if f.rule_id == "net-ingress-rule-admin-ports"} == {UNKNOWN}
