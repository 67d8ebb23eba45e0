"""Defender for Cloud plans (Resource Graph securityresources) -> ThreatDetection, one per plan."""

from __future__ import annotations

from hitrust_policies.sources import azure_semantics as az
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.azure.conftest import SUB, SUB2, scan

RULE = "log-threat-detection-enabled"
PERMISSION = "Microsoft.Security/pricings/read"


def findings(result) -> set[tuple[str, str, str, str]]:
    return {(f.resource.account, f.resource.name, f.status.value, f.message) for f in result.findings()
            if f.rule_id == RULE}


def seed(fake: FakeAzure) -> None:
    on = {"VirtualMachines": "P2", "SqlServers": None, "StorageAccounts": "DefenderForStorageV2", "KeyVaults": None,
          "Arm": "PerSubscription", "Containers": None, "AppServices": None, "CosmosDbs": None, "Api": "P1",
          "OpenSourceRelationalDatabases": None, "SqlServerVirtualMachines": None}
    fake.add(*(rows.defender_pricing(SUB, plan, sub_plan=sub_plan) for plan, sub_plan in on.items()))
    fake.add(rows.defender_pricing(SUB, "CloudPosture", "Free"),
             rows.defender_pricing(SUB, "AI", "Free"),
             rows.defender_pricing(SUB, "Dns", "Free", deprecated=True),
             rows.defender_pricing(SUB, "KubernetesService", "Free"),  # retired, from before the flag existed
             rows.defender_pricing(SUB, "ContainerRegistry", "Free", deprecated=True))
    # SUB2: servers on, storage and Key Vault on the free tier, the rest not in the results at all
    fake.add(rows.defender_pricing(SUB2, "VirtualMachines", sub_plan="P1"),
             rows.defender_pricing(SUB2, "StorageAccounts", "Free"),
             rows.defender_pricing(SUB2, "KeyVaults", "Free"))


def test_defender_plans(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "defender-plans", subscriptions=[SUB, SUB2])
    assert result.complete
    missing = set(az.THREAT_DETECTION_PLANS) - {"VirtualMachines", "StorageAccounts", "KeyVaults"}
    assert findings(result) == {
        *((SUB, f"defender/{plan}", "PASS", "") for plan in az.THREAT_DETECTION_PLANS),
        (SUB2, "defender/VirtualMachines", "PASS", ""),
        (SUB2, "defender/StorageAccounts", "FAIL", "no enabled threat detector for defender/StorageAccounts"),
        (SUB2, "defender/KeyVaults", "FAIL", "no enabled threat detector for defender/KeyVaults"),
        *((SUB2, f"defender/{plan}", "UNKNOWN", f"no Resource Graph row for Defender plan {plan} ({PERMISSION})")
          for plan in missing),
    }
    # retired plans, posture management and plans with no peer check are not judged
    assert not {f.resource.name for f in result.findings()} & {"defender/Dns", "defender/KubernetesService",
                                                                 "defender/ContainerRegistry", "defender/CloudPosture",
                                                                 "defender/AI"}
    vm = next(r for r in result.resources if r.ref.name == "defender/VirtualMachines" and r.ref.account == SUB)
    assert (vm.ref.native_id, vm.ref.native_type, vm.ref.region) == (
        f"/subscriptions/{SUB}/providers/Microsoft.Security/pricings/VirtualMachines", "microsoft.security/pricings",
        "")
    # the plans live in the securityresources table, not resources
    assert {q.body["query"] for q in fake.graph_queries()} == {
        "securityresources | where type in~ ('microsoft.security/pricings') | order by id asc"}


def test_denied_and_throttled_queries_are_unknown(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", subscription=SUB, query="microsoft.security")
    fake.fail(429, "RateLimiting", path="resourcegraph", subscription=SUB2, query="microsoft.security", retry_after=0)
    result = scan(fake, "defender-plans", "activity-log", subscriptions=[SUB, SUB2])
    graph = "Microsoft.ResourceGraph/resources/read"
    assert findings(result) == {
        (SUB, f"defender-plans in subscription {SUB}", "UNKNOWN",
         f"AccessDenied: {graph} (defender-plans in subscription {SUB})"),
        (SUB2, f"defender-plans in subscription {SUB2}", "UNKNOWN",
         f"Throttled (retries exhausted): {graph} (defender-plans in subscription {SUB2})"),
    }
    assert [(c.collector, c.account, c.status) for c in result.coverage] == [
        ("activity-log", SUB, "ok"), ("defender-plans", SUB, "failed"),
        ("activity-log", SUB2, "ok"), ("defender-plans", SUB2, "failed")]
