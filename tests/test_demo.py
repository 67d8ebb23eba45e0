"""The built-in demo account: the real scanner finds exactly what the seed put there."""

from __future__ import annotations

import json

import pytest

from hitrust_policies.demo import run_demo


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
        ("net-subnet-no-auto-public-ip", "app-private-a", "PASS"),
        ("net-subnet-no-auto-public-ip", "dmz-public", "FAIL"),
        ("net-cluster-endpoint-not-public", "claims-eks", "FAIL"),  # public endpoint left at 0.0.0.0/0
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
