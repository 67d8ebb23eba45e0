"""The built-in demo Google Cloud organization: a small healthcare vendor's two projects, on 127.0.0.1.

``hitrust demo --cloud gcp`` loads these assets into a `FakeGcp` (the local Cloud Asset Inventory
of the ``gcp`` extra) and scans the organization with the real scanner: the google-cloud-asset
client over REST, the read-only session, every registered asset family. The credential is a fixed
OAuth token, so google-auth never looks for application default credentials or a metadata server,
and nothing leaves the machine.

Acme Health keeps patient data in ``acme-phi-prod`` (under the ``clinical`` folder, us-central1 with
us-east4 for disaster recovery) and runs analytics in ``acme-analytics-dev``. Each family holds
compliant and non-compliant assets, the way a first scan of a real organization looks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hitrust_policies.testing import gcp_assets as ga

ORGANIZATION = "612483901757"
CLINICAL_FOLDER = "284710395512"
PROD = ga.Project("acme-phi-prod", "902184756301", folders=(CLINICAL_FOLDER,), organization=ORGANIZATION)
DEV = ga.Project("acme-analytics-dev", "902184756302", organization=ORGANIZATION)
DOMAIN = "acme-health.example"
CORPORATE_VPN = "203.0.113.0/24"  # the office egress range (TEST-NET-3)
IAP_RANGE = "35.235.240.0/20"  # Identity-Aware Proxy TCP forwarding
GKE_NODE = "gke-ehr-default-pool-1a2b3c4d-x7k2"


def _key(p: ga.Project, ring: str, name: str, location: str = "us-central1") -> str:
    return f"projects/{p.id}/locations/{location}/keyRings/{ring}/cryptoKeys/{name}"


def _sa(p: ga.Project, name: str) -> str:
    return f"serviceAccount:{name}@{p.id}.iam.gserviceaccount.com"


def organization() -> list[dict[str, Any]]:
    """Every asset of the demo organization, as export lines (resources and IAM policies); key ages are
    counted back from now, so the demo reads the same whenever it runs."""
    now = datetime.now(UTC)
    phi_key = _key(PROD, "phi", "records")
    disk_key = _key(PROD, "phi", "disks")
    return [
        ga.project(PROD), ga.project(DEV),
        # Networks: prod is custom-mode with flow logs on its PHI subnet only; dev still runs the
        # auto-mode default network with no flow logs.
        ga.network(PROD, "ehr-vpc"),
        ga.subnetwork(PROD, "ehr-app", "ehr-vpc", flow_logs=True, cidr="10.10.0.0/20"),
        ga.subnetwork(PROD, "ehr-dr", "ehr-vpc", region="us-east4", flow_logs=False, cidr="10.20.0.0/20"),
        ga.network(DEV, "default", auto_subnets=True),
        ga.subnetwork(DEV, "default", "default", cidr="10.128.0.0/20"),
        # Firewalls: HTTPS from anywhere is fine; SSH only through IAP in prod; dev's default rules
        # open SSH and RDP to the internet, and someone opened PostgreSQL to everyone.
        ga.firewall(PROD, "allow-https", allowed=(("tcp", ("443",)),), network="ehr-vpc"),
        ga.firewall(PROD, "allow-iap-ssh", allowed=(("tcp", ("22",)),), source_ranges=(IAP_RANGE,),
                    network="ehr-vpc"),
        ga.firewall(PROD, "allow-office-rdp", allowed=(("tcp", ("3389",)),), source_ranges=(CORPORATE_VPN,),
                    network="ehr-vpc"),
        ga.firewall(DEV, "default-allow-ssh"),
        ga.firewall(DEV, "default-allow-rdp", allowed=(("tcp", ("3389",)),)),
        ga.firewall(DEV, "allow-postgres-anywhere", allowed=(("tcp", ("5432",)),)),
        ga.firewall(DEV, "default-allow-internal", allowed=(("tcp", ("0-65535",)), ("udp", ("0-65535",)),
                                                            ("icmp", None)), source_ranges=("10.128.0.0/9",)),
        # Buckets: PHI records with a customer-managed key, uniform access, access logs; a public
        # marketing bucket; a dev export bucket someone shared with allAuthenticatedUsers.
        ga.bucket(PROD, "acme-phi-records", kms_key=phi_key, public_access_prevention="enforced",
                  log_bucket="acme-phi-access-logs"),
        ga.bucket_policy(PROD, "acme-phi-records"),
        ga.bucket(PROD, "acme-phi-access-logs", public_access_prevention="enforced"),
        ga.bucket_policy(PROD, "acme-phi-access-logs"),
        ga.bucket(DEV, "acme-marketing-site", uniform=False),
        ga.bucket_policy(DEV, "acme-marketing-site", ("roles/storage.objectViewer", ("allUsers",))),
        ga.bucket(DEV, "acme-claims-export"),
        ga.bucket_policy(DEV, "acme-claims-export", ("roles/storage.objectViewer", ("allAuthenticatedUsers",))),
        # Cloud SQL: the EHR database on private IP only, TLS required, a customer-managed key and IAM
        # database logins; the analytics replica has a public IP open to the internet and accepts
        # plaintext; reporting uses Google-managed keys and built-in users only.
        ga.sql_instance(PROD, "ehr-postgres", ipv4=False, require_ssl=True, kms_key=_key(PROD, "phi", "sql"),
                        flags={"cloudsql.iam_authentication": "on", "log_connections": "on",
                               "log_disconnections": "on", "cloudsql.enable_pgaudit": "on",
                               "pgaudit.log": "read,write,role"}),
        ga.sql_instance(DEV, "analytics-pg", networks=("0.0.0.0/0",), require_ssl=False,
                        flags={"log_min_duration_statement": "0", "log_error_verbosity": "terse"}),
        ga.sql_instance(DEV, "reporting-mysql", version="MYSQL_8_0", networks=(CORPORATE_VPN,), require_ssl=True,
                        flags={"skip_show_database": "on"}),
        # KMS: PHI keys rotate every 90 days; a legacy key never rotates.
        ga.crypto_key(PROD, "phi", "records"),
        ga.crypto_key(PROD, "phi", "disks"),
        ga.crypto_key(PROD, "phi", "sql"),
        ga.crypto_key(DEV, "legacy", "etl-signing-key", rotation_period=None),
        # someone shared the legacy key with every Google account to unblock a partner (CIS GCP 1.9)
        ga.crypto_key_policy(DEV, "legacy", "etl-signing-key",
                             ("roles/cloudkms.cryptoKeyEncrypterDecrypter", ("allAuthenticatedUsers",))),
        ga.crypto_key_policy(PROD, "phi", "records",
                             ("roles/cloudkms.cryptoKeyEncrypterDecrypter", (_sa(PROD, "ehr-app"),))),
        # Disks: EHR VM disks under a customer-managed key; the rest under Google-managed keys.
        ga.disk(PROD, "ehr-app-1", kms_key=disk_key),
        ga.disk(PROD, "ehr-app-2", kms_key=disk_key),
        ga.disk(DEV, "notebook-1"),
        # IAM: the organization's admins group owns everything (a standing admin grant); the organization
        # records every configuration read for every project, but dev exempts its ETL account from them,
        # and that account is a project Editor with a key older than a year.
        ga.organization(PROD, DOMAIN), ga.folder(PROD, CLINICAL_FOLDER, "clinical"),
        ga.iam_policy(PROD, ("roles/owner", (f"group:cloud-admins@{DOMAIN}",)),
                      ("roles/resourcemanager.organizationViewer", (f"domain:{DOMAIN}",)),
                      audit=[ga.audit_config()], scope=f"organizations/{ORGANIZATION}"),
        ga.iam_policy(PROD, ("roles/resourcemanager.folderViewer", (f"group:clinical-eng@{DOMAIN}",)),
                      scope=f"folders/{CLINICAL_FOLDER}"),
        # The security team both administers prod's keys and decrypts with them; in dev, one engineer
        # creates service accounts and acts as any of them (CIS GCP 1.6, 1.8, 1.11).
        ga.iam_policy(PROD, ("roles/cloudsql.client", (_sa(PROD, "ehr-app"),)),
                      ("roles/logging.privateLogViewer", (f"group:auditors@{DOMAIN}",)),
                      ("roles/cloudkms.admin", (f"group:security@{DOMAIN}",)),
                      ("roles/cloudkms.cryptoKeyEncrypterDecrypter", (f"group:security@{DOMAIN}",))),
        ga.iam_policy(DEV, ("roles/editor", (_sa(DEV, "etl"),)),
                      ("roles/iam.serviceAccountAdmin", (f"user:dana@{DOMAIN}",)),
                      ("roles/iam.serviceAccountUser", (f"user:dana@{DOMAIN}",)),
                      audit=[ga.audit_config("allServices", "ADMIN_READ", exempt={"ADMIN_READ": [_sa(DEV, "etl")]})]),
        ga.service_account_key(PROD, "ehr-app", "4c1d8e0a", created=now - timedelta(days=21)),
        ga.service_account_key(DEV, "etl", "a7f3b219", created=now - timedelta(days=412)),
        ga.service_account_key(DEV, "etl", "0d9e6c55", created=now - timedelta(days=500), key_type="SYSTEM_MANAGED"),
        # Log buckets: every project keeps its audit logs in _Required (400 days, Google-managed keys) and
        # the rest in _Default (30 days); prod also routes its audit logs to a CMEK bucket kept six years.
        ga.log_bucket(PROD, "_Required", retention_days=400), ga.log_bucket(PROD, "_Default"),
        ga.log_bucket(PROD, "phi-audit", location="us-central1", retention_days=2190,
                      kms_key=_key(PROD, "logging", "audit")),
        ga.log_bucket(DEV, "_Required", retention_days=400), ga.log_bucket(DEV, "_Default"),
        # Load balancers: the patient portal serves TLS 1.2+ and redirects HTTP to HTTPS; dev's dashboard
        # has no SSL policy (Google's default accepts TLS 1.0).
        ga.ssl_policy(PROD, "modern-tls12"), ga.url_map(PROD, "portal", default_service="portal"),
        ga.url_map(PROD, "portal-redirect", https_redirect=True),
        ga.target_https_proxy(PROD, "portal-https", "portal", policy="modern-tls12"),
        ga.target_http_proxy(PROD, "portal-http", "portal-redirect"),
        ga.url_map(DEV, "dashboard", default_service="dashboard"),
        ga.target_https_proxy(DEV, "dashboard-https", "dashboard"),
        # Log sinks: besides the default ones, the organization copies its audit logs (only) to an archive,
        # and prod copies every entry of its own to a locked Cloud Storage bucket.
        *ga.default_sinks(PROD), *ga.default_sinks(DEV),
        ga.log_sink(PROD, "audit-archive", "storage.googleapis.com/acme-audit-archive",
                    owner=f"organizations/{ORGANIZATION}", include_children=True,
                    log_filter='logName:"cloudaudit.googleapis.com"'),
        ga.log_sink(PROD, "phi-all-logs", "storage.googleapis.com/acme-phi-log-archive"),
        # VMs: prod signs in through OS Login (with a second factor) for every VM; its EHR VM runs as its own
        # service account and refuses project-wide SSH keys; its GKE node is GKE's to configure. Dev keeps an
        # analyst's SSH key in project metadata; its notebook VM has a public IP, an open serial console and
        # runs as the default service account with access to every API.
        ga.compute_project(PROD, {"enable-oslogin": "TRUE", "enable-oslogin-2fa": "TRUE"}),
        ga.compute_project(DEV, {"ssh-keys": "analyst:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoKey analyst"}),
        ga.vm(PROD, "ehr-app-1", metadata={"block-project-ssh-keys": "TRUE"},
              service_account=f"ehr-app@{PROD.id}.iam.gserviceaccount.com", scopes=[ga.FULL_API_SCOPE]),
        ga.vm(PROD, GKE_NODE, labels={"goog-gke-node": "", "goog-k8s-cluster-name": "ehr"},
              scopes=[ga.FULL_API_SCOPE]),
        ga.vm(DEV, "notebook-1", nat_ips=["34.42.17.8"], metadata={"serial-port-enable": "TRUE"},
              scopes=[ga.FULL_API_SCOPE]),
        # BigQuery: the EHR analytics dataset has a default customer-managed key and project-only access;
        # a claims research dataset in dev was shared with allAuthenticatedUsers under Google-managed keys.
        ga.dataset(PROD, "ehr_analytics", kms_key=_key(PROD, "bigquery", "ehr-analytics", "us"), location="US"),
        ga.dataset_policy(PROD, "ehr_analytics"),
        ga.dataset(DEV, "claims_research", access=[{"role": "READER", "specialGroup": "allAuthenticatedUsers"}]),
        ga.dataset_policy(DEV, "claims_research", ("roles/bigquery.dataViewer", ("allAuthenticatedUsers",))),
        # Cloud DNS: the patient portal's zone is signed with RSASHA256 keys, the EHR's internal zone is private;
        # dev's zone was signed with RSASHA1 keys once and has DNSSEC off since.
        ga.managed_zone(PROD, "acme-health", f"{DOMAIN}."),
        ga.managed_zone(PROD, "ehr-internal", "ehr.internal.", visibility="private", dnssec=None, network="ehr-vpc"),
        ga.managed_zone(DEV, "analytics-dev", f"dev.{DOMAIN}.", dnssec="off", key_signing="rsasha1",
                        zone_signing="rsasha1"),
        # Log archives: prod's copy of every entry sits in a bucket whose six-year retention policy is locked;
        # the organization's audit archive keeps 400 days, but its policy was never locked.
        ga.bucket(PROD, "acme-phi-log-archive", kms_key=_key(PROD, "logging", "archive"),
                  public_access_prevention="enforced", log_bucket="acme-phi-access-logs", retention_days=2190,
                  retention_locked=True),
        ga.bucket_policy(PROD, "acme-phi-log-archive"),
        ga.bucket(PROD, "acme-audit-archive", public_access_prevention="enforced", retention_days=400),
        ga.bucket_policy(PROD, "acme-audit-archive"),
        # Cloud SQL for SQL Server: the billing database, private and TLS only, still chains ownership across
        # databases and leaves remote access at SQL Server's default (on)
        ga.sql_instance(PROD, "billing-mssql", version="SQLSERVER_2019_STANDARD", ipv4=False, require_ssl=True,
                        flags={"cross db ownership chaining": "on"}),
        # dev routes its egress through a hand-built NAT VM that forwards IP traffic and holds an external address
        # (Cloud NAT would do neither); it runs as its own service account and refuses project-wide SSH keys.
        _forwarding(ga.vm(DEV, "nat-gw", nat_ips=["34.118.40.7"], metadata={"block-project-ssh-keys": "TRUE"},
                          service_account=f"nat-gw@{DEV.id}.iam.gserviceaccount.com")),
    ]


def _forwarding(vm: dict[str, Any]) -> dict[str, Any]:
    vm["resource"]["data"]["canIpForward"] = True
    return vm


def start_fake() -> Any:
    """A running `FakeGcp` on 127.0.0.1 holding the demo organization (stop it when done)."""
    from hitrust_policies.testing.gcp_fake import FakeGcp

    fake = FakeGcp()
    for p in (PROD, DEV):
        fake.add_project(p.id, p.number)
    fake.add(*organization())
    return fake.start()


def run_demo(progress: Callable[[int, int, str], None] | None = None, fake: Any = None) -> Any:
    """Scan the demo organization with the real scanner; ``fake`` a running one to scan instead of a
    fresh one (tests read its request log)."""
    from google.oauth2.credentials import Credentials

    from hitrust_policies.sources.live.gcp.scan import scan_gcp

    own = fake is None
    fake = start_fake() if own else fake
    try:
        return scan_gcp(credentials=Credentials(token="demo-access-token"), api_endpoint=fake.endpoint,
                        organizations=[ORGANIZATION], progress=progress)
    finally:
        if own:
            fake.stop()
