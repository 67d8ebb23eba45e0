"""azure-native Log Analytics workspaces and Defender plans on real programs: model values and verdicts,
in a preview and after an update."""

from __future__ import annotations

import pytest

from hitrust_policies.model import LogGroup, Network, ThreatDetection
from tests.pulumi_programs import azure_native as programs
from tests.sources.live.aws.conftest import table
from tests.sources.pulumi.test_azure_adapters import shown, values, verdicts

KEY = "https://kv-phi.vault.azure.net/keys/law-cmk"


@pytest.mark.parametrize("preview", [True, False])
def test_workspaces(preview: bool) -> None:
    groups = {v.ref.name: (shown(v.retention_days), shown(v.kms_key), shown(v.holds_audit_data))
              for v in values(programs.logging_workspaces, preview) if isinstance(v, LogGroup)
              and v.ref.native_type == "azure-native:operationalinsights:Workspace"}
    assert groups == {
        "law-audit": (365, KEY, True),  # key through the linked cluster; the Administrative export lands here
        "law-activity": (90, None, True),
        "law-flows": (30, None, True),  # Azure's default retention; traffic analytics writes here
        "law-apps": (30, None, False),
    }
    audit = next(v for v in values(programs.logging_workspaces, preview) if v.ref.name == "law-audit")
    assert (audit.ref.provider, audit.ref.source, audit.ref.native_type) == (
        "azure", "pulumi", "azure-native:operationalinsights:Workspace")


def test_workspace_verdicts() -> None:
    expected = table("""
        log-log-group-retention  law-audit     PASS
        log-log-group-retention  law-activity  FAIL
        log-log-group-retention  law-flows     FAIL
        log-log-group-retention  law-apps      FAIL
        enc-log-group-audit-kms  law-audit     PASS
        enc-log-group-audit-kms  law-activity  FAIL
        enc-log-group-audit-kms  law-flows     FAIL
        enc-log-group-audit-kms  law-apps      PASS
        log-log-group-retention  hub-flows     PASS
        enc-log-group-audit-kms  hub-flows     UNKNOWN
    """)
    for preview in (True, False):
        assert set(verdicts(programs.logging_workspaces, preview)) == {(r, n, s.value) for r, n, s in expected}


@pytest.mark.parametrize("preview", [True, False])
def test_defender_plans(preview: bool) -> None:
    plans = {v.ref.name: v.enabled for v in values(programs.defender_plans, preview)
             if isinstance(v, ThreatDetection)}
    assert plans == {"defender/VirtualMachines": True, "defender/StorageAccounts": False}  # DNS is retired
    assert set(verdicts(programs.defender_plans, preview)) == {
        ("log-threat-detection-enabled", "defender/VirtualMachines", "PASS"),
        ("log-threat-detection-enabled", "defender/StorageAccounts", "FAIL")}


def test_values_computed_at_preview_are_unknown() -> None:
    [preview] = [v for v in values(programs.computed_workspace, True) if isinstance(v, LogGroup)]
    assert (shown(preview.retention_days), shown(preview.holds_audit_data)) == (
        "?computed at preview: retentionInDays", "?computed at preview: destination of export-ops")
    assert set(verdicts(programs.computed_workspace, True)) == {
        ("log-log-group-retention", "law-ops", "UNKNOWN"), ("enc-log-group-audit-kms", "law-ops", "UNKNOWN")}
    assert set(verdicts(programs.computed_workspace, False)) == {
        ("log-log-group-retention", "law-ops", "PASS"), ("enc-log-group-audit-kms", "law-ops", "FAIL")}


@pytest.mark.parametrize("preview", [True, False])
def test_flow_logged_networks(preview: bool) -> None:
    networks = {v.ref.name: shown(v.flow_logs_enabled) for v in values(programs.flow_logged_networks, preview)
                if isinstance(v, Network)}
    assert networks == {"hub": True, "spoke-nsg": True, "spoke-partial": False, "spoke-disabled": False}
    assert set(verdicts(programs.flow_logged_networks, preview)) >= {
        ("log-network-flow-logs", "hub", "PASS"), ("log-network-flow-logs", "spoke-nsg", "PASS"),
        ("log-network-flow-logs", "spoke-partial", "FAIL"), ("log-network-flow-logs", "spoke-disabled", "FAIL")}


@pytest.mark.parametrize("preview", [True, False])
def test_flow_logs_are_log_stores(preview: bool) -> None:
    """A flow log keeps its records in its storage account: the account's key when it is in the stack
    (joined while its id is computed at preview), UNKNOWN when it is not."""
    stores = {v.ref.name: (shown(v.retention_days), shown(v.kms_key), v.holds_audit_data)
              for v in values(programs.flow_logged_networks, preview) if isinstance(v, LogGroup)}
    elsewhere = programs.WORKSPACE.replace("Microsoft.OperationalInsights/workspaces/law-security",
                                           "Microsoft.Storage/storageAccounts/flowlogs2")
    key = "https://kv-phi.vault.azure.net/keys/flowlogs-cmk"
    assert stores == {"hub-flows": (365, key, True), "web-nsg-flows": (365, key, True),
                      "app-nsg-flows": (90, key, True),
                      "off-flows": (365, f"?storage account {elsewhere} is not in this stack", True)}
