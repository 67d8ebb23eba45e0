"""Named pass / fail / unknown cases for every rule, on hand-built model values.

One table, read by the per-rule tests and by the meta-tests (every rule has all three
outcomes; replacing any fact of a failing case with an Unknown never yields PASS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from hitrust_policies.model import (
    KMS,
    NO_ENCRYPTION,
    PROVIDER_MANAGED,
    AccountStorageSettings,
    AuditCoverage,
    AuditTrail,
    BlockStorageDefaults,
    BlockVolume,
    Credential,
    CryptoKey,
    DatabaseInstance,
    FileSystem,
    Identity,
    IngressRule,
    LogGroup,
    MessageQueue,
    Network,
    ObjectStore,
    PasswordPolicy,
    PolicyGrant,
    ResourceRef,
    RootAccount,
    SecurityGroup,
    Statement,
    ThreatDetection,
    TlsListener,
    Unknown,
)

U = Unknown("AccessDenied: test")


def ref(name: str) -> ResourceRef:
    return ResourceRef.manual(name)


@dataclass(frozen=True)
class Case:
    rule_id: str
    name: str
    resource: Any
    status: str  # PASS | FAIL | UNKNOWN
    message: str = ""  # for FAIL: a fragment the message must contain

    def __str__(self) -> str:
        return f"{self.rule_id}:{self.name}"


def store(**kw: Any) -> ObjectStore:
    base = dict(encryption=KMS, kms_key="k", public_access_blocked=True, access_logging=True, tls_only=True)
    return ObjectStore(ref(kw.pop("name", "bucket")), **{**base, **kw})


def trail(name: str = "t", **kw: Any) -> AuditTrail:
    base = dict(multi_region=True, logging=True, log_file_validation=True, kms_key="k", management_reads=True,
                management_writes=True, management_exclusions=(), cloudwatch_logs=AUDIT_GROUP,
                cloudwatch_delivery_hours=1.0)
    return AuditTrail(ref(name), **{**base, **kw})


AUDIT_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:audit:*"


def ingress(**kw: Any) -> IngressRule:
    base = dict(group="sg", protocol="tcp", from_port=22, to_port=22, source="10.0.0.0/8")
    return IngressRule(ref("sg"), **{**base, **kw})


def pw(**kw: Any) -> PasswordPolicy:
    base = dict(present=True, min_length=14, require_uppercase=True, require_lowercase=True,
                require_numbers=True, require_symbols=True, max_age_days=90, reuse_prevention=24)
    return PasswordPolicy(ref("pp"), **{**base, **kw})


def key(**kw: Any) -> CryptoKey:
    base = dict(customer_managed=True, symmetric=True, enabled=True, rotation_enabled=True)
    return CryptoKey(ref("key"), **{**base, **kw})


def listener(**kw: Any) -> TlsListener:
    base = dict(protocol="HTTPS", min_tls_version="1.2", plaintext_routes=())
    return TlsListener(ref("lb:443"), **{**base, **kw})


ADMIN = Statement("Allow", ("*",), ("*",))
SCOPED = Statement("Allow", ("s3:GetObject",), ("arn:aws:s3:::b/*",))

CASES: list[Case] = [
    # encryption
    Case("enc-object-store-default-encryption", "kms", store(), "PASS"),
    Case("enc-object-store-default-encryption", "sse-s3", store(encryption=PROVIDER_MANAGED), "PASS"),
    Case("enc-object-store-default-encryption", "none", store(encryption=NO_ENCRYPTION), "FAIL", "no default"),
    Case("enc-object-store-default-encryption", "denied", store(encryption=U), "UNKNOWN"),
    Case("enc-object-store-kms", "kms", store(), "PASS"),
    Case("enc-object-store-kms", "sse-s3", store(encryption=PROVIDER_MANAGED), "FAIL", "provider-managed"),
    Case("enc-object-store-kms", "denied", store(encryption=U), "UNKNOWN"),
    Case("enc-object-store-tls-only", "deny-insecure", store(), "PASS"),
    Case("enc-object-store-tls-only", "no-deny", store(tls_only=False), "FAIL", "without TLS are not refused"),
    Case("enc-object-store-tls-only", "policy-computed", store(tls_only=Unknown("computed at preview: policy")),
         "UNKNOWN"),
    Case("enc-block-volume-encrypted", "encrypted", BlockVolume(ref("v"), True, "k"), "PASS"),
    Case("enc-block-volume-encrypted", "plain", BlockVolume(ref("v"), False, None), "FAIL", "not encrypted"),
    Case("enc-block-volume-encrypted", "unknown", BlockVolume(ref("v"), U, U), "UNKNOWN"),
    Case("enc-block-storage-default-encryption", "on", BlockStorageDefaults(ref("r"), True), "PASS"),
    Case("enc-block-storage-default-encryption", "off", BlockStorageDefaults(ref("r"), False), "FAIL", "default"),
    Case("enc-block-storage-default-encryption", "denied", BlockStorageDefaults(ref("r"), U), "UNKNOWN"),
    Case("enc-database-storage-encrypted", "on", DatabaseInstance(ref("db"), "postgres", True, False), "PASS"),
    Case("enc-database-storage-encrypted", "off", DatabaseInstance(ref("db"), "postgres", False, False), "FAIL",
         "not encrypted"),
    Case("enc-database-storage-encrypted", "unknown", DatabaseInstance(ref("db"), "postgres", U, False), "UNKNOWN"),
    Case("enc-message-queue-encrypted", "sse-sqs", MessageQueue(ref("q"), True, None), "PASS"),
    Case("enc-message-queue-encrypted", "kms", MessageQueue(ref("t"), True, "alias/aws/sns"), "PASS"),
    Case("enc-message-queue-encrypted", "plain", MessageQueue(ref("t"), False, None), "FAIL", "not encrypted"),
    Case("enc-message-queue-encrypted", "key-computed", MessageQueue(
        ref("q"), Unknown("computed at preview: kmsMasterKeyId"), Unknown("computed at preview: kmsMasterKeyId")),
         "UNKNOWN"),
    Case("enc-file-system-encrypted", "encrypted", FileSystem(ref("fs"), True, None), "PASS"),
    Case("enc-file-system-encrypted", "plain", FileSystem(ref("fs"), False, None), "FAIL", "not encrypted"),
    Case("enc-file-system-encrypted", "denied", FileSystem(ref("fs"), U, U), "UNKNOWN"),
    Case("enc-audit-trail-kms", "kms", trail(), "PASS"),
    Case("enc-audit-trail-kms", "sse-s3", trail(kms_key=None), "FAIL", "KMS"),
    Case("enc-audit-trail-kms", "computed", trail(kms_key=Unknown("computed at preview: kmsKeyId")), "UNKNOWN"),
    Case("enc-crypto-key-rotation", "rotating", key(), "PASS"),
    Case("enc-crypto-key-rotation", "aws-managed", key(customer_managed=False, rotation_enabled=False), "PASS"),
    Case("enc-crypto-key-rotation", "asymmetric", key(symmetric=False, rotation_enabled=False), "PASS"),
    Case("enc-crypto-key-rotation", "not-rotating", key(rotation_enabled=False), "FAIL", "rotation"),
    Case("enc-crypto-key-rotation", "denied", key(rotation_enabled=U), "UNKNOWN"),
    Case("enc-tls-listener-modern", "tls12", listener(), "PASS"),
    Case("enc-tls-listener-modern", "tls13", listener(min_tls_version="1.3"), "PASS"),
    Case("enc-tls-listener-modern", "http-redirect", listener(protocol="HTTP", min_tls_version=None), "PASS"),
    Case("enc-tls-listener-modern", "classic-ssl", listener(protocol="SSL"), "PASS"),
    Case("enc-tls-listener-modern", "tls10", listener(min_tls_version="1.0"), "FAIL", "TLS 1.0"),
    Case("enc-tls-listener-modern", "ssl3", listener(protocol="SSL", min_tls_version="SSLv3"), "FAIL", "SSL 3.0"),
    Case("enc-tls-listener-modern", "http", listener(protocol="HTTP", min_tls_version=None,
                                                    plaintext_routes=("default action forwards",)),
         "FAIL", "unencrypted requests: default action forwards"),
    Case("enc-tls-listener-modern", "http-rule-forwards-behind-redirect", listener(
        protocol="HTTP", min_tls_version=None, plaintext_routes=("rule 10 forwards", "rule 20 redirects to HTTP")),
         "FAIL", "rule 10 forwards, rule 20 redirects to HTTP"),
    Case("enc-tls-listener-modern", "http-rules-denied", listener(
        protocol="HTTP", min_tls_version=None, plaintext_routes=Unknown("AccessDenied: elbv2:DescribeRules")),
         "UNKNOWN"),
    Case("enc-tls-listener-modern", "custom-policy", listener(min_tls_version=Unknown("unrecognised TLS policy x")),
         "UNKNOWN"),
    Case("enc-tls-listener-modern", "tcp-pass-through", listener(protocol="TCP", min_tls_version=None), "UNKNOWN"),
    Case("enc-tls-listener-modern", "udp-pass-through", listener(protocol="UDP", min_tls_version=None), "UNKNOWN"),
    Case("enc-tls-listener-modern", "unrecognised-protocol", listener(protocol="GENEVE", min_tls_version=None),
         "UNKNOWN"),
    Case("enc-log-group-audit-kms", "audit-with-key", LogGroup(ref("g"), 365, "k", True), "PASS"),
    Case("enc-log-group-audit-kms", "not-audit", LogGroup(ref("g"), 365, None, False), "PASS"),
    Case("enc-log-group-audit-kms", "key-audit-unknown", LogGroup(ref("g"), 365, "k", U), "PASS"),
    Case("enc-log-group-audit-kms", "audit-without-key", LogGroup(ref("g"), 365, None, True), "FAIL",
         "holds audit data and is not encrypted with a KMS key"),
    Case("enc-log-group-audit-kms", "audit-unknown", LogGroup(ref("g"), 365, None, U), "UNKNOWN"),
    Case("enc-log-group-audit-kms", "key-computed", LogGroup(ref("g"), 365, Unknown("computed at preview: kmsKeyId"),
                                                              True), "UNKNOWN"),
    # iam
    Case("iam-password-policy-strong", "strong", pw(), "PASS"),
    Case("iam-password-policy-strong", "absent", pw(present=False), "FAIL", "no account password policy"),
    Case("iam-password-policy-strong", "short", pw(min_length=8), "FAIL", "minimum length 8"),
    Case("iam-password-policy-strong", "never-expires", pw(max_age_days=None), "FAIL", "never"),
    Case("iam-password-policy-strong", "short-and-unknown-symbols", pw(min_length=8, require_symbols=U), "FAIL",
         "minimum length 8"),
    Case("iam-password-policy-strong", "denied", pw(present=U), "UNKNOWN"),
    Case("iam-password-policy-strong", "one-unknown", pw(reuse_prevention=U), "UNKNOWN"),
    Case("iam-identity-console-mfa", "mfa", Identity(ref("alice"), True, True, ()), "PASS"),
    Case("iam-identity-console-mfa", "no-console", Identity(ref("ci"), False, False, ()), "PASS"),
    Case("iam-identity-console-mfa", "no-mfa", Identity(ref("bob"), True, False, ()), "FAIL", "without MFA"),
    Case("iam-identity-console-mfa", "denied-mfa", Identity(ref("bob"), True, U, ()), "UNKNOWN"),
    Case("iam-identity-no-direct-policies", "groups-only", Identity(ref("alice"), True, True, ()), "PASS"),
    Case("iam-identity-no-direct-policies", "direct", Identity(ref("bob"), True, True, ("Admin",)), "FAIL", "Admin"),
    Case("iam-identity-no-direct-policies", "denied", Identity(ref("bob"), True, True, U), "UNKNOWN"),
    Case("iam-credential-rotated", "fresh", Credential(ref("k"), "ci", True, 10), "PASS"),
    Case("iam-credential-rotated", "old-inactive", Credential(ref("k"), "ci", False, 400), "PASS"),
    Case("iam-credential-rotated", "old", Credential(ref("k"), "ci", True, 200), "FAIL", "200 days"),
    Case("iam-credential-rotated", "denied", Credential(ref("k"), "ci", U, U), "UNKNOWN"),
    Case("iam-policy-grant-no-admin", "scoped", PolicyGrant(ref("p"), (SCOPED,), True), "PASS"),
    Case("iam-policy-grant-no-admin", "deny-all", PolicyGrant(ref("p"), (Statement("Deny", ("*",), ("*",)),), True),
         "PASS"),
    Case("iam-policy-grant-no-admin", "not-action", PolicyGrant(
        ref("p"), (Statement("Allow", ("*",), ("*",), not_actions=True),), True), "PASS"),
    Case("iam-policy-grant-no-admin", "admin", PolicyGrant(ref("p"), (SCOPED, ADMIN), True), "FAIL", '"*"'),
    Case("iam-policy-grant-no-admin", "computed", PolicyGrant(ref("p"), Unknown("computed at preview: policy"), True),
         "UNKNOWN"),
    Case("iam-root-account-no-access-keys", "none", RootAccount(ref("root"), False, True), "PASS"),
    Case("iam-root-account-no-access-keys", "keys", RootAccount(ref("root"), True, True), "FAIL", "access keys"),
    Case("iam-root-account-no-access-keys", "denied", RootAccount(ref("root"), U, U), "UNKNOWN"),
    Case("iam-root-account-mfa", "mfa", RootAccount(ref("root"), False, True), "PASS"),
    Case("iam-root-account-mfa", "no-mfa", RootAccount(ref("root"), False, False), "FAIL", "no MFA"),
    Case("iam-root-account-mfa", "denied", RootAccount(ref("root"), U, U), "UNKNOWN"),
    # logging
    Case("log-audit-coverage-multi-region", "good", AuditCoverage(ref("acct"), (trail("a", multi_region=False),
                                                                                 trail("b"))), "PASS"),
    Case("log-audit-coverage-multi-region", "good-beside-unknown", AuditCoverage(
        ref("acct"), (trail("a", logging=U), trail("b"))), "PASS"),
    Case("log-audit-coverage-multi-region", "single-region", AuditCoverage(ref("acct"), (trail(multi_region=False),)),
         "FAIL", "no trail records every region's management events: t (single-region)"),
    Case("log-audit-coverage-multi-region", "unvalidated-still-covers", AuditCoverage(
        ref("acct"), (trail(log_file_validation=False),)), "PASS"),
    Case("log-audit-coverage-multi-region", "write-only", AuditCoverage(
        ref("acct"), (trail(management_reads=False),)), "FAIL", "t (records no read management events)"),
    Case("log-audit-coverage-multi-region", "no-management-events", AuditCoverage(
        ref("acct"), (trail(management_reads=False, management_writes=False),)), "FAIL",
         "t (records no read management events, records no write management events)"),
    Case("log-audit-coverage-multi-region", "kms-events-excluded", AuditCoverage(
        ref("acct"), (trail(management_exclusions=("events from kms.amazonaws.com",)),)), "FAIL",
         "t (leaves out events from kms.amazonaws.com)"),
    Case("log-audit-coverage-multi-region", "each-discarded-trail-named", AuditCoverage(
        ref("acct"), (trail("a", multi_region=False, logging=U), trail("b", logging=False))), "FAIL",
         "a (single-region); b (not logging)"),
    Case("log-audit-coverage-multi-region", "selectors-denied", AuditCoverage(ref("acct"), (trail(
        management_reads=U, management_writes=U, management_exclusions=U),)), "UNKNOWN"),
    Case("log-audit-coverage-multi-region", "no-trails", AuditCoverage(ref("acct"), ()), "FAIL", "no trail"),
    Case("log-audit-coverage-multi-region", "region-unseen", AuditCoverage(
        ref("acct"), (trail("a", multi_region=False), trail("b", logging=U))), "UNKNOWN"),
    Case("log-audit-trail-validation", "on", trail(), "PASS"),
    Case("log-audit-trail-validation", "off", trail(log_file_validation=False), "FAIL", "validation"),
    Case("log-audit-trail-validation", "unknown", trail(log_file_validation=U), "UNKNOWN"),
    Case("log-network-flow-logs", "logged", Network(ref("vpc"), False, True), "PASS"),
    Case("log-network-flow-logs", "unlogged", Network(ref("vpc"), False, False), "FAIL", "flow log"),
    Case("log-network-flow-logs", "denied", Network(ref("vpc"), False, U), "UNKNOWN"),
    Case("log-object-store-access-logging", "on", store(), "PASS"),
    Case("log-object-store-access-logging", "off", store(access_logging=False), "FAIL", "logging"),
    Case("log-object-store-access-logging", "denied", store(access_logging=U), "UNKNOWN"),
    Case("log-audit-trail-cloudwatch", "delivering", trail(), "PASS"),
    Case("log-audit-trail-cloudwatch", "planned", trail(cloudwatch_delivery_hours=None), "PASS"),
    Case("log-audit-trail-cloudwatch", "no-log-group", trail(cloudwatch_logs=None, cloudwatch_delivery_hours=None),
         "FAIL", "trail does not deliver to CloudWatch Logs"),
    Case("log-audit-trail-cloudwatch", "stale", trail(cloudwatch_delivery_hours=50.2), "FAIL",
         "no delivery to CloudWatch Logs in the last 24 hours (last 50 hours ago)"),
    Case("log-audit-trail-cloudwatch", "never-delivered", trail(cloudwatch_delivery_hours=math.inf), "FAIL",
         "never delivered"),
    Case("log-audit-trail-cloudwatch", "status-denied", trail(cloudwatch_delivery_hours=U), "UNKNOWN"),
    Case("log-audit-trail-cloudwatch", "group-computed", trail(
        cloudwatch_logs=Unknown("computed at preview: cloudWatchLogsGroupArn"), cloudwatch_delivery_hours=None),
         "UNKNOWN"),
    Case("log-log-group-retention", "year", LogGroup(ref("g"), 365, None, False), "PASS"),
    Case("log-log-group-retention", "forever", LogGroup(ref("g"), None, None, False), "PASS"),
    Case("log-log-group-retention", "month", LogGroup(ref("g"), 30, None, False), "FAIL", "30 days"),
    Case("log-log-group-retention", "computed", LogGroup(ref("g"), U, None, False), "UNKNOWN"),
    Case("log-threat-detection-enabled", "detector-on", ThreatDetection(ref("guardduty/r"), True), "PASS"),
    Case("log-threat-detection-enabled", "no-detector", ThreatDetection(ref("guardduty/r"), False), "FAIL",
         "no enabled threat detector"),
    Case("log-threat-detection-enabled", "denied", ThreatDetection(ref("guardduty/r"), U), "UNKNOWN"),
    # network
    Case("net-ingress-rule-admin-ports", "private-ssh", ingress(), "PASS"),
    Case("net-ingress-rule-admin-ports", "public-https", ingress(from_port=443, to_port=443, source="0.0.0.0/0"),
         "PASS"),
    Case("net-ingress-rule-admin-ports", "public-udp-dns", ingress(protocol="udp", from_port=53, to_port=53,
                                                                   source="0.0.0.0/0"), "PASS"),
    Case("net-ingress-rule-admin-ports", "public-ssh", ingress(source="0.0.0.0/0"), "FAIL", "22 (SSH)"),
    Case("net-ingress-rule-admin-ports", "public-rdp-v6", ingress(from_port=3389, to_port=3389, source="::/0"),
         "FAIL", "3389 (RDP)"),
    Case("net-ingress-rule-admin-ports", "range-with-postgres", ingress(from_port=5000, to_port=6000,
                                                                       source="0.0.0.0/0"), "FAIL", "5432"),
    Case("net-ingress-rule-admin-ports", "all-traffic", ingress(protocol="all", from_port=0, to_port=65535,
                                                                source="0.0.0.0/0"), "FAIL", "all ports"),
    Case("net-ingress-rule-admin-ports", "unknown-cidr", ingress(source=Unknown("computed at preview: cidrBlocks")),
         "UNKNOWN"),
    Case("net-ingress-rule-admin-ports", "public-unknown-port", ingress(source="0.0.0.0/0", from_port=U, to_port=U),
         "UNKNOWN"),
    Case("net-security-group-default-closed", "closed", SecurityGroup(ref("default"), True, 0, 0), "PASS"),
    Case("net-security-group-default-closed", "custom-open", SecurityGroup(ref("web"), False, 2, 1), "PASS"),
    Case("net-security-group-default-closed", "default-egress", SecurityGroup(ref("default"), True, 0, 1), "FAIL",
         "1 outbound"),
    Case("net-security-group-default-closed", "denied", SecurityGroup(ref("default"), True, U, U), "UNKNOWN"),
    Case("net-database-not-public", "private", DatabaseInstance(ref("db"), "mysql", True, False), "PASS"),
    Case("net-database-not-public", "public", DatabaseInstance(ref("db"), "mysql", True, True), "FAIL", "public"),
    Case("net-database-not-public", "unknown", DatabaseInstance(ref("db"), "mysql", True, U), "UNKNOWN"),
    Case("net-object-store-public-access-blocked", "blocked", store(), "PASS"),
    Case("net-object-store-public-access-blocked", "open", store(public_access_blocked=False), "FAIL", "public"),
    Case("net-object-store-public-access-blocked", "denied", store(public_access_blocked=U), "UNKNOWN"),
    Case("net-account-storage-public-access-blocked", "on", AccountStorageSettings(ref("acct"), True), "PASS"),
    Case("net-account-storage-public-access-blocked", "off", AccountStorageSettings(ref("acct"), False), "FAIL",
         "account-level"),
    Case("net-account-storage-public-access-blocked", "denied", AccountStorageSettings(ref("acct"), U), "UNKNOWN"),
]
