"""A small organization holding every family the scanner reads, with passing and failing resources.

Used by the read-only, export and CLI tests: one seeding, so "same findings live and from an export"
compares the same assets.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hitrust_policies.testing import gcp_assets as ga
from hitrust_policies.testing.gcp_fake import FakeGcp
from tests.sources.live.gcp.conftest import DEV, PROD

NOW = datetime.now(UTC)
CMEK = "projects/phi-prod/locations/us/keyRings/storage/cryptoKeys/records"


def org_lines() -> list[dict[str, Any]]:
    """Export lines (resources, then IAM policies) of the organization's two projects."""
    return [
        ga.project(PROD), ga.project(DEV),
        ga.firewall(PROD, "allow-ssh"), ga.firewall(PROD, "allow-https", allowed=[("tcp", ["443"])]),
        ga.firewall(DEV, "dev-all", allowed=[("all", None)], source_ranges=["10.0.0.0/8"]),
        ga.bucket(PROD, "phi-records", kms_key=CMEK, log_bucket="phi-access-logs"),
        ga.bucket_policy(PROD, "phi-records"),
        ga.bucket(DEV, "dev-public"),
        ga.bucket_policy(DEV, "dev-public", ("roles/storage.objectViewer", ["allUsers"])),
        ga.sql_instance(PROD, "claims-pg", ipv4=False),
        ga.sql_instance(DEV, "dev-mysql", version="MYSQL_8_0", networks=["0.0.0.0/0"]),
        ga.sql_instance(DEV, "dev-mssql", version="SQLSERVER_2019_EXPRESS", ipv4=False, require_ssl=True),
        ga.crypto_key(PROD, "phi", "records"), ga.crypto_key(DEV, "dev", "scratch", rotation_period=None),
        ga.disk(PROD, "web-1"), ga.disk(DEV, "dev-1"),
        ga.compute_project(PROD, {"enable-oslogin": "TRUE"}), ga.compute_project(DEV),
        ga.vm(PROD, "web-vm", nat_ips=["34.118.9.20"], metadata={"block-project-ssh-keys": "TRUE"},
              service_account=f"web@{PROD.id}.iam.gserviceaccount.com"),
        ga.vm(DEV, "dev-vm", metadata={"serial-port-enable": "TRUE"}, scopes=[ga.FULL_API_SCOPE]),
        ga.network(PROD, "phi-vpc"), ga.subnetwork(PROD, "app", "phi-vpc", flow_logs=True),
        ga.network(DEV, "default", auto_subnets=True), ga.subnetwork(DEV, "default", "default"),
        ga.iam_policy(PROD, ("roles/owner", ["user:ana@example.org"]), ("roles/viewer", ["group:care@example.org"]),
                      audit=[ga.audit_config()]),
        ga.iam_policy(DEV, ("roles/editor", ["serviceAccount:ci@phi-dev.iam.gserviceaccount.com"])),
        ga.service_account_key(PROD, "etl", "5e3a0c", created=NOW - timedelta(days=30)),
        ga.service_account_key(DEV, "ci", "9b71f2", created=NOW - timedelta(days=200)),
        ga.log_bucket(PROD, "_Required", retention_days=400), ga.log_bucket(PROD, "_Default", retention_days=400),
        ga.log_bucket(DEV, "_Default"),
        ga.ssl_policy(PROD, "modern"), ga.url_map(PROD, "web-redirect", https_redirect=True),
        ga.target_https_proxy(PROD, "portal-https", "web-redirect", policy="modern"),
        ga.target_http_proxy(PROD, "portal-http", "web-redirect"), ga.target_ssl_proxy(DEV, "dev-ssl", "dev"),
        *ga.default_sinks(PROD), *ga.default_sinks(DEV),
        ga.log_sink(PROD, "all-to-archive", "storage.googleapis.com/phi-log-archive"),
        ga.dataset(PROD, "claims", kms_key=CMEK), ga.dataset_policy(PROD, "claims"),
        ga.dataset(DEV, "scratch", access=[{"role": "READER", "iamMember": "allUsers"}]),
        ga.dataset_policy(DEV, "scratch", ("roles/bigquery.dataViewer", ["allUsers"])),
        ga.managed_zone(PROD, "portal", "portal.phi.example."),
        ga.managed_zone(DEV, "dev-zone", "dev.phi.example.", dnssec=None),
    ]


def seed(fake: FakeGcp) -> list[dict[str, Any]]:
    lines = org_lines()
    fake.add(*lines)
    return fake.export_lines()
