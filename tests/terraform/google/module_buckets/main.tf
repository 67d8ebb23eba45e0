# A module with for_each: a bucket and its readers per key, the key given from the root as the id of a key
# created in the same apply. Provider block: ../provider.tf.in.
resource "google_kms_key_ring" "records" {
  name     = "records-mod"
  location = "us"
}

resource "google_kms_crypto_key" "records" {
  name            = "records"
  key_ring        = google_kms_key_ring.records.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

module "records" {
  source  = "./modules/bucket"
  buckets = { phi = "phi-records-mod", scans = "phi-scans-mod" }
  readers = { phi = "group:records@phi.example", scans = "allAuthenticatedUsers" }
  kms_key = google_kms_crypto_key.records.id
}
