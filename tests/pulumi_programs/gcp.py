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

PROJECT = "phi-prod"
CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
DISK_KEY = "projects/phi-prod/locations/us-central1/keyRings/compute/cryptoKeys/disks"
SECRET_SOURCE = "0.0.0.0/0"  # a source range the program keeps secret: messages must not show it
SECRET_DISK_KEY = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="  # a customer-supplied key (base64)
SECRET_PASSWORD = "c0rrect-h0rse-Battery"


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
