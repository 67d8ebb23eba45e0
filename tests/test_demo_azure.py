"""``hitrust demo --cloud azure``: the real Azure scanner finds exactly what the demo tenant holds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hitrust_policies import demo_azure
from hitrust_policies.cli import main
from hitrust_policies.sources.azure_semantics import THREAT_DETECTION_PLANS
from hitrust_policies.sources.live.azure.families import all_families
from hitrust_policies.testing.azure_fake import GRAPH_PATH, FakeAzure
from tests.test_cli import hitrust
from tests.verdicts import multiset, unique_ids

PROD, DEV = demo_azure.PROD, demo_azure.DEV
ADMIN = "net-ingress-rule-admin-ports"

# (rule, resource, status, how many findings look like this): the whole demo, nothing else.
EXPECTED = [
    # storage: PHI records pass everything; DR backups use Microsoft-managed keys and log nothing; the claims
    # export logs writes and deletes but not reads; dev scratch is public, serves HTTP, default-allow firewall
    *[("enc-object-store-default-encryption", n, "PASS", 1)
      for n in ("acmephirecords", "acmedrbackups", "acmeclaimsexport", "acmedevscratch")],
    ("enc-object-store-kms", "acmephirecords", "PASS", 1),
    *[("enc-object-store-kms", n, "FAIL", 1) for n in ("acmedrbackups", "acmeclaimsexport", "acmedevscratch")],
    *[("enc-object-store-tls-only", n, "PASS", 1) for n in ("acmephirecords", "acmedrbackups", "acmeclaimsexport")],
    ("enc-object-store-tls-only", "acmedevscratch", "FAIL", 1),
    # storage endpoints: TLS 1.2 set, or unset and held at Azure Storage's platform floor
    *[("enc-tls-listener-modern", n, "PASS", 1)
      for n in ("acmephirecords", "acmedrbackups", "acmeclaimsexport", "acmedevscratch")],
    ("log-object-store-access-logging", "acmephirecords", "PASS", 1),
    *[("log-object-store-access-logging", n, "FAIL", 1)
      for n in ("acmedrbackups", "acmeclaimsexport", "acmedevscratch")],
    *[("net-object-store-public-access-blocked", n, "PASS", 1)
      for n in ("acmephirecords", "acmedrbackups", "acmeclaimsexport")],
    ("net-object-store-public-access-blocked", "acmedevscratch", "FAIL", 1),
    *[("net-service-firewall-default-deny", n, "PASS", 1) for n in ("acmephirecords", "acmedrbackups")],
    *[("net-service-firewall-default-deny", n, "FAIL", 1) for n in ("acmeclaimsexport", "acmedevscratch")],
    # NSGs: every group also admits VirtualNetwork and AzureLoadBalancer through Azure's default rules
    (ADMIN, "nsg-portal-web", "PASS", 3),  # 443 from the internet is not an admin port
    (ADMIN, "nsg-ehr-data", "PASS", 3),  # 1433 from the virtual network only
    (ADMIN, "nsg-jumpbox", "FAIL", 1),  # SSH from anywhere
    (ADMIN, "nsg-jumpbox", "PASS", 3),  # RDP from the office range
    (ADMIN, "nsg-dev-debug", "FAIL", 1),  # everything from the internet
    (ADMIN, "nsg-dev-debug", "PASS", 2),
    # SQL: the PHI server is private with TDE; analytics is public, allows TLS 1.0 and one open firewall rule
    ("enc-tls-listener-modern", "sql-acme-phi", "PASS", 1),
    ("enc-tls-listener-modern", "sql-acme-analytics", "FAIL", 1),
    (ADMIN, "sql-acme-analytics", "FAIL", 2),  # temp-anyone (0.0.0.0 - 255.255.255.255) and "Allow Azure
    # services" (AzureCloud: any Azure customer's address, CIS Azure 4.1.2)
    (ADMIN, "sql-acme-analytics", "PASS", 1),  # the office /24
    # the PHI server: a Key Vault TDE protector, an Entra-only admin, auditing kept a year; analytics: none
    ("enc-database-storage-kms", "sql-acme-phi/patients", "PASS", 1),
    *[("enc-database-storage-kms", n, "FAIL", 1)
      for n in ("sql-acme-analytics/claims-2024", "sql-acme-analytics/cohort-study")],
    ("iam-database-directory-auth", "sql-acme-phi/patients", "PASS", 1),
    *[("iam-database-directory-auth", n, "FAIL", 1)
      for n in ("sql-acme-analytics/claims-2024", "sql-acme-analytics/cohort-study")],
    ("log-database-auditing", "sql-acme-phi", "PASS", 1),
    ("log-database-auditing", "sql-acme-analytics", "FAIL", 1),
    # flexible servers: the scheduling PostgreSQL passes everything; the BI MySQL is public, open to any
    # address, accepts plaintext, uses the platform key and password logins only
    *[(r, "pg-acme-scheduling", "PASS", 1) for r in ("enc-database-storage-encrypted", "enc-database-storage-kms",
                                                      "iam-database-directory-auth", "net-database-not-public",
                                                      "enc-tls-listener-modern")],
    ("enc-database-storage-encrypted", "mysql-acme-bi", "PASS", 1),
    *[(r, "mysql-acme-bi", "FAIL", 1) for r in ("enc-database-storage-kms", "iam-database-directory-auth",
                                                 "net-database-not-public", "enc-tls-listener-modern", ADMIN)],
    ("enc-database-storage-encrypted", "sql-acme-phi/patients", "PASS", 1),
    ("enc-database-storage-encrypted", "sql-acme-analytics/claims-2024", "PASS", 1),
    ("enc-database-storage-encrypted", "sql-acme-analytics/cohort-study", "FAIL", 1),
    ("net-database-not-public", "sql-acme-phi/patients", "PASS", 1),
    ("net-database-not-public", "sql-acme-analytics/claims-2024", "FAIL", 1),
    ("net-database-not-public", "sql-acme-analytics/cohort-study", "FAIL", 1),
    # managed disks are always encrypted at rest (platform key or disk encryption set)
    *[("enc-block-volume-encrypted", n, "PASS", 1)
      for n in ("vm-ehr-01_OsDisk", "vm-ehr-01_DataDisk_0", "vm-jump_OsDisk", "vm-notebook_OsDisk")],
    # key vaults and their keys
    ("enc-secret-store-recoverable", "kv-acme-phi", "PASS", 1),
    ("enc-secret-store-recoverable", "kv-acme-legacy", "FAIL", 1),  # purge protection never set
    ("enc-secret-store-recoverable", "kv-acme-dev", "FAIL", 1),
    ("iam-secret-store-role-based-access", "kv-acme-phi", "PASS", 1),
    ("iam-secret-store-role-based-access", "kv-acme-legacy", "FAIL", 1),  # vault access policies
    ("iam-secret-store-role-based-access", "kv-acme-dev", "PASS", 1),
    ("net-service-firewall-default-deny", "kv-acme-phi", "PASS", 1),
    ("net-service-firewall-default-deny", "kv-acme-legacy", "PASS", 1),
    ("net-service-firewall-default-deny", "kv-acme-dev", "FAIL", 1),
    ("enc-crypto-key-rotation", "kv-acme-phi/storage-cmk", "PASS", 1),
    ("enc-crypto-key-rotation", "kv-acme-phi/disk-cmk", "PASS", 1),
    # no rotation policy in the ARM key listing: one set through the vault's data plane is not shown there
    ("enc-crypto-key-rotation", "kv-acme-legacy/legacy-app", "UNKNOWN", 1),
    ("enc-crypto-key-rotation", "kv-acme-dev/notebook-signing", "FAIL", 1),  # a policy that only notifies
    # Key Vault keys answer only principals of the vault's tenant: never public
    *[("net-crypto-key-not-public", n, "PASS", 1) for n in (
        "kv-acme-phi/storage-cmk", "kv-acme-phi/disk-cmk", "kv-acme-legacy/legacy-app",
        "kv-acme-dev/notebook-signing")],
    # the flow-log storage account: private, customer key, every blob access logged
    *[(r, "acmenetflowlogs", "PASS", 1) for r in (
        "enc-object-store-default-encryption", "enc-object-store-kms", "enc-object-store-tls-only",
        "enc-tls-listener-modern", "log-object-store-access-logging", "net-object-store-public-access-blocked",
        "net-service-firewall-default-deny")],
    # activity log: production exports every category to the audit workspace, dev exports nothing
    ("log-audit-coverage-multi-region", f"activity-log/{PROD}", "PASS", 1),
    ("log-audit-coverage-multi-region", f"activity-log/{DEV}", "FAIL", 1),
    # Defender for Cloud: every plan on in production; dev pays for servers only (names repeat per subscription)
    *[("log-threat-detection-enabled", f"defender/{plan}", "PASS", 1) for plan in THREAT_DETECTION_PLANS
      if plan != "VirtualMachines"],
    *[("log-threat-detection-enabled", f"defender/{plan}", "FAIL", 1) for plan in THREAT_DETECTION_PLANS
      if plan != "VirtualMachines"],
    ("log-threat-detection-enabled", "defender/VirtualMachines", "PASS", 2),
    # log stores: the audit workspace keeps two years but has no customer key; dev's keeps 30 days (holds no
    # audit data, so its key does not matter); the flow log is kept a year in a customer-keyed account
    ("log-log-group-retention", "law-acme-audit", "PASS", 1),
    ("log-log-group-retention", "law-acme-dev", "FAIL", 1),
    ("log-log-group-retention", "vnet-ehr-flows", "PASS", 1),
    ("enc-log-group-audit-kms", "law-acme-audit", "FAIL", 1),
    ("enc-log-group-audit-kms", "law-acme-dev", "PASS", 1),
    ("enc-log-group-audit-kms", "vnet-ehr-flows", "PASS", 1),
    # networks: the EHR network's flow log and watcher; none for analytics
    ("log-network-flow-logs", "vnet-ehr", "PASS", 1),
    ("log-network-flow-logs", "vnet-analytics", "FAIL", 1),
    *[("net-network-default-absent", n, "PASS", 1) for n in ("vnet-ehr", "vnet-analytics")],  # none pre-opened
    ("log-network-watcher-enabled", "network-watcher/eastus", "PASS", 1),
    ("log-network-watcher-enabled", "network-watcher/centralus", "FAIL", 1),
    # identity: production has three Owners, one a guest consultant; a custom near-admin role for the pipeline;
    # dev has a single Owner
    ("iam-account-owners-at-most-three", PROD, "PASS", 1),
    ("iam-account-owners-at-most-three", DEV, "PASS", 1),
    ("iam-account-owners-more-than-one", PROD, "PASS", 1),
    ("iam-account-owners-more-than-one", DEV, "FAIL", 1),
    ("iam-account-owners-no-guests", PROD, "FAIL", 1),
    ("iam-account-owners-no-guests", DEV, "PASS", 1),
    ("iam-policy-grant-no-admin", "acme-release-deployer", "FAIL", 1),
    # services' own keys: off for the PHI storage, registry and Cosmos DB; on for dev's and the claims export
    *[("iam-local-auth-disabled", n, "PASS", 1) for n in (
        "acmephirecords", "acmedrbackups", "acmenetflowlogs", "acmephiregistry", "acme-engagement")],
    *[("iam-local-auth-disabled", n, "FAIL", 1) for n in (
        "acmeclaimsexport", "acmedevscratch", "acmedevregistry", "acme-engagement-copy")],
    # storage access keys: shared keys off (PHI, DR, flow logs) leave no active key; the claims export's key1
    # is 20 days old, its key2 from 2025; the scratch account predates keyCreationTime
    *[("iam-credential-rotated", f"{n}/{k}", "PASS", 1)
      for n in ("acmephirecords", "acmedrbackups", "acmenetflowlogs") for k in ("key1", "key2")],
    ("iam-credential-rotated", "acmeclaimsexport/key1", "PASS", 1),
    ("iam-credential-rotated", "acmeclaimsexport/key2", "FAIL", 1),
    *[("iam-credential-rotated", f"acmedevscratch/{k}", "UNKNOWN", 1) for k in ("key1", "key2")],
    # Service Bus / Event Hubs: always encrypted at rest; SAS keys off in production, on in dev
    *[("enc-message-queue-encrypted", n, "PASS", 1)
      for n in ("sb-acme-hl7", "sb-acme-dev-claims", "eh-acme-telemetry", "eh-acme-clickstream")],
    *[("iam-local-auth-disabled", n, "PASS", 1) for n in ("sb-acme-hl7", "eh-acme-telemetry")],
    *[("iam-local-auth-disabled", n, "FAIL", 1) for n in ("sb-acme-dev-claims", "eh-acme-clickstream")],
    # Redis: the session cache is TLS 1.2 only; dev serves plaintext 6379; the report cache's floor is unset
    ("enc-tls-listener-modern", "redis-acme-sessions", "PASS", 1),
    ("enc-tls-listener-modern", "redis-acme-dev", "FAIL", 1),
    ("enc-tls-listener-modern", "redis-acme-reports", "UNKNOWN", 1),
    ("iam-local-auth-disabled", "redis-acme-sessions", "PASS", 1),
    *[("iam-local-auth-disabled", n, "FAIL", 1) for n in ("redis-acme-dev", "redis-acme-reports")],
    # vault keys and secrets: the legacy vault's key and secret never expire
    *[("iam-vault-object-expires", n, "PASS", 1) for n in (
        "kv-acme-phi/storage-cmk", "kv-acme-phi/disk-cmk", "kv-acme-phi/ehr-db-password", "kv-acme-phi/hl7-feed-token",
        "kv-acme-dev/notebook-signing")],
    *[("iam-vault-object-expires", n, "FAIL", 1) for n in ("kv-acme-legacy/legacy-app",
                                                           "kv-acme-legacy/partner-api-key")],
    # vault audit logging: only the PHI vault sends AuditEvent anywhere
    ("log-secret-store-audit-logging", "kv-acme-phi", "PASS", 1),
    *[("log-secret-store-audit-logging", n, "FAIL", 1) for n in ("kv-acme-legacy", "kv-acme-dev")],
    # disks: the EHR VM's disks use a disk encryption set (customer key); the jump box and notebook platform keys
    *[("enc-block-volume-kms", n, "PASS", 1) for n in ("vm-ehr-01_OsDisk", "vm-ehr-01_DataDisk_0")],
    *[("enc-block-volume-kms", n, "FAIL", 1) for n in ("vm-jump_OsDisk", "vm-notebook_OsDisk")],
    # VMs: only the EHR server is private; the notebook was created without encryption at host
    ("net-instance-no-public-ip", "vm-ehr-01", "PASS", 1),
    *[("net-instance-no-public-ip", n, "FAIL", 1) for n in ("vm-jump", "vm-notebook")],
    *[("enc-instance-host-encryption", n, "PASS", 1) for n in ("vm-ehr-01", "vm-jump")],
    ("enc-instance-host-encryption", "vm-notebook", "FAIL", 1),
    *[("net-instance-ip-forwarding-off", n, "PASS", 1) for n in ("vm-ehr-01", "vm-jump", "vm-notebook")],
    # subnets: the EHR network's two subnets have NSGs; the analytics default subnet has none
    *[("net-subnet-security-group", n, "PASS", 1) for n in ("vnet-ehr/web", "vnet-ehr/data")],
    ("net-subnet-security-group", "vnet-analytics/default", "FAIL", 1),
    # web apps: the portal's HTTP and HTTPS endpoints pass; the dev API serves HTTP and accepts TLS 1.0
    ("enc-tls-listener-modern", "acme-patient-portal", "PASS", 2),
    ("enc-tls-listener-modern", "acme-dev-api", "FAIL", 2),
    ("enc-web-app-ftps-only", "acme-patient-portal", "PASS", 1),
    ("enc-web-app-ftps-only", "acme-dev-api", "FAIL", 1),
    ("net-web-app-remote-debugging-off", "acme-patient-portal", "PASS", 1),
    ("net-web-app-remote-debugging-off", "acme-dev-api", "FAIL", 1),
    ("iam-web-app-managed-identity", "acme-patient-portal", "PASS", 1),
    ("iam-web-app-managed-identity", "acme-dev-api", "FAIL", 1),
    # infrastructure (double) encryption: only the PHI records and the flow logs' account were created with it
    *[("enc-infrastructure-encryption-enabled", n, "PASS", 1) for n in ("acmephirecords", "acmenetflowlogs")],
    *[("enc-infrastructure-encryption-enabled", n, "FAIL", 1) for n in (
        "acmedrbackups", "acmeclaimsexport", "acmedevscratch")],
]


def expected() -> Counter[tuple[str, str, str]]:
    return Counter({(rule, name, status): n for rule, name, status, n in EXPECTED})


@pytest.fixture(scope="module")
def tenant() -> Iterator[FakeAzure]:
    fake = demo_azure.start_fake()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def scan(tenant: FakeAzure):
    return demo_azure.run_demo(fake=tenant)


def test_demo_verdicts_are_exactly_the_seeded_ones(scan) -> None:
    assert multiset((f.rule_id, f.resource.name, f.status.value) for f in unique_ids(scan.findings())) == expected()


def test_demo_reads_every_family_in_both_subscriptions(scan) -> None:
    """Every registered family is queried in both subscriptions and read completely; one with Resource Graph
    types lists some demo resource (a new family gets its seed in `demo_azure.SEEDS`)."""
    assert scan.complete and scan.subscriptions == sorted((PROD, DEV)) and scan.tenant == demo_azure.TENANT
    assert scan.regions_read == ["centralus", "eastus", "eastus2", "westus2"]
    assert {(c.account, c.collector, c.status) for c in scan.coverage} == {
        (sub, f.name, "ok") for sub in (PROD, DEV) for f in all_families()}
    listed = Counter()
    for c in scan.coverage:
        listed[c.collector] += c.resources
    unseeded = [f.name for f in all_families() if f.types and not listed[f.name]]
    assert not unseeded, f"no demo resources for {unseeded}: add a @seeds(family) function to demo_azure.py"
    assert set(demo_azure.SEEDS) <= {f.name for f in all_families()}, "a seed names no registered family"


def test_demo_only_reads_through_the_fake(tenant: FakeAzure, scan) -> None:
    """GETs and Resource Graph query POSTs, each carrying the pinned token, to 127.0.0.1 only (the
    session's network guard fails any test that tried anything else)."""
    assert tenant.endpoint.startswith("http://127.0.0.1:")
    assert {r.method for r in tenant.requests} == {"GET", "POST"}
    assert all(r.method == "GET" or r.path.lower() == GRAPH_PATH for r in tenant.requests)
    assert {r.path for r in tenant.requests if r.method == "GET" and r.path.count("/") == 1} == {"/subscriptions"}


def test_cli_demo_azure_json_matches_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    proc = hitrust("demo", "--cloud", "azure", "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["provider"] == "azure" and report["complete"] is True
    assert multiset((f["rule_id"], f["resource"]["name"], f["status"]) for f in report["findings"]) == expected()


def test_cli_demo_azure_table_says_it_was_simulated() -> None:
    proc = hitrust("demo", "--cloud", "azure", "--show-pass")
    assert proc.returncode == 0, proc.stderr
    assert "nsg-jumpbox" in proc.stdout and "kv-acme-phi/storage-cmk" in proc.stdout
    assert proc.stdout.rstrip().endswith(
        "This was a simulated tenant. Scan yours with: hitrust scan azure --all-subscriptions")


def test_demo_never_builds_an_azure_identity_credential() -> None:
    """The pinned token is the only credential: azure-identity (whose chain would probe the instance
    metadata service at 169.254.169.254) is never even imported."""
    probe = subprocess.run([sys.executable, "-c", "import sys; from hitrust_policies.demo_azure import run_demo; "
                            "scan = run_demo(); print(scan.complete, 'azure.identity' in sys.modules)"],
                           capture_output=True, text=True, timeout=120)
    assert probe.stdout.split() == ["True", "False"], probe.stderr


def test_missing_azure_extra_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    blocked = tmp_path / "no-azure" / "azure"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('azure SDK not installed')\n")
    import os

    path = os.pathsep.join((str(blocked.parent), os.environ.get("PYTHONPATH", "")))
    proc = hitrust("demo", "--cloud", "azure", env={"PYTHONPATH": path})
    assert proc.returncode == 2
    assert "the Azure demo needs the azure extra: pip install 'hitrust-policies[azure]'" in proc.stderr


def test_unknown_cloud_is_a_usage_error() -> None:
    proc = hitrust("demo", "--cloud", "oracle")
    assert proc.returncode == 2 and "'oracle' is not one of 'aws', 'azure'" in proc.stderr


def test_a_demo_scan_that_could_not_read_everything_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the demo's own scan is partial the report still comes out, and the exit code says so."""
    start = demo_azure.start_fake

    def denied_vault_keys() -> FakeAzure:
        fake = start()
        fake.fail(403, "AuthorizationFailed", path="/vaults/kv-acme-dev/keys")
        return fake

    monkeypatch.setattr(demo_azure, "start_fake", denied_vault_keys)
    result = CliRunner().invoke(main, ["demo", "--cloud", "azure", "--format", "json"])
    assert result.exit_code == 3, result.output
    findings = json.loads(result.output)["findings"]
    assert [(f["resource"]["name"], f["resource"]["part"], f["status"], f["message"]) for f in findings
            if f["rule_id"] == "enc-crypto-key-rotation" and f["resource"]["account"] == DEV] == [
        ("kv-acme-dev", "keys", "UNKNOWN", "AccessDenied: Microsoft.KeyVault/vaults/keys/read (vault-keys)")]


@pytest.mark.parametrize("fmt", ["ocsf", "asff", "markdown"])
def test_demo_azure_writes_every_report_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"demo.{fmt}"
    result = CliRunner().invoke(main, ["demo", "--cloud", "azure", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "nsg-jumpbox" in text and "kv-acme-legacy" in text


def test_demo_azure_against_its_own_baseline_has_nothing_new(tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for out, extra in ((first, []), (second, ["--baseline", str(first)])):
        result = CliRunner().invoke(main, ["demo", "--cloud", "azure", "--format", "json", "--output", str(out),
                                           *extra])
        assert result.exit_code == 0, result.output
    report = json.loads(second.read_text())
    failing = [f for f in report["findings"] if f["status"] == "FAIL"]
    assert len(failing) == sum(n for _, _, status, n in EXPECTED if status == "FAIL")
    assert {f["change"] for f in failing} == {"persisting"} and report["since_baseline"]["resolved"] == []
