"""``hitrust demo --cloud gcp``: the real GCP scanner finds exactly what the demo organization holds."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from hitrust_policies import demo_gcp
from hitrust_policies.sources.live.gcp.families import all_families
from tests.test_cli import hitrust
from tests.verdicts import multiset, unique_ids

ADMIN = "net-ingress-rule-admin-ports"
ORG, DOMAIN, PROD, DEV = demo_gcp.ORGANIZATION, demo_gcp.DOMAIN, demo_gcp.PROD.id, demo_gcp.DEV.id
GKE_NODE = demo_gcp.GKE_NODE
DEFAULT_SA_RULES = ("iam-instance-default-service-account", "iam-instance-default-service-account-full-access")
BUCKETS = ("acme-phi-records", "acme-phi-access-logs", "acme-marketing-site", "acme-claims-export")
ARCHIVES = ("acme-phi-log-archive", "acme-audit-archive")

# (rule, resource, status, how many findings look like this): the whole demo, nothing else.
EXPECTED = [
    # buckets: always encrypted; only the PHI records bucket has a customer-managed key and access logs;
    # the marketing bucket is public (fine-grained ACLs, allUsers), the claims export is shared with
    # allAuthenticatedUsers; Cloud Storage answers plain HTTP for every bucket
    *[("enc-object-store-default-encryption", n, "PASS", 1) for n in BUCKETS],
    ("enc-object-store-kms", "acme-phi-records", "PASS", 1),
    *[("enc-object-store-kms", n, "FAIL", 1) for n in BUCKETS[1:]],
    *[("enc-object-store-tls-only", n, "FAIL", 1) for n in BUCKETS],
    ("log-object-store-access-logging", "acme-phi-records", "PASS", 1),
    *[("log-object-store-access-logging", n, "FAIL", 1) for n in BUCKETS[1:]],
    *[("net-object-store-public-access-blocked", n, "PASS", 1) for n in BUCKETS[:2]],
    *[("net-object-store-public-access-blocked", n, "FAIL", 1) for n in BUCKETS[2:]],
    # firewalls: HTTPS from anywhere, SSH through IAP and RDP from the office pass; dev's defaults and an
    # open PostgreSQL port fail; default-allow-internal opens three protocols to the VPC range only
    *[(ADMIN, n, "PASS", 1) for n in ("allow-https", "allow-iap-ssh", "allow-office-rdp")],
    (ADMIN, "default-allow-internal", "PASS", 3),
    *[(ADMIN, n, "FAIL", 1) for n in ("default-allow-ssh", "default-allow-rdp", "allow-postgres-anywhere")],
    # Cloud SQL: storage always encrypted; the analytics instance is open to 0.0.0.0/0
    *[("enc-database-storage-encrypted", n, "PASS", 1) for n in ("ehr-postgres", "analytics-pg", "reporting-mysql")],
    *[("net-database-not-public", n, "PASS", 1) for n in ("ehr-postgres", "reporting-mysql")],
    ("net-database-not-public", "analytics-pg", "FAIL", 1),
    # the EHR database alone has a customer-managed key and IAM database authentication
    ("enc-database-storage-kms", "ehr-postgres", "PASS", 1),
    *[("enc-database-storage-kms", n, "FAIL", 1) for n in ("analytics-pg", "reporting-mysql")],
    ("iam-database-directory-auth", "ehr-postgres", "PASS", 1),
    *[("iam-database-directory-auth", n, "FAIL", 1) for n in ("analytics-pg", "reporting-mysql")],
    # analytics-pg also takes unencrypted connections; the others refuse them, and no Cloud SQL setting shows
    # the lowest TLS version they negotiate
    ("enc-tls-listener-modern", "analytics-pg", "FAIL", 1),
    *[("enc-tls-listener-modern", n, "UNKNOWN", 1) for n in ("ehr-postgres", "reporting-mysql")],
    # KMS: the PHI keys rotate every 90 days, the legacy key never
    *[("enc-crypto-key-rotation", n, "PASS", 1) for n in ("phi/records", "phi/disks", "phi/sql")],
    ("enc-crypto-key-rotation", "legacy/etl-signing-key", "FAIL", 1),
    # the legacy key is open to every Google account; the others to named members only
    *[("net-crypto-key-not-public", n, "PASS", 1) for n in ("phi/records", "phi/disks", "phi/sql")],
    ("net-crypto-key-not-public", "legacy/etl-signing-key", "FAIL", 1),
    # disks: always encrypted
    *[("enc-block-volume-encrypted", n, "PASS", 1) for n in ("ehr-app-1", "ehr-app-2", "notebook-1")],
    *[("enc-block-volume-kms", n, "PASS", 1) for n in ("ehr-app-1", "ehr-app-2")],
    ("enc-block-volume-kms", "notebook-1", "FAIL", 1),  # a Google-managed key
    # networks: the DR subnet of ehr-vpc has no flow logs; dev's default network none at all
    *[("log-network-flow-logs", n, "FAIL", 1) for n in ("ehr-vpc", "default")],
    # IAM: the organization's owners group and dev's ETL Editor are admin grants; every other binding is a
    # named role. The ETL account's user-managed key is 412 days old; its Google-managed key is Google's.
    ("iam-policy-grant-no-admin", f"organizations/{ORG}/roles/owner/group:cloud-admins@{DOMAIN}", "FAIL", 1),
    ("iam-policy-grant-no-admin", f"projects/{DEV}/roles/editor/serviceAccount:etl@{DEV}.iam.gserviceaccount.com",
     "FAIL", 1),
    *[("iam-policy-grant-no-admin", n, "PASS", 1) for n in (
        f"organizations/{ORG}/roles/resourcemanager.organizationViewer/domain:{DOMAIN}",
        f"folders/{demo_gcp.CLINICAL_FOLDER}/roles/resourcemanager.folderViewer/group:clinical-eng@{DOMAIN}",
        f"projects/{PROD}/roles/cloudsql.client/serviceAccount:ehr-app@{PROD}.iam.gserviceaccount.com",
        f"projects/{PROD}/roles/logging.privateLogViewer/group:auditors@{DOMAIN}",
        f"projects/{PROD}/roles/cloudkms.admin/group:security@{DOMAIN}",
        f"projects/{PROD}/roles/cloudkms.cryptoKeyEncrypterDecrypter/group:security@{DOMAIN}",
        f"projects/{DEV}/roles/iam.serviceAccountAdmin/user:dana@{DOMAIN}",
        f"projects/{DEV}/roles/iam.serviceAccountUser/user:dana@{DOMAIN}")],
    # roles per member: prod's security group administers keys and decrypts; dev's dana administers service
    # accounts and may act as every one of them
    ("iam-kms-duties-separated", f"projects/{PROD}/group:security@{DOMAIN}", "FAIL", 1),
    ("iam-service-account-duties-separated", f"projects/{DEV}/user:dana@{DOMAIN}", "FAIL", 1),
    ("iam-service-account-impersonation-scoped", f"projects/{DEV}/user:dana@{DOMAIN}", "FAIL", 1),
    *[(r, f"projects/{PROD}/group:security@{DOMAIN}", "PASS", 1) for r in (
        "iam-service-account-duties-separated", "iam-service-account-impersonation-scoped")],
    ("iam-kms-duties-separated", f"projects/{DEV}/user:dana@{DOMAIN}", "PASS", 1),
    *[(r, n, "PASS", 1) for r in ("iam-service-account-duties-separated", "iam-kms-duties-separated",
                                  "iam-service-account-impersonation-scoped") for n in (
        f"organizations/{ORG}/group:cloud-admins@{DOMAIN}", f"organizations/{ORG}/domain:{DOMAIN}",
        f"folders/{demo_gcp.CLINICAL_FOLDER}/group:clinical-eng@{DOMAIN}",
        f"projects/{PROD}/serviceAccount:ehr-app@{PROD}.iam.gserviceaccount.com",
        f"projects/{PROD}/group:auditors@{DOMAIN}",
        f"projects/{DEV}/serviceAccount:etl@{DEV}.iam.gserviceaccount.com")],
    ("iam-credential-rotated", f"etl@{DEV}.iam.gserviceaccount.com/a7f3b219", "FAIL", 1),
    ("iam-credential-rotated", f"etl@{DEV}.iam.gserviceaccount.com/0d9e6c55", "PASS", 1),
    ("iam-credential-rotated", f"ehr-app@{PROD}.iam.gserviceaccount.com/4c1d8e0a", "PASS", 1),
    # both user-managed keys are secrets held outside Google, young or old; the Google-managed key is Google's
    *[("iam-service-account-no-user-keys", n, "FAIL", 1) for n in (
        f"etl@{DEV}.iam.gserviceaccount.com/a7f3b219", f"ehr-app@{PROD}.iam.gserviceaccount.com/4c1d8e0a")],
    ("iam-service-account-no-user-keys", f"etl@{DEV}.iam.gserviceaccount.com/0d9e6c55", "PASS", 1),
    # audit logs: the organization records configuration reads everywhere; dev exempts its ETL account
    ("log-audit-coverage-multi-region", PROD, "PASS", 1),
    ("log-audit-coverage-multi-region", DEV, "FAIL", 1),
    # log buckets: _Default keeps 30 days; audit logs sit under Google-managed keys except in phi-audit
    *[("log-log-group-retention", f"{p}/global/_Default", "FAIL", 1) for p in (PROD, DEV)],
    *[("log-log-group-retention", f"{p}/global/_Required", "PASS", 1) for p in (PROD, DEV)],
    ("log-log-group-retention", f"{PROD}/us-central1/phi-audit", "PASS", 1),
    *[("enc-log-group-audit-kms", f"{p}/global/{b}", "FAIL", 1)
      for p in (PROD, DEV) for b in ("_Default", "_Required")],
    ("enc-log-group-audit-kms", f"{PROD}/us-central1/phi-audit", "PASS", 1),
    # load balancers: the portal is TLS 1.2+ and redirects HTTP; dev's dashboard takes TLS 1.0
    *[("enc-tls-listener-modern", n, "PASS", 1) for n in ("portal-https", "portal-http")],
    ("enc-tls-listener-modern", "dashboard-https", "FAIL", 1),
    # log sinks: prod exports every entry; the organization's sink copies audit logs only
    ("log-log-export-all-entries", PROD, "PASS", 1),
    ("log-log-export-all-entries", DEV, "FAIL", 1),
    # VMs: only dev's notebook holds a public IP; Compute Engine encrypts every VM's host storage
    *[("net-instance-no-public-ip", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE)],
    ("net-instance-no-public-ip", "notebook-1", "FAIL", 1),
    *[("enc-instance-host-encryption", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE, "notebook-1")],
    # prod turns OS Login on for every VM; dev does not
    *[("iam-instance-os-login", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE)],
    ("iam-instance-os-login", "notebook-1", "FAIL", 1),
    # the EHR VM refuses project-wide SSH keys (GKE manages its nodes' metadata); dev's notebook takes the
    # analyst's project-wide key
    *[("iam-instance-project-ssh-keys-blocked", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE)],
    ("iam-instance-project-ssh-keys-blocked", "notebook-1", "FAIL", 1),
    # dev's notebook opened its serial console
    *[("net-instance-serial-port-disabled", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE)],
    ("net-instance-serial-port-disabled", "notebook-1", "FAIL", 1),
    # the EHR VM runs as its own service account, the GKE node as its node pool's; dev's notebook runs as the
    # default service account with access to every API
    *[(rule, n, "PASS", 1) for rule in DEFAULT_SA_RULES for n in ("ehr-app-1", GKE_NODE)],
    *[(rule, "notebook-1", "FAIL", 1) for rule in DEFAULT_SA_RULES],
    # BigQuery: the EHR dataset has a CMEK and project-only access; dev's claims research is shared with everyone
    *[("net-dataset-not-public", n, s, 1) for n, s in (("ehr_analytics", "PASS"), ("claims_research", "FAIL"))],
    *[("enc-dataset-kms", n, s, 1) for n, s in (("ehr_analytics", "PASS"), ("claims_research", "FAIL"))],
    # Cloud DNS: the portal's zone is signed with RSASHA256; dev's is unsigned and keeps RSASHA1 keys; the
    # private zone is exempt
    *[(r, n, "PASS", 1) for r in ("enc-dns-zone-dnssec", "enc-dns-zone-strong-signing")
      for n in ("acme-health", "ehr-internal")],
    *[(r, "analytics-dev", "FAIL", 1) for r in ("enc-dns-zone-dnssec", "enc-dns-zone-strong-signing")],
    # log archives: prod's bucket has a locked retention policy (and a CMEK and access logs); the organization's
    # audit archive's policy is not locked. Both block public access; neither refuses plain HTTP.
    ("log-log-archive-retention-locked", f"projects/{PROD}/sinks/phi-all-logs", "PASS", 1),
    ("log-log-archive-retention-locked", f"organizations/{ORG}/sinks/audit-archive", "FAIL", 1),
    *[(r, n, "PASS", 1) for r in ("enc-object-store-default-encryption", "net-object-store-public-access-blocked")
      for n in ARCHIVES],
    *[(r, "acme-phi-log-archive", "PASS", 1) for r in ("enc-object-store-kms", "log-object-store-access-logging")],
    *[(r, "acme-audit-archive", "FAIL", 1) for r in ("enc-object-store-kms", "log-object-store-access-logging")],
    *[("enc-object-store-tls-only", n, "FAIL", 1) for n in ARCHIVES],
    # PostgreSQL flags: the EHR database logs connections and session ends; analytics-pg keeps Cloud SQL's
    # defaults (neither); the MySQL instance has no PostgreSQL settings to judge
    ("log-database-connection-logging", "ehr-postgres", "PASS", 1),
    ("log-database-connection-logging", "analytics-pg", "FAIL", 1),
    # analytics-pg also logs every statement's text (log_min_duration_statement=0)
    ("log-database-statements-not-logged", "ehr-postgres", "PASS", 1),
    ("log-database-statements-not-logged", "analytics-pg", "FAIL", 1),
    # pgAudit: on for the EHR database only
    ("log-database-audit-extension", "ehr-postgres", "PASS", 1),
    ("log-database-audit-extension", "analytics-pg", "FAIL", 1),
    # analytics-pg logs errors tersely (no detail, hint or context)
    ("log-database-error-logging", "ehr-postgres", "PASS", 1),
    ("log-database-error-logging", "analytics-pg", "FAIL", 1),
    # billing-mssql: private, TLS only (no visible floor), Google-managed keys, no Managed AD domain; it chains
    # ownership across databases and takes remote procedure calls (the default); no contained databases
    *[("enc-database-storage-encrypted", "billing-mssql", "PASS", 1), ("net-database-not-public", "billing-mssql",
                                                                        "PASS", 1)],
    ("enc-database-storage-kms", "billing-mssql", "FAIL", 1),
    ("iam-database-directory-auth", "billing-mssql", "FAIL", 1),
    ("enc-tls-listener-modern", "billing-mssql", "UNKNOWN", 1),
    ("iam-database-contained-auth-off", "billing-mssql", "PASS", 1),
    ("iam-database-cross-db-ownership-chaining-off", "billing-mssql", "FAIL", 1),
    ("net-database-remote-access-off", "billing-mssql", "FAIL", 1),
    # reporting-mysql hides its database list but leaves LOAD DATA LOCAL at Cloud SQL's default (on)
    ("iam-database-local-infile-off", "reporting-mysql", "FAIL", 1),
    ("iam-database-show-databases-restricted", "reporting-mysql", "PASS", 1),
    # dev still has the default network GCP pre-opened (CIS GCP 3.1); prod's own ehr-vpc passes
    ("net-network-default-absent", "default", "FAIL", 1),
    ("net-network-default-absent", "ehr-vpc", "PASS", 1),
    # VMs: only dev's NAT VM forwards IP traffic (and holds an external IP)
    *[("net-instance-ip-forwarding-off", n, "PASS", 1) for n in ("ehr-app-1", GKE_NODE, "notebook-1")],
    # the NAT VM: dev has no OS Login; it refuses project-wide keys, keeps its serial console closed and runs as
    # its own service account
    ("iam-instance-os-login", "nat-gw", "FAIL", 1),
    *[(r, "nat-gw", "PASS", 1) for r in ("iam-instance-project-ssh-keys-blocked", "net-instance-serial-port-disabled",
                                          *DEFAULT_SA_RULES)],
    *[(r, "nat-gw", "FAIL", 1) for r in ("net-instance-ip-forwarding-off", "net-instance-no-public-ip")],
    ("enc-instance-host-encryption", "nat-gw", "PASS", 1),
]


@pytest.fixture(scope="module")
def scan():
    fake = demo_gcp.start_fake()
    try:
        yield demo_gcp.run_demo(fake=fake), fake
    finally:
        fake.stop()


def test_the_demo_finds_exactly_what_the_organization_holds(scan) -> None:
    result, _ = scan
    findings = result.findings()
    unique_ids(findings)
    assert multiset((f.rule_id, f.resource.name, f.status.value) for f in findings) == Counter(
        {(r, n, s): count for r, n, s, count in EXPECTED})
    assert result.complete


def test_every_family_is_read_at_the_organization(scan) -> None:
    result, fake = scan
    assert {(c.account, c.collector, c.status) for c in result.coverage} == {
        (f"organizations/{demo_gcp.ORGANIZATION}", f.name, "ok") for f in all_families()}
    assert {r.scope for r in fake.listings()} == {f"organizations/{demo_gcp.ORGANIZATION}"}


def test_demo_command_reports_and_exits_clean() -> None:
    proc = hitrust("demo", "--cloud", "gcp", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["provider"] == "gcp" and report["complete"] is True
    assert sum(f["status"] == "FAIL" for f in report["findings"]) == sum(
        n for _, _, s, n in EXPECTED if s == "FAIL")
