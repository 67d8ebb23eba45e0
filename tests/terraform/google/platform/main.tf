# Every kind the pulumi-gcp adapters yield that the parity scenarios do not, and what a plan only knows
# after apply: ids and e-mails of resources created in the same apply (a disk's key, a dataset's key, a VM's
# service account, a grant's member) and Optional+Computed blocks left unwritten (a Cloud SQL instance's
# ip_configuration, a dataset's access, a key's version_template). Provider block: ../provider.tf.in.
resource "google_compute_network" "vpc" {
  name                    = "phi-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "app" {
  name          = "phi-app"
  region        = "us-central1"
  ip_cidr_range = "10.10.0.0/24"
  network       = google_compute_network.vpc.id
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "batch" {
  name          = "phi-batch"
  region        = "us-central1"
  ip_cidr_range = "10.20.0.0/24"
  network       = google_compute_network.vpc.id
}

resource "google_service_account" "app" {
  account_id   = "phi-app"
  display_name = "PHI app"
}

resource "google_service_account_key" "app" {
  service_account_id = google_service_account.app.name
}

resource "google_project_iam_member" "alice_sa_user" {
  project = "phi-prod"
  role    = "roles/iam.serviceAccountUser"
  member  = "user:alice@phi.example"
}

resource "google_project_iam_member" "alice_sa_admin" {
  project = "phi-prod"
  role    = "roles/iam.serviceAccountAdmin"
  member  = "user:alice@phi.example"
}

resource "google_project_iam_member" "app_sa_token" {
  project = "phi-prod"
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = google_service_account.app.member
}

resource "google_kms_key_ring" "platform" {
  name     = "platform"
  location = "us-central1"
}

resource "google_kms_crypto_key" "sql" {
  name            = "sql"
  key_ring        = google_kms_key_ring.platform.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "disks" {
  name            = "disks"
  key_ring        = google_kms_key_ring.platform.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

resource "google_kms_crypto_key_iam_binding" "disks_public" {
  crypto_key_id = google_kms_crypto_key.disks.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members       = ["allUsers"]
}

resource "google_sql_database_instance" "app_db" {
  name                = "app-db"
  database_version    = "POSTGRES_15"
  deletion_protection = false
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "open_db" {
  name             = "open-db"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-custom-1-3840"
    ip_configuration {
      ipv4_enabled = true
      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0"
      }
    }
  }
}

resource "google_sql_database_instance" "phi_db" {
  name                = "phi-db"
  database_version    = "POSTGRES_16"
  deletion_protection = true
  encryption_key_name = google_kms_crypto_key.sql.id
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
      ssl_mode        = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
    }
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "ehr_mssql" {
  name             = "ehr-mssql"
  database_version = "SQLSERVER_2019_STANDARD"
  root_password    = "c0rrect-h0rse-Battery"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
    database_flags {
      name  = "remote access"
      value = "off"
    }
  }
}

resource "google_compute_disk" "boot" {
  name  = "boot"
  zone  = "us-central1-a"
  size  = 20
  image = "debian-cloud/debian-12"
}

resource "google_compute_disk" "data" {
  count = 2
  name  = "data-${count.index}"
  zone  = "us-central1-a"
  size  = 200
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.disks.id
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}

resource "google_compute_instance" "web_vm" {
  name         = "web-vm"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
    access_config {}
  }
  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "nat_gw" {
  name           = "nat-gw"
  machine_type   = "e2-small"
  zone           = "us-central1-a"
  can_ip_forward = true
  metadata = {
    serial-port-enable     = "true"
    block-project-ssh-keys = "true"
  }
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.app.id
  }
}

resource "google_bigquery_dataset" "claims" {
  dataset_id = "claims"
  location   = "US"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.sql.id
  }
  access {
    role          = "OWNER"
    user_by_email = "dba@phi.example"
  }
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}

resource "google_bigquery_dataset" "staging" {
  dataset_id = "staging"
  location   = "US"
}

resource "google_dns_managed_zone" "public" {
  name     = "phi-public"
  dns_name = "phi.example."
  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "legacy" {
  name     = "phi-legacy"
  dns_name = "legacy.phi.example."
}

resource "google_storage_bucket" "archive" {
  name                        = "phi-log-archive"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  retention_policy {
    retention_period = 189216000
    is_locked        = true
  }
}

resource "google_logging_project_sink" "audit" {
  name        = "audit-archive"
  project     = "phi-prod"
  destination = "storage.googleapis.com/${google_storage_bucket.archive.name}"
}

resource "google_compute_ssl_policy" "modern" {
  name            = "modern-tls12"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_url_map" "web" {
  name            = "web"
  default_service = "projects/phi-prod/global/backendServices/web"
}

resource "google_compute_url_map" "redirect" {
  name = "web-redirect"
  default_url_redirect {
    https_redirect = true
    strip_query    = false
  }
}

resource "google_compute_target_https_proxy" "portal" {
  name             = "portal-https"
  url_map          = google_compute_url_map.web.id
  ssl_certificates = ["projects/phi-prod/global/sslCertificates/portal-cert"]
  ssl_policy       = google_compute_ssl_policy.modern.id
}

resource "google_compute_target_https_proxy" "legacy" {
  name             = "legacy-https"
  url_map          = google_compute_url_map.web.id
  ssl_certificates = ["projects/phi-prod/global/sslCertificates/portal-cert"]
}

resource "google_compute_target_http_proxy" "portal" {
  name    = "portal-http"
  url_map = google_compute_url_map.redirect.id
}

resource "google_compute_target_http_proxy" "status" {
  name    = "status-http"
  url_map = google_compute_url_map.web.id
}
