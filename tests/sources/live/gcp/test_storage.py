"""Buckets and their IAM policies -> ObjectStore: exact verdicts of every object-store rule."""

from __future__ import annotations

from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.aws.conftest import reasons, table, verdicts
from tests.sources.live.gcp.conftest import FAIL, PROD, scan

RULES = ("enc-object-store-default-encryption", "enc-object-store-kms", "enc-object-store-tls-only",
         "net-object-store-public-access-blocked", "log-object-store-access-logging")
CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
PUBLIC_RULE = "net-object-store-public-access-blocked"


def seed(fake: FakeGcp) -> None:
    fake.add(
        ga.bucket(PROD, "phi-records", kms_key=CMEK, log_bucket="phi-access-logs"),
        ga.bucket_policy(PROD, "phi-records"),
        ga.bucket(PROD, "public-site"),
        ga.bucket_policy(PROD, "public-site", ("roles/storage.objectViewer", ["allUsers", "group:web@phi.example"])),
        ga.bucket(PROD, "partner-share"),
        ga.bucket_policy(PROD, "partner-share", ("roles/storage.objectAdmin", ["allAuthenticatedUsers"])),
        ga.bucket(PROD, "legacy-acl", uniform=False), ga.bucket_policy(PROD, "legacy-acl"),
        ga.bucket(PROD, "locked", uniform=False, public_access_prevention="enforced"),
        ga.bucket_policy(PROD, "locked", ("roles/storage.objectViewer", ["allUsers"])),
        ga.bucket(PROD, "no-policy-asset"),  # no IAM_POLICY asset listed for it
    )


def test_bucket_verdicts(fake: FakeGcp) -> None:
    seed(fake)
    result = scan(fake, "buckets")
    assert result.complete
    assert verdicts(result.findings(), RULES) == set(table("""
        enc-object-store-default-encryption     phi-records      PASS
        enc-object-store-default-encryption     public-site      PASS
        enc-object-store-default-encryption     partner-share    PASS
        enc-object-store-default-encryption     legacy-acl       PASS
        enc-object-store-default-encryption     locked           PASS
        enc-object-store-default-encryption     no-policy-asset  PASS
        enc-object-store-kms                    phi-records      PASS
        enc-object-store-kms                    public-site      FAIL
        enc-object-store-kms                    partner-share    FAIL
        enc-object-store-kms                    legacy-acl       FAIL
        enc-object-store-kms                    locked           FAIL
        enc-object-store-kms                    no-policy-asset  FAIL
        enc-object-store-tls-only               phi-records      FAIL
        enc-object-store-tls-only               public-site      FAIL
        enc-object-store-tls-only               partner-share    FAIL
        enc-object-store-tls-only               legacy-acl       FAIL
        enc-object-store-tls-only               locked           FAIL
        enc-object-store-tls-only               no-policy-asset  FAIL
        net-object-store-public-access-blocked  phi-records      PASS
        net-object-store-public-access-blocked  public-site      FAIL
        net-object-store-public-access-blocked  partner-share    FAIL
        net-object-store-public-access-blocked  legacy-acl       FAIL
        net-object-store-public-access-blocked  locked           PASS
        net-object-store-public-access-blocked  no-policy-asset  PASS
        log-object-store-access-logging         phi-records      PASS
        log-object-store-access-logging         public-site      FAIL
        log-object-store-access-logging         partner-share    FAIL
        log-object-store-access-logging         legacy-acl       FAIL
        log-object-store-access-logging         locked           FAIL
        log-object-store-access-logging         no-policy-asset  FAIL
    """))
    guards = "public access guards off on the store and account-wide: "
    failing = {(f.resource.name, f.message) for f in result.findings() if f.rule_id == PUBLIC_RULE and f.status is FAIL}
    assert failing == {
        ("public-site", guards + "allUsers (roles/storage.objectViewer)"),
        ("partner-share", guards + "allAuthenticatedUsers (roles/storage.objectAdmin)"),
        ("legacy-acl", guards + "uniformBucketLevelAccess"),
    }
    [records] = [r for r in result.resources if r.ref.name == "phi-records"]
    assert (records.kms_key, records.kms_key_customer_managed) == (CMEK, True)
    # a bucket's name holds no project: its ancestors' project number, named through the project asset
    assert (records.ref.native_id, records.ref.account, records.ref.region) == (
        "//storage.googleapis.com/phi-records", "phi-prod", "us")
    assert sorted(r.content_type for r in fake.listings() if "storage.googleapis.com/Bucket" in r.asset_types) == [
        "IAM_POLICY", "RESOURCE"]


def test_denied_iam_policies_are_unknown(fake: FakeGcp) -> None:
    """403 on the IAM_POLICY listing: public access is UNKNOWN where only the IAM policy could decide it;
    a bucket whose ACL guard is off still FAILs, an enforced one still PASSes; other facts keep their verdicts."""
    seed(fake)
    fake.fail(403, content_type="IAM_POLICY")
    result = scan(fake, "buckets")
    reason = "AccessDenied: cloudasset.assets.listIamPolicy (buckets in projects/phi-prod)"
    assert set(verdicts(result.findings(), [PUBLIC_RULE, "enc-object-store-kms"])) >= set(table("""
        net-object-store-public-access-blocked  phi-records      UNKNOWN
        net-object-store-public-access-blocked  public-site      UNKNOWN
        net-object-store-public-access-blocked  partner-share    UNKNOWN
        net-object-store-public-access-blocked  no-policy-asset  UNKNOWN
        net-object-store-public-access-blocked  legacy-acl       FAIL
        net-object-store-public-access-blocked  locked           PASS
        enc-object-store-kms                    phi-records      PASS
    """))
    assert {m for r, _, m in reasons(result.findings(), RULES) if r == PUBLIC_RULE} >= {reason}
    [cov] = result.coverage
    assert (cov.collector, cov.status, cov.resources, cov.problems) == ("buckets", "partial", 6, (reason,))
    assert not result.complete


def test_quota_exhausted_iam_listing_is_unknown_after_retries(fake: FakeGcp) -> None:
    """429 RESOURCE_EXHAUSTED on every attempt: retried (3 attempts), then UNKNOWN naming the throttling."""
    seed(fake)
    quota = fake.fail(429, content_type="IAM_POLICY")
    result = scan(fake, "buckets", max_attempts=3)
    assert quota.hits == 3
    assert reasons(result.findings(), [PUBLIC_RULE]) >= {
        (PUBLIC_RULE, "phi-records",
         "Throttled (retries exhausted): cloudasset.assets.listIamPolicy (buckets in projects/phi-prod)")}


def test_facts_missing_from_the_asset_are_unknown(fake: FakeGcp) -> None:
    """A bucket asset without iamConfiguration: the ACL guard is UNKNOWN, not off; a public IAM grant on
    such a bucket still FAILs (the grant alone decides)."""
    bare = ga.bucket(PROD, "bare")
    del bare["resource"]["data"]["iamConfiguration"]
    bare_public = ga.bucket(PROD, "bare-public")
    del bare_public["resource"]["data"]["iamConfiguration"]
    fake.add(bare, ga.bucket_policy(PROD, "bare"), bare_public,
             ga.bucket_policy(PROD, "bare-public", ("roles/storage.objectViewer", ["allUsers"])))
    result = scan(fake, "buckets")
    assert verdicts(result.findings(), [PUBLIC_RULE]) == set(table("""
        net-object-store-public-access-blocked  bare         UNKNOWN
        net-object-store-public-access-blocked  bare-public  FAIL
    """))
    assert reasons(result.findings(), [PUBLIC_RULE]) == {
        (PUBLIC_RULE, "bare", "iamConfiguration.uniformBucketLevelAccess not in the asset")}
