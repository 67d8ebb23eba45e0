"""Network Watcher: virtual networks and flow logs -> Network (VNet flow logs, NSG flow logs per subnet), and
regions with networks -> NetworkWatcher."""

from __future__ import annotations

from hitrust_policies.model import Network, NetworkWatcher
from hitrust_policies.testing import azure_rows as rows
from hitrust_policies.testing.azure_fake import FakeAzure
from tests.sources.live.aws.conftest import table, verdicts
from tests.sources.live.azure.conftest import SUB, SUB2, scan

RULE = "log-network-flow-logs"
WATCHER_RULE = "log-network-watcher-enabled"


def seed(fake: FakeAzure) -> None:
    web, app = rows.nsg_id_of(SUB, "web-nsg"), rows.nsg_id_of(SUB, "app-nsg")
    fake.add(
        rows.virtual_network(SUB, "hub", {"web": web, "GatewaySubnet": None}),  # a VNet flow log on the network
        rows.virtual_network(SUB, "spoke-nsg", {"web": web, "app": app}),  # NSG flow logs on both NSGs
        rows.virtual_network(SUB, "spoke-partial", {"web": web, "db": None}),  # db has no NSG and no flow log
        rows.virtual_network(SUB, "spoke-subnet", {"web": web, "db": None}),  # db's own VNet flow log
        rows.virtual_network(SUB, "spoke-disabled", {"data": None}),  # its flow log is disabled
        rows.virtual_network(SUB, "empty", {}),  # no subnet: no traffic to record
        rows.flow_log(SUB, "hub-flows", rows.vnet_id_of(SUB, "hub")),
        rows.flow_log(SUB, "web-nsg-flows", web),
        rows.flow_log(SUB, "app-nsg-flows", app.upper()),  # ids compare case-insensitively, as ARM's do
        rows.flow_log(SUB, "db-flows", rows.vnet_id_of(SUB, "spoke-subnet") + "/subnets/db"),
        rows.flow_log(SUB, "off-flows", rows.vnet_id_of(SUB, "spoke-disabled"), enabled=False),
    )


def test_flow_log_verdicts(fake: FakeAzure) -> None:
    seed(fake)
    result = scan(fake, "network-watchers")
    assert result.complete
    assert verdicts(result.findings(), [RULE]) == set(table("""
        log-network-flow-logs  hub             PASS
        log-network-flow-logs  spoke-nsg       PASS
        log-network-flow-logs  spoke-partial   FAIL
        log-network-flow-logs  spoke-subnet    PASS
        log-network-flow-logs  spoke-disabled  FAIL
        log-network-flow-logs  empty           PASS
    """))
    hub = next(r for r in result.resources if isinstance(r, Network) and r.ref.name == "hub")
    assert (hub.is_default, hub.ref.native_id, hub.ref.region) == (False, rows.vnet_id_of(SUB, "hub"), "eastus")


def test_denied_query_is_a_gap(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(403, "AuthorizationFailed", path="resourcegraph", query="virtualnetworks")
    result = scan(fake, "network-watchers", "activity-log")  # a scan that reads nothing at all is an error
    assert {(f.rule_id, f.resource.name, f.status.value, f.message) for f in result.findings()
            if f.rule_id == RULE} == {
        (RULE, f"network-watchers in subscription {SUB}", "UNKNOWN",
         f"AccessDenied: Microsoft.ResourceGraph/resources/read (network-watchers in subscription {SUB})")}


def test_throttled_query_is_a_gap(fake: FakeAzure) -> None:
    seed(fake)
    fake.fail(429, "TooManyRequests", path="resourcegraph", query="virtualnetworks", retry_after=0)
    result = scan(fake, "network-watchers", "activity-log")
    assert {(f.resource.name, f.status.value, f.message) for f in result.findings() if f.rule_id == RULE} == {
        (f"network-watchers in subscription {SUB}", "UNKNOWN",
         f"Throttled (retries exhausted): Microsoft.ResourceGraph/resources/read (network-watchers in subscription "
         f"{SUB})")}


def test_network_watcher_in_every_region_with_networks(fake: FakeAzure) -> None:
    """eastus has networks and a watcher; westus has networks and a watcher that failed to provision;
    centralus has networks and none; northeurope has a watcher and no network (not judged)."""
    fake.add(rows.virtual_network(SUB, "east", {"a": None}), rows.network_watcher(SUB, "eastus"),
             rows.virtual_network(SUB, "west", {"a": None}, location="westus"),
             rows.network_watcher(SUB, "westus", state="Failed"),
             rows.virtual_network(SUB, "central", {}, location="centralus"),
             rows.virtual_network(SUB, "central2", {}, group="rg-other", location="centralus"),
             rows.network_watcher(SUB, "northeurope"))
    result = scan(fake, "network-watchers", subscriptions=[SUB, SUB2])
    assert result.complete
    assert {(f.resource.name, f.resource.region, f.status.value, f.message) for f in result.findings()
            if f.rule_id == WATCHER_RULE} == {
        ("network-watcher/centralus", "centralus", "FAIL", "no Network Watcher in this region, which has virtual "
                                                           "networks"),
        ("network-watcher/eastus", "eastus", "PASS", ""),
        ("network-watcher/westus", "westus", "FAIL", "no Network Watcher in this region, which has virtual networks"),
    }
    east = next(r for r in result.resources if isinstance(r, NetworkWatcher) and r.ref.region == "eastus")
    assert east.ref.native_id == f"/subscriptions/{SUB}/providers/Microsoft.Network/locations/eastus/networkWatcher"


def test_flow_logs_are_log_stores(fake: FakeAzure) -> None:
    """Each flow log keeps its records in a storage account for its retention: log-log-group-retention and
    enc-log-group-audit-kms judge them (a flow log is audit data); the account's key is read from its row."""
    cmk = rows.storage_account(SUB, "flowcmk", group="rg-log", key_vault_key=("https://kv-log.vault.azure.net/", "fl"))
    plain = rows.storage_account(SUB, "flowplain", group="rg-log")
    hub = rows.vnet_id_of(SUB, "hub")
    fake.add(cmk, plain, rows.virtual_network(SUB, "hub", {"a": None}),
             rows.flow_log(SUB, "year-cmk", hub, retention_days=365, storage_account=cmk["id"]),
             rows.flow_log(SUB, "forever-plain", hub, retention_days=0, storage_account=plain["id"]),
             rows.flow_log(SUB, "ninety-cmk", hub, retention_days=90, storage_account=cmk["id"]),
             rows.flow_log(SUB, "elsewhere", hub, retention_days=365,
                           storage_account=cmk["id"].replace(SUB, SUB2)))  # an account of another subscription
    result = scan(fake, "network-watchers")
    assert result.complete
    assert verdicts(result.findings(), ["log-log-group-retention", "enc-log-group-audit-kms"]) == set(table("""
        log-log-group-retention  year-cmk       PASS
        log-log-group-retention  forever-plain  PASS
        log-log-group-retention  ninety-cmk     FAIL
        log-log-group-retention  elsewhere      PASS
        enc-log-group-audit-kms  year-cmk       PASS
        enc-log-group-audit-kms  forever-plain  FAIL
        enc-log-group-audit-kms  ninety-cmk     PASS
        enc-log-group-audit-kms  elsewhere      UNKNOWN
    """))
    reasons = {f.resource.name: f.message for f in result.findings() if f.status.value == "UNKNOWN"}
    assert reasons == {"elsewhere": f"storage account {cmk['id'].replace(SUB, SUB2)} of the flow log is not in "
                                    f"subscription {SUB}'s rows"}
