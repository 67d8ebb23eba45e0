"""pulumi-gcp adapters on real pulumi-gcp programs (captured under mocks): exact model values, and
every verdict (PASS included) each adapter leads to, in a preview and after an update."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from hitrust_policies import all_rules, evaluate
from hitrust_policies.model import (
    AnalyticsDataset,
    BlockVolume,
    ComputeInstance,
    CryptoKey,
    DnsZone,
    LogArchive,
    MemberRoles,
    MySqlSettings,
    Network,
    ObjectStore,
    PostgresSettings,
    ServiceAccountKey,
    SqlServerSettings,
    TlsListener,
    Unknown,
)
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture
from tests.pulumi_programs import gcp as programs
from tests.sources.live.aws.conftest import table
from tests.verdicts import Verdicts

pytest.importorskip("pulumi_gcp", reason="the pulumi-gcp extra is not installed")

BOTH = pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
TLS = "enc-object-store-tls-only"  # every bucket FAILs it, as live (see packs/hitrust-gcp/README.md)


@cache
def values(program: Callable[[], None], preview: bool) -> tuple[Any, ...]:
    return tuple(to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                                   property_dependencies=r.property_dependencies)
                          for r in capture(program, preview=preview)))


def verdicts(program: Callable[[], None], preview: bool, skip: tuple[str, ...] = ()) -> Verdicts:
    return Verdicts((f.rule_id, f.resource.name, f.status.value) for f in evaluate(list(values(program, preview)))
                    if f.rule_id not in skip)


def shown(value: Any) -> Any:
    return f"?{value.reason}" if isinstance(value, Unknown) else value


@BOTH
def test_buckets_keys_and_logging(preview: bool) -> None:
    assert verdicts(programs.buckets_keys_logging, preview) == table("""
        enc-object-store-default-encryption     phi-access-logs  PASS
        enc-object-store-default-encryption     phi-records      PASS
        enc-object-store-default-encryption     phi-plain        PASS
        enc-object-store-kms                    phi-access-logs  FAIL
        enc-object-store-kms                    phi-records      PASS
        enc-object-store-kms                    phi-plain        FAIL
        enc-object-store-tls-only               phi-access-logs  FAIL
        enc-object-store-tls-only               phi-records      FAIL
        enc-object-store-tls-only               phi-plain        FAIL
        log-object-store-access-logging         phi-access-logs  FAIL
        log-object-store-access-logging         phi-records      PASS
        log-object-store-access-logging         phi-plain        FAIL
        net-object-store-public-access-blocked  phi-access-logs  PASS
        net-object-store-public-access-blocked  phi-records      PASS
        net-object-store-public-access-blocked  phi-plain        PASS
    """)


@BOTH
def test_bucket_public_access_through_each_iam_resource(preview: bool) -> None:
    stores = {v.ref.name: (v.public_access_open, v.ref.region) for v in values(programs.buckets_public, preview)
              if isinstance(v, ObjectStore)}
    assert stores == {
        "public-site": (("allUsers (roles/storage.objectViewer)",), "us"),  # BucketIAMMember
        "partner-share": (("allAuthenticatedUsers (roles/storage.objectAdmin)",), "us"),  # BucketIAMBinding
        "policy-doc": (("allUsers (roles/storage.legacyBucketReader)",), "us"),  # BucketIAMPolicy JSON
        "legacy-acl": (("uniformBucketLevelAccess",), "us"),  # fine-grained ACLs can publish any object
        "locked": ((), "us"),  # public access prevention overrides the allUsers member
        "team-only": ((), "us"),
    }
    public = "net-object-store-public-access-blocked"
    assert {(r, n, s) for r, n, s in verdicts(programs.buckets_public, preview) if r == public} == {
        (public, "public-site", "FAIL"), (public, "partner-share", "FAIL"), (public, "policy-doc", "FAIL"),
        (public, "legacy-acl", "FAIL"), (public, "locked", "PASS"), (public, "team-only", "PASS")}


@BOTH
def test_firewalls_one_verdict_per_opening(preview: bool) -> None:
    assert verdicts(programs.firewalls, preview) == table("""
        net-ingress-rule-admin-ports  allow-ssh-web      FAIL
        net-ingress-rule-admin-ports  allow-ssh-web      PASS
        net-ingress-rule-admin-ports  allow-https        PASS
        net-ingress-rule-admin-ports  allow-iap-ssh      PASS
        net-ingress-rule-admin-ports  allow-iap-ssh      PASS
        net-ingress-rule-admin-ports  allow-internal     PASS
        net-ingress-rule-admin-ports  allow-db-from-app  PASS
        net-ingress-rule-admin-ports  allow-rdp-any      FAIL
        net-ingress-rule-admin-ports  allow-rdp-any      FAIL
        net-ingress-rule-admin-ports  allow-rdp-any      PASS
        net-ingress-rule-admin-ports  allow-rdp-any      PASS
        log-network-flow-logs         prod-vpc           PASS
        net-network-default-absent    prod-vpc           PASS
    """)  # deny-telnet, egress-smtp and the disabled old-mysql open nothing
    parts = sorted(v.ref.part for v in values(programs.firewalls, preview) if v.ref.name == "allow-ssh-web")
    assert parts == ["ingress/tcp/22-22/0.0.0.0/0", "ingress/tcp/80-80/0.0.0.0/0"]  # no sourceRanges: the internet


@BOTH
def test_cloud_sql_instances(preview: bool) -> None:
    assert verdicts(programs.sql_instances, preview) == table("""
        enc-database-storage-encrypted  app-db      PASS
        enc-database-storage-encrypted  open-db     PASS
        enc-database-storage-encrypted  office-db   PASS
        enc-database-storage-encrypted  phi-db      PASS
        enc-database-storage-encrypted  private-db  PASS
        enc-database-storage-kms        app-db      FAIL
        enc-database-storage-kms        open-db     FAIL
        enc-database-storage-kms        office-db   FAIL
        enc-database-storage-kms        phi-db      PASS
        enc-database-storage-kms        private-db  FAIL
        iam-database-directory-auth     app-db      FAIL
        iam-database-directory-auth     open-db     FAIL
        iam-database-directory-auth     office-db   FAIL
        iam-database-directory-auth     phi-db      PASS
        iam-database-directory-auth     private-db  FAIL
        net-database-not-public         app-db      PASS
        net-database-not-public         open-db     FAIL
        net-database-not-public         office-db   PASS
        net-database-not-public         phi-db      PASS
        net-database-not-public         private-db  PASS
        enc-tls-listener-modern         app-db      FAIL
        enc-tls-listener-modern         open-db     FAIL
        enc-tls-listener-modern         office-db   UNKNOWN
        enc-tls-listener-modern         phi-db      UNKNOWN
        enc-tls-listener-modern         private-db  FAIL
        log-database-connection-logging  app-db     FAIL
        log-database-connection-logging  office-db  FAIL
        log-database-connection-logging  phi-db     FAIL
        log-database-statements-not-logged  app-db     PASS
        log-database-statements-not-logged  office-db  PASS
        log-database-statements-not-logged  phi-db     PASS
        log-database-audit-extension  app-db     FAIL
        log-database-audit-extension  office-db  FAIL
        log-database-audit-extension  phi-db     FAIL
        iam-database-contained-auth-off               private-db  PASS
        iam-database-cross-db-ownership-chaining-off  private-db  PASS
        net-database-remote-access-off                private-db  FAIL
        iam-database-local-infile-off                 open-db     FAIL
        iam-database-show-databases-restricted        open-db     FAIL
        log-database-error-logging                    app-db      PASS
        log-database-error-logging                    office-db   PASS
        log-database-error-logging                    phi-db      PASS
    """)  # app-db: a public IP (the default) but no authorized network; private-db: no public IP at all, and a
    # SQL Server instance joined to no Managed AD domain; phi-db: CMEK and the IAM authentication flag on.
    # No sslMode: Cloud SQL's default takes plaintext; TLS only: the floor is no setting (UNKNOWN).
    endpoints = {v.ref.name: shown(v.plaintext_routes) for v in values(programs.sql_instances, preview)
                 if isinstance(v, TlsListener)}
    assert endpoints == {"app-db": ("sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)",),
                         "open-db": ("sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)",),
                         "office-db": (), "phi-db": (),
                         "private-db": ("sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)",)}


def test_cloud_sql_legacy_require_ssl() -> None:
    """Older pulumi-gcp's requireSsl counts where no sslMode is set; sslMode wins over it; unknown only
    while the value that decides is."""
    token = "gcp:sql/databaseInstance:DatabaseInstance"

    def endpoint(ip: dict[str, Any]) -> Any:
        res = PulumiResource.from_wire(token, f"urn:pulumi:s::p::{token}::db", {
            "name": "db", "databaseVersion": "POSTGRES_15", "settings": {"ipConfiguration": ip}})
        return shown(next(v for v in to_model([res]) if isinstance(v, TlsListener)).plaintext_routes)

    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert endpoint({"requireSsl": True}) == ()
    assert endpoint({"requireSsl": False}) == ("requireSsl is false",)
    assert endpoint({"requireSsl": True, "sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}) == (
        "sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED",)
    assert endpoint({"requireSsl": unknown, "sslMode": "ENCRYPTED_ONLY"}) == ()
    assert endpoint({"requireSsl": unknown}) == "?computed at preview: settings.ipConfiguration.requireSsl"


@BOTH
def test_kms_keys_named_by_ring(preview: bool) -> None:
    keys = {v.ref.name: (v.rotation_supported, shown(v.enabled), v.rotation_enabled)
            for v in values(programs.kms_keys, preview) if isinstance(v, CryptoKey)}
    assert keys == {
        "phi/records": (True, True, True),
        "phi/backups": (True, True, False),
        "phi/signing": (False, "?ASYMMETRIC_SIGN key: version states are not in the key asset", False),
        "phi/hsm": (True, True, False),  # HSM keys rotate automatically too
    }
    assert verdicts(programs.kms_keys, preview) == table("""
        enc-crypto-key-rotation  phi/records  PASS
        enc-crypto-key-rotation  phi/backups  FAIL
        enc-crypto-key-rotation  phi/signing  PASS
        enc-crypto-key-rotation  phi/hsm      FAIL
        net-crypto-key-not-public  phi/records  PASS
        net-crypto-key-not-public  phi/backups  PASS
        net-crypto-key-not-public  phi/signing  PASS
        net-crypto-key-not-public  phi/hsm      PASS
        enc-crypto-key-not-pending-deletion  phi/records  PASS
        enc-crypto-key-not-pending-deletion  phi/backups  PASS
        enc-crypto-key-not-pending-deletion  phi/signing  PASS
        enc-crypto-key-not-pending-deletion  phi/hsm      PASS
    """)


@BOTH
def test_disks(preview: bool) -> None:
    disks = {v.ref.name: (v.encrypted, v.kms_key, v.ref.region) for v in values(programs.disks, preview)
             if isinstance(v, BlockVolume)}
    assert disks == {"boot": (True, None, "us-central1-a"), "data-cmek": (True, programs.DISK_KEY, "us-central1-a"),
                     "shared": (True, None, "us-central1")}
    (csek,) = values(programs.csek_disk, True)
    assert shown(csek.kms_key) == "?computed at preview: diskEncryptionKey.sha256"
    assert csek.kms_key_customer_managed is True  # supplied by the customer, whatever the hash turns out to be


@BOTH
def test_networks_joined_with_their_subnetworks(preview: bool) -> None:
    assert verdicts(programs.networks, preview) == table("""
        log-network-flow-logs  poc        FAIL
        log-network-flow-logs  demo       FAIL
        log-network-flow-logs  phi-vpc    PASS
        log-network-flow-logs  half-vpc   FAIL
        log-network-flow-logs  empty-vpc  PASS
        net-network-default-absent  poc        PASS
        net-network-default-absent  demo       PASS
        net-network-default-absent  phi-vpc    PASS
        net-network-default-absent  half-vpc   PASS
        net-network-default-absent  empty-vpc  PASS
    """)  # poc: auto mode; demo: no logConfig; phi-vpc: its proxy-only subnet carries no VM traffic


def test_preview_unknowns_are_unknown_and_resolve_after_update() -> None:
    skip = (TLS, "enc-object-store-kms", "log-object-store-access-logging", "enc-object-store-default-encryption",
            "enc-database-storage-encrypted", "enc-database-storage-kms", "iam-database-directory-auth",
            "log-database-connection-logging", "log-database-statements-not-logged",
            "log-database-audit-extension", "log-database-error-logging")  # late-db: no flags
    assert verdicts(programs.unresolved_outputs, True, skip) == table("""
        net-ingress-rule-admin-ports            bastion-ssh  UNKNOWN
        net-object-store-public-access-blocked  late-share   UNKNOWN
        net-database-not-public                 late-db      UNKNOWN
        enc-tls-listener-modern                 late-db      UNKNOWN
    """)
    assert verdicts(programs.unresolved_outputs, False, skip) == table("""
        net-ingress-rule-admin-ports            bastion-ssh  PASS
        net-object-store-public-access-blocked  late-share   PASS
        net-database-not-public                 late-db      PASS
        enc-tls-listener-modern                 late-db      FAIL
    """)
    reasons = {f.rule_id: f.message for f in evaluate(list(values(programs.unresolved_outputs, True)))
               if f.status.value == "UNKNOWN"}
    assert reasons == {"net-ingress-rule-admin-ports": "computed at preview: sourceRanges[0]",
                       "net-object-store-public-access-blocked": "computed at preview: member",
                       "net-database-not-public": "computed at preview: settings.ipConfiguration.authorizedNetworks"
                                                  "[0].value",
                       "enc-tls-listener-modern": "computed at preview: settings.ipConfiguration.sslMode"}


def test_iam_resources_whose_bucket_is_not_known_make_the_grants_unknown() -> None:
    """A member on a bucket the adapter cannot tell (no dependency, value computed) might be on this bucket."""
    bucket = PulumiResource.from_wire("gcp:storage/bucket:Bucket", "urn:pulumi:s::p::gcp:storage/bucket:Bucket::b",
                                      {"name": "b", "uniformBucketLevelAccess": True})
    token = "gcp:storage/bucketIAMMember:BucketIAMMember"
    member = PulumiResource.from_wire(
        token, f"urn:pulumi:s::p::{token}::m",
        {"bucket": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "role": "roles/storage.objectViewer",
         "member": "group:x@phi.example"})
    (store,) = to_model([bucket, member])
    assert shown(store.public_access_open) == "?computed at preview: bucket of m"
    named = PulumiResource.from_wire(member.type, member.urn, {"bucket": "b/b", "role": "roles/storage.admin",
                                                                 "member": "allUsers"})
    assert to_model([bucket, named])[0].public_access_open == ("allUsers (roles/storage.admin)",)


VM_RULES = ("iam-instance-os-login", "iam-instance-project-ssh-keys-blocked", "net-instance-serial-port-disabled",
            "iam-instance-default-service-account", "iam-instance-default-service-account-full-access")


def vm_verdicts(program: Callable[[], None], preview: bool) -> Verdicts:
    return Verdicts((r, n, s) for r, n, s in verdicts(program, preview) if r in VM_RULES)


@BOTH
def test_vm_access_joined_with_the_project_metadata(preview: bool) -> None:
    """The project's ProjectMetadata turns OS Login on; legacy-vm turns it off for itself."""
    assert vm_verdicts(programs.vm_access, preview) == table("""
        iam-instance-os-login  nginx      PASS
        iam-instance-os-login  ehr-app    PASS
        iam-instance-os-login  legacy-vm  FAIL
        iam-instance-project-ssh-keys-blocked  nginx      FAIL
        iam-instance-project-ssh-keys-blocked  ehr-app    PASS
        iam-instance-project-ssh-keys-blocked  legacy-vm  FAIL
        net-instance-serial-port-disabled      nginx      PASS
        net-instance-serial-port-disabled      ehr-app    PASS
        net-instance-serial-port-disabled      legacy-vm  FAIL
        iam-instance-default-service-account  nginx      FAIL
        iam-instance-default-service-account  ehr-app    PASS
        iam-instance-default-service-account  legacy-vm  FAIL
        iam-instance-default-service-account-full-access  nginx      FAIL
        iam-instance-default-service-account-full-access  ehr-app    PASS
        iam-instance-default-service-account-full-access  legacy-vm  PASS
    """)


def test_vm_access_with_the_project_metadata_outside_the_stack() -> None:
    """A VM setting a key itself is judged on it; one inheriting it is UNKNOWN, naming the key and the resource
    types that would hold the project's value; values computed at preview resolve after an update."""
    assert vm_verdicts(programs.vm_access_project_elsewhere, True) == table("""
        iam-instance-os-login  self-managed  PASS
        iam-instance-os-login  inherits      UNKNOWN
        iam-instance-os-login  batch         UNKNOWN
        iam-instance-project-ssh-keys-blocked  self-managed  PASS
        iam-instance-project-ssh-keys-blocked  inherits      FAIL
        iam-instance-project-ssh-keys-blocked  batch         FAIL
        net-instance-serial-port-disabled      self-managed  PASS
        net-instance-serial-port-disabled      inherits      UNKNOWN
        net-instance-serial-port-disabled      batch         UNKNOWN
        iam-instance-default-service-account  self-managed  PASS
        iam-instance-default-service-account  inherits      PASS
        iam-instance-default-service-account  batch         UNKNOWN
        iam-instance-default-service-account-full-access  self-managed  PASS
        iam-instance-default-service-account-full-access  inherits      PASS
        iam-instance-default-service-account-full-access  batch         UNKNOWN
    """)
    assert vm_verdicts(programs.vm_access_project_elsewhere, False) == table("""
        iam-instance-os-login  self-managed  PASS
        iam-instance-os-login  inherits      UNKNOWN
        iam-instance-os-login  batch         PASS
        iam-instance-project-ssh-keys-blocked  self-managed  PASS
        iam-instance-project-ssh-keys-blocked  inherits      FAIL
        iam-instance-project-ssh-keys-blocked  batch         FAIL
        net-instance-serial-port-disabled      self-managed  PASS
        net-instance-serial-port-disabled      inherits      UNKNOWN
        net-instance-serial-port-disabled      batch         UNKNOWN
        iam-instance-default-service-account  self-managed  PASS
        iam-instance-default-service-account  inherits      PASS
        iam-instance-default-service-account  batch         PASS
        iam-instance-default-service-account-full-access  self-managed  PASS
        iam-instance-default-service-account-full-access  inherits      PASS
        iam-instance-default-service-account-full-access  batch         PASS
    """)
    outside = ("project metadata {} is not in the stack (gcp:compute/projectMetadata:ProjectMetadata or "
               "gcp:compute/projectMetadataItem:ProjectMetadataItem): the project's value applies")
    reasons = {(f.rule_id, f.resource.name, f.message) for f in evaluate(list(values(
        programs.vm_access_project_elsewhere, True))) if f.rule_id in VM_RULES and f.status.value == "UNKNOWN"}
    assert reasons == {("iam-instance-os-login", "inherits", outside.format("enable-oslogin")),
                       ("iam-instance-os-login", "batch", "computed at preview: metadata.enable-oslogin"),
                       *(("net-instance-serial-port-disabled", n, outside.format("serial-port-enable"))
                         for n in ("inherits", "batch")),
                       *((rule, "batch", "computed at preview: serviceAccount.email") for rule in VM_RULES[3:])}
@BOTH
def test_bigquery_datasets_joined_with_their_grants(preview: bool) -> None:
    """The public through accesses, a DatasetAccess, a DatasetIamMember and a DatasetIamPolicy document;
    a group reader is not; a default Cloud KMS key only where the program names one."""
    assert verdicts(programs.bigquery_datasets, preview) == table("""
        net-dataset-not-public  claims          PASS
        net-dataset-not-public  staging         PASS
        net-dataset-not-public  open_reference  FAIL
        net-dataset-not-public  shared          FAIL
        net-dataset-not-public  exports         FAIL
        net-dataset-not-public  team            PASS
        net-dataset-not-public  documented      FAIL
        enc-dataset-kms         claims          PASS
        enc-dataset-kms         staging         FAIL
        enc-dataset-kms         open_reference  FAIL
        enc-dataset-kms         shared          FAIL
        enc-dataset-kms         exports         FAIL
        enc-dataset-kms         team            FAIL
        enc-dataset-kms         documented      FAIL
    """)
    grants = {v.ref.name: (v.public_grants, v.ref.region) for v in values(programs.bigquery_datasets, preview)
              if isinstance(v, AnalyticsDataset)}
    assert grants == {
        "claims": ((), "us"), "staging": ((), "us"), "team": ((), "us"),
        "open_reference": (("allAuthenticatedUsers (roles/bigquery.dataViewer)",), "us"),  # accesses, READER
        "shared": (("allUsers (roles/bigquery.dataViewer)",), "us"),  # DatasetAccess
        "exports": (("allAuthenticatedUsers (roles/bigquery.dataViewer)",), "us"),  # DatasetIamMember
        "documented": (("allUsers (roles/bigquery.dataViewer)",), "us"),  # DatasetIamPolicy
    }


def test_bigquery_preview_unknowns_are_unknown_and_resolve_after_update() -> None:
    rules = ("net-dataset-not-public", "enc-dataset-kms")
    skip = tuple(r.id for r in all_rules() if r.id not in rules)
    assert verdicts(programs.bigquery_unresolved, True, skip) == table("""
        net-dataset-not-public  late  UNKNOWN
        enc-dataset-kms         late  UNKNOWN
    """)
    assert verdicts(programs.bigquery_unresolved, False, skip) == table("""
        net-dataset-not-public  late  PASS
        enc-dataset-kms         late  PASS
    """)
    (late,) = [v for v in values(programs.bigquery_unresolved, True) if isinstance(v, AnalyticsDataset)]
    assert (shown(late.public_grants), shown(late.kms_key)) == (
        "?computed at preview: accesses[0].iamMember",
        "?computed at preview: defaultEncryptionConfiguration.kmsKeyName")


def test_dataset_grants_whose_dataset_is_not_known_are_unknown() -> None:
    """An IAM member naming a dataset the adapter cannot tell (no dependency, value computed) might be on it;
    one naming it by resource id (``projects/P/datasets/D``) is on it."""
    token = "gcp:bigquery/datasetIamMember:DatasetIamMember"
    kind = "gcp:bigquery/dataset:Dataset"
    dataset = PulumiResource.from_wire(kind, f"urn:pulumi:s::p::{kind}::d", {"datasetId": "d", "location": "US"})
    member = PulumiResource.from_wire(token, f"urn:pulumi:s::p::{token}::m", {
        "datasetId": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "role": "roles/bigquery.dataViewer",
        "member": "group:x@phi.example"})
    (unknown,) = to_model([dataset, member])
    assert shown(unknown.public_grants) == "?computed at preview: datasetId of m"
    named = PulumiResource.from_wire(token, member.urn, {"datasetId": "projects/phi-prod/datasets/d",
                                                         "role": "roles/bigquery.dataViewer", "member": "allUsers"})
    assert to_model([dataset, named])[0].public_grants == ("allUsers (roles/bigquery.dataViewer)",)


@BOTH
def test_dns_zones(preview: bool) -> None:
    """No dnssecConfig: unsigned; state on without key specs: Cloud DNS's RSASHA256 keys; transfer does not
    sign; the private zone is exempt from both rules."""
    assert verdicts(programs.dns_zones, preview, ("log-network-flow-logs", "net-network-default-absent")) == table("""
        enc-dns-zone-dnssec          portal    FAIL
        enc-dns-zone-dnssec          patients  PASS
        enc-dns-zone-dnssec          legacy    PASS
        enc-dns-zone-dnssec          moving    FAIL
        enc-dns-zone-dnssec          internal  PASS
        enc-dns-zone-strong-signing  portal    PASS
        enc-dns-zone-strong-signing  patients  PASS
        enc-dns-zone-strong-signing  legacy    FAIL
        enc-dns-zone-strong-signing  moving    PASS
        enc-dns-zone-strong-signing  internal  PASS
    """)
    zones = {v.ref.name: (v.public, v.dnssec, v.signing_algorithms) for v in values(programs.dns_zones, preview)
             if isinstance(v, DnsZone)}
    assert zones["legacy"] == (True, True, ("key-signing:RSASHA256", "zone-signing:RSASHA1"))
    assert zones["internal"] == (False, False, ())


def test_dns_zone_values_computed_at_preview_are_unknown() -> None:
    token = "gcp:dns/managedZone:ManagedZone"
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

    def zone(props: dict[str, Any]) -> Any:
        (value,) = to_model([PulumiResource.from_wire(token, f"urn:pulumi:s::p::{token}::z", {"name": "z", **props})])
        return shown(value.public), shown(value.dnssec), shown(value.signing_algorithms)

    assert zone({"visibility": unknown}) == ("?computed at preview: visibility", False, ())
    assert zone({"dnssecConfig": {"state": unknown}}) == (True, "?computed at preview: dnssecConfig.state",
                                                          "?computed at preview: dnssecConfig.state")
    assert zone({"dnssecConfig": {"state": "on", "defaultKeySpecs": [{"keyType": "zoneSigning", "algorithm": unknown}]}}
                ) == (True, True, "?computed at preview: dnssecConfig.defaultKeySpecs[0].algorithm")


@BOTH
def test_log_sinks_joined_with_their_buckets(preview: bool) -> None:
    """A locked retention policy or log bucket passes, an unlocked policy fails, a bucket the stack does not
    create is unknown; the BigQuery sink is no archive."""
    rule = "log-log-archive-retention-locked"
    assert verdicts(programs.log_archives, preview, tuple(r.id for r in all_rules() if r.id != rule)) == table(f"""
        {rule}  projects/phi-prod/sinks/to-locked      PASS
        {rule}  projects/phi-prod/sinks/to-unlocked    FAIL
        {rule}  projects/phi-prod/sinks/to-log-bucket  PASS
        {rule}  projects/phi-prod/sinks/to-partner     UNKNOWN
    """)
    archives = {v.ref.name.rsplit("/", 1)[-1]: (v.destination, shown(v.retention_locked))
                for v in values(programs.log_archives, preview) if isinstance(v, LogArchive)}
    assert archives["to-log-bucket"] == (
        "logging.googleapis.com/projects/phi-prod/locations/us-central1/buckets/audit-locked", True)
    assert archives["to-partner"] == ("storage.googleapis.com/partner-archive",
                                      "?storage.googleapis.com/partner-archive is not created by this stack: its "
                                      "retention policy is not in the program")


def test_log_sink_values_computed_at_preview_are_unknown() -> None:
    """A destination computed from nothing in the stack, or a bucket's retention policy computed, is unknown;
    the router's own sinks are no archives."""
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    token, bucket_token = "gcp:logging/folderSink:FolderSink", "gcp:storage/bucket:Bucket"

    def archive(props: dict[str, Any], *others: PulumiResource, deps: tuple[str, ...] = ()) -> Any:
        res = PulumiResource.from_wire(token, f"urn:pulumi:s::p::{token}::s", {"name": "s", "folder": "folders/42",
                                                                               **props},
                                       property_dependencies={"destination": list(deps)} if deps else None)
        found = [v for v in to_model([res, *others]) if isinstance(v, LogArchive)]
        return [(v.ref.name, shown(v.retention_locked)) for v in found]

    assert archive({"destination": unknown}) == [("folders/42/sinks/s", "?computed at preview: destination")]
    bucket = PulumiResource.from_wire(bucket_token, f"urn:pulumi:s::p::{bucket_token}::b", {
        "name": "b", "retentionPolicy": {"retentionPeriod": "86400", "isLocked": unknown}})
    assert archive({"destination": unknown}, bucket, deps=(bucket.urn,)) == [
        ("folders/42/sinks/s", "?computed at preview: retentionPolicy.isLocked")]
    assert archive({"destination": "storage.googleapis.com/b", "name": "_Default"}, bucket) == []
@BOTH
def test_cloud_sql_database_flags(preview: bool) -> None:
    """PostgreSQL flags over Cloud SQL's defaults; MySQL and SQL Server instances have no PostgreSQL settings to
    judge; a flag value computed by another resource is UNKNOWN in a preview, known after the update."""
    rule = "log-database-connection-logging"
    assert {v for v in verdicts(programs.sql_database_flags, preview) if v[0] == rule} == set(table(f"""
        {rule}  audited-pg  PASS
        {rule}  default-pg  FAIL
        {rule}  half-pg     FAIL
        {rule}  late-pg     {"UNKNOWN" if preview else "PASS"}
    """))
    statements = "log-database-statements-not-logged"
    assert {v for v in verdicts(programs.sql_database_flags, preview) if v[0] == statements} == set(table(f"""
        {statements}  audited-pg  PASS
        {statements}  default-pg  PASS
        {statements}  half-pg     FAIL
        {statements}  late-pg     PASS
    """))  # unset: PostgreSQL's -1
    audit = "log-database-audit-extension"
    assert {v for v in verdicts(programs.sql_database_flags, preview) if v[0] == audit} == set(table(f"""
        {audit}  audited-pg  PASS
        {audit}  default-pg  FAIL
        {audit}  half-pg     FAIL
        {audit}  late-pg     FAIL
    """))
    mssql = {v for v in verdicts(programs.sql_database_flags, preview) if v[0] in (
        "iam-database-contained-auth-off", "iam-database-cross-db-ownership-chaining-off",
        "net-database-remote-access-off")}
    assert mssql == set(table("""
        iam-database-contained-auth-off               ehr-mssql     PASS
        iam-database-contained-auth-off               legacy-mssql  FAIL
        iam-database-cross-db-ownership-chaining-off  ehr-mssql     PASS
        iam-database-cross-db-ownership-chaining-off  legacy-mssql  FAIL
        net-database-remote-access-off                ehr-mssql     PASS
        net-database-remote-access-off                legacy-mssql  FAIL
    """))  # legacy-mssql leaves remote access at SQL Server's default, on
    errors = "log-database-error-logging"
    assert {v for v in verdicts(programs.sql_database_flags, preview) if v[0] == errors} == set(table(f"""
        {errors}  audited-pg  PASS
        {errors}  default-pg  PASS
        {errors}  half-pg     FAIL
        {errors}  late-pg     PASS
    """))
    mysql = {v for v in verdicts(programs.sql_database_flags, preview) if v[0] in (
        "iam-database-local-infile-off", "iam-database-show-databases-restricted")}
    assert mysql == set(table("""
        iam-database-local-infile-off           reports-mysql  FAIL
        iam-database-show-databases-restricted  reports-mysql  PASS
    """))
    settings = {v.ref.name: (shown(v.log_connections), shown(v.log_disconnections))
                for v in values(programs.sql_database_flags, preview) if isinstance(v, PostgresSettings)}
    late = "?computed at preview: settings.databaseFlags[0].value" if preview else True
    assert settings == {"audited-pg": (True, True), "default-pg": (False, False), "half-pg": (True, False),
                        "late-pg": (late, True)}


def test_cloud_sql_unknown_version_leaves_postgres_settings_unknown() -> None:
    """While databaseVersion is computed the engine, and so whether PostgreSQL settings apply, is unknown."""
    token = "gcp:sql/databaseInstance:DatabaseInstance"
    res = PulumiResource.from_wire(token, f"urn:pulumi:s::p::{token}::db", {
        "name": "db", "databaseVersion": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "settings": {}})
    [pg] = [v for v in to_model([res]) if isinstance(v, PostgresSettings)]
    [mssql] = [v for v in to_model([res]) if isinstance(v, SqlServerSettings)]
    [mysql] = [v for v in to_model([res]) if isinstance(v, MySqlSettings)]
    assert {shown(pg.log_connections), shown(pg.pgaudit), shown(mssql.remote_access), shown(mysql.local_infile)} == {
        "?computed at preview: databaseVersion"}
LB_RULE = "enc-tls-listener-modern"


@BOTH
def test_load_balancer_proxies_joined_with_policies_and_url_maps(preview: bool) -> None:
    """Each target proxy is a listener: HTTPS / SSL proxies at their SSL policy's minTlsVersion (none:
    Google's default, TLS 1.0; a COMPATIBLE policy without a minimum: TLS 1.0), HTTP proxies serving
    each URL-map route that does not redirect to HTTPS. Backends computed at preview still serve."""
    listeners = {v.ref.name: (v.protocol, v.min_tls_version, v.plaintext_routes)
                 for v in values(programs.load_balancers, preview) if isinstance(v, TlsListener)}
    assert listeners == {
        "portal-https": ("HTTPS", "1.2", ()), "ehr-https": ("HTTPS", "1.3", ()),
        "legacy-https": ("HTTPS", "1.0", ()), "old-clients-https": ("HTTPS", "1.0", ()),
        "hl7-ssl": ("SSL", "1.1", ()),
        "portal-http": ("HTTP", None, ()), "status-http": ("HTTP", None, ("default forwards",)),
        "partial-http": ("HTTP", None, ("path matcher api path /health forwards",)),
    }
    assert verdicts(programs.load_balancers, preview) == table(f"""
        {LB_RULE}  portal-https       PASS
        {LB_RULE}  ehr-https          PASS
        {LB_RULE}  legacy-https       FAIL
        {LB_RULE}  old-clients-https  FAIL
        {LB_RULE}  hl7-ssl            FAIL
        {LB_RULE}  portal-http        PASS
        {LB_RULE}  status-http        FAIL
        {LB_RULE}  partial-http       FAIL
    """)


def test_load_balancer_policies_outside_the_program_or_computed_are_unknown() -> None:
    """A policy the program only names is unknown (preview and update alike); a policy or redirect
    computed at preview is unknown until the update, when the redirect resolves to HTTPS."""
    def listeners(preview: bool) -> dict[str, Any]:
        return {v.ref.name: shown(v.min_tls_version if v.protocol != "HTTP" else v.plaintext_routes)
                for v in values(programs.load_balancer_unknowns, preview) if isinstance(v, TlsListener)}

    outside = ("?SSL policy https://www.googleapis.com/compute/v1/projects/phi-prod/global/sslPolicies/org-tls12 "
               "not in the program")
    assert listeners(True) == {"shared-policy-https": outside, "late-policy-https": "?computed at preview: sslPolicy",
                               "late-http": "?computed at preview: defaultUrlRedirect.httpsRedirect"}
    assert listeners(False) == {"shared-policy-https": outside,
                                "late-policy-https": "?SSL policy org-tls12 not in the program", "late-http": ()}
    assert verdicts(programs.load_balancer_unknowns, True) == table(f"""
        {LB_RULE}  shared-policy-https  UNKNOWN
        {LB_RULE}  late-policy-https    UNKNOWN
        {LB_RULE}  late-http            UNKNOWN
    """)
    assert verdicts(programs.load_balancer_unknowns, False) == table(f"""
        {LB_RULE}  shared-policy-https  UNKNOWN
        {LB_RULE}  late-policy-https    UNKNOWN
        {LB_RULE}  late-http            PASS
    """)


DEFAULT_RULE = "net-network-default-absent"


@BOTH
def test_default_network_by_name_and_unknown_while_the_name_is_computed(preview: bool) -> None:
    """A program managing the ``default`` network FAILs (CIS GCP 3.1); a network whose name is computed at
    preview is UNKNOWN, then PASSes once named (the networks and firewalls programs' networks all PASS)."""
    found = {(r, n if n == "default" or preview else "edge-*", s) for r, n, s in verdicts(programs.default_network,
                                                                                       preview) if r == DEFAULT_RULE}
    assert found == {(DEFAULT_RULE, "default", "FAIL"),
                     (DEFAULT_RULE, "edge-vpc", "UNKNOWN") if preview else (DEFAULT_RULE, "edge-*", "PASS")}
    nets = {v.ref.name: shown(v.preset_open) for v in values(programs.default_network, preview)
            if isinstance(v, Network) and (preview or v.ref.name == "default")}
    assert nets == ({"default": True, "edge-vpc": "?computed at preview: name"} if preview else {"default": True})


FORWARDING = "net-instance-ip-forwarding-off"


@BOTH
def test_instances_addresses_and_ip_forwarding(preview: bool) -> None:
    """An empty access config is an ephemeral external IP; a reserved one is an address even while computed;
    canIpForward FAILs except on a GKE node."""
    vms = {v.ref.name: (v.public_addresses if v.ref.name != "nat-gw" else len(v.public_addresses), v.ip_forwarding,
                        v.ref.region) for v in values(programs.instances, preview) if isinstance(v, ComputeInstance)}
    assert vms == {"web-vm": (("external access config",), False, "us-central1-a"),
                   "nat-gw": (1, True, "us-central1-a"), "ehr-app": ((), False, "us-central1-a"),
                   "gke-phi-pool-1-a1b2": ((), False, "us-central1-a")}
    assert verdicts(programs.instances, preview, VM_RULES) == table(f"""  # VM access: test_vm_access_*
        enc-instance-host-encryption  web-vm               PASS
        enc-instance-host-encryption  nat-gw               PASS
        enc-instance-host-encryption  ehr-app              PASS
        enc-instance-host-encryption  gke-phi-pool-1-a1b2  PASS
        net-instance-no-public-ip     web-vm               FAIL
        net-instance-no-public-ip     nat-gw               FAIL
        net-instance-no-public-ip     ehr-app              PASS
        net-instance-no-public-ip     gke-phi-pool-1-a1b2  PASS
        {FORWARDING}  web-vm               PASS
        {FORWARDING}  nat-gw               FAIL
        {FORWARDING}  ehr-app              PASS
        {FORWARDING}  gke-phi-pool-1-a1b2  PASS
    """)


def test_instance_ip_forwarding_computed_at_preview_is_unknown() -> None:
    def forwarding(preview: bool) -> dict[str, Any]:
        return {v.ref.name: shown(v.ip_forwarding) for v in values(programs.instance_unknowns, preview)
                if isinstance(v, ComputeInstance)}

    assert forwarding(True) == {"late-router": "?computed at preview: canIpForward",
                                "pool-node-9": "?computed at preview: labels"}
    assert forwarding(False) == {"late-router": False, "pool-node-9": True}
    assert {(r, n, s) for r, n, s in verdicts(programs.instance_unknowns, True) if r == FORWARDING} == {
        (FORWARDING, "late-router", "UNKNOWN"), (FORWARDING, "pool-node-9", "UNKNOWN")}


def test_url_map_entries_computed_at_preview() -> None:
    """A computed backend or path still serves (FAIL); a path matcher or path rule entry not known yet, or a
    computed redirect, may or may not serve (UNKNOWN)."""
    from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING as U
    from tests.sources.pulumi.helpers import res, urn

    proxy, url_map = "gcp:compute/targetHttpProxy:TargetHttpProxy", "gcp:compute/uRLMap:URLMap"
    maps = {"served": {"defaultUrlRedirect": {"httpsRedirect": True},
                       "pathMatchers": [{"name": "api", "pathRules": [{"paths": U, "service": U}]}]},
            "late-rule": {"defaultUrlRedirect": {"httpsRedirect": True},
                          "pathMatchers": [{"name": "api", "pathRules": [U]}]},
            "late-matchers": {"defaultUrlRedirect": {"httpsRedirect": True}, "pathMatchers": U},
            "late-redirect": {"defaultUrlRedirect": {"httpsRedirect": U}}}
    resources = [r for n, props in maps.items() for r in (
        res(url_map, f"{n}-map", {"name": f"{n}-map", **props}),
        res(proxy, n, {"name": n, "urlMap": U}, urlMap=[urn(url_map, f"{n}-map")]))]
    found = {v.ref.name: shown(v.plaintext_routes) for v in to_model(resources) if isinstance(v, TlsListener)}
    assert found == {"served": ("path matcher api path (computed at preview) forwards",),
                     "late-rule": "?computed at preview: pathMatchers[0].pathRules[0]",
                     "late-matchers": "?computed at preview: pathMatchers",
                     "late-redirect": "?computed at preview: defaultUrlRedirect.httpsRedirect"}
@BOTH
def test_service_account_keys_are_user_managed(preview: bool) -> None:
    """Every key a program makes is user-managed (generated or uploaded), owned by the account it names."""
    keys = {v.ref.name: (v.owner, v.user_managed, v.disabled, v.expired) for v in
            values(programs.service_account_keys, preview) if isinstance(v, ServiceAccountKey)}
    legacy = f"legacy@{programs.PROJECT}.iam.gserviceaccount.com"
    assert keys == {"etl/etl-key": ("etl", True, False, False), "etl/etl-uploaded": ("etl", True, False, False),
                    f"{legacy}/legacy-key": (legacy, True, False, False)}
    assert verdicts(programs.service_account_keys, preview) == table(f"""
        iam-service-account-no-user-keys  etl/etl-key  FAIL
        iam-service-account-no-user-keys  etl/etl-uploaded  FAIL
        iam-service-account-no-user-keys  {legacy}/legacy-key  FAIL
    """)


@BOTH
def test_kms_keys_open_to_the_public_through_each_iam_resource(preview: bool) -> None:
    keys = {v.ref.name: v.public_principals for v in values(programs.kms_key_iam, preview) if isinstance(v, CryptoKey)}
    assert keys == {
        "shared/team": (),
        "shared/anyone": ("allUsers (roles/cloudkms.cryptoKeyDecrypter)",),  # CryptoKeyIAMMember
        "shared/partners": ("allAuthenticatedUsers (roles/cloudkms.cryptoKeyEncrypter)",),  # CryptoKeyIAMBinding
        "shared/documented": ("allUsers (roles/cloudkms.viewer)",),  # CryptoKeyIAMPolicy JSON
    }
    public = "net-crypto-key-not-public"
    assert {(r, n, s) for r, n, s in verdicts(programs.kms_key_iam, preview) if r == public} == {
        (public, "shared/team", "PASS"), (public, "shared/anyone", "FAIL"), (public, "shared/partners", "FAIL"),
        (public, "shared/documented", "FAIL")}


@BOTH
def test_roles_per_member_joined_over_the_programs_grants(preview: bool) -> None:
    """Each member's roles on a scope come from every IAMMember / IAMBinding naming it there, one value per
    member, named as the scanner names it."""
    app, ci = (f"serviceAccount:{a}@{programs.PROJECT}.iam.gserviceaccount.com" for a in ("app", "ci"))
    held = {v.ref.name: v.roles for v in values(programs.project_iam, preview) if isinstance(v, MemberRoles)}
    p = f"projects/{programs.PROJECT}"
    assert held == {
        f"{p}/user:dana@phi.example": ("roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser"),
        f"{p}/group:security@phi.example": ("roles/cloudkms.admin", "roles/cloudkms.cryptoKeyEncrypterDecrypter"),
        f"{p}/{app}": ("roles/cloudkms.cryptoKeyEncrypterDecrypter",),
        f"folders/301934554120/{ci}": ("roles/iam.serviceAccountTokenCreator",)}
    # every role here is predefined and scoped: iam-policy-grant-no-admin PASSes (see test_project_admin_grants)
    assert verdicts(programs.project_iam, preview, ("iam-policy-grant-no-admin", "iam-policy-grant-no-service-wildcard",
                                                    "iam-policy-grant-no-kms-decrypt-all-keys")) == table(f"""
        iam-service-account-duties-separated      {p}/user:dana@phi.example  FAIL
        iam-kms-duties-separated                  {p}/user:dana@phi.example  PASS
        iam-service-account-impersonation-scoped  {p}/user:dana@phi.example  FAIL
        iam-service-account-duties-separated      {p}/group:security@phi.example  PASS
        iam-kms-duties-separated                  {p}/group:security@phi.example  FAIL
        iam-service-account-impersonation-scoped  {p}/group:security@phi.example  PASS
        iam-service-account-duties-separated      {p}/{app}  PASS
        iam-kms-duties-separated                  {p}/{app}  PASS
        iam-service-account-impersonation-scoped  {p}/{app}  PASS
        iam-service-account-duties-separated      folders/301934554120/{ci}  PASS
        iam-kms-duties-separated                  folders/301934554120/{ci}  PASS
        iam-service-account-impersonation-scoped  folders/301934554120/{ci}  FAIL
    """)


@BOTH
def test_log_buckets(preview: bool) -> None:
    """Configured log buckets as live names and judges them: ``_Default`` holds audit logs (a key or a FAIL),
    a user-defined bucket's contents are not judged; retention and key computed at preview are UNKNOWN."""
    later = "UNKNOWN" if preview else "PASS"
    keys = ("enc-crypto-key-rotation", "net-crypto-key-not-public", "enc-crypto-key-not-pending-deletion")
    assert verdicts(programs.log_buckets, preview, keys) == table(f"""
        enc-log-group-audit-kms  phi-prod/global/_Default       PASS
        log-log-group-retention  phi-prod/global/_Default       PASS
        enc-log-group-audit-kms  phi-sandbox/global/_Default    FAIL
        log-log-group-retention  phi-sandbox/global/_Default    FAIL
        enc-log-group-audit-kms  phi-prod/us-central1/app-logs  UNKNOWN
        log-log-group-retention  phi-prod/us-central1/app-logs  FAIL
        enc-log-group-audit-kms  phi-audit/global/_Default      {later}
        log-log-group-retention  phi-audit/global/_Default      {later}
    """)
    groups = {v.ref.name: v for v in values(programs.log_buckets, preview) if type(v).__name__ == "LogGroup"}
    assert (groups["phi-sandbox/global/_Default"].retention_days, groups["phi-sandbox/global/_Default"].kms_key) == (
        30, None)


@BOTH
def test_project_admin_grants(preview: bool) -> None:
    """Each member of each basic-role binding on a project or organization is a grant as live names it: Owner
    and Editor are admin; an owner whose member is computed at preview still FAILs."""
    robot = "(members not known yet)" if preview else "robot-db6088f-member"
    grants = Verdicts({k: n for k, n in verdicts(programs.project_admins, preview).items()
                       if k[0] == "iam-policy-grant-no-admin"})
    sa = "serviceAccount:ci@phi-prod.iam.gserviceaccount.com"
    assert grants == table(f"""
        iam-policy-grant-no-admin  projects/phi-prod/roles/owner/user:ops@phi.example             FAIL
        iam-policy-grant-no-admin  projects/phi-prod/roles/editor/group:devs@phi.example          FAIL
        iam-policy-grant-no-admin  projects/phi-prod/roles/editor/{sa}                           FAIL
        iam-policy-grant-no-admin  projects/phi-prod/roles/viewer/group:audit@phi.example         PASS
        iam-policy-grant-no-admin  projects/phi-sandbox/roles/owner/user:sandbox-admin@phi.example  FAIL
        iam-policy-grant-no-admin  projects/phi-sandbox/roles/logging.viewer/group:audit@phi.example  PASS
        iam-policy-grant-no-admin  projects/phi-prod/roles/owner/{robot}                          FAIL
        iam-policy-grant-no-admin  organizations/805614281031/roles/browser/group:audit@phi.example  PASS
    """)


@BOTH
def test_a_role_computed_at_preview_is_an_unknown_grant(preview: bool) -> None:
    found = {k for k in verdicts(programs.project_custom_role_grant, preview) if k[0] == "iam-policy-grant-no-admin"}
    assert found == ({("iam-policy-grant-no-admin", "projects/phi-prod/(ops-custom)", "UNKNOWN")} if preview else
                     {("iam-policy-grant-no-admin", "projects/phi-prod/ops-role-id/group:ops@phi.example", "PASS")})
