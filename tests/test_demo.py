"""The built-in demo account: the real scanner finds exactly what the seed put there."""

from __future__ import annotations

import json

import pytest

from hitrust_policies.demo import run_demo

NOTEBOOK_RULES = ("enc-notebook-kms", "net-notebook-no-direct-internet", "iam-notebook-root-access-disabled")


@pytest.fixture(scope="module")
def scan():
    return run_demo()


def test_demo_covers_both_regions_and_every_domain(scan) -> None:
    assert scan.complete and scan.regions_read == ["eu-west-1", "us-east-1"]
    failing = {f.domain for f in scan.findings() if f.status.value == "FAIL"}
    assert failing == {"encryption", "iam", "logging", "network"}


@pytest.mark.parametrize(
    "rule_id, name, status",
    [
        ("net-ingress-rule-admin-ports", "bastion", "FAIL"),
        ("net-ingress-rule-admin-ports", "debug-anywhere", "FAIL"),
        ("net-database-not-public", "analytics-replica", "FAIL"),
        ("net-database-not-public", "patients-db", "PASS"),
        ("enc-database-storage-encrypted", "patients-db", "PASS"),
        ("log-database-auditing", "patients-db", "PASS"),  # exports its postgresql log
        ("log-database-auditing", "analytics-replica", "FAIL"),  # exports nothing
        ("log-request-logging", "patient-portal", "PASS"),  # access logs to S3
        ("log-request-logging", "legacy-api", "FAIL"),
        ("log-config-recording-all-regions", "config/us-east-1", "PASS"),
        ("log-config-recording-all-regions", "config/eu-west-1", "FAIL"),
        ("log-posture-monitoring-enabled", "securityhub/us-east-1", "PASS"),
        ("log-posture-monitoring-enabled", "securityhub/eu-west-1", "FAIL"),
        ("log-cluster-control-plane-logs", "claims-eks", "FAIL"),  # audit logs only
        ("enc-object-store-kms", "acme-phi-records", "PASS"),
        ("enc-object-store-default-encryption", "acme-marketing-site", "PASS"),
        ("enc-object-store-tls-only", "acme-phi-records", "PASS"),
        ("enc-object-store-tls-only", "acme-access-logs", "FAIL"),  # a policy, but no deny without TLS
        ("enc-object-store-tls-only", "acme-marketing-site", "FAIL"),  # no policy at all
        ("enc-message-queue-encrypted", "acme-lab-orders", "PASS"),  # SSE-SQS, the default for new queues
        ("enc-message-queue-encrypted", "acme-phi-alerts", "FAIL"),  # SNS has no default encryption
        ("enc-file-system-encrypted", "acme-imaging", "PASS"),
        ("enc-file-system-encrypted", "acme-eu-scratch", "FAIL"),
        ("enc-tls-listener-modern", "legacy-api:443", "FAIL"),
        ("enc-tls-listener-modern", "patient-portal:443", "PASS"),
        ("enc-tls-listener-modern", "patient-portal:80", "PASS"),
        ("enc-crypto-key-rotation", "legacy-app", "FAIL"),
        ("enc-crypto-key-rotation", "phi-data", "PASS"),
        ("net-crypto-key-not-public", "phi-data", "PASS"),  # KMS's default key policy: the account only
        ("iam-identity-console-mfa", "bob", "FAIL"),
        ("iam-identity-console-mfa", "alice", "PASS"),
        ("iam-credential-rotated", "ci-deployer", "FAIL"),
        ("iam-policy-grant-no-admin", "AdminEverything", "FAIL"),
        ("iam-policy-grant-no-admin", "ReadPhiBucket", "PASS"),
        ("iam-policy-grant-no-service-wildcard", "DataLakeAllS3", "FAIL"),
        ("iam-policy-grant-no-service-wildcard", "ReadPhiBucket", "PASS"),
        ("iam-policy-grant-no-kms-decrypt-all-keys", "EtlDecryptAnyKey", "FAIL"),
        ("iam-policy-grant-no-kms-decrypt-all-keys", "ReadPhiBucket", "PASS"),
        ("iam-role-trust-not-public", "vendor-support", "FAIL"),
        ("iam-role-trust-not-public", "claims-worker", "PASS"),
        ("net-resource-policy-not-public", "acme-partner-inbox", "FAIL"),
        ("net-resource-policy-not-public", "acme-lab-orders", "PASS"),
        ("net-resource-policy-not-public", "acme-phi-alerts", "PASS"),  # SNS's default policy: the owner only
        ("log-audit-coverage-multi-region", "cloudtrail-123456789012", "PASS"),
        ("log-audit-trail-validation", "eu-debug-trail", "FAIL"),
        ("log-log-group-retention", "/app/api", "FAIL"),
        ("log-log-group-retention", "/app/audit", "PASS"),
        ("log-network-flow-logs", "app-us-east-1", "PASS"),
        ("log-network-flow-logs", "app-eu-west-1", "FAIL"),
        ("log-threat-detection-enabled", "guardduty/us-east-1", "PASS"),
        ("log-threat-detection-enabled", "guardduty/eu-west-1", "FAIL"),
        ("iam-root-account-mfa", "root-123456789012", "FAIL"),  # moto's root never has MFA
        ("enc-database-storage-encrypted", "claims-warehouse", "PASS"),  # Redshift
        ("enc-database-storage-kms", "claims-warehouse", "FAIL"),  # the AWS-managed aws/redshift key
        ("net-database-not-public", "claims-warehouse", "PASS"),
        ("enc-message-queue-encrypted", "claims-events", "FAIL"),  # Kinesis: encryption type NONE
        ("net-instance-metadata-tokens", "claims-worker", "PASS"),
        ("net-instance-metadata-tokens", "legacy-reporting", "FAIL"),  # launched with the default: IMDSv1 too
        ("net-instance-metadata-tokens", "claims-worker-template", "PASS"),  # launch templates' default versions
        ("net-instance-metadata-tokens", "batch-legacy-template", "FAIL"),
        ("net-subnet-no-auto-public-ip", "app-private-a", "PASS"),
        ("net-subnet-no-auto-public-ip", "dmz-public", "FAIL"),
        ("net-cluster-endpoint-not-public", "claims-eks", "FAIL"),  # public endpoint left at 0.0.0.0/0
        ("log-alert-root-usage", "change-alerts-123456789012", "PASS"),  # filter, alarm, subscribed topic
        ("log-alert-unauthorized-api-calls", "change-alerts-123456789012", "PASS"),
        ("log-alert-console-signin-without-mfa", "change-alerts-123456789012", "PASS"),
        ("log-alert-audit-trail-changes", "change-alerts-123456789012", "PASS"),
        ("log-alert-firewall-changes", "change-alerts-123456789012", "FAIL"),  # the filter leaves egress rules out
        ("log-alert-console-signin-failures", "change-alerts-123456789012", "FAIL"),  # never wired, nor the rest
        ("log-alert-iam-policy-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-key-deletion", "change-alerts-123456789012", "FAIL"),
        ("log-alert-storage-policy-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-config-recording-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-network-acl-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-network-gateway-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-route-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-network-changes", "change-alerts-123456789012", "FAIL"),
        ("log-alert-organization-changes", "change-alerts-123456789012", "FAIL"),
        ("iam-credential-unused", "alice", "PASS"),  # created today: 0 days unused
        ("iam-credential-unused", "ci-deployer", "FAIL"),  # never used in the 200 days since it was created
        ("iam-identity-console-unused", "locum-radiologist", "FAIL"),  # set 120 days ago, never signed in
        ("iam-identity-console-unused", "alice", "PASS"),
        ("iam-identity-single-active-key", "etl-service", "FAIL"),  # the old key is still active beside the new
        ("iam-identity-single-active-key", "alice", "PASS"),
        ("iam-root-account-hardware-mfa", "root-123456789012", "FAIL"),  # no MFA at all
        ("iam-root-account-not-used", "root-123456789012", "FAIL"),  # the root user signed in 12 days ago
        ("iam-support-role-exists", "support-access-123456789012", "FAIL"),  # no role holds AWSSupportAccess
        ("enc-snapshot-encrypted", "patients-db-nightly", "PASS"),
        ("enc-snapshot-encrypted", "analytics-export", "FAIL"),
        ("enc-snapshot-encrypted", "legacy-scratch-copy", "FAIL"),
        ("net-snapshot-not-public", "patients-db-nightly", "PASS"),
        ("net-snapshot-not-public", "analytics-export", "FAIL"),  # restorable by all accounts
        ("net-snapshot-not-public", "legacy-scratch-copy", "FAIL"),
        ("iam-secret-rotation-enabled", "patients-db-password", "PASS"),
        ("iam-secret-rotation-enabled", "partner-api-key", "FAIL"),
        ("enc-secret-kms", "patients-db-password", "PASS"),  # alias/phi-data, a customer key
        ("enc-secret-kms", "partner-api-key", "FAIL"),  # aws/secretsmanager
        ("log-audit-trail-object-data-events", "cloudtrail-123456789012", "FAIL"),  # management events only
        ("enc-file-system-tls-only", "acme-imaging", "PASS"),
        ("enc-file-system-tls-only", "acme-eu-scratch", "FAIL"),  # no file system policy
        ("net-replication-instance-not-public", "claims-migration", "PASS"),
        ("net-replication-instance-not-public", "dc-exit-migration", "FAIL"),
        ("net-function-in-private-network", "eligibility-check", "PASS"),
        ("net-function-in-private-network", "report-mailer", "FAIL"),
        *((rule, "outcomes-research", "PASS") for rule in NOTEBOOK_RULES),
        *((rule, "ds-sandbox", "FAIL") for rule in NOTEBOOK_RULES),  # SageMaker's defaults
        ("net-container-service-no-public-ip", "patient-portal", "PASS"),
        ("net-container-service-no-public-ip", "intake-api", "FAIL"),
        ("iam-container-not-privileged", "patient-portal", "PASS"),
        ("iam-container-not-privileged", "log-shipper", "FAIL"),
        ("log-request-logging", "cdn.acme-health.example", "PASS"),  # CloudFront standard logging
        ("log-request-logging", "files.acme-health.example", "FAIL"),
        ("log-request-logging", "claims-api/prod", "PASS"),  # API Gateway access logs
        ("log-request-logging", "claims-api/dev", "FAIL"),
        ("net-web-firewall-attached", "cdn.acme-health.example", "PASS"),  # a CloudFront-scope web ACL
        ("net-web-firewall-attached", "files.acme-health.example", "FAIL"),
        ("net-web-firewall-attached", "patient-portal", "FAIL"),  # internet-facing ALBs without a web ACL
        ("net-web-firewall-attached", "legacy-api", "FAIL"),
        ("net-web-firewall-attached", "claims-api/prod", "FAIL"),
        ("enc-database-tls-required", "patients-db", "PASS"),  # rds.force_ssl=1 in its parameter group
        ("enc-database-tls-required", "analytics-replica", "FAIL"),  # MySQL default group: plaintext allowed
        ("enc-database-tls-required", "claims-warehouse", "FAIL"),  # Redshift default group: require_ssl false
        ("enc-database-tls-required", "claims-search", "PASS"),  # OpenSearch: HTTPS enforced
        ("enc-database-internode-encrypted", "claims-search", "PASS"),  # node-to-node encryption
        ("log-database-auditing", "claims-search", "PASS"),  # OpenSearch audit logs published
        ("net-database-not-public", "claims-search", "PASS"),  # inside the VPC
        ("enc-database-storage-encrypted", "sessions-cache", "FAIL"),  # ElastiCache: nothing encrypted
        ("enc-database-tls-required", "sessions-cache", "FAIL"),
        ("enc-database-internode-encrypted", "sessions-cache", "FAIL"),
    ],
)
def test_demo_verdicts(scan, rule_id: str, name: str, status: str) -> None:
    """Exactly one finding, with this status, for the named resource (access keys: ``<user>/<key id>``)."""
    got = [f.status.value for f in scan.findings()
           if f.rule_id == rule_id and (f.resource.name == name or f.resource.name.startswith(name + "/AKIA"))]
    assert got == [status]


def test_cli_demo_is_aws_by_default_and_exits_0(tmp_path) -> None:
    from tests.test_cli import hitrust

    out = tmp_path / "demo.json"
    proc = hitrust("demo", "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["provider"] == "aws" and report["regions_read"] == ["eu-west-1", "us-east-1"]


def test_demo_cloudfront_sides(scan) -> None:
    """Each distribution is two endpoints: its HTTPS side (viewer TLS floor) and its HTTP side (plaintext paths)."""
    got = sorted((f.rule_id, f.resource.name, f.resource.part, f.status.value) for f in scan.findings()
                 if f.resource.name.endswith(".acme-health.example") and f.rule_id == "enc-tls-listener-modern")
    tls, cdn, files = "enc-tls-listener-modern", "cdn.acme-health.example", "files.acme-health.example"
    assert got == sorted([
        (tls, cdn, "https", "PASS"), (tls, cdn, "http", "PASS"),
        (tls, files, "https", "FAIL"),  # CloudFront's own certificate: TLSv1
        (tls, files, "http", "FAIL"),  # allow-all: every path served over plaintext too
    ])
