"""A filtered Azure scan runs only the Resource Graph queries (and ARM reads) its rules judge (exact
requests recorded by the fake), and a denied family no selected rule needs leaves it complete."""

from __future__ import annotations

from hitrust_policies.rule_filters import select_rules
from hitrust_policies.sources.live.azure.scan import scan_azure
from hitrust_policies.sources.live.selection import azure_families
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import GRAPH_PATH, FakeAzure
from tests.sources.live.azure.conftest import FAIL, PASS, SUB, UNKNOWN, RecordingToken

RULE = "enc-block-volume-kms"
DES = f"/subscriptions/{SUB}/resourceGroups/rg-sec/providers/Microsoft.Compute/diskEncryptionSets/des-phi"


def filtered(fake: FakeAzure, *rule_ids: str):  # noqa: ANN201
    rules = select_rules(ids=rule_ids) if rule_ids else None
    result = scan_azure(credential=RecordingToken(), arm_endpoint=fake.endpoint, subscriptions=[SUB],
                        families=azure_families(rules), backoff=0.0, max_attempts=2)
    return result, result.findings(rules)


def seed(fake: FakeAzure) -> None:
    fake.add(rows.managed_disk(SUB, "vm1_OsDisk"), rows.managed_disk(SUB, "vm1_data", disk_encryption_set=DES),
             rows.network_security_group(SUB, "nsg-web"))


def test_disk_rule_runs_one_graph_query_and_nothing_else(fake: FakeAzure) -> None:
    seed(fake)
    result, findings = filtered(fake, RULE)
    assert {(f.rule_id, f.resource.name, f.status) for f in findings} == {
        (RULE, "vm1_OsDisk", FAIL), (RULE, "vm1_data", PASS)}
    assert [(r.method, r.path.lower()) for r in fake.requests] == [("POST", GRAPH_PATH)]
    assert [r.body["query"] for r in fake.graph_queries()] == [
        "resources | where type in~ ('microsoft.compute/disks') | order by id asc"]
    assert [c.collector for c in result.coverage] == ["managed-disks"] and result.complete


def test_denied_unrelated_family_leaves_a_filtered_scan_complete(fake: FakeAzure) -> None:
    seed(fake)
    denied = fake.fail(403, "AuthorizationFailed", query="microsoft.network/networksecuritygroups")
    result, findings = filtered(fake, RULE)
    assert denied.hits == 0 and result.complete
    assert {(f.resource.name, f.status) for f in findings} == {("vm1_OsDisk", FAIL), ("vm1_data", PASS)}
    everything, all_findings = filtered(fake)  # unfiltered: the same denial makes the scan incomplete
    assert denied.hits >= 1 and not everything.complete
    assert {f.status for f in all_findings if f.rule_id == "net-ingress-rule-admin-ports"} == {UNKNOWN}
