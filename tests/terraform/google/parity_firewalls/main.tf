# The Terraform twin of tests/pulumi_programs/gcp.py firewalls (resource names = Pulumi logical names with
# "_" for "-"; physical names the same). Provider block: ../provider.tf.in.
resource "google_compute_network" "prod_vpc" {
  name                    = "prod-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_ssh_web" {
  name    = "allow-ssh-web"
  network = google_compute_network.prod_vpc.self_link
  allow {
    protocol = "tcp"
    ports    = ["22", "80"]
  }
}

resource "google_compute_firewall" "allow_https" {
  name    = "allow-https"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["web"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "allow_iap_ssh" {
  name    = "allow-iap-ssh"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }
}

resource "google_compute_firewall" "allow_internal" {
  name    = "allow-internal"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["10.128.0.0/9"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "allow_db_from_app" {
  name    = "allow-db-from-app"
  network = google_compute_network.prod_vpc.self_link
  source_tags = ["app"]
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
}

resource "google_compute_firewall" "allow_rdp_any" {
  name    = "allow-rdp-any"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["0.0.0.0/0", "::/0"]
  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
  allow {
    protocol = "icmp"
  }
}

resource "google_compute_firewall" "deny_telnet" {
  name    = "deny-telnet"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["0.0.0.0/0"]
  deny {
    protocol = "tcp"
    ports    = ["23"]
  }
}

resource "google_compute_firewall" "egress_smtp" {
  name    = "egress-smtp"
  network = google_compute_network.prod_vpc.self_link
  direction = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["25"]
  }
}

resource "google_compute_firewall" "old_mysql" {
  name    = "old-mysql"
  network = google_compute_network.prod_vpc.self_link
  source_ranges = ["0.0.0.0/0"]
  disabled = true
  allow {
    protocol = "tcp"
    ports    = ["3306"]
  }
}
