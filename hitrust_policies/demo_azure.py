"""The built-in demo Azure tenant: a small healthcare vendor's two subscriptions, served on 127.0.0.1.

``hitrust demo --cloud azure`` seeds a `FakeAzure` (the local ARM + Resource Graph fake of the
``azure`` extra) with this tenant and scans it with the real scanner: the azure-mgmt Resource
Graph and subscription clients, the read-only pipeline, every registered resource family. The
credential is a pinned `StaticToken`, so azure-identity never runs and nothing probes a metadata
service or leaves the machine.

Acme Health runs production PHI workloads in ``acme-phi-prod`` (East US, with West US 2 for
disaster recovery) and analytics experiments in ``acme-dev-analytics`` (Central US, East US 2),
both below the ``mg-acme-health`` management group. Each family holds compliant and
non-compliant resources, the way a real first scan looks. Seeds are registered per family
(`seeds`), so a family added later gets its demo resources by appending one function here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hitrust_policies.sources.azure_semantics import THREAT_DETECTION_PLANS
from hitrust_policies.testing import azure_rows as rows

TENANT = rows.TENANT
PROD = "3f2a9c1e-4b7d-4c8e-9a1f-0d5e6b7c8a01"
DEV = "3f2a9c1e-4b7d-4c8e-9a1f-0d5e6b7c8a02"
SUBSCRIPTIONS = {PROD: "acme-phi-prod", DEV: "acme-dev-analytics"}
MANAGEMENT_GROUP = "mg-acme-health"
CORPORATE_VPN = "203.0.113.0/24"  # the office egress range (TEST-NET-3)
PHI_VAULT_URI = "https://kv-acme-phi.vault.azure.net/"
OWNER_ROLE = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"  # the built-in Owner role's id
DEPLOYER_ROLE = "4c1d0000-0000-4000-8000-00000000d001"


@dataclass
class Tenant:
    """What a seed builds: Resource Graph rows and the ARM documents of the extra reads."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    documents: list[tuple[str, Any]] = field(default_factory=list)

    def add(self, *found: dict[str, Any]) -> None:
        self.rows.extend(found)

    def put(self, *documents: tuple[str, Any]) -> None:
        self.documents.extend(documents)


Seed = Callable[[Tenant], None]
SEEDS: dict[str, Seed] = {}


def seeds(family: str) -> Callable[[Seed], Seed]:
    """Register the demo resources of one scanner family (by its coverage name)."""

    def register(fn: Seed) -> Seed:
        SEEDS[family] = fn
        return fn

    return register


def _des(sub: str, name: str) -> str:
    return (f"/subscriptions/{sub}/resourceGroups/rg-ehr/providers/Microsoft.Compute/diskEncryptionSets/{name}")


@seeds("storage-accounts")
def _storage(t: Tenant) -> None:
    """PHI records: a customer-managed key (and infrastructure encryption), HTTPS only, private, every blob access
    logged. Backups in the DR region: Microsoft-managed keys, nothing logged (both refuse shared keys). Dev: the
    claims export's key1 was regenerated last month, its key2 never since 2025; an old public scratch account from
    before Azure recorded key creation times."""
    records = rows.storage_account(PROD, "acmephirecords", group="rg-ehr", location="eastus",
                                   public_network_access="Disabled", default_action="Deny",
                                   key_vault_key=(PHI_VAULT_URI, "storage-cmk"), allow_shared_key_access=False,
                                   infrastructure_encryption=True)
    backups = rows.storage_account(PROD, "acmedrbackups", group="rg-dr", location="westus2", default_action="Deny",
                                   allow_shared_key_access=False)
    exports = rows.storage_account(DEV, "acmeclaimsexport", group="rg-analytics", location="centralus",
                                   keys_created=(rows.days_ago(20), rows.CREATED))
    scratch = rows.storage_account(DEV, "acmedevscratch", group="rg-sandbox", location="eastus2", https_only=False,
                                   allow_blob_public_access=True, min_tls=None, keys_created=(None, None))
    t.add(records, backups, exports, scratch)
    t.put(rows.diagnostic_settings(rows.blob_service_id(records), {"categoryGroup": "allLogs"}),
          rows.diagnostic_settings(rows.blob_service_id(exports), {"category": "StorageWrite"},
                                   {"category": "StorageDelete"}))


@seeds("network-security-groups")
def _network(t: Tenant) -> None:
    """The portal's web tier takes HTTPS from anywhere; the jump box takes SSH from anywhere (and RDP
    from the office only); a dev debugging group allows everything."""
    web = rows.nsg_id_of(PROD, "nsg-portal-web", "rg-ehr")
    jump = rows.nsg_id_of(PROD, "nsg-jumpbox", "rg-dr")
    data = rows.nsg_id_of(PROD, "nsg-ehr-data", "rg-ehr")
    debug = rows.nsg_id_of(DEV, "nsg-dev-debug", "rg-sandbox")
    t.add(
        rows.network_security_group(PROD, "nsg-portal-web", [
            rows.security_rule(web, "allow-https", priority=100, ports=["443"], sources="Internet")],
            group="rg-ehr", location="eastus"),
        rows.network_security_group(PROD, "nsg-ehr-data", [
            rows.security_rule(data, "allow-sql-from-vnet", priority=100, ports="1433", sources="VirtualNetwork"),
            rows.security_rule(data, "deny-internet", priority=4000, protocol="*", sources="Internet",
                               access="Deny")],
            group="rg-ehr", location="eastus"),
        rows.network_security_group(PROD, "nsg-jumpbox", [
            rows.security_rule(jump, "allow-ssh", priority=100, ports="22", sources="*"),
            rows.security_rule(jump, "allow-rdp-office", priority=110, ports="3389", sources=[CORPORATE_VPN])],
            group="rg-dr", location="westus2"),
        rows.network_security_group(DEV, "nsg-dev-debug", [
            rows.security_rule(debug, "allow-all", priority=100, protocol="*", sources="Internet")],
            group="rg-sandbox", location="eastus2"),
    )


@seeds("sql-servers")
def _sql(t: Tenant) -> None:
    """Patient records on a private server with TDE; the analytics server is public, accepts TLS 1.0,
    has a database restored with TDE off, and a firewall rule open to the whole internet."""
    phi = rows.sql_server(PROD, "sql-acme-phi", group="rg-ehr", location="eastus")
    patients = rows.sql_database(phi, "patients")
    analytics = rows.sql_server(DEV, "sql-acme-analytics", group="rg-analytics", location="centralus",
                                public_network_access="Enabled", minimal_tls="1.0")
    claims = rows.sql_database(analytics, "claims-2024")
    cohort = rows.sql_database(analytics, "cohort-study")
    t.add(phi, patients, rows.sql_database(phi, "master", system=True), analytics, claims, cohort,
          rows.sql_database(analytics, "master", system=True))
    t.put(rows.encryption_protector(phi, "AzureKeyVault"), rows.encryption_protector(analytics),
          rows.sql_administrators(phi, "phi-dba-group", entra_only=True), rows.sql_administrators(analytics),
          rows.sql_auditing(phi, retention_days=365), rows.sql_auditing(analytics, "Disabled"))
    t.put(rows.tde(patients), rows.tde(claims), rows.tde(cohort, "Disabled"),
          rows.sql_firewall_rules(analytics, ("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0"),
                                  ("office", "203.0.113.0", "203.0.113.255"),
                                  ("temp-anyone", "0.0.0.0", "255.255.255.255")))


@seeds("flexible-database-servers")
def _flexible_servers(t: Tenant) -> None:
    """The scheduling app's PostgreSQL: private, a customer-managed key, Entra sign-in, TLS 1.2 required.
    The dev MySQL for a BI tool: public with an any-address firewall rule, plaintext allowed, TLS 1.0."""
    scheduling = rows.flexible_server(PROD, "pg-acme-scheduling", group="rg-ehr", location="eastus",
                                      customer_key=True)
    bi = rows.flexible_server(DEV, "mysql-acme-bi", "mysql", group="rg-analytics", location="centralus",
                              public_network_access="Enabled")
    t.add(scheduling, bi)
    t.put(rows.server_configuration(scheduling, "require_secure_transport", "on"),
          rows.server_configuration(scheduling, "ssl_min_protocol_version", "TLSv1.2"),
          rows.flexible_firewall_rules(scheduling),
          rows.server_configuration(bi, "require_secure_transport", "OFF"),
          rows.server_configuration(bi, "tls_version", "TLSv1,TLSv1.1,TLSv1.2"),
          rows.flexible_firewall_rules(bi, ("AllowAll", "0.0.0.0", "255.255.255.255")),
          rows.sql_administrators(bi))


@seeds("managed-disks")
def _disks(t: Tenant) -> None:
    """EHR virtual machine disks use a disk encryption set (customer-managed key); the rest use
    platform keys (still encrypted at rest)."""
    des = _des(PROD, "des-ehr")
    t.add(rows.managed_disk(PROD, "vm-ehr-01_OsDisk", group="rg-ehr", location="eastus", disk_encryption_set=des),
          rows.managed_disk(PROD, "vm-ehr-01_DataDisk_0", group="rg-ehr", location="eastus",
                            disk_encryption_set=des),
          rows.managed_disk(PROD, "vm-jump_OsDisk", group="rg-dr", location="westus2"),
          rows.managed_disk(DEV, "vm-notebook_OsDisk", group="rg-analytics", location="centralus"))


@seeds("key-vaults")
def _key_vaults(t: Tenant) -> None:
    """The PHI vault: RBAC, purge protection, firewalled, keys on a rotation policy. A legacy vault
    with access policies, no purge protection and a key nobody rotates; the dev vault is open."""
    phi = rows.key_vault(PROD, "kv-acme-phi", group="rg-ehr", location="eastus", public_network_access="Disabled")
    legacy = rows.key_vault(PROD, "kv-acme-legacy", group="rg-dr", location="westus2", purge_protection=None,
                            rbac=False)
    dev = rows.key_vault(DEV, "kv-acme-dev", group="rg-sandbox", location="eastus2", purge_protection=False,
                         soft_delete=None, default_action="Allow")
    t.add(phi, legacy, dev)
    t.put(rows.vault_secrets(phi, rows.vault_secret(phi, "ehr-db-password"), rows.vault_secret(phi, "hl7-feed-token")),
          rows.vault_secrets(legacy, rows.vault_secret(legacy, "partner-api-key", expires=None)),
          rows.vault_secrets(dev),
          rows.diagnostic_settings(phi["id"], {"category": "AuditEvent"}),
          rows.diagnostic_settings(dev["id"], {"category": "AzurePolicyEvaluationDetails"}))
    t.put(rows.vault_keys(phi, rows.vault_key(phi, "storage-cmk"), rows.vault_key(phi, "disk-cmk", kty="RSA-HSM")),
          rows.vault_keys(legacy, rows.vault_key(legacy, "legacy-app", rotate=None, expires=None)),
          rows.vault_keys(dev, rows.vault_key(dev, "notebook-signing", kty="EC", rotate=False)))


@seeds("activity-log")
def _activity_log(t: Tenant) -> None:
    """Production exports every activity-log category to the audit workspace; nobody set up dev's."""
    audit = rows.workspace_id_of(PROD, "law-acme-audit")
    t.put(rows.activity_log_settings(PROD, rows.activity_log_setting(PROD, "to-law-acme-audit", workspace=audit)),
          rows.activity_log_settings(DEV))


@seeds("defender-plans")
def _defender(t: Tenant) -> None:
    """Every Defender for Cloud plan is on in production; dev pays only for servers."""
    t.add(*(rows.defender_pricing(PROD, plan) for plan in THREAT_DETECTION_PLANS),
          *(rows.defender_pricing(DEV, plan, "Standard" if plan == "VirtualMachines" else "Free")
            for plan in THREAT_DETECTION_PLANS))


@seeds("log-analytics-workspaces")
def _workspaces(t: Tenant) -> None:
    """The audit workspace keeps two years; the dev workspace the 30-day default."""
    t.add(rows.log_analytics_workspace(PROD, "law-acme-audit", location="eastus", retention_days=730),
          rows.log_analytics_workspace(DEV, "law-acme-dev", location="centralus"))


@seeds("network-watchers")
def _networks(t: Tenant) -> None:
    """The EHR network has a VNet flow log kept a year (in a private, customer-keyed account) and a Network
    Watcher; the analytics network has neither (its region's watcher was deleted)."""
    flow_store = rows.storage_account(PROD, "acmenetflowlogs", group="rg-ehr", location="eastus",
                                      public_network_access="Disabled", default_action="Deny",
                                      key_vault_key=(PHI_VAULT_URI, "storage-cmk"), allow_shared_key_access=False,
                                      infrastructure_encryption=True)
    t.add(flow_store)
    t.put(rows.diagnostic_settings(rows.blob_service_id(flow_store), {"categoryGroup": "allLogs"}))
    ehr = rows.virtual_network(PROD, "vnet-ehr", {"web": rows.nsg_id_of(PROD, "nsg-portal-web", "rg-ehr"),
                                                  "data": rows.nsg_id_of(PROD, "nsg-ehr-data", "rg-ehr")},
                               group="rg-ehr", location="eastus")
    t.add(ehr, rows.virtual_network(DEV, "vnet-analytics", {"default": None}, group="rg-analytics",
                                    location="centralus"),
          rows.flow_log(PROD, "vnet-ehr-flows", ehr["id"], retention_days=365, storage_account=flow_store["id"],
                        traffic_analytics_workspace=rows.workspace_id_of(PROD, "law-acme-audit")),
          rows.network_watcher(PROD, "eastus"))


@seeds("role-based-access")
def _rbac(t: Tenant) -> None:
    """Production: three Owners (the platform lead, an outside DR consultant invited as a guest, and the
    platform group) and a custom "deploy everything" role the release pipeline holds. Dev: one Owner."""
    lead, consultant, analyst = (f"9a7c0000-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
    platform, pipeline = "9a7c0000-0000-4000-8000-0000000000a1", "9a7c0000-0000-4000-8000-0000000000b1"
    t.add(rows.role_definition(PROD, DEPLOYER_ROLE, "acme-release-deployer", actions=["*"],
                               not_actions=["Microsoft.Authorization/elevateAccess/Action"]),
          rows.role_assignment(PROD, "7b2e0000-0000-4000-8000-000000000001", OWNER_ROLE, lead),
          rows.role_assignment(PROD, "7b2e0000-0000-4000-8000-000000000002", OWNER_ROLE, consultant),
          rows.role_assignment(PROD, "7b2e0000-0000-4000-8000-000000000003", OWNER_ROLE, platform,
                               principal_type="Group"),
          rows.role_assignment(PROD, "7b2e0000-0000-4000-8000-000000000004", DEPLOYER_ROLE, pipeline,
                               principal_type="ServicePrincipal"),
          rows.role_assignment(DEV, "7b2e0000-0000-4000-8000-000000000005", OWNER_ROLE, analyst))
    t.put(rows.graph_user(lead, "maria.lopez@acmehealth.example"),
          rows.graph_user(consultant, "j.chen_drpartners.example#EXT#@acmehealth.onmicrosoft.com", guest=True),
          rows.graph_user(analyst, "sam.okafor@acmehealth.example"))


@seeds("container-registries")
def _registries(t: Tenant) -> None:
    """The production registry uses Entra tokens only; the dev one still has its admin user on."""
    t.add(rows.container_registry(PROD, "acmephiregistry", group="rg-ehr"),
          rows.container_registry(DEV, "acmedevregistry", group="rg-sandbox", location="eastus2", admin_user=True))


@seeds("cosmos-db-accounts")
def _cosmos(t: Tenant) -> None:
    """Patient-engagement documents: Entra-only data access; the analytics copy still takes account keys."""
    t.add(rows.cosmos_account(PROD, "acme-engagement", group="rg-ehr"),
          rows.cosmos_account(DEV, "acme-engagement-copy", group="rg-analytics", location="centralus",
                              disable_local_auth=None))


@seeds("virtual-machines")
def _virtual_machines(t: Tenant) -> None:
    """The EHR application server: private only, encryption at host. The DR jump box holds a public IP (its
    NSG opens SSH to everyone); the dev notebook VM has one too, and was created without encryption at host."""
    jump_ip = rows.public_ip_address(PROD, "pip-jump", group="rg-dr", location="westus2", address="20.59.112.7")
    notebook_ip = rows.public_ip_address(DEV, "pip-notebook", group="rg-analytics", location="centralus",
                                         address="52.165.40.12")
    ehr_nic = rows.network_interface(PROD, "nic-ehr-01", group="rg-ehr", location="eastus", public_ips=[None])
    jump_nic = rows.network_interface(PROD, "nic-jump", group="rg-dr", location="westus2", public_ips=[jump_ip])
    notebook_nic = rows.network_interface(DEV, "nic-notebook", group="rg-analytics", location="centralus",
                                          public_ips=[notebook_ip])
    t.add(jump_ip, notebook_ip, ehr_nic, jump_nic, notebook_nic,
          rows.virtual_machine(PROD, "vm-ehr-01", [ehr_nic], group="rg-ehr", location="eastus"),
          rows.virtual_machine(PROD, "vm-jump", [jump_nic], group="rg-dr", location="westus2"),
          rows.virtual_machine(DEV, "vm-notebook", [notebook_nic], group="rg-analytics", location="centralus",
                               encryption_at_host=None))


@seeds("web-apps")
def _web_apps(t: Tenant) -> None:
    """The patient portal: HTTPS only, TLS 1.2, FTPS only, a managed identity. A dev API left on HTTP with plain
    FTP, TLS 1.0 and remote debugging on, reaching its database with a connection string (no identity)."""
    portal = rows.web_app(PROD, "acme-patient-portal", group="rg-ehr", location="eastus", identity="SystemAssigned")
    api = rows.web_app(DEV, "acme-dev-api", group="rg-sandbox", location="eastus2", https_only=False)
    t.add(portal, api)
    t.put(rows.site_config(portal),
          rows.site_config(api, min_tls="1.0", ftps_state="AllAllowed", remote_debugging=True))


@seeds("service-bus-namespaces")
def _service_bus(t: Tenant) -> None:
    """HL7 orders: a Premium namespace keyed in the PHI vault, Entra identities only. The dev claims queue
    still hands out SAS keys."""
    t.add(rows.messaging_namespace(PROD, "sb-acme-hl7", group="rg-ehr", disable_local_auth=True,
                                   key_vault_key=(PHI_VAULT_URI, "servicebus-cmk")),
          rows.messaging_namespace(DEV, "sb-acme-dev-claims", group="rg-analytics", location="centralus"))


@seeds("event-hubs-namespaces")
def _event_hubs(t: Tenant) -> None:
    """Device telemetry from home monitors: Entra only; the analytics clickstream namespace, from before
    ``disableLocalAuth`` existed, takes SAS keys."""
    t.add(rows.messaging_namespace(PROD, "eh-acme-telemetry", "eventhub", group="rg-ehr", disable_local_auth=True),
          rows.messaging_namespace(DEV, "eh-acme-clickstream", "eventhub", group="rg-analytics",
                                   location="centralus", disable_local_auth=None))


@seeds("redis-caches")
def _redis(t: Tenant) -> None:
    """The portal's session cache: TLS 1.2 only, Entra identities only. The dev cache opened the plaintext port
    for a debugging session; an old report cache predates the minimum-TLS setting; both still take access keys."""
    t.add(rows.redis_cache(PROD, "redis-acme-sessions", group="rg-ehr", disable_access_keys=True),
          rows.redis_cache(DEV, "redis-acme-dev", group="rg-sandbox", location="eastus2", non_ssl_port=True),
          rows.redis_cache(DEV, "redis-acme-reports", group="rg-analytics", location="centralus", min_tls=None))


def tenant() -> Tenant:
    """The demo tenant's rows and documents, every registered family seeded."""
    t = Tenant()
    for seed in SEEDS.values():
        seed(t)
    return t


def start_fake() -> Any:
    """A running `FakeAzure` on 127.0.0.1 holding the demo tenant (stop it when done)."""
    from hitrust_policies.testing.azure_fake import FakeAzure

    fake = FakeAzure(tenant_id=TENANT)
    for sub, name in SUBSCRIPTIONS.items():
        fake.add_subscription(sub, name, management_groups=(MANAGEMENT_GROUP,))
    t = tenant()
    fake.add(*t.rows)
    for path, document in t.documents:
        fake.put(path, document)
    return fake.start()


def run_demo(progress: Callable[[int, int, str], None] | None = None, fake: Any = None) -> Any:
    """Scan the demo tenant with the real scanner (every subscription the token sees); ``fake`` a
    running tenant to scan instead of a fresh one (tests read its request log)."""
    from hitrust_policies.sources.live.azure.auth import StaticToken
    from hitrust_policies.sources.live.azure.scan import scan_azure

    own = fake is None
    fake = start_fake() if own else fake
    try:
        return scan_azure(credential=StaticToken("demo-arm-token"), arm_endpoint=fake.endpoint,
                          all_subscriptions=True, progress=progress)
    finally:
        if own:
            fake.stop()
