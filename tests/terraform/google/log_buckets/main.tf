# Log buckets (as tests/pulumi_programs/gcp.py log_buckets()): the project's _Default kept six years under a
# key of its own, another project's _Default left at 30 days without a key, a user-defined bucket kept 90 days,
# and a _Default whose key is created in the same apply (its id only known after apply).
# Provider block: ../provider.tf.in.
resource "google_logging_project_bucket_config" "default_phi" {
  project        = "phi-prod"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 2190
  cmek_settings {
    kms_key_name = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"
  }
}

resource "google_logging_project_bucket_config" "default_sandbox" {
  project   = "phi-sandbox"
  location  = "global"
  bucket_id = "_Default"
}

resource "google_logging_project_bucket_config" "app_logs" {
  project        = "phi-prod"
  location       = "us-central1"
  bucket_id      = "app-logs"
  retention_days = 90
}

resource "google_kms_key_ring" "logs" {
  name     = "logs"
  location = "us-central1"
}

resource "google_kms_crypto_key" "logs" {
  name            = "logs"
  key_ring        = google_kms_key_ring.logs.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

resource "google_logging_project_bucket_config" "audit_logs" {
  project        = "phi-audit"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 3650
  cmek_settings {
    kms_key_name = google_kms_crypto_key.logs.id
  }
}
