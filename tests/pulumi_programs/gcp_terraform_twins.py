"""pulumi-gcp programs written as the hashicorp/google configurations of tests/terraform/google/<scenario>
(main.tf) are: the same resources under the same names, for the plan-vs-program parity tests
(tests/test_parity_terraform.py). ``parity_firewalls`` is `tests.pulumi_programs.gcp.firewalls` itself."""

from __future__ import annotations

import json

CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"


def buckets_and_keys() -> None:
    """tests/terraform/google/parity_buckets: buckets (CMEK, access logs, uniform access, public access
    prevention), their IAM grants through a member, a binding and a whole policy, and Cloud KMS keys."""
    from pulumi_gcp import kms, storage

    logs = storage.Bucket("phi_access_logs", name="phi-access-logs", location="US",
                          uniform_bucket_level_access=True, public_access_prevention="enforced")
    storage.Bucket("phi_records", name="phi-records", location="US", uniform_bucket_level_access=True,
                   public_access_prevention="enforced",
                   encryption=storage.BucketEncryptionArgs(default_kms_key_name=CMEK),
                   logging=storage.BucketLoggingArgs(log_bucket=logs.name, log_object_prefix="phi-records"),
                   versioning=storage.BucketVersioningArgs(enabled=True))
    storage.Bucket("phi_plain", name="phi-plain", location="US", uniform_bucket_level_access=True)
    site = storage.Bucket("public_site", name="public-site", location="US", uniform_bucket_level_access=True,
                          website=storage.BucketWebsiteArgs(main_page_suffix="index.html"))
    storage.BucketIAMMember("public_site_read", bucket=site.name, role="roles/storage.objectViewer", member="allUsers")
    partner = storage.Bucket("partner_share", name="partner-share", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMBinding("partner_share_admins", bucket=partner.name, role="roles/storage.objectAdmin",
                             members=["allAuthenticatedUsers", "group:partners@phi.example"])
    team = storage.Bucket("team_only", name="team-only", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMMember("team_only_read", bucket=team.name, role="roles/storage.objectViewer",
                            member="group:analysts@phi.example")
    documented = storage.Bucket("policy_doc", name="policy-doc", location="US", uniform_bucket_level_access=True)
    storage.BucketIAMPolicy("policy_doc_policy", bucket=documented.name, policy_data=json.dumps({"bindings": [
        {"members": ["allUsers"], "role": "roles/storage.legacyBucketReader"},
        {"members": ["group:storage-admins@phi.example"], "role": "roles/storage.admin"}]}, separators=(",", ":")))
    ring = kms.KeyRing("phi_ring", name="phi", location="us-central1")
    software = kms.CryptoKeyVersionTemplateArgs(algorithm="GOOGLE_SYMMETRIC_ENCRYPTION", protection_level="SOFTWARE")
    kms.CryptoKey("records", name="records", key_ring=ring.id, rotation_period="7776000s", version_template=software)
    kms.CryptoKey("backups", name="backups", key_ring=ring.id, version_template=software)
    kms.CryptoKey("hsm", name="hsm", key_ring=ring.id, rotation_period="7776000s",
                  version_template=kms.CryptoKeyVersionTemplateArgs(algorithm="GOOGLE_SYMMETRIC_ENCRYPTION",
                                                                    protection_level="HSM"))
    kms.CryptoKey("signing", name="signing", key_ring=ring.id, purpose="ASYMMETRIC_SIGN",
                  version_template=kms.CryptoKeyVersionTemplateArgs(algorithm="EC_SIGN_P256_SHA256",
                                                                    protection_level="SOFTWARE"))
