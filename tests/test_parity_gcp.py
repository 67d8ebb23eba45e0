"""Parity: each GCP scenario written once as a pulumi-gcp program and once as Cloud Asset Inventory data.

The program (`tests.pulumi_programs.gcp`) is captured under mocks as after ``pulumi up`` and judged by
the pulumi-gcp adapters and by the real ``packs/hitrust-gcp`` process; the project is asset lines
(`hitrust_policies.testing.gcp_assets`, the export shape) served by `FakeGcp` and read by the real live
scanner through google-cloud-asset. Both must give the same (rule id, resource, status) multiset:
every firewall opening counts, PASS included on the adapter side, FAIL / UNKNOWN for the pack. The
assets describe what GCP holds for what the program creates: the subnetworks GCP makes in an
auto-mode network, ``0.0.0.0/0`` stored for a firewall created without source ranges, a public IP on
an instance created without ``ipv4Enabled``. A mismatch is a bug in an adapter, not a tolerance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.live.gcp.scan import scan_gcp
from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir, shared_pack
from tests.parity import assert_pack_agrees_with_live, verdicts_over
from tests.pulumi_programs import gcp as programs
from tests.verdicts import Verdicts

pytest.importorskip("google.cloud.asset_v1", reason="the gcp extra (google-cloud-asset) is not installed")
pytest.importorskip("pulumi_gcp", reason="the pulumi-gcp extra is not installed")

P = ga.Project(programs.PROJECT, "418274650321", folders=("301934554120",))
PACK_RULES = {r.id for r in pack_rules(package="gcp")}
Lines = list[dict[str, Any]]


@dataclass(frozen=True)
class Scenario:
    name: str
    program: Callable[[], None]
    assets: Callable[[], Lines]
    names: frozenset[str]
    must_fail: frozenset[tuple[str, str]]  # keeps the scenario from being vacuous
    must_pass: frozenset[tuple[str, str]] = frozenset()


def _with_policy(*buckets: tuple[dict[str, Any], tuple[tuple[str, list[str]], ...]]) -> Lines:
    return [line for bucket, extra in buckets for line in (bucket, ga.bucket_policy(P, bucket["resource"]["data"]
                                                                                    ["name"], *extra))]


def keys_logging_assets() -> Lines:
    return _with_policy(
        (ga.bucket(P, "phi-access-logs", public_access_prevention="enforced"), ()),
        (ga.bucket(P, "phi-records", kms_key=programs.CMEK, log_bucket="phi-access-logs",
                   public_access_prevention="enforced"), ()),
        (ga.bucket(P, "phi-plain"), ()))


def public_assets() -> Lines:
    lines = _with_policy(
        (ga.bucket(P, "public-site"), (("roles/storage.objectViewer", ["allUsers"]),)),
        (ga.bucket(P, "partner-share"), (("roles/storage.objectAdmin", ["allAuthenticatedUsers",
                                                                        "group:partners@phi.example"]),)),
        (ga.bucket(P, "legacy-acl", uniform=False), ()),
        (ga.bucket(P, "locked", uniform=False, public_access_prevention="enforced"),
         (("roles/storage.objectViewer", ["allUsers"]),)),
        (ga.bucket(P, "team-only"), (("roles/storage.objectViewer", ["group:analysts@phi.example"]),)),
        (ga.bucket(P, "policy-doc"), ()))
    # a BucketIAMPolicy replaces the whole policy, the project's legacy bindings included
    lines[-1]["iam_policy"]["bindings"] = [{"role": "roles/storage.legacyBucketReader", "members": ["allUsers"]},
                                           {"role": "roles/storage.admin",
                                            "members": ["group:storage-admins@phi.example"]}]
    return lines


def firewall_assets() -> Lines:
    net = {"network": "prod-vpc"}
    return [
        ga.network(P, "prod-vpc"),
        ga.firewall(P, "allow-ssh-web", allowed=(("tcp", ("22", "80")),), **net),
        ga.firewall(P, "allow-https", allowed=(("tcp", ("443",)),), **net),
        ga.firewall(P, "allow-iap-ssh", allowed=(("tcp", ("22", "3389")),), source_ranges=("35.235.240.0/20",), **net),
        ga.firewall(P, "allow-internal", allowed=(("all", None),), source_ranges=("10.128.0.0/9",), **net),
        ga.firewall(P, "allow-db-from-app", allowed=(("tcp", ("5432",)),), source_ranges=None, source_tags=("app",),
                    **net),
        ga.firewall(P, "allow-rdp-any", allowed=(("tcp", ("3389",)), ("icmp", None)),
                    source_ranges=("0.0.0.0/0", "::/0"), **net),
        ga.firewall(P, "deny-telnet", denied=(("tcp", ("23",)),), **net),
        ga.firewall(P, "egress-smtp", allowed=(("tcp", ("25",)),), direction="EGRESS", **net),
        ga.firewall(P, "old-mysql", allowed=(("tcp", ("3306",)),), disabled=True, **net),
    ]


def sql_assets() -> Lines:
    return [ga.sql_instance(P, "app-db"),  # created without ipConfiguration: a public IP, no networks
            ga.sql_instance(P, "open-db", version="MYSQL_8_0", networks=("0.0.0.0/0",)),
            ga.sql_instance(P, "office-db", networks=("203.0.113.0/24",), require_ssl=True),
            ga.sql_instance(P, "private-db", version="SQLSERVER_2019_STANDARD", ipv4=False, networks=("0.0.0.0/0",))]


def sql_flag_assets() -> Lines:
    on = {"log_connections": "on", "log_disconnections": "on"}

    def instance(name: str, version: str, flags: dict[str, str] | None = None) -> dict[str, Any]:
        return ga.sql_instance(P, name, version=version, ipv4=False, ssl_mode="ENCRYPTED_ONLY", flags=flags)

    return [instance("audited-pg", "POSTGRES_16", {**on, "log_min_duration_statement": "-1",
                                                   "cloudsql.enable_pgaudit": "on", "pgaudit.log": "read,write,ddl"}),
            instance("default-pg", "POSTGRES_15"),
            instance("half-pg", "POSTGRES_14", {"log_connections": "on", "log_min_duration_statement": "250",
                                                "log_min_messages": "error"}),
            instance("late-pg", "POSTGRES_16", on),
            instance("reports-mysql", "MYSQL_8_0", {"local_infile": "on", "skip_show_database": "on"}),
            instance("ehr-mssql", "SQLSERVER_2019_STANDARD", {"remote access": "off"}),
            instance("legacy-mssql", "SQLSERVER_2017_ENTERPRISE", {"contained database authentication": "on",
                                                                  "cross db ownership chaining": "on"})]


def kms_assets() -> Lines:
    return [ga.crypto_key(P, "phi", "records"),
            ga.crypto_key(P, "phi", "backups", rotation_period=None),
            ga.crypto_key(P, "phi", "signing", purpose="ASYMMETRIC_SIGN", rotation_period=None),
            ga.crypto_key(P, "phi", "hsm", protection_level="HSM", rotation_period=None)]


def disk_assets() -> Lines:
    return [ga.disk(P, "boot"), ga.disk(P, "data-cmek", kms_key=programs.DISK_KEY), ga.disk(P, "shared", regional=True)]


def network_assets() -> Lines:
    auto = [ga.subnetwork(P, "poc", "poc", region=r, cidr=c)  # what GCP creates in an auto-mode network
            for r, c in (("us-central1", "10.128.0.0/20"), ("europe-west1", "10.132.0.0/20"))]
    return [
        ga.network(P, "poc", auto_subnets=True), *auto,
        ga.network(P, "demo"), ga.subnetwork(P, "demo-0", "demo", cidr="10.0.1.0/24"),
        ga.subnetwork(P, "demo-1", "demo", cidr="10.0.2.0/24"),
        ga.network(P, "phi-vpc"), ga.subnetwork(P, "phi-app", "phi-vpc", flow_logs=True, cidr="10.10.0.0/20"),
        ga.subnetwork(P, "phi-proxy", "phi-vpc", purpose="REGIONAL_MANAGED_PROXY", cidr="10.10.64.0/23"),
        ga.network(P, "half-vpc"), ga.subnetwork(P, "half-logged", "half-vpc", region="us-east1", flow_logs=True,
                                                 cidr="10.20.0.0/20"),
        ga.subnetwork(P, "half-quiet", "half-vpc", region="us-east1", cidr="10.20.16.0/20"),
        ga.network(P, "empty-vpc"),
    ]


def vm_access_assets() -> Lines:
    """What GCP holds for `programs.vm_access`: the project metadata it sets, the VMs with the startup script
    the provider stores as metadata, service accounts with the scopes' full URLs."""
    auth = "https://www.googleapis.com/auth/"
    return [ga.compute_project(P, {"enable-oslogin": "TRUE"}),
            ga.vm(P, "nginx", metadata={"startup-script": "apt-get install -y nginx"}, scopes=[ga.FULL_API_SCOPE]),
            ga.vm(P, "ehr-app", metadata={"block-project-ssh-keys": "TRUE"},
                  service_account=f"ehr-app@{P.id}.iam.gserviceaccount.com", scopes=[ga.FULL_API_SCOPE]),
            ga.vm(P, "legacy-vm", metadata={"enable-oslogin": "FALSE", "serial-port-enable": "true"},
                  scopes=[f"{auth}devstorage.read_only", f"{auth}logging.write"])]
def dataset_assets() -> Lines:
    """What BigQuery holds: an ``accesses`` list replaces the default one; DatasetAccess and IAM members add
    entries (shown in the access list and the IAM policy alike); a DatasetIamPolicy replaces both."""
    owners = {"role": "OWNER", "specialGroup": "projectOwners"}
    viewer = "roles/bigquery.dataViewer"
    documented = ga.dataset_policy(P, "documented")
    documented["iam_policy"]["bindings"] = [{"role": viewer, "members": ["allUsers"]}]
    return [
        ga.dataset(P, "claims", kms_key=programs.DATASET_KEY, default_access=False,
                   access=[owners, {"role": "READER", "groupByEmail": "analysts@phi.example"}]),
        ga.dataset_policy(P, "claims", (viewer, ["group:analysts@phi.example"])),
        ga.dataset(P, "staging"), ga.dataset_policy(P, "staging"),
        ga.dataset(P, "open_reference", default_access=False,
                   access=[owners, {"role": "READER", "specialGroup": "allAuthenticatedUsers"}]),
        ga.dataset_policy(P, "open_reference", (viewer, ["allAuthenticatedUsers"])),
        ga.dataset(P, "shared", access=[{"role": "READER", "iamMember": "allUsers"}]),
        ga.dataset_policy(P, "shared", (viewer, ["allUsers"])),
        ga.dataset(P, "exports", access=[{"role": viewer, "iamMember": "allAuthenticatedUsers"}]),
        ga.dataset_policy(P, "exports", (viewer, ["allAuthenticatedUsers"])),
        ga.dataset(P, "team", access=[{"role": viewer, "groupByEmail": "analysts@phi.example"}]),
        ga.dataset_policy(P, "team", (viewer, ["group:analysts@phi.example"])),
        ga.dataset(P, "documented", default_access=False, access=[{"role": viewer, "iamMember": "allUsers"}]),
        documented,
    ]


def dns_assets() -> Lines:
    """A zone created without dnssecConfig has none; one turned on without key specs gets Cloud DNS's
    RSASHA256 keys; a zone in transfer keeps its keys."""
    return [
        ga.managed_zone(P, "portal", "portal.phi.example.", dnssec=None),
        ga.managed_zone(P, "patients", "patients.phi.example."),
        ga.managed_zone(P, "legacy", "legacy.phi.example.", zone_signing="rsasha1"),
        ga.managed_zone(P, "moving", "moving.phi.example.", dnssec="transfer"),
        ga.network(P, "dns-vpc"),
        ga.managed_zone(P, "internal", "internal.phi.example.", visibility="private", dnssec=None, network="dns-vpc"),
    ]


def log_archive_assets() -> Lines:
    router = f"logging.googleapis.com/projects/{P.id}/locations/us-central1/buckets/audit-locked"
    return [
        *_with_policy((ga.bucket(P, "phi-log-archive", public_access_prevention="enforced", retention_days=2190,
                                 retention_locked=True), ()),
                      (ga.bucket(P, "phi-log-open", public_access_prevention="enforced", retention_days=2190), ())),
        ga.log_bucket(P, "audit-locked", location="us-central1", retention_days=2190, locked=True),
        ga.dataset(P, "logs"), ga.dataset_policy(P, "logs"),
        ga.log_sink(P, "to-locked", "storage.googleapis.com/phi-log-archive"),
        ga.log_sink(P, "to-unlocked", "storage.googleapis.com/phi-log-open", log_filter="severity>=ERROR"),
        ga.log_sink(P, "to-log-bucket", router),
        ga.log_sink(P, "to-partner", "storage.googleapis.com/partner-archive"),
        ga.log_sink(P, "to-bigquery", f"bigquery.googleapis.com/projects/{P.id}/datasets/logs"),
    ]
def load_balancer_assets() -> Lines:
    """What GCP holds for `programs.load_balancers` (the COMPATIBLE policy stores no minTlsVersion)."""
    api = {"name": "api", "defaultUrlRedirect": {"httpsRedirect": True, "stripQuery": False},
           "pathRules": [{"paths": ["/health"], "service": f"projects/{P.id}/global/backendServices/web"}]}
    return [ga.ssl_policy(P, "modern-tls12"), ga.ssl_policy(P, "restricted-tls13", min_tls="TLS_1_3",
                                                           profile="RESTRICTED"),
            ga.ssl_policy(P, "compatible", min_tls=None, profile="COMPATIBLE"),
            ga.ssl_policy(P, "tls11", min_tls="TLS_1_1", profile="CUSTOM"),
            ga.url_map(P, "web", default_service="web"), ga.url_map(P, "web-redirect", https_redirect=True),
            ga.url_map(P, "web-partial", https_redirect=True, path_matchers=[api]),
            ga.target_https_proxy(P, "portal-https", "web", policy="modern-tls12"),
            ga.target_https_proxy(P, "ehr-https", "web", policy="restricted-tls13"),
            ga.target_https_proxy(P, "legacy-https", "web"),
            ga.target_https_proxy(P, "old-clients-https", "web", policy="compatible"),
            ga.target_ssl_proxy(P, "hl7-ssl", "hl7", policy="tls11"),
            ga.target_http_proxy(P, "portal-http", "web-redirect"), ga.target_http_proxy(P, "status-http", "web"),
            ga.target_http_proxy(P, "partial-http", "web-partial")]


def instance_assets() -> Lines:
    """What GCP holds for `programs.instances`: the ephemeral and reserved external IPs allocated, the NAT
    VM and the GKE node forwarding."""
    lines = [ga.instance(P, "web-vm", nat_ips=["34.118.9.20"]), ga.instance(P, "nat-gw", nat_ips=["34.118.9.21"]),
             ga.instance(P, "ehr-app"), ga.instance(P, "gke-phi-pool-1-a1b2")]
    for line in lines[1:2] + lines[3:]:
        line["resource"]["data"]["canIpForward"] = True
    lines[3]["resource"]["data"]["labels"] = {"goog-gke-node": ""}
    return lines


F = frozenset
SCENARIOS = [
    Scenario("buckets-keys-and-logging", programs.buckets_keys_logging, keys_logging_assets,
             F({"phi-access-logs", "phi-records", "phi-plain"}),
             F({("enc-object-store-kms", "phi-plain"), ("log-object-store-access-logging", "phi-plain")}),
             must_pass=F({("enc-object-store-kms", "phi-records"),
                          ("log-object-store-access-logging", "phi-records")})),
    Scenario("buckets-public-access", programs.buckets_public, public_assets,
             F({"public-site", "partner-share", "legacy-acl", "locked", "team-only", "policy-doc"}),
             F({("net-object-store-public-access-blocked", n) for n in ("public-site", "partner-share", "legacy-acl",
                                                                        "policy-doc")}),
             must_pass=F({("net-object-store-public-access-blocked", n) for n in ("locked", "team-only")})),
    Scenario("firewalls", programs.firewalls, firewall_assets,
             F({"prod-vpc", "allow-ssh-web", "allow-https", "allow-iap-ssh", "allow-internal", "allow-db-from-app",
                "allow-rdp-any"}),
             F({("net-ingress-rule-admin-ports", "allow-ssh-web"), ("net-ingress-rule-admin-ports", "allow-rdp-any")}),
             must_pass=F({("net-ingress-rule-admin-ports", "allow-iap-ssh"),
                          ("net-ingress-rule-admin-ports", "allow-db-from-app")})),
    Scenario("cloud-sql", programs.sql_instances, sql_assets, F({"app-db", "open-db", "office-db", "private-db"}),
             F({("net-database-not-public", "open-db"), ("enc-tls-listener-modern", "app-db"),
                ("enc-tls-listener-modern", "private-db"), ("iam-database-local-infile-off", "open-db"),
                ("iam-database-show-databases-restricted", "open-db")}),
             must_pass=F({("net-database-not-public", n) for n in ("app-db", "office-db", "private-db")})),
    Scenario("cloud-sql-flags", programs.sql_database_flags, sql_flag_assets,
             F({"audited-pg", "default-pg", "half-pg", "late-pg", "reports-mysql", "ehr-mssql", "legacy-mssql"}),
             F({("log-database-connection-logging", n) for n in ("default-pg", "half-pg")} | {
                 ("log-database-statements-not-logged", "half-pg"), ("log-database-audit-extension", "default-pg")} | {
                 (r, "legacy-mssql") for r in ("iam-database-contained-auth-off",
                                               "iam-database-cross-db-ownership-chaining-off",
                                               "net-database-remote-access-off")} | {
                 ("iam-database-local-infile-off", "reports-mysql"), ("log-database-error-logging", "half-pg")}),
             must_pass=F({("log-database-connection-logging", n) for n in ("audited-pg", "late-pg")} | {
                 ("log-database-statements-not-logged", n) for n in ("audited-pg", "default-pg")} | {
                 ("log-database-audit-extension", "audited-pg")} | {
                 (r, "ehr-mssql") for r in ("iam-database-contained-auth-off",
                                            "iam-database-cross-db-ownership-chaining-off",
                                            "net-database-remote-access-off")} | {
                 ("iam-database-show-databases-restricted", "reports-mysql"),
                 ("log-database-error-logging", "default-pg")})),
    Scenario("kms-keys", programs.kms_keys, kms_assets, F({"phi/records", "phi/backups", "phi/signing", "phi/hsm"}),
             F({("enc-crypto-key-rotation", "phi/backups"), ("enc-crypto-key-rotation", "phi/hsm")}),
             must_pass=F({("enc-crypto-key-rotation", "phi/records"), ("enc-crypto-key-rotation", "phi/signing")})),
    Scenario("disks", programs.disks, disk_assets, F({"boot", "data-cmek", "shared"}), F(),
             must_pass=F({("enc-block-volume-encrypted", n) for n in ("boot", "data-cmek", "shared")})),
    Scenario("networks", programs.networks, network_assets, F({"poc", "demo", "phi-vpc", "half-vpc", "empty-vpc"}),
             F({("log-network-flow-logs", n) for n in ("poc", "demo", "half-vpc")}),
             must_pass=F({("log-network-flow-logs", n) for n in ("phi-vpc", "empty-vpc")})),
    Scenario("vm-access", programs.vm_access, vm_access_assets, F({"nginx", "ehr-app", "legacy-vm"}),
             F({("iam-instance-os-login", "legacy-vm"), ("iam-instance-project-ssh-keys-blocked", "nginx"),
                ("net-instance-serial-port-disabled", "legacy-vm"),
                ("iam-instance-default-service-account", "legacy-vm"),
                ("iam-instance-default-service-account-full-access", "nginx")}),
             must_pass=F({("iam-instance-os-login", n) for n in ("nginx", "ehr-app")} | {
                 ("iam-instance-project-ssh-keys-blocked", "ehr-app"),
                 ("iam-instance-default-service-account", "ehr-app"),
                 ("iam-instance-default-service-account-full-access", "legacy-vm")})),
    Scenario("bigquery-datasets", programs.bigquery_datasets, dataset_assets,
             F({"claims", "staging", "open_reference", "shared", "exports", "team", "documented"}),
             F({("net-dataset-not-public", n) for n in ("open_reference", "shared", "exports", "documented")} |
               {("enc-dataset-kms", "staging")}),
             must_pass=F({("net-dataset-not-public", "team"), ("enc-dataset-kms", "claims")})),
    Scenario("dns-zones", programs.dns_zones, dns_assets, F({"portal", "patients", "legacy", "moving", "internal"}),
             F({("enc-dns-zone-dnssec", "portal"), ("enc-dns-zone-dnssec", "moving"),
                ("enc-dns-zone-strong-signing", "legacy")}),
             must_pass=F({("enc-dns-zone-dnssec", n) for n in ("patients", "internal")} |
                         {("enc-dns-zone-strong-signing", n) for n in ("patients", "internal")})),
    Scenario("log-archives", programs.log_archives, log_archive_assets,
             F({f"projects/{P.id}/sinks/{n}" for n in ("to-locked", "to-unlocked", "to-log-bucket", "to-partner",
                                                      "to-bigquery")}),
             F({("log-log-archive-retention-locked", f"projects/{P.id}/sinks/to-unlocked")}),
             must_pass=F({("log-log-archive-retention-locked", f"projects/{P.id}/sinks/{n}")
                          for n in ("to-locked", "to-log-bucket")})),
    Scenario("load-balancers", programs.load_balancers, load_balancer_assets,
             F({"portal-https", "ehr-https", "legacy-https", "old-clients-https", "hl7-ssl", "portal-http",
                "status-http", "partial-http"}),
             F({("enc-tls-listener-modern", n) for n in ("legacy-https", "old-clients-https", "hl7-ssl",
                                                         "status-http", "partial-http")}),
             must_pass=F({("enc-tls-listener-modern", n) for n in ("portal-https", "ehr-https", "portal-http")})),
    Scenario("instances", programs.instances, instance_assets,
             F({"web-vm", "nat-gw", "ehr-app", "gke-phi-pool-1-a1b2"}),
             F({("net-instance-ip-forwarding-off", "nat-gw"), ("net-instance-no-public-ip", "web-vm")}),
             must_pass=F({("net-instance-ip-forwarding-off", n) for n in ("web-vm", "ehr-app",
                                                                          "gke-phi-pool-1-a1b2")})),
]



def log_bucket_assets() -> Lines:
    """What GCP holds for the `programs.log_buckets` buckets of this project."""
    return [ga.log_bucket(P, "_Default", retention_days=2190, kms_key=programs.CMEK),
            ga.log_bucket(P, "app-logs", location="us-central1", retention_days=90)]


SCENARIOS += [
    Scenario("log-buckets", programs.log_buckets, log_bucket_assets,
             F({f"{P.id}/global/_Default", f"{P.id}/us-central1/app-logs"}),
             F({("log-log-group-retention", f"{P.id}/us-central1/app-logs")}),
             must_pass=F({("log-log-group-retention", f"{P.id}/global/_Default"),
                          ("enc-log-group-audit-kms", f"{P.id}/global/_Default")})),
]


def live_findings(scenario: Scenario) -> Verdicts:
    from google.oauth2.credentials import Credentials

    with FakeGcp() as fake:
        fake.add_project(P.id, P.number)
        fake.add(ga.project(P), *scenario.assets())
        result = scan_gcp(api_endpoint=fake.endpoint, projects=[P.id], credentials=Credentials(token="ya29.fake"),
                          max_attempts=3, backoff=0.0)
    assert result.complete
    return verdicts_over(result.findings(), scenario.names, PACK_RULES)


@pytest.fixture(scope="module")
def pack() -> PackProcess:
    return shared_pack(default_pack_dir("hitrust-gcp"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack: PackProcess) -> None:
    live = live_findings(scenario)
    assert_pack_agrees_with_live(scenario.program, live, pack, names=scenario.names, rules=PACK_RULES,
                                 must_fail=scenario.must_fail, must_pass=scenario.must_pass)
