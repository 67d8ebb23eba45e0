"""Activity log export -> AuditCoverage, Log Analytics workspaces -> LogGroup: exact verdicts from the fake."""

from __future__ import annotations

from hitrust_policies.model import AuditCoverage, LogGroup
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, scan

COVERAGE = "log-audit-coverage-multi-region"
LOG_RULES = ("log-log-group-retention", "enc-log-group-audit-kms")
VAULT = "https://kv-log.vault.azure.net/"
SETTINGS_PATH = "/providers/microsoft.insights/diagnosticsettings"


def findings_of(result, *rule_ids: str) -> set[tuple[str, str, str, str]]:
    return {(f.rule_id, f.resource.name, f.status.value, f.message) for f in result.findings()
            if f.rule_id in rule_ids}


def test_activity_log_coverage(fake: FakeAzure) -> None:
    """SUB exports every required category in one setting; SUB2 has two settings that each miss some,
    and one setting with everything switched off."""
    law = rows.workspace_id_of(SUB, "law-audit")
    fake.put(*rows.activity_log_settings(SUB, rows.activity_log_setting(SUB, "to-law", workspace=law)))
    fake.put(*rows.activity_log_settings(
        SUB2,
        rows.activity_log_setting(SUB2, "admin-only", workspace=law, categories=("Administrative", "Security")),
        rows.activity_log_setting(SUB2, "alerts", storage_account="/subscriptions/x/.../storageAccounts/logs",
                                  categories=("Alert", "Policy", "Security")),
        rows.activity_log_setting(SUB2, "off", workspace=law, categories=()),
    ))
    result = scan(fake, "activity-log", subscriptions=[SUB, SUB2])
    assert result.complete
    assert findings_of(result, COVERAGE) == {
        (COVERAGE, f"activity-log/{SUB}", "PASS", ""),
        (COVERAGE, f"activity-log/{SUB2}", "FAIL", "no trail records every region's management events: "
         "admin-only (leaves out Alert events, Policy events); alerts (records no write management events); "
         "off (not logging, records no write management events, leaves out Security events, Alert events, "
         "Policy events)"),
    }
    [good] = [r for r in result.resources if isinstance(r, AuditCoverage) and r.ref.account == SUB]
    [trail] = good.trails
    assert (trail.ref.name, trail.multi_region, trail.logging, trail.management_reads, trail.management_writes,
            trail.management_exclusions, trail.cloudwatch_logs) == ("to-law", True, True, True, True, (), law)
    # the activity log is a subscription-level read: no Resource Graph query was sent for it
    assert fake.graph_queries() == []
    assert {(r.method, r.path.lower()) for r in fake.requests} == {
        ("GET", f"/subscriptions/{s}{SETTINGS_PATH}") for s in (SUB, SUB2)}
    assert {r.query for r in fake.requests} == {"api-version=2021-05-01-preview"}


def test_no_export_fails_and_a_denied_read_is_unknown(fake: FakeAzure) -> None:
    """No diagnostic setting at all: FAIL. The listing denied (403) or throttled past its retries (429):
    UNKNOWN naming the call, never a pass or a fail."""
    fake.fail(403, "AuthorizationFailed", path=f"/subscriptions/{SUB2}{SETTINGS_PATH}".lower())
    result = scan(fake, "activity-log", subscriptions=[SUB, SUB2])
    assert findings_of(result, COVERAGE) == {
        (COVERAGE, f"activity-log/{SUB}", "FAIL", "no trail records this account's activity"),
        (COVERAGE, f"activity-log/{SUB2}", "UNKNOWN",
         "AccessDenied: Microsoft.Insights/DiagnosticSettings/Read (activity-log-diagnostic-settings)"),
    }
    # the family's only read failed: it read nothing in SUB2
    assert [(c.account, c.status) for c in result.coverage] == [(SUB, "ok"), (SUB2, "failed")]


def test_throttled_read_is_unknown(fake: FakeAzure) -> None:
    fake.put(*rows.activity_log_settings(SUB, rows.activity_log_setting(SUB, "to-law", workspace="/w")))
    fault = fake.fail(429, "TooManyRequests", path=SETTINGS_PATH, retry_after=0)
    result = scan(fake, "activity-log", "network-watchers")  # not the scan's only family: not "nothing read"
    assert findings_of(result, COVERAGE) == {
        (COVERAGE, f"activity-log/{SUB}", "UNKNOWN",
         "Throttled (retries exhausted): Microsoft.Insights/DiagnosticSettings/Read "
         "(activity-log-diagnostic-settings)"),
    }
    assert fault.hits == 3  # every attempt of the pipeline's retry policy
    assert [(c.collector, c.status) for c in result.coverage] == [("activity-log", "failed"),
                                                                   ("network-watchers", "ok")]


def seed_workspaces(fake: FakeAzure) -> None:
    cluster = rows.log_analytics_cluster(SUB, "cmk-cluster", key=(VAULT, "law-cmk"))
    fake.add(
        cluster, rows.log_analytics_cluster(SUB, "plain-cluster"),
        rows.log_analytics_workspace(SUB, "law-audit", retention_days=365, cluster=cluster["id"]),
        rows.log_analytics_workspace(SUB, "law-activity", retention_days=90),
        rows.log_analytics_workspace(SUB, "law-flows", retention_days=730,
                                     cluster=rows.log_analytics_cluster(SUB, "plain-cluster")["id"]),
        rows.log_analytics_workspace(SUB, "law-apps", retention_days=30),
        rows.flow_log(SUB, "vnet-flows", rows.vnet_id_of(SUB, "hub"),
                      traffic_analytics_workspace=rows.workspace_id_of(SUB, "law-flows")),
    )
    fake.put(*rows.activity_log_settings(
        SUB, rows.activity_log_setting(SUB, "to-law", workspace=rows.workspace_id_of(SUB, "law-activity")),
        rows.activity_log_setting(SUB, "to-cmk", workspace=rows.workspace_id_of(SUB, "law-audit"),
                                  categories=("Administrative",))))


def test_workspace_verdicts(fake: FakeAzure) -> None:
    seed_workspaces(fake)
    result = scan(fake, "log-analytics-workspaces")
    assert result.complete
    assert verdicts(result.findings(), LOG_RULES) == set(table("""
        log-log-group-retention  law-audit     PASS
        log-log-group-retention  law-activity  FAIL
        log-log-group-retention  law-flows     PASS
        log-log-group-retention  law-apps      FAIL
        enc-log-group-audit-kms  law-audit     PASS
        enc-log-group-audit-kms  law-activity  FAIL
        enc-log-group-audit-kms  law-flows     FAIL
        enc-log-group-audit-kms  law-apps      PASS
    """))
    groups = {g.ref.name: (g.retention_days, g.kms_key, g.holds_audit_data)
              for g in result.resources if isinstance(g, LogGroup)}
    assert groups == {"law-audit": (365, f"{VAULT}keys/law-cmk", True), "law-activity": (90, None, True),
                      "law-flows": (730, None, True), "law-apps": (30, None, False)}
    [query] = fake.graph_queries()
    assert query.body["query"] == ("resources | where type in~ ('microsoft.operationalinsights/workspaces', "
                                   "'microsoft.operationalinsights/clusters', "
                                   "'microsoft.network/networkwatchers/flowlogs') | order by id asc")


def test_denied_activity_log_leaves_audit_role_unknown(fake: FakeAzure) -> None:
    """Without the activity log's settings, a workspace no flow log feeds may or may not hold audit data:
    its key rule is UNKNOWN (retention still decided); one a flow log feeds is known to."""
    seed_workspaces(fake)
    fake.fail(403, "AuthorizationFailed", path=SETTINGS_PATH)
    result = scan(fake, "log-analytics-workspaces")
    reason = "AccessDenied: Microsoft.Insights/DiagnosticSettings/Read (activity-log-diagnostic-settings)"
    assert findings_of(result, "enc-log-group-audit-kms") == {
        ("enc-log-group-audit-kms", "law-audit", "PASS", ""),
        ("enc-log-group-audit-kms", "law-activity", "UNKNOWN", reason),
        ("enc-log-group-audit-kms", "law-flows", "FAIL", "log group holds audit data and is not encrypted with a "
                                                         "KMS key"),
        ("enc-log-group-audit-kms", "law-apps", "UNKNOWN", reason),
    }
    assert {(n, s) for _, n, s, _ in findings_of(result, "log-log-group-retention")} == {
        ("law-audit", "PASS"), ("law-activity", "FAIL"), ("law-flows", "PASS"), ("law-apps", "FAIL")}
    [cov] = result.coverage
    assert (cov.status, cov.problems) == ("partial", (reason,))


def test_denied_workspace_query_is_a_gap(fake: FakeAzure) -> None:
    seed_workspaces(fake)
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", query="operationalinsights")
    result = scan(fake, "log-analytics-workspaces", "activity-log")
    assert findings_of(result, *LOG_RULES) == {
        (rule, f"log-analytics-workspaces in subscription {SUB}", "UNKNOWN",
         f"AccessDenied: Microsoft.ResourceGraph/resources/read (log-analytics-workspaces in subscription {SUB})")
        for rule in LOG_RULES}
    assert {(n, s) for _, n, s, _ in findings_of(result, COVERAGE)} == {(f"activity-log/{SUB}", "PASS")}
