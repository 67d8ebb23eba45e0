"""pulumi-gcp programs, written the way the public gcp-py-* examples are (pulumi/examples:
gcp-py-webserver, gcp-py-instance-nginx, gcp-py-network-component, gcp-py-cloudrun-cloudsql,
gcp-py-serverless-raw): resources taking another's ``name`` / ``self_link`` / ``id``, IAM members as
separate resources, settings as nested ``...Args``.

Each function is one program; names are given explicitly where a test compares them with the live
scanner (parity). Only the pulumi_gcp submodules a program uses are imported (``compute``,
``storage``, ``sql``, ``kms``): never ``pulumi_gcp`` as a whole.
"""

from __future__ import annotations

import json
from typing import Any

PROJECT = "phi-prod"
CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
DISK_KEY = "projects/phi-prod/locations/us-central1/keyRings/compute/cryptoKeys/disks"
SECRET_SOURCE = "0.0.0.0/0"  # a source range the program keeps secret: messages must not show it
SECRET_DISK_KEY = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="  # a customer-supplied key (base64)
SECRET_PASSWORD = "c0rrect-h0rse-Battery"
DATASET_KEY = "projects/phi-prod/locations/us/keyRings/bigquery/cryptoKeys/claims"


# ----------------------------------------------------------------- Cloud Storage


def buckets_keys_logging() -> None:
    """A hardened PHI bucket (CMEK, uniform access, public access prevention, access logs), its log
    bucket, and a bucket as the serverless examples write it (``storage.Bucket("bucket", location="US")``)."""
    from pulumi_gcp import storage

    logs = storage.Bucket("phi-access-logs", name="phi-access-logs", location="US",
                          uniform_bucket_level_access=True, public_access_prevention="enforced")
    storage.Bucket("phi-records", name="phi-records", location="US", uniform_bucket_level_access=True,
                   public_access_prevention="enforced",
                   encryption=storage.BucketEncryptionArgs(default_kms_key_name=CMEK),
                   logging=storage.BucketLoggingArgs(log_bucket=logs.name, log_object_prefix="phi-records"),
                   versioning=storage.BucketVersioningArgs(enabled=True))
    storage.Bucket("phi-plain", name="phi-plain", location="US", uniform_bucket_level_access=True)


def buckets_public() -> None:
    """Who the public is on Cloud Storage: members, bindings and whole policies naming ``allUsers`` /
    ``allAuthenticatedUsers``; fine-grained ACLs while uniform access is off; prevention overriding both."""
    from pulumi_gcp import storage

    site = storage.Bucket("public-site", name="public-site", location="US", uniform_bucket_level_access=True,
                          website=storage.BucketWebsiteArgs(main_page_suffix="index.html"))
    storage.BucketIAMMember("public-site-read", bucket=site.name, role="roles/storage.objectViewer",
                            member="allUsers")
    partner = storage.Bucket("partner-share", name="partner-share", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMBinding("partner-share-admins", bucket=partner.name, role="roles/storage.objectAdmin",
                             members=["allAuthenticatedUsers", "group:partners@phi.example"])
    storage.Bucket("legacy-acl", name="legacy-acl", location="US")  # uniform access left off
    locked = storage.Bucket("locked", name="locked", location="US", public_access_prevention="enforced")
    storage.BucketIAMMember("locked-read", bucket=locked.name, role="roles/storage.objectViewer", member="allUsers")
    team = storage.Bucket("team-only", name="team-only", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMMember("team-only-read", bucket=team.name, role="roles/storage.objectViewer",
                            member="group:analysts@phi.example")
    documented = storage.Bucket("policy-doc", name="policy-doc", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMPolicy("policy-doc-policy", bucket=documented.name, policy_data=json.dumps({"bindings": [
        {"role": "roles/storage.legacyBucketReader", "members": ["allUsers"]},
        {"role": "roles/storage.admin", "members": ["group:storage-admins@phi.example"]}]}))


# ----------------------------------------------------------------- VPC firewalls


def firewalls() -> None:
    """As gcp-py-webserver writes its firewall (no source ranges: the whole internet), and the rules a
    hardened network keeps: IAP's range for SSH, internal traffic, tagged sources, deny and egress rules."""
    from pulumi_gcp import compute

    net = compute.Network("prod-vpc", name="prod-vpc", auto_create_subnetworks=False)
    allow = compute.FirewallAllowArgs
    compute.Firewall("allow-ssh-web", name="allow-ssh-web", network=net.self_link,
                     allows=[allow(protocol="tcp", ports=["22", "80"])])
    compute.Firewall("allow-https", name="allow-https", network=net.self_link, source_ranges=["0.0.0.0/0"],
                     allows=[allow(protocol="tcp", ports=["443"])], target_tags=["web"])
    compute.Firewall("allow-iap-ssh", name="allow-iap-ssh", network=net.self_link,
                     source_ranges=["35.235.240.0/20"], allows=[allow(protocol="tcp", ports=["22", "3389"])])
    compute.Firewall("allow-internal", name="allow-internal", network=net.self_link,
                     source_ranges=["10.128.0.0/9"], allows=[allow(protocol="all")])
    compute.Firewall("allow-db-from-app", name="allow-db-from-app", network=net.self_link, source_tags=["app"],
                     allows=[allow(protocol="tcp", ports=["5432"])])
    compute.Firewall("allow-rdp-any", name="allow-rdp-any", network=net.self_link,
                     source_ranges=["0.0.0.0/0", "::/0"], allows=[allow(protocol="tcp", ports=["3389"]),
                                                                  allow(protocol="icmp")])
    compute.Firewall("deny-telnet", name="deny-telnet", network=net.self_link, source_ranges=["0.0.0.0/0"],
                     denies=[compute.FirewallDenyArgs(protocol="tcp", ports=["23"])])
    compute.Firewall("egress-smtp", name="egress-smtp", network=net.self_link, direction="EGRESS",
                     destination_ranges=["0.0.0.0/0"], allows=[allow(protocol="tcp", ports=["25"])])
    compute.Firewall("old-mysql", name="old-mysql", network=net.self_link, disabled=True,
                     source_ranges=["0.0.0.0/0"], allows=[allow(protocol="tcp", ports=["3306"])])


# ----------------------------------------------------------------- Cloud SQL


def sql_instances() -> None:
    """As gcp-py-cloudrun-cloudsql writes its instance (settings with a tier only), one open to the
    internet, one with named networks only (TLS only), one on private IP only, and the PHI instance:
    private, a CMEK key, IAM database logins and client certificates required."""
    from pulumi_gcp import sql

    settings, ip = sql.DatabaseInstanceSettingsArgs, sql.DatabaseInstanceSettingsIpConfigurationArgs
    net = sql.DatabaseInstanceSettingsIpConfigurationAuthorizedNetworkArgs
    sql.DatabaseInstance("app-db", name="app-db", database_version="POSTGRES_15", deletion_protection=False,
                         settings=settings(tier="db-f1-micro"))
    sql.DatabaseInstance("open-db", name="open-db", database_version="MYSQL_8_0", settings=settings(
        tier="db-custom-1-3840", ip_configuration=ip(ipv4_enabled=True, authorized_networks=[
            net(name="anywhere", value="0.0.0.0/0")])))
    sql.DatabaseInstance("office-db", name="office-db", database_version="POSTGRES_15", settings=settings(
        tier="db-custom-1-3840", ip_configuration=ip(
            ipv4_enabled=True, ssl_mode="ENCRYPTED_ONLY", authorized_networks=[net(name="office",
                                                                                  value="203.0.113.0/24")])))
    sql.DatabaseInstance("phi-db", name="phi-db", database_version="POSTGRES_16", deletion_protection=True,
                         encryption_key_name=f"projects/{PROJECT}/locations/us-central1/keyRings/phi/cryptoKeys/sql",
                         settings=settings(tier="db-custom-2-7680", ip_configuration=ip(
                             ipv4_enabled=False, ssl_mode="TRUSTED_CLIENT_CERTIFICATE_REQUIRED"),
                                           database_flags=[sql.DatabaseInstanceSettingsDatabaseFlagArgs(
                                               name="cloudsql.iam_authentication", value="on")]))
    sql.DatabaseInstance("private-db", name="private-db", database_version="SQLSERVER_2019_STANDARD",
                         root_password=SECRET_PASSWORD, settings=settings(
                             tier="db-custom-2-7680", ip_configuration=ip(
                                 ipv4_enabled=False, private_network=f"projects/{PROJECT}/global/networks/prod-vpc",
                                 authorized_networks=[net(value="0.0.0.0/0")])))


# ----------------------------------------------------------------- Cloud KMS


def kms_keys() -> None:
    from pulumi_gcp import kms

    ring = kms.KeyRing("phi-ring", name="phi", location="us-central1")
    kms.CryptoKey("records", name="records", key_ring=ring.id, rotation_period="7776000s")
    kms.CryptoKey("backups", name="backups", key_ring=ring.id)  # no rotation period
    kms.CryptoKey("signing", name="signing", key_ring=ring.id, purpose="ASYMMETRIC_SIGN",
                  version_template=kms.CryptoKeyVersionTemplateArgs(algorithm="EC_SIGN_P256_SHA256"))
    kms.CryptoKey("hsm", name="hsm", key_ring=ring.id, version_template=kms.CryptoKeyVersionTemplateArgs(
        algorithm="GOOGLE_SYMMETRIC_ENCRYPTION", protection_level="HSM"))


# ----------------------------------------------------------------- disks


def disks() -> None:
    from pulumi_gcp import compute

    compute.Disk("boot", name="boot", zone="us-central1-a", size=20, image="debian-cloud/debian-12")
    compute.Disk("data-cmek", name="data-cmek", zone="us-central1-a", size=200,
                 disk_encryption_key=compute.DiskDiskEncryptionKeyArgs(kms_key_self_link=DISK_KEY))
    compute.RegionDisk("shared", name="shared", region="us-central1", size=200,
                       replica_zones=["us-central1-a", "us-central1-b"])


def csek_disk() -> None:
    """A customer-supplied key: a secret the pack must never print."""
    import pulumi
    from pulumi_gcp import compute

    compute.Disk("scratch-csek", name="scratch-csek", zone="us-central1-a", size=10,
                 disk_encryption_key=compute.DiskDiskEncryptionKeyArgs(raw_key=pulumi.Output.secret(SECRET_DISK_KEY)))


# ----------------------------------------------------------------- VPC networks


def networks() -> None:
    """As gcp-py-instance-nginx writes its network (auto mode: a subnet per region, no flow logs), as
    gcp-py-network-component writes its VPC (custom mode, subnets without flow logs), and logged ones."""
    from pulumi_gcp import compute

    compute.Network("poc", name="poc")  # auto mode by default
    demo = compute.Network("demo", name="demo", auto_create_subnetworks=False)
    for i, cidr in enumerate(("10.0.1.0/24", "10.0.2.0/24")):
        compute.Subnetwork(f"demo-{i}", name=f"demo-{i}", network=demo.self_link, ip_cidr_range=cidr,
                           region="us-central1")
    logged = compute.Network("phi-vpc", name="phi-vpc", auto_create_subnetworks=False)
    compute.Subnetwork("phi-app", name="phi-app", network=logged.id, ip_cidr_range="10.10.0.0/20",
                       region="us-central1", private_ip_google_access=True,
                       log_config=compute.SubnetworkLogConfigArgs(aggregation_interval="INTERVAL_5_SEC",
                                                                  flow_sampling=0.5, metadata="INCLUDE_ALL_METADATA"))
    compute.Subnetwork("phi-proxy", name="phi-proxy", network=logged.id, ip_cidr_range="10.10.64.0/23",
                       region="us-central1", purpose="REGIONAL_MANAGED_PROXY", role="ACTIVE")
    half = compute.Network("half-vpc", name="half-vpc", auto_create_subnetworks=False)
    compute.Subnetwork("half-logged", name="half-logged", network=half.name, ip_cidr_range="10.20.0.0/20",
                       region="us-east1", log_config=compute.SubnetworkLogConfigArgs())
    compute.Subnetwork("half-quiet", name="half-quiet", network=half.name, ip_cidr_range="10.20.16.0/20",
                       region="us-east1")
    compute.Network("empty-vpc", name="empty-vpc", auto_create_subnetworks=False)


# ----------------------------------------------------------------- preview unknowns and secrets


def unresolved_outputs() -> None:
    """Values computed by other resources: a firewall admitting an address reserved in the same
    program, a bucket reader that is a service account created alongside, a Cloud SQL network and
    SSL mode from an address; a bucket whose public access prevention is left to a computed value."""
    import pulumi
    from pulumi_gcp import compute, serviceaccount, sql, storage

    addr = compute.Address("bastion-ip", name="bastion-ip", region="us-central1")
    compute.Firewall("bastion-ssh", name="bastion-ssh", network="default",
                     source_ranges=[addr.address.apply(lambda a: f"{a}/32")],
                     allows=[compute.FirewallAllowArgs(protocol="tcp", ports=["22"])])
    reader = serviceaccount.Account("reader", account_id="reader")
    shared = storage.Bucket("late-share", name="late-share", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMMember("late-share-read", bucket=shared.name, role="roles/storage.objectViewer",
                            member=reader.email.apply(lambda e: f"serviceAccount:{e}"))
    late = sql.DatabaseInstanceSettingsIpConfigurationAuthorizedNetworkArgs(
        value=addr.address.apply(lambda a: f"{a}/32"))
    sql.DatabaseInstance("late-db", name="late-db", database_version="POSTGRES_15",
                         settings=sql.DatabaseInstanceSettingsArgs(
                             tier="db-f1-micro",
                             ip_configuration=sql.DatabaseInstanceSettingsIpConfigurationArgs(
                                 authorized_networks=[late],
                                 ssl_mode=addr.address.apply(lambda _: "ALLOW_UNENCRYPTED_AND_ENCRYPTED"))))
    pulumi.export("bastion", addr.address)


def secrets() -> None:
    """A firewall whose source range the program keeps secret, a Cloud SQL root password and a CSEK disk."""
    import pulumi
    from pulumi_gcp import compute, sql

    compute.Firewall("partner-ssh", name="partner-ssh", network="default",
                     source_ranges=[pulumi.Output.secret(SECRET_SOURCE)],
                     allows=[compute.FirewallAllowArgs(protocol="tcp", ports=["22"])])
    sql.DatabaseInstance("secret-db", name="secret-db", database_version="MYSQL_8_0",
                         root_password=pulumi.Output.secret(SECRET_PASSWORD),
                         settings=sql.DatabaseInstanceSettingsArgs(tier="db-f1-micro"))
    csek_disk()


# ----------------------------------------------------------------- how people and code get into VMs

PROJECT_NUMBER = "418274650321"
DEFAULT_SA = f"{PROJECT_NUMBER}-compute@developer.gserviceaccount.com"
CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


def _vm(name: str, **kw: object) -> None:
    from pulumi_gcp import compute

    compute.Instance(name, name=name, machine_type="e2-medium", zone="us-central1-a",
                     boot_disk=compute.InstanceBootDiskArgs(initialize_params=compute.InstanceBootDiskInitializeParamsArgs(
                         image="debian-cloud/debian-12")),
                     network_interfaces=[compute.InstanceNetworkInterfaceArgs(network="default")], **kw)


def vm_access() -> None:
    """A project that turns OS Login on for every VM (``ProjectMetadata``: the whole project metadata), a VM
    as gcp-py-instance-nginx writes it (the default service account, ``cloud-platform`` scope), a hardened
    VM on its own service account, and a legacy VM turning OS Login off and its serial console on."""
    from pulumi_gcp import compute

    compute.ProjectMetadata("project-metadata", metadata={"enable-oslogin": "TRUE"})
    _vm("nginx", metadata_startup_script="apt-get install -y nginx",
        service_account=compute.InstanceServiceAccountArgs(scopes=[CLOUD_PLATFORM]))
    _vm("ehr-app", metadata={"block-project-ssh-keys": "TRUE"},
        service_account=compute.InstanceServiceAccountArgs(email="ehr-app@phi-prod.iam.gserviceaccount.com",
                                                           scopes=[CLOUD_PLATFORM]))
    _vm("legacy-vm", metadata={"enable-oslogin": "FALSE", "serial-port-enable": "true"},
        service_account=compute.InstanceServiceAccountArgs(email=DEFAULT_SA, scopes=["storage-ro", "logging-write"]))


def vm_access_project_elsewhere() -> None:
    """VMs in a project whose metadata another stack (or the console) manages: a VM that sets every key
    itself, one that inherits them, one whose OS Login value and service account come from a service
    account created alongside (computed at preview); the stack's only project metadata is a
    ``ProjectMetadataItem`` of another key, which says nothing of the rest."""
    from pulumi_gcp import compute, serviceaccount

    compute.ProjectMetadataItem("ssh-2fa", key="enable-oslogin-2fa", value="TRUE")
    _vm("self-managed", metadata={"enable-oslogin": "TRUE", "serial-port-enable": "FALSE",
                                  "block-project-ssh-keys": "TRUE"})
    _vm("inherits")
    account = serviceaccount.Account("batch-sa", account_id="batch-sa")
    _vm("batch", metadata={"enable-oslogin": account.email.apply(lambda _: "TRUE")},
        service_account=compute.InstanceServiceAccountArgs(email=account.email, scopes=[CLOUD_PLATFORM]))
# ----------------------------------------------------------------- BigQuery


def bigquery_datasets() -> None:
    """Datasets as the BigQuery examples write them (a dataset id and a location), one under a default
    Cloud KMS key with a group reader, and datasets opened to the public through each way a program can:
    an ``accesses`` entry, a DatasetAccess, a DatasetIamMember and a DatasetIamPolicy document."""
    from pulumi_gcp import bigquery

    access = bigquery.DatasetAccessArgs
    bigquery.Dataset("claims", dataset_id="claims", location="US",
                     default_encryption_configuration=bigquery.DatasetDefaultEncryptionConfigurationArgs(
                         kms_key_name=DATASET_KEY),
                     accesses=[access(role="OWNER", special_group="projectOwners"),
                               access(role="READER", group_by_email="analysts@phi.example")])
    bigquery.Dataset("staging", dataset_id="staging", location="US")
    bigquery.Dataset("open_reference", dataset_id="open_reference", location="US",
                     accesses=[access(role="OWNER", special_group="projectOwners"),
                               access(role="READER", special_group="allAuthenticatedUsers")])
    shared = bigquery.Dataset("shared", dataset_id="shared", location="US")
    bigquery.DatasetAccess("shared-public", dataset_id=shared.dataset_id, role="READER", iam_member="allUsers")
    exports = bigquery.Dataset("exports", dataset_id="exports", location="US")
    bigquery.DatasetIamMember("exports-public", dataset_id=exports.dataset_id, role="roles/bigquery.dataViewer",
                              member="allAuthenticatedUsers")
    team = bigquery.Dataset("team", dataset_id="team", location="US")
    bigquery.DatasetIamMember("team-viewers", dataset_id=team.dataset_id, role="roles/bigquery.dataViewer",
                              member="group:analysts@phi.example")
    documented = bigquery.Dataset("documented", dataset_id="documented", location="US")
    bigquery.DatasetIamPolicy("documented-policy", dataset_id=documented.dataset_id, policy_data=json.dumps(
        {"bindings": [{"role": "roles/bigquery.dataViewer", "members": ["allUsers"]}]}))


def bigquery_unresolved() -> None:
    """A dataset whose default key and reader come from resources created in the same update."""
    from pulumi_gcp import bigquery, kms, serviceaccount

    ring = kms.KeyRing("bq", name="bq", location="us")
    key = kms.CryptoKey("bq-default", name="bq-default", key_ring=ring.id, rotation_period="7776000s")
    reader = serviceaccount.Account("reporting", account_id="reporting")
    bigquery.Dataset("late", dataset_id="late", location="US",
                     default_encryption_configuration=bigquery.DatasetDefaultEncryptionConfigurationArgs(
                         kms_key_name=key.id),
                     accesses=[bigquery.DatasetAccessArgs(role="READER", iam_member=reader.member)])


# ----------------------------------------------------------------- Cloud DNS


def dns_zones() -> None:
    """A public zone as the Cloud DNS examples write it (no dnssecConfig: unsigned), a signed one with
    Cloud DNS's default keys, one signed with an RSASHA1 zone-signing key, one in transfer, and a private
    zone (exempt)."""
    from pulumi_gcp import compute, dns

    spec = dns.ManagedZoneDnssecConfigDefaultKeySpecArgs
    dns.ManagedZone("portal", name="portal", dns_name="portal.phi.example.")
    dns.ManagedZone("patients", name="patients", dns_name="patients.phi.example.",
                    dnssec_config=dns.ManagedZoneDnssecConfigArgs(state="on"))
    dns.ManagedZone("legacy", name="legacy", dns_name="legacy.phi.example.",
                    dnssec_config=dns.ManagedZoneDnssecConfigArgs(state="on", default_key_specs=[
                        spec(algorithm="rsasha256", key_length=2048, key_type="keySigning"),
                        spec(algorithm="rsasha1", key_length=1024, key_type="zoneSigning")]))
    dns.ManagedZone("moving", name="moving", dns_name="moving.phi.example.",
                    dnssec_config=dns.ManagedZoneDnssecConfigArgs(state="transfer"))
    vpc = compute.Network("dns-vpc", name="dns-vpc", auto_create_subnetworks=False)
    dns.ManagedZone("internal", name="internal", dns_name="internal.phi.example.", visibility="private",
                    private_visibility_config=dns.ManagedZonePrivateVisibilityConfigArgs(networks=[
                        dns.ManagedZonePrivateVisibilityConfigNetworkArgs(network_url=vpc.id)]))


# ----------------------------------------------------------------- Cloud Logging sinks


def log_archives() -> None:
    """Sinks as the logging examples write them (``destination=Output.concat("storage.googleapis.com/",
    bucket.name)``): into a bucket whose retention policy is locked, one whose policy is not, a locked log
    bucket, a bucket the stack does not create, and a BigQuery dataset (no archive)."""
    import pulumi
    from pulumi_gcp import bigquery, logging, storage

    def into(bucket: storage.Bucket) -> pulumi.Output[str]:
        return pulumi.Output.concat("storage.googleapis.com/", bucket.name)

    locked = storage.Bucket("phi-log-archive", name="phi-log-archive", location="US",
                            uniform_bucket_level_access=True, public_access_prevention="enforced",
                            retention_policy=storage.BucketRetentionPolicyArgs(retention_period="189216000",
                                                                               is_locked=True))
    logging.ProjectSink("to-locked", name="to-locked", project=PROJECT, destination=into(locked),
                        unique_writer_identity=True)
    open_ = storage.Bucket("phi-log-open", name="phi-log-open", location="US", uniform_bucket_level_access=True,
                           public_access_prevention="enforced",
                           retention_policy=storage.BucketRetentionPolicyArgs(retention_period="189216000"))
    logging.ProjectSink("to-unlocked", name="to-unlocked", project=PROJECT, destination=into(open_),
                        filter="severity>=ERROR")
    audit = logging.ProjectBucketConfig("audit-locked", project=PROJECT, location="us-central1",
                                        bucket_id="audit-locked", retention_days=2190, locked=True)
    logging.ProjectSink("to-log-bucket", name="to-log-bucket", project=PROJECT,
                        destination=pulumi.Output.concat("logging.googleapis.com/", audit.id))
    logging.ProjectSink("to-partner", name="to-partner", project=PROJECT,
                        destination="storage.googleapis.com/partner-archive")
    logs = bigquery.Dataset("logs", dataset_id="logs", location="US")
    logging.ProjectSink("to-bigquery", name="to-bigquery", project=PROJECT,
                        destination=pulumi.Output.concat("bigquery.googleapis.com/", logs.id))
def sql_database_flags() -> None:
    """Cloud SQL instances' database flags (``settings.databaseFlags``): a PostgreSQL instance logging
    connections and session ends and no statement text, with pgAudit; one with Cloud SQL's defaults; one
    logging connections and slow statements' text but no warnings; one whose flag value another resource computes;
    a MySQL instance hiding its database list but taking LOAD DATA LOCAL; a SQL Server instance with
    remote access off, and a legacy one with contained databases, cross-database ownership chaining and
    (by default) remote access."""
    from pulumi_gcp import compute, sql

    settings, flag = sql.DatabaseInstanceSettingsArgs, sql.DatabaseInstanceSettingsDatabaseFlagArgs
    private = sql.DatabaseInstanceSettingsIpConfigurationArgs(ipv4_enabled=False, ssl_mode="ENCRYPTED_ONLY")

    def instance(name: str, version: str, *flags: Any) -> None:
        sql.DatabaseInstance(name, name=name, database_version=version, deletion_protection=True,
                             settings=settings(tier="db-custom-2-7680", ip_configuration=private,
                                               database_flags=list(flags) or None))

    instance("audited-pg", "POSTGRES_16", flag(name="log_connections", value="on"),
             flag(name="log_disconnections", value="on"), flag(name="log_min_duration_statement", value="-1"),
             flag(name="cloudsql.enable_pgaudit", value="on"), flag(name="pgaudit.log", value="read,write,ddl"))
    instance("default-pg", "POSTGRES_15")
    instance("half-pg", "POSTGRES_14", flag(name="log_connections", value="on"),
             flag(name="log_min_duration_statement", value="250"), flag(name="log_min_messages", value="error"))
    addr = compute.Address("flags-ip", name="flags-ip", region="us-central1")
    instance("late-pg", "POSTGRES_16", flag(name="log_connections", value=addr.address.apply(lambda _: "on")),
             flag(name="log_disconnections", value="on"))
    instance("reports-mysql", "MYSQL_8_0", flag(name="local_infile", value="on"),
             flag(name="skip_show_database", value="on"))
    instance("ehr-mssql", "SQLSERVER_2019_STANDARD", flag(name="remote access", value="off"))
    instance("legacy-mssql", "SQLSERVER_2017_ENTERPRISE", flag(name="contained database authentication", value="on"),
             flag(name="cross db ownership chaining", value="on"))
# ----------------------------------------------------------------- Cloud Load Balancing


def load_balancers() -> None:
    """As gcp-py-webserver-style HTTPS load balancers are written: SSL policies, URL maps, target proxies and
    the global forwarding rules that expose them. TLS 1.2 / 1.3 policies, no policy (Google's default),
    a COMPATIBLE policy without a minimum, a TLS 1.1 SSL proxy; HTTP proxies redirecting all, some or
    none of their routes to HTTPS."""
    from pulumi_gcp import compute

    policy = compute.SSLPolicy
    modern = policy("modern-tls12", name="modern-tls12", profile="MODERN", min_tls_version="TLS_1_2")
    restricted = policy("restricted-tls13", name="restricted-tls13", profile="RESTRICTED", min_tls_version="TLS_1_3")
    compatible = policy("compatible", name="compatible", profile="COMPATIBLE")
    tls11 = policy("tls11", name="tls11", profile="CUSTOM", min_tls_version="TLS_1_1",
                   custom_features=["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
    check = compute.HealthCheck("web-check", name="web-check",
                                http_health_check=compute.HealthCheckHttpHealthCheckArgs(port=80))
    web_backend = compute.BackendService("web", name="web", protocol="HTTP", health_checks=check.id)
    hl7_backend = compute.BackendService("hl7", name="hl7", protocol="SSL", health_checks=check.id)
    to_https = compute.URLMapDefaultUrlRedirectArgs(https_redirect=True, strip_query=False)
    web = compute.URLMap("web", name="web", default_service=web_backend.id)
    redirect = compute.URLMap("web-redirect", name="web-redirect", default_url_redirect=to_https)
    partial = compute.URLMap("web-partial", name="web-partial", default_url_redirect=to_https,
                             host_rules=[compute.URLMapHostRuleArgs(hosts=["api.phi.example"], path_matcher="api")],
                             path_matchers=[compute.URLMapPathMatcherArgs(
                                 name="api", default_url_redirect=compute.URLMapPathMatcherDefaultUrlRedirectArgs(
                                     https_redirect=True, strip_query=False),
                                 path_rules=[compute.URLMapPathMatcherPathRuleArgs(paths=["/health"],
                                                                                   service=web_backend.id)])])
    cert = compute.ManagedSslCertificate("portal-cert", name="portal-cert",
                                         managed=compute.ManagedSslCertificateManagedArgs(domains=["phi.example"]))
    certs = [cert.id]
    https = compute.TargetHttpsProxy
    portal = https("portal-https", name="portal-https", url_map=web.id, ssl_certificates=certs, ssl_policy=modern.id)
    https("ehr-https", name="ehr-https", url_map=web.id, ssl_certificates=certs, ssl_policy=restricted.self_link)
    https("legacy-https", name="legacy-https", url_map=web.id, ssl_certificates=certs)  # Google's default policy
    https("old-clients-https", name="old-clients-https", url_map=web.id, ssl_certificates=certs,
          ssl_policy=compatible.id)
    compute.TargetSSLProxy("hl7-ssl", name="hl7-ssl", backend_service=hl7_backend.id, ssl_certificates=certs,
                           ssl_policy=tls11.id)
    compute.TargetHttpProxy("portal-http", name="portal-http", url_map=redirect.id)
    compute.TargetHttpProxy("status-http", name="status-http", url_map=web.id)
    compute.TargetHttpProxy("partial-http", name="partial-http", url_map=partial.id)
    compute.GlobalForwardingRule("portal-443", name="portal-443", target=portal.id, port_range="443",
                                 load_balancing_scheme="EXTERNAL_MANAGED")


def load_balancer_unknowns() -> None:
    """An SSL policy kept outside the program (by self link), one chosen by a computed value, and a URL
    map whose redirect depends on a computed value."""
    from pulumi_gcp import compute

    addr = compute.GlobalAddress("lb-ip", name="lb-ip")
    shared = f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/global/sslPolicies/org-tls12"
    compute.TargetHttpsProxy("shared-policy-https", name="shared-policy-https", url_map="web",
                             ssl_certificates=["portal-cert"], ssl_policy=shared)
    compute.TargetHttpsProxy("late-policy-https", name="late-policy-https", url_map="web",
                             ssl_certificates=["portal-cert"], ssl_policy=addr.address.apply(lambda _: "org-tls12"))
    redirect = compute.URLMapDefaultUrlRedirectArgs(https_redirect=addr.address.apply(lambda _: True),
                                                    strip_query=False)
    late = compute.URLMap("late-redirect", name="late-redirect", default_url_redirect=redirect)
    compute.TargetHttpProxy("late-http", name="late-http", url_map=late.id)


def default_network() -> None:
    """A project's ``default`` network brought under management (``pulumi import`` writes it so), and a
    network whose name is computed from another resource."""
    import pulumi
    from pulumi_gcp import compute

    adopted = pulumi.ResourceOptions(import_=f"projects/{PROJECT}/global/networks/default")
    compute.Network("default", name="default", auto_create_subnetworks=True,
                    description="Default network for the project", opts=adopted)
    addr = compute.GlobalAddress("edge-ip", name="edge-ip")
    compute.Network("edge-vpc", name=addr.address.apply(lambda a: f"edge-{a.replace('.', '-')}"),
                    auto_create_subnetworks=False)


# ----------------------------------------------------------------- Compute Engine instances


def instances() -> None:
    """As gcp-py-webserver / gcp-py-instance-nginx write their VM (an ephemeral external IP through an empty
    access config), a NAT gateway VM that forwards traffic with a reserved address, a private VM and a GKE
    node VM (it forwards its pods' traffic by design)."""
    from pulumi_gcp import compute

    boot = compute.InstanceBootDiskArgs(initialize_params=compute.InstanceBootDiskInitializeParamsArgs(
        image="debian-cloud/debian-12"))
    nic, access = compute.InstanceNetworkInterfaceArgs, compute.InstanceNetworkInterfaceAccessConfigArgs
    compute.Instance("web-vm", name="web-vm", machine_type="e2-medium", zone="us-central1-a", boot_disk=boot,
                     network_interfaces=[nic(network="default", access_configs=[access()])])
    nat_ip = compute.Address("nat-ip", name="nat-ip", region="us-central1")
    compute.Instance("nat-gw", name="nat-gw", machine_type="e2-small", zone="us-central1-a", boot_disk=boot,
                     can_ip_forward=True, network_interfaces=[nic(network="default",
                                                                  access_configs=[access(nat_ip=nat_ip.address)])])
    compute.Instance("ehr-app", name="ehr-app", machine_type="e2-standard-4", zone="us-central1-a", boot_disk=boot,
                     can_ip_forward=False, network_interfaces=[nic(subnetwork="phi-app")])
    compute.Instance("gke-phi-pool-1-a1b2", name="gke-phi-pool-1-a1b2", machine_type="e2-standard-4",
                     zone="us-central1-a", boot_disk=boot, can_ip_forward=True, labels={"goog-gke-node": ""},
                     network_interfaces=[nic(subnetwork="phi-app")])


def instance_unknowns() -> None:
    """IP forwarding decided by a computed value, and a forwarding VM whose labels (a GKE node label would
    exempt it) are computed."""
    from pulumi_gcp import compute

    addr = compute.Address("router-ip", name="router-ip", region="us-central1")
    boot = compute.InstanceBootDiskArgs(initialize_params=compute.InstanceBootDiskInitializeParamsArgs(
        image="debian-cloud/debian-12"))
    private = [compute.InstanceNetworkInterfaceArgs(subnetwork="phi-app")]
    compute.Instance("late-router", name="late-router", machine_type="e2-small", zone="us-central1-a", boot_disk=boot,
                     can_ip_forward=addr.address.apply(lambda a: a.startswith("10.")), network_interfaces=private)
    compute.Instance("pool-node-9", name="pool-node-9", machine_type="e2-small", zone="us-central1-a",
                     boot_disk=boot, can_ip_forward=True, network_interfaces=private,
                     labels=addr.address.apply(lambda a: {"ip": a.replace(".", "-")}))
# ----------------------------------------------------------------- service-account keys


def service_account_keys() -> None:
    """A key Google generates for a service account of the stack, one uploaded for it, and one for an
    account outside the stack, named by its full id."""
    from pulumi_gcp import serviceaccount

    etl = serviceaccount.Account("etl", account_id="etl", display_name="ETL jobs")
    serviceaccount.Key("etl-key", service_account_id=etl.name, public_key_type="TYPE_X509_PEM_FILE")
    serviceaccount.Key("etl-uploaded", service_account_id=etl.name,
                       public_key_data="LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==")
    serviceaccount.Key("legacy-key",
                       service_account_id=f"projects/{PROJECT}/serviceAccounts/legacy@{PROJECT}.iam.gserviceaccount.com")


def kms_key_iam() -> None:
    """Who a Cloud KMS key is open to: a member, a binding and a whole policy naming the public, beside a
    key its team alone may use."""
    from pulumi_gcp import kms

    ring = kms.KeyRing("iam-ring", name="shared", location="us-central1")
    team = kms.CryptoKey("team", name="team", key_ring=ring.id, rotation_period="7776000s")
    kms.CryptoKeyIAMMember("team-use", crypto_key_id=team.id, role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
                           member="group:phi-app@phi.example")
    anyone = kms.CryptoKey("anyone", name="anyone", key_ring=ring.id, rotation_period="7776000s")
    kms.CryptoKeyIAMMember("anyone-decrypt", crypto_key_id=anyone.id, role="roles/cloudkms.cryptoKeyDecrypter",
                           member="allUsers")
    partners = kms.CryptoKey("partners", name="partners", key_ring=ring.id, rotation_period="7776000s")
    kms.CryptoKeyIAMBinding("partners-encrypt", crypto_key_id=partners.id, role="roles/cloudkms.cryptoKeyEncrypter",
                            members=["allAuthenticatedUsers", "group:partners@phi.example"])
    documented = kms.CryptoKey("documented", name="documented", key_ring=ring.id, rotation_period="7776000s")
    kms.CryptoKeyIAMPolicy("documented-policy", crypto_key_id=documented.id, policy_data=json.dumps({"bindings": [
        {"role": "roles/cloudkms.viewer", "members": ["allUsers"]}]}))


# ----------------------------------------------------------------- project / folder IAM


def project_iam() -> None:
    """Roles granted on a project and a folder: one engineer both administers and uses service accounts,
    the security group administers keys and decrypts with them, CI mints tokens folder-wide; the app's
    account holds one role."""
    from pulumi_gcp import folder, projects

    projects.IAMMember("dana-sa-admin", project=PROJECT, role="roles/iam.serviceAccountAdmin",
                       member="user:dana@phi.example")
    projects.IAMMember("dana-sa-user", project=PROJECT, role="roles/iam.serviceAccountUser",
                       member="user:dana@phi.example")
    projects.IAMBinding("kms-admins", project=PROJECT, role="roles/cloudkms.admin",
                        members=["group:security@phi.example"])
    projects.IAMBinding("kms-users", project=PROJECT, role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
                        members=["group:security@phi.example", f"serviceAccount:app@{PROJECT}.iam.gserviceaccount.com"])
    folder.IAMMember("ci-tokens", folder="folders/301934554120", role="roles/iam.serviceAccountTokenCreator",
                     member=f"serviceAccount:ci@{PROJECT}.iam.gserviceaccount.com")


# ----------------------------------------------------------------- Cloud Logging buckets


def log_buckets() -> None:
    """Log buckets as teams configure them: the project's ``_Default`` kept six years under a key of its own,
    a ``_Default`` of another project left at 30 days without a key, a user-defined bucket kept 90 days, one
    whose retention and key come from resources created with it (computed at preview)."""
    from pulumi_gcp import kms, logging

    logging.ProjectBucketConfig("default-phi", project=PROJECT, location="global", bucket_id="_Default",
                                retention_days=2190, cmek_settings=logging.ProjectBucketConfigCmekSettingsArgs(
                                    kms_key_name=CMEK))
    logging.ProjectBucketConfig("default-sandbox", project="phi-sandbox", location="global", bucket_id="_Default")
    logging.ProjectBucketConfig("app-logs", project=PROJECT, location="us-central1", bucket_id="app-logs",
                                retention_days=90)
    ring = kms.KeyRing("logs-ring", name="logs", location="us-central1")
    key = kms.CryptoKey("logs-key", name="logs", key_ring=ring.id, rotation_period="7776000s")
    logging.ProjectBucketConfig("audit-logs", project="phi-audit", location="global", bucket_id="_Default",
                                retention_days=key.id.apply(lambda _: 3650),
                                cmek_settings=logging.ProjectBucketConfigCmekSettingsArgs(kms_key_name=key.id))


def project_admins() -> None:
    """Basic roles as teams grant them: an owner, an editor binding, a viewer, a policy document naming an owner,
    and an owner whose member is a service account created with it (its e-mail computed at preview)."""
    from pulumi_gcp import organizations, projects, serviceaccount

    projects.IAMMember("ops-owner", project=PROJECT, role="roles/owner", member="user:ops@phi.example")
    projects.IAMBinding("editors", project=PROJECT, role="roles/editor",
                        members=["group:devs@phi.example", f"serviceAccount:ci@{PROJECT}.iam.gserviceaccount.com"])
    projects.IAMMember("auditor", project=PROJECT, role="roles/viewer", member="group:audit@phi.example")
    projects.IAMPolicy("sandbox-policy", project="phi-sandbox", policy_data=json.dumps({"bindings": [
        {"role": "roles/owner", "members": ["user:sandbox-admin@phi.example"]},
        {"role": "roles/logging.viewer", "members": ["group:audit@phi.example"]}]}))
    robot = serviceaccount.Account("robot", account_id="robot")
    projects.IAMMember("robot-owner", project=PROJECT, role="roles/owner", member=robot.member)
    organizations.IAMMember("org-viewer", org_id="805614281031", role="roles/browser", member="group:audit@phi.example")


def project_custom_role_grant() -> None:
    """A custom role (named permissions, no wildcard) granted by its id (projects/P/roles/R), computed at preview."""
    from pulumi_gcp import projects

    role = projects.IAMCustomRole("ops-role", project=PROJECT, role_id="opsRole", title="Ops",
                                  permissions=["compute.instances.start", "compute.instances.stop"])
    projects.IAMMember("ops-custom", project=PROJECT, role=role.id, member="group:ops@phi.example")
