"""azure-native adapters on real azure-native programs (captured under mocks): exact model values,
and every verdict (PASS included) each adapter leads to, in a preview and after an update."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from hitrust_policies import evaluate
from hitrust_policies.model import (
    BlockVolume,
    ComputeInstance,
    DatabaseInstance,
    IngressRule,
    ObjectStore,
    TlsListener,
    Unknown,
)
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture
from tests.pulumi_programs import azure_native as programs
from tests.sources.live.aws.conftest import table

VAULT_KEY = "https://kv-phi.vault.azure.net/keys/storage-cmk"


@cache
def values(program: Callable[[], None], preview: bool) -> tuple[Any, ...]:
    return tuple(to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                                   property_dependencies=r.property_dependencies)
                          for r in capture(program, preview=preview)))


def shown(value: Any) -> Any:
    return f"?{value.reason}" if isinstance(value, Unknown) else value


def verdicts(program: Callable[[], None], preview: bool) -> Counter[tuple[str, str, str]]:
    return Counter((f.rule_id, f.resource.name, f.status.value) for f in evaluate(list(values(program, preview))))


@pytest.mark.parametrize("preview", [True, False])
def test_storage_accounts(preview: bool) -> None:
    stores = {v.ref.name: tuple(shown(getattr(v, f)) for f in ("encryption", "kms_key", "kms_key_customer_managed",
                                                                   "public_access_open", "access_logging", "tls_only"))
              for p in (programs.compliant_storage, programs.noncompliant_storage)
              for v in values(p, preview) if isinstance(v, ObjectStore)}
    queue_logs = "?computed at preview: resourceUri of queuelogs-logs" if preview else False
    assert stores == {
        "phirecords": ("kms", VAULT_KEY, True, (), True, True),  # logs joined through the BlobServiceProperties
        "publicsite": ("provider-managed", None, False, ("allowBlobPublicAccess",), False, True),
        "legacyhttp": ("provider-managed", None, False, (), False, False),
        "readsonly": ("provider-managed", None, False, (), False, True),  # StorageWrite off, no StorageDelete
        "queuelogs": ("provider-managed", None, False, (), queue_logs, True),
        "privateonly": ("provider-managed", None, False, (), False, True),
    }
    [store] = [v for v in values(programs.compliant_storage, preview) if isinstance(v, ObjectStore)]
    assert (store.ref.provider, store.ref.source, store.ref.native_type, store.ref.native_id) == (
        "azure", "pulumi", "azure-native:storage:StorageAccount",
        "urn:pulumi:test::hitrust::azure-native:storage:StorageAccount::phirecords")


def test_storage_verdicts() -> None:
    expected = table("""
        enc-object-store-default-encryption     publicsite   PASS
        enc-object-store-default-encryption     legacyhttp   PASS
        enc-object-store-default-encryption     readsonly    PASS
        enc-object-store-default-encryption     queuelogs    PASS
        enc-object-store-default-encryption     privateonly  PASS
        enc-object-store-kms                    publicsite   FAIL
        enc-object-store-kms                    legacyhttp   FAIL
        enc-object-store-kms                    readsonly    FAIL
        enc-object-store-kms                    queuelogs    FAIL
        enc-object-store-kms                    privateonly  FAIL
        enc-object-store-tls-only               publicsite   PASS
        enc-object-store-tls-only               legacyhttp   FAIL
        enc-object-store-tls-only               readsonly    PASS
        enc-object-store-tls-only               queuelogs    PASS
        enc-object-store-tls-only               privateonly  PASS
        net-object-store-public-access-blocked  publicsite   FAIL
        net-object-store-public-access-blocked  legacyhttp   PASS
        net-object-store-public-access-blocked  readsonly    PASS
        net-object-store-public-access-blocked  queuelogs    PASS
        net-object-store-public-access-blocked  privateonly  PASS
        log-object-store-access-logging         publicsite   FAIL
        log-object-store-access-logging         legacyhttp   FAIL
        log-object-store-access-logging         readsonly    FAIL
        log-object-store-access-logging         queuelogs    UNKNOWN
        log-object-store-access-logging         privateonly  FAIL
        enc-tls-listener-modern                 publicsite   PASS
        enc-tls-listener-modern                 legacyhttp   PASS
        enc-tls-listener-modern                 readsonly    PASS
        enc-tls-listener-modern                 queuelogs    PASS
        enc-tls-listener-modern                 privateonly  PASS
        net-service-firewall-default-deny       publicsite   FAIL
        net-service-firewall-default-deny       legacyhttp   FAIL
        net-service-firewall-default-deny       readsonly    FAIL
        net-service-firewall-default-deny       queuelogs    FAIL
        net-service-firewall-default-deny       privateonly  PASS
        iam-local-auth-disabled                 publicsite   FAIL
        iam-local-auth-disabled                 legacyhttp   FAIL
        iam-local-auth-disabled                 readsonly    FAIL
        iam-local-auth-disabled                 queuelogs    FAIL
        iam-local-auth-disabled                 privateonly  FAIL
        enc-infrastructure-encryption-enabled   publicsite   FAIL
        enc-infrastructure-encryption-enabled   legacyhttp   FAIL
        enc-infrastructure-encryption-enabled   readsonly    FAIL
        enc-infrastructure-encryption-enabled   queuelogs    FAIL
        enc-infrastructure-encryption-enabled   privateonly  FAIL
    """)
    assert verdicts(programs.noncompliant_storage, True) == Counter((r, n, s.value) for r, n, s in expected)
    assert set(verdicts(programs.compliant_storage, True)) == {
        (rule, "phirecords", "PASS") for rule in (
            "enc-object-store-default-encryption", "enc-object-store-kms", "enc-object-store-tls-only",
            "net-object-store-public-access-blocked", "log-object-store-access-logging",
            "enc-tls-listener-modern", "net-service-firewall-default-deny", "iam-local-auth-disabled",
            "enc-infrastructure-encryption-enabled")}


def openings(program: Callable[[], None], preview: bool) -> Counter[tuple[Any, ...]]:
    return Counter((v.ref.name, v.ref.native_id.rsplit("::", 1)[-1], v.ref.part, shown(v.protocol),
                    shown(v.from_port), shown(v.to_port), shown(v.source))
                   for v in values(program, preview) if isinstance(v, IngressRule))


@pytest.mark.parametrize("preview", [True, False])
def test_security_groups_inline_separate_and_default_rules(preview: bool) -> None:
    defaults = [(group, group, f"ingress/all/0-65535/{source}", "all", 0, 65535, source)
                for group in ("web-nsg", "db-nsg") for source in ("VirtualNetwork", "AzureLoadBalancer")]
    engines = [("db-nsg", "db-engines", f"ingress/{p}/{port}-{port}/{src}", p, port, port, src)
               for port in (1433, 5432) for src in ("0.0.0.0/0", "10.20.0.0/16") for p in ("tcp", "udp")]
    assert openings(programs.nsg_rules, preview) == Counter([
        ("web-nsg", "web-nsg", "ingress/tcp/443-443/0.0.0.0/0", "tcp", 443, 443, "0.0.0.0/0"),  # Internet tag
        ("web-nsg", "web-nsg", "ingress/tcp/22-22/0.0.0.0/0", "tcp", 22, 22, "0.0.0.0/0"),  # "*"
        # the Deny and the Outbound rule open nothing
        *engines,  # a "*" protocol on given ports: TCP and UDP
        ("db-nsg", "db-from-app", "ingress/tcp/3306-3306/VirtualNetwork", "tcp", 3306, 3306, "VirtualNetwork"),
        *defaults,
    ])
    assert verdicts(programs.nsg_rules, preview)[("net-ingress-rule-admin-ports", "db-nsg", "FAIL")] == 2  # tcp only
    assert verdicts(programs.nsg_rules, preview)[("net-ingress-rule-admin-ports", "web-nsg", "FAIL")] == 1


def test_edge_joins_and_application_security_groups() -> None:
    computed = "?computed at preview: securityRules"
    preview = openings(programs.edge_joins, True)
    assert {k: n for k, n in preview.items() if "ingress/all/0-65535/" not in k[2]} == {
        ("app-nsg", "app-ssh", "ingress/tcp/22-22/0.0.0.0/0", "tcp", 22, 22, "0.0.0.0/0"): 1,  # joined by value
        ("shared-nsg", "shared-rdp", "ingress/tcp/3389-3389/0.0.0.0/0", "tcp", 3389, 3389, "0.0.0.0/0"): 1,
        ("asg-nsg", "asg-nsg", "ingress/tcp/22-22/(application security group computed at preview)", "tcp", 22, 22,
         "(application security group computed at preview)"): 1,
        ("computed-nsg", "computed-nsg", f"ingress/Unknown('{computed[1:]}')/Unknown('{computed[1:]}')-Unknown("
         f"'{computed[1:]}')/Unknown('{computed[1:]}')", computed, computed, computed, computed): 1,
    }
    assert verdicts(programs.edge_joins, True) == Counter({
        ("net-ingress-rule-admin-ports", "app-nsg", "FAIL"): 1,
        ("net-ingress-rule-admin-ports", "shared-nsg", "FAIL"): 1,
        ("net-ingress-rule-admin-ports", "asg-nsg", "PASS"): 3, ("net-ingress-rule-admin-ports", "app-nsg", "PASS"): 2,
        ("net-ingress-rule-admin-ports", "computed-nsg", "UNKNOWN"): 1,
        ("net-ingress-rule-admin-ports", "computed-nsg", "PASS"): 2,
        ("enc-database-storage-encrypted", "shared-sql/shared-db", "PASS"): 1,
        ("net-database-not-public", "shared-sql/shared-db", "UNKNOWN"): 1,  # its server is not in the stack
        ("enc-database-storage-kms", "shared-sql/shared-db", "UNKNOWN"): 1,
        ("iam-database-directory-auth", "shared-sql/shared-db", "UNKNOWN"): 1,
        ("enc-object-store-default-encryption", "textlogs", "PASS"): 1, ("enc-object-store-kms", "textlogs", "FAIL"): 1,
        ("enc-object-store-tls-only", "textlogs", "PASS"): 1,
        ("net-object-store-public-access-blocked", "textlogs", "PASS"): 1,
        ("log-object-store-access-logging", "textlogs", "PASS"): 1,  # the blob service's id given as text
        ("enc-tls-listener-modern", "textlogs", "PASS"): 1,
        ("net-service-firewall-default-deny", "textlogs", "FAIL"): 1,
        ("iam-local-auth-disabled", "textlogs", "FAIL"): 1,  # allowSharedKeyAccess left out
        ("enc-infrastructure-encryption-enabled", "textlogs", "FAIL"): 1,  # requireInfrastructureEncryption left out
    })
    assert verdicts(programs.edge_joins, False)[("net-ingress-rule-admin-ports", "computed-nsg", "FAIL")] == 1


@pytest.mark.parametrize("preview", [True, False])
def test_sql_servers_and_databases(preview: bool) -> None:
    found = values(programs.sql_servers, preview) + values(programs.sql_restored_database, preview)
    listeners = {v.ref.name: (v.protocol, v.min_tls_version, v.plaintext_routes)
                 for v in found if isinstance(v, TlsListener)}
    assert listeners == {"sql-phi": ("TLS", "1.2", ()), "sql-legacy": ("TLS", "1.0", ()),
                         "sql-app": ("TLS", "1.2", ()),  # created without minimalTlsVersion: 1.2
                         "sql-restore": ("TLS", "1.2", ())}
    databases = {v.ref.name: (v.engine, shown(v.storage_encrypted), shown(v.publicly_accessible))
                 for v in found if isinstance(v, DatabaseInstance)}
    assert databases == {
        "sql-phi/claims": ("sqlserver", True, False),
        "sql-legacy/reports": ("sqlserver", False, True),  # its TransparentDataEncryption resource: Disabled
        "sql-app/app-db": ("sqlserver", True, True),  # publicNetworkAccess left out: Enabled
        "sql-restore/claims-restored": ("sqlserver", "?created with createMode PointInTimeRestore: TDE follows the "
                                        "source database, which the program does not show", False),
    }
    assert verdicts(programs.sql_servers, preview) == Counter({
        ("enc-tls-listener-modern", "sql-phi", "PASS"): 1, ("enc-tls-listener-modern", "sql-legacy", "FAIL"): 1,
        ("enc-tls-listener-modern", "sql-app", "PASS"): 1,
        ("enc-database-storage-encrypted", "sql-phi/claims", "PASS"): 1,
        ("enc-database-storage-encrypted", "sql-legacy/reports", "FAIL"): 1,
        ("enc-database-storage-encrypted", "sql-app/app-db", "PASS"): 1,
        ("net-database-not-public", "sql-phi/claims", "PASS"): 1,
        ("net-database-not-public", "sql-legacy/reports", "FAIL"): 1,
        ("net-database-not-public", "sql-app/app-db", "FAIL"): 1,
        ("enc-database-storage-kms", "sql-phi/claims", "PASS"): 1,  # its server's EncryptionProtector
        ("enc-database-storage-kms", "sql-legacy/reports", "FAIL"): 1,
        ("enc-database-storage-kms", "sql-app/app-db", "FAIL"): 1,  # no protector: service-managed
        ("iam-database-directory-auth", "sql-phi/claims", "PASS"): 1,  # ServerAzureADAdministrator
        ("iam-database-directory-auth", "sql-legacy/reports", "FAIL"): 1,
        ("iam-database-directory-auth", "sql-app/app-db", "FAIL"): 1,
        ("log-database-auditing", "sql-phi", "PASS"): 1,
        ("log-database-auditing", "sql-legacy", "FAIL"): 1,  # 30 days in storage
        ("log-database-auditing", "sql-app", "FAIL"): 1,  # no auditing policy: off
    })


def test_managed_disks_are_always_encrypted() -> None:
    disks = {v.ref.name: (v.encrypted, v.kms_key, v.kms_key_customer_managed)
             for v in values(programs.managed_disks, True) if isinstance(v, BlockVolume)}
    assert disks == {"vm1_OsDisk": (True, None, False), "vm1_DataDisk": (True, programs.DES, True)}
    assert verdicts(programs.managed_disks, True) == Counter({
        ("enc-block-volume-encrypted", "vm1_OsDisk", "PASS"): 1,
        ("enc-block-volume-encrypted", "vm1_DataDisk", "PASS"): 1,
        ("enc-block-volume-kms", "vm1_OsDisk", "FAIL"): 1,  # platform-managed key (Azure Policy 702dd420)
        ("enc-block-volume-kms", "vm1_DataDisk", "PASS"): 1})


def test_preview_unknowns() -> None:
    assert verdicts(programs.unresolved_outputs, True) == Counter({
        ("enc-object-store-default-encryption", "lateaccount", "PASS"): 1,
        ("enc-object-store-kms", "lateaccount", "FAIL"): 1,
        ("enc-object-store-tls-only", "lateaccount", "PASS"): 1,
        ("log-object-store-access-logging", "lateaccount", "FAIL"): 1,
        ("net-object-store-public-access-blocked", "lateaccount", "UNKNOWN"): 1,
        ("enc-tls-listener-modern", "lateaccount", "PASS"): 1,
        ("net-service-firewall-default-deny", "lateaccount", "FAIL"): 1,
        ("iam-local-auth-disabled", "lateaccount", "FAIL"): 1,
        ("enc-infrastructure-encryption-enabled", "lateaccount", "UNKNOWN"): 1,  # from the group's name
        ("net-ingress-rule-admin-ports", "jump-nsg", "UNKNOWN"): 1,
        ("net-ingress-rule-admin-ports", "jump-nsg", "PASS"): 2,  # Azure's default rules
        ("enc-tls-listener-modern", "sql-late", "UNKNOWN"): 1,
        ("log-database-auditing", "sql-late", "FAIL"): 1,  # no auditing policy in the stack
    })


@pytest.mark.parametrize("preview", [True, False])
def test_flexible_servers(preview: bool) -> None:
    """Server parameters left out of the program keep their create-time values (secure transport ON, TLS 1.2)."""
    found = values(programs.flexible_servers, preview)
    databases = {v.ref.name: (v.engine, v.storage_encrypted, shown(v.publicly_accessible),
                              shown(v.kms_key_customer_managed), shown(v.directory_auth))
                 for v in found if isinstance(v, DatabaseInstance)}
    assert databases == {"pg-phi": ("postgres", True, False, True, True),
                         "pg-web": ("postgres", True, True, False, False),  # network left out: public
                         "my-phi": ("mysql", True, False, False, True),
                         "my-legacy": ("mysql", True, True, False, False)}
    listeners = {v.ref.name: (v.min_tls_version, v.plaintext_routes) for v in found if isinstance(v, TlsListener)}
    assert listeners == {"pg-phi": ("1.2", ()), "pg-web": ("1.2", ("require_secure_transport is off",)),
                         "my-phi": ("1.2", ()), "my-legacy": ("1.0", ())}
    assert verdicts(programs.flexible_servers, preview) == Counter({
        ("enc-database-storage-encrypted", "pg-phi", "PASS"): 1,
        ("enc-database-storage-encrypted", "pg-web", "PASS"): 1,
        ("enc-database-storage-encrypted", "my-phi", "PASS"): 1,
        ("enc-database-storage-encrypted", "my-legacy", "PASS"): 1,
        ("enc-database-storage-kms", "pg-phi", "PASS"): 1, ("enc-database-storage-kms", "pg-web", "FAIL"): 1,
        ("enc-database-storage-kms", "my-phi", "FAIL"): 1, ("enc-database-storage-kms", "my-legacy", "FAIL"): 1,
        ("net-database-not-public", "pg-phi", "PASS"): 1, ("net-database-not-public", "pg-web", "FAIL"): 1,
        ("net-database-not-public", "my-phi", "PASS"): 1, ("net-database-not-public", "my-legacy", "FAIL"): 1,
        ("iam-database-directory-auth", "pg-phi", "PASS"): 1, ("iam-database-directory-auth", "pg-web", "FAIL"): 1,
        ("iam-database-directory-auth", "my-phi", "PASS"): 1,
        ("iam-database-directory-auth", "my-legacy", "FAIL"): 1,
        ("enc-tls-listener-modern", "pg-phi", "PASS"): 1, ("enc-tls-listener-modern", "pg-web", "FAIL"): 1,
        ("enc-tls-listener-modern", "my-phi", "PASS"): 1, ("enc-tls-listener-modern", "my-legacy", "FAIL"): 1,
    })


@pytest.mark.parametrize("preview", [True, False])
def test_virtual_machines_and_subnets(preview: bool) -> None:
    """VMs joined with their NICs and public IPs through the stack (ids not computed at preview), and
    each subnet's NSG, inline or as its own resource: the live scanner's verdicts and names."""
    instances = {v.ref.name: (shown(v.public_addresses), shown(v.host_encryption), shown(v.ip_forwarding))
                 for v in values(programs.virtual_machines, preview) if isinstance(v, ComputeInstance)}
    outside = (f"?network interface {programs.EXISTING_NIC} is not created in this stack: its public IPs are only "
               "visible in a live account")
    assert instances == {"web-vm": (("web-ip",), False, False), "app-vm": ((), True, False),
                         "legacy-vm": (outside, False, f"?network interface {programs.EXISTING_NIC} is not created in "
                                       "this stack: its IP forwarding setting is only visible in a live account"),
                         "router-vm": ((), True, True)}
    assert verdicts(programs.virtual_machines, preview) == Counter(table("""
        net-instance-no-public-ip     web-vm              FAIL
        net-instance-no-public-ip     app-vm              PASS
        enc-instance-host-encryption  web-vm              FAIL
        enc-instance-host-encryption  app-vm              PASS
        net-instance-no-public-ip     legacy-vm           UNKNOWN
        enc-instance-host-encryption  legacy-vm           FAIL
        net-instance-no-public-ip     router-vm           PASS
        enc-instance-host-encryption  router-vm           PASS
        net-instance-ip-forwarding-off  web-vm            PASS
        net-instance-ip-forwarding-off  app-vm            PASS
        net-instance-ip-forwarding-off  legacy-vm         UNKNOWN
        net-instance-ip-forwarding-off  router-vm         FAIL
        net-subnet-security-group     spoke/GatewaySubnet  PASS
        net-subnet-security-group     spoke/app           PASS
        net-subnet-security-group     spoke/data          FAIL
        net-subnet-security-group     spoke/batch         FAIL
        net-ingress-rule-admin-ports  app-nsg             PASS
        net-ingress-rule-admin-ports  app-nsg             PASS
        log-network-flow-logs         spoke               FAIL
        net-network-default-absent    spoke               PASS
    """))  # the NSG's two default inbound allows (VirtualNetwork, AzureLoadBalancer); no flow log on spoke


@pytest.mark.parametrize("preview", [True, False])
def test_web_apps(preview: bool) -> None:
    """siteConfig inline, or left to Azure's create defaults (TLS 1.2, remote debugging off, no managed
    identity; the FTP default unknown): the live scanner's endpoints and verdicts."""
    apps = {(v.ref.name, v.ref.part): (type(v).__name__, *(shown(getattr(v, f)) for f in v.__slots__[1:]))
            for v in values(programs.web_apps, preview) if v.ref.native_type == "azure-native:web:WebApp"}
    unset = "?siteConfig.ftpsState not set: Azure's default for a new app is not stated in the program"
    assert apps == {
        ("portal", "http"): ("TlsListener", "HTTP", None, ()),
        ("portal", "https"): ("TlsListener", "HTTPS", "1.2", ()),
        ("portal", None): ("WebApp", False, False, True),
        ("legacy", "http"): ("TlsListener", "HTTP", None, ("httpsOnly off: requests over HTTP are served",)),
        ("legacy", "https"): ("TlsListener", "HTTPS", "1.0", ()),
        ("legacy", None): ("WebApp", True, True, False),
        ("defaults", "http"): ("TlsListener", "HTTP", None, ()),
        ("defaults", "https"): ("TlsListener", "HTTPS", "1.2", ()),
        ("defaults", None): ("WebApp", unset, False, False),  # no identity unless the program asks for one
    }
    assert verdicts(programs.web_apps, preview) == Counter(table("""
        enc-tls-listener-modern           portal    PASS
        enc-tls-listener-modern           portal    PASS
        enc-tls-listener-modern           legacy    FAIL
        enc-tls-listener-modern           legacy    FAIL
        enc-tls-listener-modern           defaults  PASS
        enc-tls-listener-modern           defaults  PASS
        enc-web-app-ftps-only             portal    PASS
        enc-web-app-ftps-only             legacy    FAIL
        enc-web-app-ftps-only             defaults  UNKNOWN
        net-web-app-remote-debugging-off  portal    PASS
        net-web-app-remote-debugging-off  legacy    FAIL
        net-web-app-remote-debugging-off  defaults  PASS
        iam-web-app-managed-identity      portal    PASS
        iam-web-app-managed-identity      legacy    FAIL
        iam-web-app-managed-identity      defaults  FAIL
    """))
