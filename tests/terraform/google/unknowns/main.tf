# Each kind's facts known only after apply: names built from a random suffix, ids and e-mails of resources
# created in the same apply, and dynamic blocks whose for_each is only known after apply (settings that
# carry the suffix). Provider block: ../provider.tf.in, plus hashicorp/random.
resource "random_id" "suffix" {
  byte_length = 4
}

resource "terraform_data" "settings" {
  input = {
    flow_logs         = ["INTERVAL_5_SEC"]
    dnssec            = ["on"]
    postgres_flags    = { log_connections = "on" }
    mysql_flags       = { local_infile = "off" }
    sqlserver_flags   = { "remote access" = "off" }
    interfaces        = ["late-app"]
    redirect_to_https = [true]
    suffix            = random_id.suffix.hex
  }
}

resource "terraform_data" "vm_metadata" {
  input = { serial-port-enable = "FALSE", team = random_id.suffix.hex }
}

resource "google_kms_key_ring" "exports" {
  name     = "exports"
  location = "us"
}

resource "google_kms_crypto_key" "exports" {
  name            = "exports"
  key_ring        = google_kms_key_ring.exports.id
  rotation_period = "7776000s"
  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }
}

resource "google_storage_bucket" "exports" {
  name                        = "phi-exports-${random_id.suffix.hex}"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  encryption {
    default_kms_key_name = google_kms_crypto_key.exports.id
  }
}

resource "google_logging_project_sink" "exports" {
  name        = "to-exports"
  project     = "phi-prod"
  destination = "storage.googleapis.com/${google_storage_bucket.exports.name}"
}

resource "google_logging_project_sink" "late" {
  name        = "to-late"
  project     = "phi-prod"
  destination = "storage.googleapis.com/archive-${random_id.suffix.hex}"
}

resource "google_service_account" "reader" {
  account_id = "partner-reader"
}

resource "google_storage_bucket" "partner_drop" {
  name                        = "partner-drop"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "partner_drop_read" {
  bucket = google_storage_bucket.partner_drop.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.reader.member
}

resource "google_compute_network" "late" {
  name                    = "vpc-${random_id.suffix.hex}"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "late" {
  name          = "late-app"
  region        = "us-central1"
  ip_cidr_range = "10.30.0.0/24"
  network       = google_compute_network.late.id
  dynamic "log_config" {
    for_each = terraform_data.settings.output.flow_logs
    content {
      aggregation_interval = log_config.value
    }
  }
}

resource "google_compute_address" "nat" {
  name   = "nat-ip"
  region = "us-central1"
}

resource "google_compute_firewall" "from_nat" {
  name          = "ssh-from-nat"
  network       = google_compute_network.late.self_link
  source_ranges = [google_compute_address.nat.address]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_dns_managed_zone" "late" {
  name     = "phi-late"
  dns_name = "late.phi.example."
  dynamic "dnssec_config" {
    for_each = terraform_data.settings.output.dnssec
    content {
      state = dnssec_config.value
    }
  }
}

resource "google_sql_database_instance" "late_pg" {
  name             = "late-pg"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.late.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
    dynamic "database_flags" {
      for_each = terraform_data.settings.output.postgres_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
}

resource "google_sql_database_instance" "late_mysql" {
  name             = "late-mysql"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.late.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
    dynamic "database_flags" {
      for_each = terraform_data.settings.output.mysql_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
}

resource "google_sql_database_instance" "late_mssql" {
  name             = "late-mssql"
  database_version = "SQLSERVER_2019_STANDARD"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.late.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }
    dynamic "database_flags" {
      for_each = terraform_data.settings.output.sqlserver_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
}

resource "google_compute_instance" "late_vm" {
  name         = "late-vm"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  metadata     = terraform_data.vm_metadata.output
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  dynamic "network_interface" {
    for_each = terraform_data.settings.output.interfaces
    content {
      subnetwork = network_interface.value
    }
  }
}

resource "google_compute_url_map" "late" {
  name = "late-redirect"
  dynamic "default_url_redirect" {
    for_each = terraform_data.settings.output.redirect_to_https
    content {
      https_redirect = default_url_redirect.value
      strip_query    = false
    }
  }
}

resource "google_compute_target_http_proxy" "late" {
  name    = "late-http"
  url_map = google_compute_url_map.late.id
}
