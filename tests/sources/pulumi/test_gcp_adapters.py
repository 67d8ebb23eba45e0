"""pulumi-gcp adapters on real pulumi-gcp programs (captured under mocks): exact model values, and
every verdict (PASS included) each adapter leads to, in a preview and after an update."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from hitrust_policies import evaluate
from hitrust_policies.model import (
    BlockVolume,
    CryptoKey,
    MemberRoles,
    ObjectStore,
    ServiceAccountKey,
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
    """)  # poc: auto mode; demo: no logConfig; phi-vpc: its proxy-only subnet carries no VM traffic


def test_preview_unknowns_are_unknown_and_resolve_after_update() -> None:
    skip = (TLS, "enc-object-store-kms", "log-object-store-access-logging", "enc-object-store-default-encryption",
            "enc-database-storage-encrypted", "enc-database-storage-kms", "iam-database-directory-auth")
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
    assert verdicts(programs.project_iam, preview) == table(f"""
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
