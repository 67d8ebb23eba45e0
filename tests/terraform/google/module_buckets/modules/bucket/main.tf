variable "buckets" {
  type = map(string)
}

variable "readers" {
  type = map(string)
}

variable "kms_key" {
  type = string
}

resource "google_storage_bucket" "this" {
  for_each                    = var.buckets
  name                        = each.value
  location                    = "US"
  uniform_bucket_level_access = true
  encryption {
    default_kms_key_name = var.kms_key
  }
}

resource "google_storage_bucket_iam_member" "readers" {
  for_each = var.buckets
  bucket   = google_storage_bucket.this[each.key].name
  role     = "roles/storage.objectViewer"
  member   = var.readers[each.key]
}
