# The Terraform twin of tests/pulumi_programs/gcp_terraform_twins.py buckets_and_keys (resource names =
# Pulumi logical names; physical names the same). Provider block: ../provider.tf.in.
resource "google_storage_bucket" "phi_access_logs" {
  name                        = "phi-access-logs"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket" "phi_records" {
  name                        = "phi-records"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  encryption {
    default_kms_key_name = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
  }
  logging {
    log_bucket        = google_storage_bucket.phi_access_logs.name
    log_object_prefix = "phi-records"
  }
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "phi_plain" {
  name                        = "phi-plain"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "public_site" {
  name                        = "public-site"
  location                    = "US"
  uniform_bucket_level_access = true
  website {
    main_page_suffix = "index.html"
  }
}

resource "google_storage_bucket_iam_member" "public_site_read" {
  bucket = google_storage_bucket.public_site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket" "partner_share" {
  name                        = "partner-share"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_binding" "partner_share_admins" {
  bucket  = google_storage_bucket.partner_share.name
  role    = "roles/storage.objectAdmin"
  members = ["allAuthenticatedUsers", "group:partners@phi.example"]
}

resource "google_storage_bucket" "team_only" {
  name                        = "team-only"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "team_only_read" {
  bucket = google_storage_bucket.team_only.name
  role   = "roles/storage.objectViewer"
  member = "group:analysts@phi.example"
}

resource "google_storage_bucket" "policy_doc" {
  name                        = "policy-doc"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_policy" "policy_doc_policy" {
  bucket = google_storage_bucket.policy_doc.name
  policy_data = jsonencode({ bindings = [
    { members = ["allUsers"], role = "roles/storage.legacyBucketReader" },
    { members = ["group:storage-admins@phi.example"], role = "roles/storage.admin" },
  ] })
}

resource "google_kms_key_ring" "phi_ring" {
  name     = "phi"
  location = "us-central1"
}

resource "google_kms_crypto_key" "records" {
  name            = "records"
  key_ring        = google_kms_key_ring.phi_ring.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

resource "google_kms_crypto_key" "backups" {
  name     = "backups"
  key_ring = google_kms_key_ring.phi_ring.id
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

resource "google_kms_crypto_key" "hsm" {
  name            = "hsm"
  key_ring        = google_kms_key_ring.phi_ring.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "HSM"
  }
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.phi_ring.id
  purpose  = "ASYMMETRIC_SIGN"
  version_template {
    algorithm        = "EC_SIGN_P256_SHA256"
    protection_level = "SOFTWARE"
  }
}
