"""Our checks on hashicorp/google and hashicorp/azurerm: checkov's CLI on the plan fixtures and their main.tf
directories (exact check id, resource, result); on a plan, exactly the PASS / FAIL set `hitrust check terraform`
gives it.

Runs in checkov's own venv; skipped where checkov is not installed (as tests/checkov/test_checkov.py).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("checkov")

from hitrust_policies.checkov import check_id, specs  # noqa: E402
from hitrust_policies.checkov.conf import judge  # noqa: E402
from hitrust_policies.findings import Status  # noqa: E402
from hitrust_policies.rules import get_rule  # noqa: E402
from hitrust_policies.sources.terraform.scan import check_plans  # noqa: E402
from tests.checkov.test_checkov import _cli, _in_process, _verdicts, with_key_deletion  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "terraform"

# .tf: what one resource cannot prove reads UNKNOWN and is not listed: a storage account's key, network rules
# and logs held by split resources, an NSG rule naming its group by reference (.tf), a VM's NICs, a
# project IAM member's other grants (a PASS there would need every grant of the project), a Cloud SQL
# instance's flags or network known only after apply.
AZURERM_DATABASES = {
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "azurerm_managed_disk.archive", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "azurerm_managed_disk.records", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "azurerm_managed_disk.scratch", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_KMS", "azurerm_managed_disk.archive", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_KMS", "azurerm_managed_disk.scratch", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "azurerm_mssql_database.app", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "azurerm_mssql_database.records", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "azurerm_postgresql_flexible_server.legacy", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "azurerm_postgresql_flexible_server.phi", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_mssql_database.app", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_postgresql_flexible_server.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_postgresql_flexible_server.phi", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_mssql_server.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_mssql_server.phi", "PASSED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_postgresql_flexible_server.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_postgresql_flexible_server.phi", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_postgresql_flexible_server.legacy", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_postgresql_flexible_server.phi", "PASSED"),
}

AZURERM_PARITY_NSG = {
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.db", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.web", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_rule.db_from_app", "PASSED"),
}

AZURERM_PARITY_NSG_PLAN = AZURERM_PARITY_NSG | {
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_rule.db_engines", "FAILED"),
}

AZURERM_PARITY_STORAGE = {
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.legacyhttp", "FAILED"),
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.privateonly", "FAILED"),
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.publicsite", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.legacyhttp", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.privateonly", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.publicsite", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.legacyhttp", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.privateonly", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.publicsite", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.legacyhttp", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.privateonly", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.publicsite", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.legacyhttp", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.privateonly", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.publicsite", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.privateonly", "PASSED"),
}

AZURERM_STORAGE_V3 = {
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.archive", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.archive", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.archive", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.archive", "PASSED"),
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.archive", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.archive", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.archive", "FAILED"),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.archive", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.bastion", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.archive", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.archive", "PASSED"),
}

AZURERM_STORAGE_V4 = {
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.private", "FAILED"),
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.records", "PASSED"),
    ('CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED', 'azurerm_storage_account.tenant["alpha"]', 'FAILED'),
    ('CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED', 'azurerm_storage_account.tenant["beta"]', 'FAILED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION', 'azurerm_storage_account.tenant["alpha"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION', 'azurerm_storage_account.tenant["beta"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_KMS', 'azurerm_storage_account.tenant["alpha"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_KMS', 'azurerm_storage_account.tenant["beta"]', 'PASSED'),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.private", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.records", "PASSED"),
    ('CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY', 'azurerm_storage_account.tenant["alpha"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY', 'azurerm_storage_account.tenant["beta"]', 'PASSED'),
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.legacy", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.private", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.records", "PASSED"),
    ('CKV_HITRUST_ENC_TLS_LISTENER_MODERN', 'azurerm_storage_account.tenant["alpha"]', 'PASSED'),
    ('CKV_HITRUST_ENC_TLS_LISTENER_MODERN', 'azurerm_storage_account.tenant["beta"]', 'PASSED'),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.private", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.records", "PASSED"),
    ('CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED', 'azurerm_storage_account.tenant["alpha"]', 'FAILED'),
    ('CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED', 'azurerm_storage_account.tenant["beta"]', 'FAILED'),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.phi", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.legacy", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.private", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.records", "PASSED"),
    ('CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED', 'azurerm_storage_account.tenant["alpha"]', 'FAILED'),
    ('CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED', 'azurerm_storage_account.tenant["beta"]', 'FAILED'),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.phi", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.private", "PASSED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_key.storage", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.security", "PASSED"),
}

AZURERM_UNRESOLVED = {
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "azurerm_mssql_database.reporting", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_mssql_server.shared", "PASSED"),
}

AZURERM_VAULTS = {
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.private", "PASSED"),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.private", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.legacy", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.private", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.security", "PASSED"),
}

AZURERM_VMS = {
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "azurerm_linux_virtual_machine.web", "PASSED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "azurerm_windows_virtual_machine.router", "FAILED"),
}

GOOGLE_MODULE_BUCKETS = {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.records", "PASSED"),
    ('CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION', 'module.records.google_storage_bucket.this["phi"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION', 'module.records.google_storage_bucket.this["scans"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_KMS', 'module.records.google_storage_bucket.this["phi"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_KMS', 'module.records.google_storage_bucket.this["scans"]', 'PASSED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY', 'module.records.google_storage_bucket.this["phi"]', 'FAILED'),
    ('CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY', 'module.records.google_storage_bucket.this["scans"]', 'FAILED'),
    ('CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING', 'module.records.google_storage_bucket.this["phi"]', 'FAILED'),
    ('CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING', 'module.records.google_storage_bucket.this["scans"]', 'FAILED'),
}

GOOGLE_PARITY_BUCKETS = {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.backups", "FAILED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.hsm", "PASSED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.records", "PASSED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.signing", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.partner_share", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.phi_access_logs", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.phi_plain", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.phi_records", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.policy_doc", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.public_site", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.team_only", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.partner_share", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.phi_access_logs", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.phi_plain", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.phi_records", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.policy_doc", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.public_site", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.team_only", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.partner_share", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.phi_access_logs", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.phi_plain", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.phi_records", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.policy_doc", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.public_site", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.team_only", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.partner_share", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.phi_access_logs", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.phi_plain", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.phi_records", "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.policy_doc", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.public_site", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.team_only", "FAILED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.phi_access_logs", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.phi_records", "PASSED"),
}

GOOGLE_PARITY_FIREWALLS = {
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_db_from_app", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_https", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_iap_ssh", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_internal", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_rdp_any", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "google_compute_firewall.allow_ssh_web", "FAILED"),
    ("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", "google_compute_network.prod_vpc", "PASSED"),
}

GOOGLE_PLATFORM = {
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "google_compute_disk.boot", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "google_compute_disk.data[0]", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_ENCRYPTED", "google_compute_disk.data[1]", "PASSED"),
    ("CKV_HITRUST_ENC_BLOCK_VOLUME_KMS", "google_compute_disk.boot", "FAILED"),
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.disks", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.app_db", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.ehr_mssql", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.open_db", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.app_db", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.ehr_mssql", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_ENC_DATASET_KMS", "google_bigquery_dataset.staging", "FAILED"),
    ("CKV_HITRUST_ENC_DNS_ZONE_DNSSEC", "google_dns_managed_zone.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_DNS_ZONE_DNSSEC", "google_dns_managed_zone.public", "PASSED"),
    ("CKV_HITRUST_ENC_DNS_ZONE_STRONG_SIGNING", "google_dns_managed_zone.legacy", "PASSED"),
    ("CKV_HITRUST_ENC_DNS_ZONE_STRONG_SIGNING", "google_dns_managed_zone.public", "PASSED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "google_compute_instance.nat_gw", "PASSED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "google_compute_instance.web_vm", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.archive", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.archive", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.archive", "FAILED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_compute_target_https_proxy.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_CONTAINED_AUTH_OFF", "google_sql_database_instance.ehr_mssql", "PASSED"),
    ("CKV_HITRUST_IAM_DATABASE_CROSS_DB_OWNERSHIP_CHAINING_OFF", "google_sql_database_instance.ehr_mssql", "PASSED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "google_sql_database_instance.app_db", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "google_sql_database_instance.ehr_mssql", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_IAM_DATABASE_LOCAL_INFILE_OFF", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_IAM_DATABASE_SHOW_DATABASES_RESTRICTED", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_IAM_INSTANCE_DEFAULT_SERVICE_ACCOUNT", "google_compute_instance.nat_gw", "PASSED"),
    ("CKV_HITRUST_IAM_INSTANCE_DEFAULT_SERVICE_ACCOUNT_FULL_ACCESS", "google_compute_instance.nat_gw", "PASSED"),
    ("CKV_HITRUST_IAM_INSTANCE_PROJECT_SSH_KEYS_BLOCKED", "google_compute_instance.nat_gw", "PASSED"),
    ("CKV_HITRUST_IAM_INSTANCE_PROJECT_SSH_KEYS_BLOCKED", "google_compute_instance.web_vm", "FAILED"),
    ("CKV_HITRUST_IAM_SERVICE_ACCOUNT_IMPERSONATION_SCOPED", "google_project_iam_member.alice_sa_user", "FAILED"),
    ("CKV_HITRUST_IAM_SERVICE_ACCOUNT_NO_USER_KEYS", "google_service_account_key.app", "FAILED"),
    ("CKV_HITRUST_LOG_DATABASE_AUDIT_EXTENSION", "google_sql_database_instance.app_db", "FAILED"),
    ("CKV_HITRUST_LOG_DATABASE_AUDIT_EXTENSION", "google_sql_database_instance.phi_db", "FAILED"),
    ("CKV_HITRUST_LOG_DATABASE_CONNECTION_LOGGING", "google_sql_database_instance.app_db", "FAILED"),
    ("CKV_HITRUST_LOG_DATABASE_CONNECTION_LOGGING", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_LOG_DATABASE_ERROR_LOGGING", "google_sql_database_instance.app_db", "PASSED"),
    ("CKV_HITRUST_LOG_DATABASE_ERROR_LOGGING", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_LOG_DATABASE_STATEMENTS_NOT_LOGGED", "google_sql_database_instance.app_db", "PASSED"),
    ("CKV_HITRUST_LOG_DATABASE_STATEMENTS_NOT_LOGGED", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.archive", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.ehr_mssql", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.open_db", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.phi_db", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_REMOTE_ACCESS_OFF", "google_sql_database_instance.ehr_mssql", "PASSED"),
    ("CKV_HITRUST_NET_DATASET_NOT_PUBLIC", "google_bigquery_dataset.claims", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "google_compute_instance.nat_gw", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "google_compute_instance.web_vm", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "google_compute_instance.nat_gw", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "google_compute_instance.web_vm", "FAILED"),
    ("CKV_HITRUST_NET_INSTANCE_SERIAL_PORT_DISABLED", "google_compute_instance.nat_gw", "FAILED"),
    ("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", "google_compute_network.vpc", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.archive", "PASSED"),
}

GOOGLE_PLATFORM_TF = GOOGLE_PLATFORM | {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.sql", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_sql_database_instance.app_db", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.app_db", "PASSED"),
}

GOOGLE_UNKNOWNS = {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.exports", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.late_mssql", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.late_mysql", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", "google_sql_database_instance.late_pg", "PASSED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.late_mssql", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.late_mysql", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "google_sql_database_instance.late_pg", "FAILED"),
    ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "google_compute_instance.late_vm", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.exports", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "google_storage_bucket.partner_drop", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.exports", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "google_storage_bucket.partner_drop", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.exports", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "google_storage_bucket.partner_drop", "FAILED"),
    ("CKV_HITRUST_IAM_INSTANCE_DEFAULT_SERVICE_ACCOUNT", "google_compute_instance.late_vm", "PASSED"),
    ("CKV_HITRUST_IAM_INSTANCE_DEFAULT_SERVICE_ACCOUNT_FULL_ACCESS", "google_compute_instance.late_vm", "PASSED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.exports", "FAILED"),
    ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "google_storage_bucket.partner_drop", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.late_mssql", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.late_mysql", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "google_sql_database_instance.late_pg", "PASSED"),
    ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "google_compute_instance.late_vm", "PASSED"),
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.exports", "PASSED"),
}

GOOGLE_UNKNOWNS_TF = GOOGLE_UNKNOWNS | {
    ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "google_compute_instance.late_vm", "PASSED"),
}

# The azurerm types beyond storage, NSGs, databases and VMs. In .tf, an unset site_config field is not written
# (Azure's default is not the provider's), a workspace audit data may reach and a network's flow logs and
# subnets' NSGs held by other resources read UNKNOWN; function calls checkov cannot evaluate read UNKNOWN.
AZURERM_WEB_APPS = {
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_linux_function_app.jobs", "FAILED"),  # TLS 1.1
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_linux_web_app.defaults", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_linux_web_app.portal", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_windows_function_app.billing", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_windows_web_app.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_linux_web_app.portal", "PASSED"),
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_windows_web_app.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_linux_function_app.jobs", "PASSED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_linux_web_app.defaults", "FAILED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_linux_web_app.portal", "PASSED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_windows_web_app.legacy", "FAILED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_linux_function_app.jobs", "PASSED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_linux_web_app.defaults", "PASSED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_linux_web_app.portal", "PASSED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_windows_function_app.billing", "FAILED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_windows_web_app.legacy", "FAILED"),
}
AZURERM_WEB_APPS_PLAN = AZURERM_WEB_APPS | {  # the plan carries the provider's ftps_state default, Disabled
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_linux_web_app.defaults", "PASSED"),
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_windows_function_app.billing", "PASSED"),
}

AZURERM_WEB_APPS_V3 = {
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_app_service.intake", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_app_service.reports", "FAILED"),  # HTTP served
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_function_app.etl", "FAILED"),  # TLS 1.0
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_app_service.intake", "PASSED"),
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_function_app.etl", "PASSED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_app_service.intake", "PASSED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_app_service.reports", "FAILED"),
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_function_app.etl", "FAILED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_app_service.intake", "PASSED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_app_service.reports", "FAILED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_function_app.etl", "PASSED"),
}

AZURERM_VAULT_OBJECTS_PLAN = {
    ("CKV_HITRUST_ENC_SECRET_STORE_RECOVERABLE", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_IAM_SECRET_STORE_ROLE_BASED_ACCESS", "azurerm_key_vault.phi", "PASSED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_key.cmk", "PASSED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_key.forever", "FAILED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_secret.api_token", "FAILED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_secret.db_password", "PASSED"),
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_secret.shared", "FAILED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_key_vault.phi", "FAILED"),
}
AZURERM_VAULT_OBJECTS = AZURERM_VAULT_OBJECTS_PLAN | {  # checkov evaluates timeadd(timestamp(), ...) to a date
    ("CKV_HITRUST_IAM_VAULT_OBJECT_EXPIRES", "azurerm_key_vault_secret.rolling", "PASSED"),
}

AZURERM_ROLES = {
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "azurerm_role_definition.break_glass", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "azurerm_role_definition.god_mode", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "azurerm_role_definition.ops_all_but_rbac", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "azurerm_role_definition.rg_admin", "PASSED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "azurerm_role_definition.storage_ops", "PASSED"),
}

AZURERM_DEFENDER = {
    ("CKV_HITRUST_LOG_THREAT_DETECTION_ENABLED", "azurerm_security_center_subscription_pricing.servers", "PASSED"),
    ("CKV_HITRUST_LOG_THREAT_DETECTION_ENABLED", "azurerm_security_center_subscription_pricing.storage", "FAILED"),
}

AZURERM_MESSAGING = {
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "azurerm_eventhub_namespace.claims", "PASSED"),
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "azurerm_eventhub_namespace.telemetry", "PASSED"),
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "azurerm_servicebus_namespace.legacy", "PASSED"),
    ("CKV_HITRUST_ENC_MESSAGE_QUEUE_ENCRYPTED", "azurerm_servicebus_namespace.orders", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_eventhub_namespace.telemetry", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_servicebus_namespace.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_servicebus_namespace.orders", "PASSED"),
}

AZURERM_WORKSPACES = {
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.activity", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.apps", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.audit", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_log_analytics_workspace.flows", "FAILED"),  # Azure's 30 days
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_network_watcher_flow_log.hub", "PASSED"),
}

AZURERM_NETWORKS = {
    ("CKV_HITRUST_ENC_INFRASTRUCTURE_ENCRYPTION_ENABLED", "azurerm_storage_account.flowlogs", "FAILED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_network_watcher_flow_log.app_nsg", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_network_watcher_flow_log.hub", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_network_watcher_flow_log.off", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "azurerm_network_watcher_flow_log.web_nsg", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.app", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.web", "PASSED"),
    *[("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", f"azurerm_virtual_network.{n}", "PASSED")
      for n in ("batch", "hub", "spoke_disabled", "spoke_nsg", "spoke_partial")],
    ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.flowlogs", "PASSED"),
    ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_virtual_network.spoke_disabled", "FAILED"),
    ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_virtual_network.spoke_partial", "FAILED"),
}
AZURERM_NETWORKS_PLAN = AZURERM_NETWORKS | {  # in .tf, the NSG of hub/web is a reference: unknown
    ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_virtual_network.hub", "PASSED"),
}
# in the plan, an NSG with no rule written and none attached shows `security_rule` as a dynamic block with an
# unknown for_each would: UNKNOWN (in .tf checkov shows the dynamic block, so no rule written is no rule)
AZURERM_NETWORKS_PLAN -= {("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", f"azurerm_network_security_group.{g}", "PASSED")
                          for g in ("app", "web")}

AZURERM_MYSQL = {  # TLS parameters and the Entra administrator are other resources: UNKNOWN
    *[("CKV_HITRUST_ENC_DATABASE_STORAGE_ENCRYPTED", f"azurerm_mysql_flexible_server.{n}", "PASSED")
      for n in ("legacy", "phi", "reports")],
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_mysql_flexible_server.legacy", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_mysql_flexible_server.phi", "FAILED"),
    ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_mysql_flexible_server.reports", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mysql_flexible_server.legacy", "FAILED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mysql_flexible_server.phi", "PASSED"),
    ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mysql_flexible_server.reports", "PASSED"),
}

AZURERM_LOCAL_AUTH = {  # the MongoDB account: not judged; the toggled one: a variable
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_redis_cache.plain", "FAILED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_redis_cache.sessions", "PASSED"),
    ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_redis_cache.tls10", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_container_registry.legacy", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_container_registry.phi", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_cosmosdb_account.keys", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_cosmosdb_account.phi", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_redis_cache.plain", "FAILED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_redis_cache.sessions", "PASSED"),
    ("CKV_HITRUST_IAM_LOCAL_AUTH_DISABLED", "azurerm_redis_cache.tls10", "FAILED"),
}

CLOUD_CASES = [
    ("azurerm/databases", AZURERM_DATABASES, AZURERM_DATABASES),
    ("azurerm/parity_nsg", AZURERM_PARITY_NSG, AZURERM_PARITY_NSG_PLAN),
    ("azurerm/parity_storage", AZURERM_PARITY_STORAGE, AZURERM_PARITY_STORAGE),
    ("azurerm/storage_v3", AZURERM_STORAGE_V3, AZURERM_STORAGE_V3),
    ("azurerm/storage_v4", AZURERM_STORAGE_V4, AZURERM_STORAGE_V4),
    ("azurerm/unresolved", AZURERM_UNRESOLVED, AZURERM_UNRESOLVED),
    ("azurerm/vaults", AZURERM_VAULTS, AZURERM_VAULTS),
    ("azurerm/vms", AZURERM_VMS, AZURERM_VMS),
    ("google/module_buckets", GOOGLE_MODULE_BUCKETS, GOOGLE_MODULE_BUCKETS),
    ("google/parity_buckets", GOOGLE_PARITY_BUCKETS, GOOGLE_PARITY_BUCKETS),
    ("google/parity_firewalls", GOOGLE_PARITY_FIREWALLS, GOOGLE_PARITY_FIREWALLS),
    ("google/platform", GOOGLE_PLATFORM_TF, GOOGLE_PLATFORM),
    ("google/unknowns", GOOGLE_UNKNOWNS_TF, GOOGLE_UNKNOWNS),
]
CLOUD_CASES += [
    ("azurerm/web_apps", AZURERM_WEB_APPS, AZURERM_WEB_APPS_PLAN),
    ("azurerm/web_apps_v3", AZURERM_WEB_APPS_V3, AZURERM_WEB_APPS_V3),
    ("azurerm/vault_objects", AZURERM_VAULT_OBJECTS, AZURERM_VAULT_OBJECTS_PLAN),
    ("azurerm/roles", AZURERM_ROLES, AZURERM_ROLES),
    ("azurerm/defender", AZURERM_DEFENDER, AZURERM_DEFENDER),
    ("azurerm/messaging", AZURERM_MESSAGING, AZURERM_MESSAGING),
    ("azurerm/workspaces", AZURERM_WORKSPACES, AZURERM_WORKSPACES),
    ("azurerm/networks", AZURERM_NETWORKS, AZURERM_NETWORKS_PLAN),
    ("azurerm/mysql", AZURERM_MYSQL, AZURERM_MYSQL),
    ("azurerm/local_auth", AZURERM_LOCAL_AUTH, AZURERM_LOCAL_AUTH),
]


# Blocks written by a dynamic block whose for_each is unknown at plan time (tests/terraform/azurerm/dynamic_blocks):
# in .tf checkov expands what it can evaluate (the app's site_config: plain FTP allowed, no remote debugging) and
# leaves the rest; in the plan each such block is wholly unknown and its facts UNKNOWN, not "no rule", "no subnet".
AZURERM_DYNAMIC_COMMON = {
    ("CKV_HITRUST_IAM_WEB_APP_MANAGED_IDENTITY", "azurerm_linux_web_app.dyn", "FAILED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_group.split", "PASSED"),
    ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_network_security_rule.split_ssh", "FAILED"),
    ("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", "azurerm_virtual_network.dyn", "PASSED"),
    ("CKV_HITRUST_NET_NETWORK_DEFAULT_ABSENT", "azurerm_virtual_network.split", "PASSED"),
}
AZURERM_DYNAMIC_TF = AZURERM_DYNAMIC_COMMON | {
    ("CKV_HITRUST_ENC_WEB_APP_FTPS_ONLY", "azurerm_linux_web_app.dyn", "FAILED"),
    ("CKV_HITRUST_NET_WEB_APP_REMOTE_DEBUGGING_OFF", "azurerm_linux_web_app.dyn", "PASSED"),
}
AZURERM_DYNAMIC_PLAN = AZURERM_DYNAMIC_COMMON | {  # the split subnet and its network, judged whole
    ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "azurerm_virtual_network.split", "FAILED"),
    ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_subnet.split_app", "FAILED"),
}
CLOUD_CASES.append(("azurerm/dynamic_blocks", AZURERM_DYNAMIC_TF, AZURERM_DYNAMIC_PLAN))

# A plan is judged whole, as `hitrust check terraform` judges it (`hitrust_policies.checkov.conf.plan_verdicts`):
# what one resource could not prove and `.tf` leaves UNKNOWN, the plan proves through the other resources it
# holds (a storage account's keys, logs and network rules; a vault's diagnostic settings; a VM's NICs; a
# database's server; a project's IAM grants and bindings; a key's IAM; a network's subnetworks).
WHOLE_PLAN: dict[str, set[tuple[str, str, str]]] = {
    "azurerm/databases": {
        ("CKV_HITRUST_ENC_DATABASE_STORAGE_KMS", "azurerm_mssql_database.records", "PASSED"),
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_postgresql_flexible_server.legacy", "FAILED"),
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_postgresql_flexible_server.phi", "PASSED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mssql_database.app", "FAILED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mssql_database.records", "PASSED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mssql_database.restored", "FAILED"),
        ("CKV_HITRUST_LOG_DATABASE_AUDITING", "azurerm_mssql_server.legacy", "FAILED"),
        ("CKV_HITRUST_LOG_DATABASE_AUDITING", "azurerm_mssql_server.phi", "PASSED"),
        ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mssql_database.app", "FAILED"),
        ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mssql_database.records", "PASSED"),
        ("CKV_HITRUST_NET_DATABASE_NOT_PUBLIC", "azurerm_mssql_database.restored", "FAILED"),
        ("CKV_HITRUST_NET_INGRESS_RULE_ADMIN_PORTS", "azurerm_mssql_server.legacy", "FAILED"),
    },
    "azurerm/parity_storage": {
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.legacyhttp", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.privateonly", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.publicsite", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.legacyhttp", "FAILED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.privateonly", "FAILED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.publicsite", "FAILED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.legacyhttp", "FAILED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.privateonly", "FAILED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.publicsite", "FAILED"),
        ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.legacyhttp", "FAILED"),
        ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.publicsite", "FAILED"),
    },
    "azurerm/storage_v4": {
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.security", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.legacy", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.private", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_DEFAULT_ENCRYPTION", "azurerm_storage_account.records", "PASSED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.legacy", "FAILED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.private", "FAILED"),
        ("CKV_HITRUST_ENC_OBJECT_STORE_KMS", "azurerm_storage_account.records", "PASSED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.legacy", "FAILED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.private", "FAILED"),
        ('CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING', 'azurerm_storage_account.tenant["alpha"]', 'FAILED'),
        ('CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING', 'azurerm_storage_account.tenant["beta"]', 'FAILED'),
        ("CKV_HITRUST_LOG_SECRET_STORE_AUDIT_LOGGING", "azurerm_key_vault.phi", "FAILED"),
        ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.legacy", "FAILED"),
        ("CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY", "azurerm_storage_account.records", "PASSED"),
        ('CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY', 'azurerm_storage_account.tenant["alpha"]', 'PASSED'),
        ('CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY', 'azurerm_storage_account.tenant["beta"]', 'FAILED'),
    },
    "azurerm/vaults": {
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.security", "PASSED"),
        ("CKV_HITRUST_LOG_SECRET_STORE_AUDIT_LOGGING", "azurerm_key_vault.legacy", "FAILED"),
        ("CKV_HITRUST_LOG_SECRET_STORE_AUDIT_LOGGING", "azurerm_key_vault.phi", "PASSED"),
        ("CKV_HITRUST_LOG_SECRET_STORE_AUDIT_LOGGING", "azurerm_key_vault.private", "FAILED"),
    },
    "azurerm/vms": {
        ("CKV_HITRUST_ENC_INSTANCE_HOST_ENCRYPTION", "azurerm_linux_virtual_machine.legacy", "FAILED"),
        ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "azurerm_linux_virtual_machine.web", "PASSED"),
        ("CKV_HITRUST_NET_INSTANCE_IP_FORWARDING_OFF", "azurerm_windows_virtual_machine.router", "FAILED"),
        ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "azurerm_linux_virtual_machine.web", "FAILED"),
        ("CKV_HITRUST_NET_INSTANCE_NO_PUBLIC_IP", "azurerm_windows_virtual_machine.router", "PASSED"),
    },
    "google/module_buckets": {
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.records", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.records", "PASSED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", 'module.records.google_storage_bucket.this["phi"]',
         "PASSED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", 'module.records.google_storage_bucket.this["scans"]',
         "FAILED"),
    },
    "google/parity_buckets": {
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.backups", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.backups", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.hsm", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.hsm", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.records", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.records", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.signing", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.signing", "PASSED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.partner_share", "FAILED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.phi_plain", "PASSED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.policy_doc", "FAILED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.public_site", "FAILED"),
        ("CKV_HITRUST_NET_OBJECT_STORE_PUBLIC_ACCESS_BLOCKED", "google_storage_bucket.team_only", "PASSED"),
    },
    "google/parity_firewalls": {
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "google_compute_network.prod_vpc", "PASSED"),
    },
    "google/platform": {
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_compute_target_http_proxy.portal", "PASSED"),
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_compute_target_http_proxy.status", "FAILED"),
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "google_compute_target_https_proxy.portal", "PASSED"),
        ("CKV_HITRUST_IAM_INSTANCE_OS_LOGIN", "google_compute_instance.nat_gw", "PASSED"),
        ("CKV_HITRUST_IAM_INSTANCE_OS_LOGIN", "google_compute_instance.web_vm", "PASSED"),
        ("CKV_HITRUST_IAM_KMS_DUTIES_SEPARATED", "google_project_iam_member.alice_sa_user", "PASSED"),
        ("CKV_HITRUST_IAM_SERVICE_ACCOUNT_DUTIES_SEPARATED", "google_project_iam_member.alice_sa_user", "FAILED"),
        ("CKV_HITRUST_LOG_LOG_ARCHIVE_RETENTION_LOCKED", "google_logging_project_sink.audit", "PASSED"),
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "google_compute_network.vpc", "FAILED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.disks", "FAILED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.disks", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.sql", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.sql", "PASSED"),
    },
    "google/unknowns": {
        ("CKV_HITRUST_LOG_LOG_ARCHIVE_RETENTION_LOCKED", "google_logging_project_sink.exports", "FAILED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.exports", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "google_kms_crypto_key.exports", "PASSED"),
    },
    "azurerm/vault_objects": {
        ("CKV_HITRUST_LOG_SECRET_STORE_AUDIT_LOGGING", "azurerm_key_vault.phi", "FAILED"),
    },
    "azurerm/workspaces": {
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.activity", "FAILED"),
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.apps", "PASSED"),
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.audit", "PASSED"),
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_log_analytics_workspace.flows", "FAILED"),
    },
    "azurerm/networks": {
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_network_watcher_flow_log.app_nsg", "PASSED"),
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_network_watcher_flow_log.hub", "PASSED"),
        ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "azurerm_network_watcher_flow_log.web_nsg", "PASSED"),
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "azurerm_virtual_network.hub", "PASSED"),
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "azurerm_virtual_network.spoke_disabled", "FAILED"),
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "azurerm_virtual_network.spoke_nsg", "PASSED"),
        ("CKV_HITRUST_LOG_NETWORK_FLOW_LOGS", "azurerm_virtual_network.spoke_partial", "FAILED"),
        ("CKV_HITRUST_LOG_OBJECT_STORE_ACCESS_LOGGING", "azurerm_storage_account.flowlogs", "FAILED"),
        ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_subnet.spoke_app", "PASSED"),
        ("CKV_HITRUST_NET_SUBNET_SECURITY_GROUP", "azurerm_subnet.spoke_web", "PASSED"),
    },
    "azurerm/mysql": {
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_mysql_flexible_server.legacy", "FAILED"),
        ("CKV_HITRUST_ENC_TLS_LISTENER_MODERN", "azurerm_mysql_flexible_server.phi", "PASSED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mysql_flexible_server.legacy", "FAILED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mysql_flexible_server.phi", "PASSED"),
        ("CKV_HITRUST_IAM_DATABASE_DIRECTORY_AUTH", "azurerm_mysql_flexible_server.reports", "FAILED"),
    },
}
CLOUD_CASES = [(fixture, tf, plan | WHOLE_PLAN.get(fixture, set())) for fixture, tf, plan in CLOUD_CASES]

# Keys in Key Vault are crypto keys on azurerm plans too (rotation policy; a vault key is never public), and
# GCP project IAM members are grants judged for Owner / Editor: the same verdict in .tf and in the plan.
KEYS_AND_GRANTS = {
    "azurerm/storage_v4": {
        ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "azurerm_key_vault_key.storage", "FAILED"),  # no rotation_policy
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "azurerm_key_vault_key.storage", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "azurerm_key_vault_key.storage", "PASSED"),
    },
    "azurerm/vault_objects": {
        ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "azurerm_key_vault_key.cmk", "FAILED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "azurerm_key_vault_key.forever", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "azurerm_key_vault_key.cmk", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "azurerm_key_vault_key.cmk", "PASSED"),
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "azurerm_key_vault_key.forever", "PASSED"),
        ("CKV_HITRUST_ENC_CRYPTO_KEY_NOT_PENDING_DELETION", "azurerm_key_vault_key.forever", "PASSED"),
    },
    "google/platform": {("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", f"google_project_iam_member.{m}", "PASSED")
                        for m in ("alice_sa_admin", "alice_sa_user", "app_sa_token")},
}
CLOUD_CASES = [(fixture, tf | KEYS_AND_GRANTS.get(fixture, set()), plan | KEYS_AND_GRANTS.get(fixture, set()))
               for fixture, tf, plan in CLOUD_CASES]
GOOGLE_LOG_BUCKETS = {
    ("CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION", "google_kms_crypto_key.logs", "PASSED"),
    ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "google_logging_project_bucket_config.default_phi", "PASSED"),
    ("CKV_HITRUST_ENC_LOG_GROUP_AUDIT_KMS", "google_logging_project_bucket_config.default_sandbox", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "google_logging_project_bucket_config.app_logs", "FAILED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "google_logging_project_bucket_config.audit_logs", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "google_logging_project_bucket_config.default_phi", "PASSED"),
    ("CKV_HITRUST_LOG_LOG_GROUP_RETENTION", "google_logging_project_bucket_config.default_sandbox", "FAILED"),
}
GOOGLE_PROJECT_ADMINS = {
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "google_project_iam_binding.editors", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "google_project_iam_member.auditor", "PASSED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "google_project_iam_member.ops_owner", "FAILED"),
    ("CKV_HITRUST_IAM_POLICY_GRANT_NO_ADMIN", "google_project_iam_member.robot_owner", "FAILED"),
}
# Judged whole, the plan also knows each member's roles in the project (duties separated, no impersonation
# granted) and the key's IAM (no public member).
CLOUD_CASES += [
    ("google/log_buckets", GOOGLE_LOG_BUCKETS, GOOGLE_LOG_BUCKETS | {
        ("CKV_HITRUST_NET_CRYPTO_KEY_NOT_PUBLIC", "google_kms_crypto_key.logs", "PASSED")}),
    ("google/project_admins", GOOGLE_PROJECT_ADMINS, GOOGLE_PROJECT_ADMINS | {
        (f"CKV_HITRUST_IAM_{rule}", f"google_project_{member}", "PASSED")
        for rule in ("KMS_DUTIES_SEPARATED", "SERVICE_ACCOUNT_DUTIES_SEPARATED", "SERVICE_ACCOUNT_IMPERSONATION_SCOPED")
        for member in ("iam_binding.editors", "iam_member.auditor", "iam_member.ops_owner")}),
]


# Service wildcards and decryption with every key: an Azure custom role's Microsoft.Storage/* is a service
# wildcard ("*" is admin, judged as such; the generated role's actions are known after apply); Key Vault keys
# and Google Cloud role bindings are not judged by these two: they pass.
WILDCARD = "CKV_HITRUST_IAM_POLICY_GRANT_NO_SERVICE_WILDCARD"
DECRYPT = "CKV_HITRUST_IAM_POLICY_GRANT_NO_KMS_DECRYPT_ALL_KEYS"
NARROWER_GRANTS = {
    "azurerm/roles": {
        (WILDCARD, "azurerm_role_definition.storage_ops", "FAILED"),
        *{(WILDCARD, f"azurerm_role_definition.{r}", "PASSED")
          for r in ("god_mode", "ops_all_but_rbac", "rg_admin", "break_glass")},
        *{(DECRYPT, f"azurerm_role_definition.{r}", "PASSED")
          for r in ("god_mode", "ops_all_but_rbac", "rg_admin", "storage_ops", "break_glass", "generated")},
    },
    "google/platform": {(rule, f"google_project_iam_member.{m}", "PASSED") for rule in (WILDCARD, DECRYPT)
                        for m in ("alice_sa_admin", "alice_sa_user", "app_sa_token")},
    "google/project_admins": {(rule, f"google_project_{m}", "PASSED") for rule in (WILDCARD, DECRYPT) for m in (
        "iam_binding.editors", "iam_member.auditor", "iam_member.ops_owner", "iam_member.robot_owner",
        "iam_member.ops_custom")},
}
CLOUD_CASES = [(fixture, tf | NARROWER_GRANTS.get(fixture, set()), plan | NARROWER_GRANTS.get(fixture, set()))
               for fixture, tf, plan in CLOUD_CASES]


@pytest.mark.parametrize(("fixture", "tf", "plan"), CLOUD_CASES, ids=[c[0] for c in CLOUD_CASES])
def test_cli_google_azurerm_exact(fixture: str, tf: set[tuple[str, str, str]],
                                  plan: set[tuple[str, str, str]]) -> None:
    directory = FIXTURES / fixture
    tf, plan = with_key_deletion(tf), with_key_deletion(plan)
    assert _verdicts(_cli("-d", str(directory), "--framework", "terraform")) == tf
    assert _verdicts(_cli("-f", str(directory / "plan.json"), "--framework", "terraform_plan")) == plan
    assert _check_terraform(directory / "plan.json") == plan


CLOUD_PLANS = sorted(str(p.relative_to(FIXTURES).parent) for p in FIXTURES.glob("*/*/plan.json")
                     if p.parts[-3] in ("google", "azurerm"))


def _check_terraform(plan: Path) -> set[tuple[str, str, str]]:
    """`hitrust check terraform`'s PASS / FAIL set of a plan, as checkov reports it: (check id, address,
    PASSED / FAILED); several findings of one rule on one resource FAIL if any fails, else are UNKNOWN
    (left out, as checkov leaves UNKNOWN out) if any is unknown."""
    ours: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in check_plans([str(plan)]).findings():
        ours[(check_id(f.rule_id), f.resource.native_id)].add(f.status.value)
    return {(check, address, "FAILED" if "FAIL" in v else "PASSED") for (check, address), v in ours.items()
            if "FAIL" in v or v == {"PASS"}}


@pytest.mark.parametrize("fixture", CLOUD_PLANS)
def test_checkov_plan_verdicts_are_check_terraform(fixture: str) -> None:
    """checkov in-process on a google or azurerm plan reports exactly the PASS / FAIL set `hitrust check
    terraform` gives the same file (the CLI: `test_cli_google_azurerm_exact`)."""
    plan = FIXTURES / fixture / "plan.json"
    found = _in_process(plan=str(plan))
    assert found, fixture
    assert found == _check_terraform(plan)


def test_all_fixtures_covered() -> None:
    assert {c[0] for c in CLOUD_CASES} == set(CLOUD_PLANS)


def test_in_process_tf_runner_google_and_azurerm() -> None:
    assert _in_process(tf_dir=str(FIXTURES / "google" / "parity_firewalls")) == GOOGLE_PARITY_FIREWALLS
    assert _in_process(tf_dir=str(FIXTURES / "azurerm" / "vaults")) == AZURERM_VAULTS


def test_one_check_per_rule_spans_providers() -> None:
    types = {s.id: s.resource_types for s in specs()}
    assert types["CKV_HITRUST_ENC_CRYPTO_KEY_ROTATION"] == ("aws_kms_external_key", "aws_kms_key",
                                                            "azurerm_key_vault_key", "google_kms_crypto_key")
    assert types["CKV_HITRUST_ENC_OBJECT_STORE_TLS_ONLY"] == ("aws_s3_bucket", "azurerm_storage_account",
                                                              "google_storage_bucket")
    assert types["CKV_HITRUST_NET_SERVICE_FIREWALL_DEFAULT_DENY"] == ("azurerm_key_vault", "azurerm_storage_account")


def _tf(address: str, **values: object) -> dict[str, object]:
    return {"__address__": address, **{k: [v] for k, v in values.items()}}


def test_azurerm_split_network_rules_are_unknown_not_pass() -> None:
    """An azurerm_storage_account_network_rules elsewhere replaces the account's network_rules: the
    account's own deny does not prove the firewall, its own allow does not prove it open."""
    rule = get_rule("net-service-firewall-default-deny")
    account = {**_tf("azurerm_storage_account.a", name="phi", resource_group_name="rg"),
               "network_rules": [{"default_action": ["Deny"]}]}
    assert judge(rule, "azurerm_storage_account", account, plan=False)[0] is Status.UNKNOWN
    tls = get_rule("enc-object-store-tls-only")
    assert judge(tls, "azurerm_storage_account", _tf("azurerm_storage_account.a", name="phi",
                                                     https_traffic_only_enabled=False), plan=False)[0] is Status.FAIL


def test_google_member_roles_never_pass_from_one_grant() -> None:
    """Another grant of the project may give the same member a conflicting role: one grant proves a FAIL
    of separation of duties, never a PASS."""
    rule = get_rule("iam-service-account-duties-separated")
    member = _tf("google_project_iam_member.m", project="p", role="roles/iam.serviceAccountUser",
                 member="user:ana@example.org")
    assert judge(rule, "google_project_iam_member", member, plan=False)[0] is Status.UNKNOWN
