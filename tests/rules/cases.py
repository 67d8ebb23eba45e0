"""Named pass / fail / unknown cases for every rule, on hand-built model values.

One table, read by the per-rule tests and by the meta-tests (every rule has all three
outcomes; replacing any fact of a failing case with an Unknown never yields PASS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from hitrust_policies.model import (
    FULL_ADMIN,
    KMS,
    NEAR_ADMIN,
    NO_ENCRYPTION,
    PROVIDER_MANAGED,
    SCOPED,
    AccountOwners,
    AccountStorageSettings,
    AclEntry,
    AnalyticsDataset,
    AuditCoverage,
    AuditTrail,
    BlockStorageDefaults,
    BlockVolume,
    ChangeAlerting,
    ClusterEndpoint,
    ComputeInstance,
    ConfigRecording,
    ControlPlaneLogging,
    Credential,
    CryptoKey,
    DatabaseAuditing,
    DatabaseInstance,
    DnsZone,
    FileSystem,
    FunctionUrl,
    Identity,
    InfrastructureEncryption,
    IngressRule,
    InstanceAccess,
    InstanceMetadata,
    LocalAuth,
    LogArchive,
    LogExport,
    LogGroup,
    MemberRoles,
    MessageQueue,
    MySqlSettings,
    Network,
    NetworkAcl,
    NetworkWatcher,
    ObjectStore,
    PasswordPolicy,
    PolicyGrant,
    PostgresSettings,
    PostureMonitoring,
    RequestLogging,
    ResourcePolicy,
    ResourceRef,
    RoleTrust,
    RootAccount,
    SecretStore,
    SecurityGroup,
    ServiceAccountKey,
    ServiceFirewall,
    SqlServerSettings,
    Subnet,
    SubnetAddressing,
    SupportAccess,
    ThreatDetection,
    TlsListener,
    Unknown,
    VaultObject,
    WebApp,
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
    base = dict(encryption=KMS, kms_key="k", kms_key_customer_managed=True, public_access_open=(), access_logging=True,
                tls_only=True)
    return ObjectStore(ref(kw.pop("name", "bucket")), **{**base, **kw})


def trail(name: str = "t", **kw: Any) -> AuditTrail:
    base = dict(multi_region=True, logging=True, log_file_validation=True, kms_key="k", management_reads=True,
                management_writes=True, management_exclusions=(), cloudwatch_logs=AUDIT_GROUP,
                cloudwatch_delivery_hours=1.0, object_data_reads=True, object_data_writes=True)
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
    base = dict(customer_managed=True, rotation_supported=True, enabled=True, rotation_enabled=True,
                public_principals=(), pending_deletion=False)
    return CryptoKey(ref("key"), **{**base, **kw})


def listener(**kw: Any) -> TlsListener:
    base = dict(protocol="HTTPS", min_tls_version="1.2", plaintext_routes=())
    return TlsListener(ref("lb:443"), **{**base, **kw})


def db(engine: str, encrypted: Any, public: Any, cmk: Any = True, directory: Any = True) -> DatabaseInstance:
    return DatabaseInstance(ref("db"), engine, encrypted, public, cmk, directory)


def vault(**kw: Any) -> SecretStore:
    base = dict(soft_delete=True, purge_protection=True, role_based_access=True, audit_logging=True)
    return SecretStore(ref("kv"), **{**base, **kw})


def root(keys: Any = False, mfa: Any = False, password: Any = True, central: Any = False) -> RootAccount:
    return RootAccount(ref("root"), access_keys_present=keys, mfa_enabled=mfa, password_present=password,
                       credentials_centrally_managed=central)


def vm_access(**kw: Any) -> InstanceAccess:
    base = dict(os_login=True, project_ssh_keys_blocked=True, serial_port_enabled=False, default_service_account=False,
                full_api_scope=False, managed_node=False)
    return InstanceAccess(ref("vm"), **{**base, **kw})


DEFAULT_SA, FULL_ACCESS = "iam-instance-default-service-account", "iam-instance-default-service-account-full-access"
def pg(**kw: Any) -> PostgresSettings:
    """PostgreSQL settings that pass every rule, with ``kw`` changed."""
    return replace(PostgresSettings(ref("pg"), True, True, -1, True, "warning", "error", "default"), **kw)


CASES: list[Case] = [
    # encryption
    Case("enc-object-store-default-encryption", "kms", store(), "PASS"),
    Case("enc-object-store-default-encryption", "sse-s3", store(encryption=PROVIDER_MANAGED), "PASS"),
    Case("enc-object-store-default-encryption", "none", store(encryption=NO_ENCRYPTION), "FAIL", "no default"),
    Case("enc-object-store-default-encryption", "denied", store(encryption=U), "UNKNOWN"),
    Case("enc-object-store-kms", "kms", store(), "PASS"),
    Case("enc-object-store-kms", "sse-s3", store(encryption=PROVIDER_MANAGED), "FAIL", "provider-managed"),
    Case("enc-object-store-kms", "denied", store(encryption=U), "UNKNOWN"),
    Case("enc-object-store-kms", "aws-managed-key", store(kms_key=None, kms_key_customer_managed=False), "FAIL",
         "provider-managed KMS key"),
    Case("enc-object-store-kms", "key-unresolved", store(kms_key_customer_managed=U), "UNKNOWN"),
    Case("enc-object-store-tls-only", "deny-insecure", store(), "PASS"),
    Case("enc-object-store-tls-only", "no-deny", store(tls_only=False), "FAIL", "without TLS are not refused"),
    Case("enc-object-store-tls-only", "policy-computed", store(tls_only=Unknown("computed at preview: policy")),
         "UNKNOWN"),
    Case("enc-block-volume-encrypted", "encrypted", BlockVolume(ref("v"), True, "k", True), "PASS"),
    Case("enc-block-volume-encrypted", "plain", BlockVolume(ref("v"), False, None, False), "FAIL", "not encrypted"),
    Case("enc-block-volume-encrypted", "unknown", BlockVolume(ref("v"), U, U, U), "UNKNOWN"),
    Case("enc-block-storage-default-encryption", "on", BlockStorageDefaults(ref("r"), True), "PASS"),
    Case("enc-block-storage-default-encryption", "off", BlockStorageDefaults(ref("r"), False), "FAIL", "default"),
    Case("enc-block-storage-default-encryption", "denied", BlockStorageDefaults(ref("r"), U), "UNKNOWN"),
    Case("enc-block-volume-kms", "customer-key", BlockVolume(ref("v"), True, "arn:aws:kms:us-east-1:1:key/k", True),
         "PASS"),
    Case("enc-block-volume-kms", "aws-ebs-key", BlockVolume(ref("v"), True, "arn:aws:kms:us-east-1:1:key/d", False),
         "FAIL", "provider-managed key"),
    Case("enc-block-volume-kms", "plain", BlockVolume(ref("v"), False, None, False), "FAIL", "not encrypted"),
    Case("enc-block-volume-kms", "key-denied", BlockVolume(ref("v"), True, "arn:aws:kms:us-east-1:1:key/k", U),
         "UNKNOWN"),
    Case("enc-instance-host-encryption", "on", ComputeInstance(ref("vm"), (), True, False), "PASS"),
    Case("enc-instance-host-encryption", "off", ComputeInstance(ref("vm"), (), False, False), "FAIL", "not encrypted"),
    Case("enc-instance-host-encryption", "type-unresolved", ComputeInstance(ref("vm"), (), U, False), "UNKNOWN"),
    Case("enc-database-storage-encrypted", "on", db("postgres", True, False), "PASS"),
    Case("enc-database-storage-encrypted", "off", db("postgres", False, False), "FAIL",
         "not encrypted"),
    Case("enc-database-storage-encrypted", "unknown", db("postgres", U, False), "UNKNOWN"),
    Case("enc-message-queue-encrypted", "sse-sqs", MessageQueue(ref("q"), True, None), "PASS"),
    Case("enc-message-queue-encrypted", "kms", MessageQueue(ref("t"), True, "alias/aws/sns"), "PASS"),
    Case("enc-message-queue-encrypted", "plain", MessageQueue(ref("t"), False, None), "FAIL", "not encrypted"),
    Case("enc-message-queue-encrypted", "key-computed", MessageQueue(
        ref("q"), Unknown("computed at preview: kmsMasterKeyId"), Unknown("computed at preview: kmsMasterKeyId")),
         "UNKNOWN"),
    Case("enc-file-system-encrypted", "encrypted", FileSystem(ref("fs"), True, None, True), "PASS"),
    Case("enc-file-system-encrypted", "plain", FileSystem(ref("fs"), False, None, True), "FAIL", "not encrypted"),
    Case("enc-file-system-encrypted", "denied", FileSystem(ref("fs"), U, U, True), "UNKNOWN"),
    Case("enc-audit-trail-kms", "kms", trail(), "PASS"),
    Case("enc-audit-trail-kms", "sse-s3", trail(kms_key=None), "FAIL", "KMS"),
    Case("enc-audit-trail-kms", "computed", trail(kms_key=Unknown("computed at preview: kmsKeyId")), "UNKNOWN"),
    Case("enc-crypto-key-rotation", "rotating", key(), "PASS"),
    Case("enc-crypto-key-rotation", "aws-managed", key(customer_managed=False, rotation_enabled=False), "PASS"),
    Case("enc-crypto-key-rotation", "cannot-rotate", key(rotation_supported=False, rotation_enabled=False), "PASS"),
    Case("enc-crypto-key-rotation", "disabled-key", key(enabled=False, rotation_enabled=False), "PASS"),
    Case("enc-crypto-key-rotation", "not-rotating", key(rotation_enabled=False), "FAIL", "rotation"),
    Case("enc-crypto-key-rotation", "denied", key(rotation_enabled=U), "UNKNOWN"),
    Case("enc-crypto-key-rotation", "origin-unknown", key(rotation_supported=U, rotation_enabled=False), "UNKNOWN"),
    Case("enc-secret-store-recoverable", "both-on", vault(), "PASS"),
    Case("enc-secret-store-recoverable", "no-purge-protection", vault(purge_protection=False), "FAIL",
         "purge protection off"),
    Case("enc-secret-store-recoverable", "neither", vault(soft_delete=False, purge_protection=False), "FAIL",
         "soft delete and purge protection off"),
    Case("enc-secret-store-recoverable", "no-soft-delete-purge-unseen", vault(soft_delete=False, purge_protection=U),
         "FAIL", "soft delete off"),
    Case("enc-secret-store-recoverable", "purge-unseen", vault(purge_protection=U), "UNKNOWN"),
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
    Case("iam-policy-grant-no-admin", "scoped", PolicyGrant(ref("p"), SCOPED, True), "PASS"),
    Case("iam-policy-grant-no-admin", "scoped-unattached-unknown", PolicyGrant(ref("p"), SCOPED, U), "PASS"),
    Case("iam-policy-grant-no-admin", "full-admin", PolicyGrant(ref("p"), FULL_ADMIN, True), "FAIL",
         'every action on every resource (administrator access)'),
    Case("iam-policy-grant-no-admin", "full-admin-unattached", PolicyGrant(ref("p"), FULL_ADMIN, False), "FAIL",
         "every action"),  # AWS Config and Prowler judge unattached customer policies too
    Case("iam-policy-grant-no-admin", "near-admin", PolicyGrant(ref("p"), NEAR_ADMIN, True, "iam:*, organizations:*"),
         "FAIL", "every action on every resource except iam:*, organizations:*"),
    Case("iam-policy-grant-no-admin", "near-admin-by-hand", PolicyGrant(ref("p"), NEAR_ADMIN, True), "FAIL",
         "except a few named ones"),
    Case("iam-policy-grant-no-admin", "computed", PolicyGrant(ref("p"), Unknown("computed at preview: policy"), True),
         "UNKNOWN"),
    Case("iam-secret-store-role-based-access", "rbac", vault(), "PASS"),
    Case("iam-secret-store-role-based-access", "access-policies", vault(role_based_access=False), "FAIL",
         "own access policies"),
    Case("iam-secret-store-role-based-access", "computed", vault(role_based_access=Unknown(
        "computed at preview: properties.enableRbacAuthorization")), "UNKNOWN"),
    Case("iam-root-account-no-access-keys", "none", root(mfa=True), "PASS"),
    Case("iam-root-account-no-access-keys", "keys", root(keys=True, mfa=True), "FAIL", "access keys"),
    Case("iam-root-account-no-access-keys", "denied", root(U, U, U, U), "UNKNOWN"),
    Case("iam-root-account-mfa", "mfa", root(mfa=True), "PASS"),
    Case("iam-root-account-mfa", "mfa-rest-unseen", root(U, True, U, U), "PASS"),
    Case("iam-root-account-mfa", "no-mfa", root(), "FAIL", "no MFA"),
    # centralized root access, credentials deleted: nothing to sign in with, nothing to recover
    Case("iam-root-account-mfa", "centrally-managed-no-credentials", root(password=False, central=True), "PASS"),
    Case("iam-root-account-mfa", "centrally-managed-with-password", root(password=True, central=True), "FAIL",
         "no MFA"),
    Case("iam-root-account-mfa", "centrally-managed-with-keys", root(keys=True, password=False, central=True),
         "FAIL", "no MFA"),
    # no password, but whoever holds the root e-mail can recover one
    Case("iam-root-account-mfa", "no-password-not-centrally-managed", root(password=False, central=False), "FAIL",
         "no MFA"),
    Case("iam-root-account-mfa", "no-password-management-unseen", root(password=False, central=U), "UNKNOWN"),
    Case("iam-root-account-mfa", "password-unseen-standalone", root(password=U, central=False), "FAIL", "no MFA"),
    Case("iam-root-account-mfa", "denied", root(U, U, U, U), "UNKNOWN"),
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
    Case("log-network-flow-logs", "logged", Network(ref("vpc"), False, True, False), "PASS"),
    Case("log-network-flow-logs", "unlogged", Network(ref("vpc"), False, False, False), "FAIL", "flow log"),
    Case("log-network-flow-logs", "denied", Network(ref("vpc"), False, U, False), "UNKNOWN"),
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
    Case("net-ingress-rule-admin-ports", "public-ssh", ingress(source="0.0.0.0/0"), "FAIL", "22/tcp (SSH)"),
    Case("net-ingress-rule-admin-ports", "public-rdp-v6", ingress(from_port=3389, to_port=3389, source="::/0"),
         "FAIL", "3389/tcp (RDP)"),
    Case("net-ingress-rule-admin-ports", "split-internet-ssh", ingress(source="128.0.0.0/1"), "FAIL",
         "22/tcp (SSH) open to 128.0.0.0/1"),
    Case("net-ingress-rule-admin-ports", "public-udp-snmp", ingress(protocol="udp", from_port=161, to_port=161,
                                                                    source="0.0.0.0/0"), "FAIL", "161/udp (SNMP)"),
    Case("net-ingress-rule-admin-ports", "public-udp-mysql-port", ingress(protocol="udp", from_port=3306,
                                                                          to_port=3306, source="::/0"), "PASS"),
    Case("net-ingress-rule-admin-ports", "range-with-postgres", ingress(from_port=5000, to_port=6000,
                                                                       source="0.0.0.0/0"), "FAIL", "5432"),
    Case("net-ingress-rule-admin-ports", "all-traffic", ingress(protocol="all", from_port=0, to_port=65535,
                                                                source="0.0.0.0/0"), "FAIL", "all ports"),
    Case("net-ingress-rule-admin-ports", "unknown-cidr", ingress(source=Unknown("computed at preview: cidrBlocks")),
         "UNKNOWN"),
    Case("net-ingress-rule-admin-ports", "public-unknown-port", ingress(source="0.0.0.0/0", from_port=U, to_port=U),
         "UNKNOWN"),
    Case("net-network-acl-admin-ports", "no-entries", NetworkAcl(ref("nacl"), False, ()), "PASS"),
    Case("net-network-acl-admin-ports", "https-only", NetworkAcl(ref("nacl"), False, (
        AclEntry(100, True, "tcp", 443, 443, "0.0.0.0/0"), AclEntry(110, True, "all", 0, 65535, "10.0.0.0/8"))),
         "PASS"),
    Case("net-network-acl-admin-ports", "ssh-denied-first", NetworkAcl(ref("nacl"), False, (
        AclEntry(200, True, "tcp", 22, 22, "0.0.0.0/0"), AclEntry(100, False, "tcp", 22, 22, "0.0.0.0/0"))), "PASS"),
    Case("net-network-acl-admin-ports", "default-allow-all", NetworkAcl(ref("nacl"), True, (
        AclEntry(100, True, "all", 0, 65535, "0.0.0.0/0"), AclEntry(32767, False, "all", 0, 65535, "0.0.0.0/0"))),
         "FAIL", "22/tcp (SSH)"),
    Case("net-network-acl-admin-ports", "rdp-v6", NetworkAcl(ref("nacl"), False, (
        AclEntry(100, True, "tcp", 3389, 3389, "::/0"),)), "FAIL", "3389/tcp (RDP) reachable from the internet"),
    Case("net-network-acl-admin-ports", "denied", NetworkAcl(ref("nacl"), U, U), "UNKNOWN"),
    Case("net-network-acl-admin-ports", "deny-cidr-computed", NetworkAcl(ref("nacl"), False, (
        AclEntry(100, False, "tcp", 22, 22, Unknown("computed at preview: cidrBlock")),
        AclEntry(200, True, "tcp", 22, 22, "0.0.0.0/0"))), "UNKNOWN"),
    Case("net-security-group-default-closed", "closed", SecurityGroup(ref("default"), True, 0, 0), "PASS"),
    Case("net-security-group-default-closed", "custom-open", SecurityGroup(ref("web"), False, 2, 1), "PASS"),
    Case("net-security-group-default-closed", "default-egress", SecurityGroup(ref("default"), True, 0, 1), "FAIL",
         "1 outbound"),
    Case("net-security-group-default-closed", "denied", SecurityGroup(ref("default"), True, U, U), "UNKNOWN"),
    Case("net-service-firewall-default-deny", "deny", ServiceFirewall(ref("st"), True, True), "PASS"),
    Case("net-service-firewall-default-deny", "private-only", ServiceFirewall(ref("st"), False, False), "PASS"),
    Case("net-service-firewall-default-deny", "private-only-acl-unseen", ServiceFirewall(ref("st"), False, U), "PASS"),
    Case("net-service-firewall-default-deny", "allow-all", ServiceFirewall(ref("st"), True, False), "FAIL",
         "admits every network"),
    Case("net-service-firewall-default-deny", "acl-unseen", ServiceFirewall(ref("st"), True, U), "UNKNOWN"),
    Case("net-database-not-public", "private", db("mysql", True, False), "PASS"),
    Case("net-database-not-public", "public", db("mysql", True, True), "FAIL", "public"),
    Case("net-database-not-public", "unknown", db("mysql", True, U), "UNKNOWN"),
    Case("net-instance-no-public-ip", "private", ComputeInstance(ref("vm"), (), True, False), "PASS"),
    Case("net-instance-no-public-ip", "public-v4", ComputeInstance(ref("vm"), ("203.0.113.7",), True, False), "FAIL",
         "public address 203.0.113.7"),
    Case("net-instance-no-public-ip", "many", ComputeInstance(ref("vm"), ("a", "b", "c", "d", "e"), True, False),
         "FAIL",
         "a, b, c and 2 more"),
    Case("net-instance-no-public-ip", "nic-unlisted", ComputeInstance(ref("vm"), U, True, False), "UNKNOWN"),
    Case("net-subnet-security-group", "nsg", Subnet(ref("vnet/app"), "/subscriptions/s/.../nsg-app", True), "PASS"),
    Case("net-subnet-security-group", "none", Subnet(ref("vnet/app"), None, True), "FAIL", "no network security group"),
    Case("net-subnet-security-group", "gateway", Subnet(ref("vnet/GatewaySubnet"), None, False), "PASS"),
    Case("net-subnet-security-group", "denied", Subnet(ref("vnet/app"), U, True), "UNKNOWN"),
    Case("enc-web-app-ftps-only", "ftps-only", WebApp(ref("app"), False, False, True), "PASS"),
    Case("enc-web-app-ftps-only", "all-allowed", WebApp(ref("app"), True, False, True), "FAIL", "without TLS"),
    Case("enc-web-app-ftps-only", "config-denied", WebApp(ref("app"), U, U, True), "UNKNOWN"),
    Case("net-web-app-remote-debugging-off", "off", WebApp(ref("app"), False, False, True), "PASS"),
    Case("net-web-app-remote-debugging-off", "on", WebApp(ref("app"), False, True, True), "FAIL", "remote debugging"),
    Case("net-web-app-remote-debugging-off", "config-denied", WebApp(ref("app"), U, U, True), "UNKNOWN"),
    Case("net-object-store-public-access-blocked", "blocked", store(), "PASS"),
    Case("net-object-store-public-access-blocked", "open", store(public_access_open=("BlockPublicPolicy",)), "FAIL",
         "public access guards off on the store and account-wide: BlockPublicPolicy"),
    Case("net-object-store-public-access-blocked", "denied", store(public_access_open=U), "UNKNOWN"),
    Case("net-account-storage-public-access-blocked", "on", AccountStorageSettings(ref("acct"), ()), "PASS"),
    Case("net-account-storage-public-access-blocked", "off",
         AccountStorageSettings(ref("acct"), ("IgnorePublicAcls", "RestrictPublicBuckets")), "FAIL",
         "account-level public access guards off: IgnorePublicAcls, RestrictPublicBuckets"),
    Case("net-account-storage-public-access-blocked", "denied", AccountStorageSettings(ref("acct"), U), "UNKNOWN"),
    Case("net-ingress-rule-admin-ports", "azure-services-sql", ingress(from_port=1433, to_port=1433,
         source="AzureCloud"), "FAIL", "1433/tcp (SQL Server) open to AzureCloud"),
    Case("enc-tls-listener-modern", "db-plaintext-allowed", listener(protocol="TLS", plaintext_routes=(
        "require_secure_transport is OFF",)), "FAIL", "accepts unencrypted connections"),
    Case("enc-tls-listener-modern", "db-secure-transport-denied", listener(protocol="TLS", plaintext_routes=U),
         "UNKNOWN"),
    Case("enc-database-storage-kms", "cmk", db("postgres", True, False), "PASS"),
    Case("enc-database-storage-kms", "provider-key", db("postgres", True, False, False, True),
         "FAIL", "provider-managed key"),
    Case("enc-database-storage-kms", "unencrypted", db("mysql", False, False, False, True),
         "FAIL", "not encrypted"),
    Case("enc-database-storage-kms", "key-unseen", db("sqlserver", True, False, U, True),
         "UNKNOWN"),
    Case("iam-database-directory-auth", "iam-auth", db("postgres", True, False),
         "PASS"),
    Case("iam-database-directory-auth", "engine-without-directory",
         db("custom-oracle-ee", True, False, True, None), "PASS"),
    Case("iam-database-directory-auth", "passwords-only",
         db("mysql", True, False, True, False), "FAIL", "mysql database accepts only"),
    Case("iam-database-directory-auth", "admins-denied", db("sqlserver", True, False, True, U),
         "UNKNOWN"),
    Case("log-database-auditing", "to-storage-90", DatabaseAuditing(ref("sql"), True, 90), "PASS"),
    Case("log-database-auditing", "unlimited", DatabaseAuditing(ref("sql"), True, 0), "PASS"),
    Case("log-database-auditing", "log-analytics-only", DatabaseAuditing(ref("sql"), True, None), "PASS"),
    Case("log-database-auditing", "off", DatabaseAuditing(ref("sql"), False, None), "FAIL", "auditing is off"),
    Case("log-database-auditing", "short-retention", DatabaseAuditing(ref("sql"), True, 30), "FAIL",
         "kept 30 days (min 90)"),
    Case("log-database-auditing", "denied", DatabaseAuditing(ref("sql"), U, U), "UNKNOWN"),
    # Azure logging: an activity-log diagnostic setting as a trail (see sources/live/azure/monitor.py)
    Case("log-audit-coverage-multi-region", "azure-activity-log-exported", AuditCoverage(ref("sub"), (trail(
        "to-law", log_file_validation=False, kms_key=None, cloudwatch_delivery_hours=None),)), "PASS"),
    Case("log-audit-coverage-multi-region", "azure-policy-category-left-out", AuditCoverage(ref("sub"), (trail(
        "to-law", management_exclusions=("Policy events",)),)), "FAIL", "to-law (leaves out Policy events)"),
    Case("log-threat-detection-enabled", "defender-plan-free", ThreatDetection(ref("defender/KeyVaults"), False),
         "FAIL", "no enabled threat detector for defender/KeyVaults"),
    Case("log-network-watcher-enabled", "provisioned", NetworkWatcher(ref("network-watcher/eastus"), True), "PASS"),
    Case("log-network-watcher-enabled", "none", NetworkWatcher(ref("network-watcher/eastus"), False), "FAIL",
         "no Network Watcher in this region"),
    Case("log-network-watcher-enabled", "unseen", NetworkWatcher(ref("network-watcher/eastus"), U), "UNKNOWN"),
    Case("iam-account-owners-at-most-three", "three", AccountOwners(ref("sub"), ("User:a", "User:b", "Group:c"), ()),
         "PASS"),
    Case("iam-account-owners-at-most-three", "four", AccountOwners(ref("sub"), ("User:a", "User:b", "User:c",
                                                                               "ServicePrincipal:d"), ()), "FAIL",
         "4 principals hold the Owner role"),
    Case("iam-account-owners-at-most-three", "denied", AccountOwners(ref("sub"), U, U), "UNKNOWN"),
    Case("iam-account-owners-more-than-one", "two", AccountOwners(ref("sub"), ("User:a", "Group:b"), ()), "PASS"),
    Case("iam-account-owners-more-than-one", "one", AccountOwners(ref("sub"), ("User:a",), ()), "FAIL",
         "fewer than two principals hold the Owner role on the subscription itself (1)"),
    Case("iam-account-owners-more-than-one", "none", AccountOwners(ref("sub"), (), ()), "FAIL", "(0)"),
    Case("iam-account-owners-more-than-one", "denied", AccountOwners(ref("sub"), U, U), "UNKNOWN"),
    Case("log-secret-store-audit-logging", "audit-events-exported", vault(), "PASS"),
    Case("log-secret-store-audit-logging", "not-exported", vault(audit_logging=False), "FAIL",
         "no diagnostic setting sends the vault's AuditEvent logs"),
    Case("log-secret-store-audit-logging", "settings-denied", vault(audit_logging=U), "UNKNOWN"),
    Case("iam-vault-object-expires", "key-expires", VaultObject(ref("kv/k"), "key", True), "PASS"),
    Case("iam-vault-object-expires", "secret-forever", VaultObject(ref("kv/s"), "secret", False), "FAIL",
         "the secret has no expiration date"),
    Case("iam-vault-object-expires", "listing-denied", VaultObject(ref("kv"), "secret", U), "UNKNOWN"),
    Case("iam-local-auth-disabled", "entra-only", LocalAuth(ref("st"), "shared key", False), "PASS"),
    Case("iam-local-auth-disabled", "shared-key", LocalAuth(ref("st"), "shared key", True), "FAIL",
         "accepts its shared key"),
    Case("iam-local-auth-disabled", "unseen", LocalAuth(ref("st"), "shared key", U), "UNKNOWN"),
    Case("iam-account-owners-no-guests", "members", AccountOwners(ref("sub"), ("User:a", "User:b"), ()), "PASS"),
    Case("iam-account-owners-no-guests", "guest", AccountOwners(ref("sub"), ("User:a", "User:b"),
                                                               ("vendor_contoso.com#EXT#@phi.onmicrosoft.com",)),
         "FAIL", "guest users hold the Owner role on the subscription: vendor_contoso.com#EXT#@phi.onmicrosoft.com"),
    Case("iam-account-owners-no-guests", "directory-denied", AccountOwners(ref("sub"), ("User:a",), U), "UNKNOWN"),
    Case("log-log-export-all-entries", "org-sink", LogExport(ref("p"), ("organizations/1/sinks/all",)), "PASS"),
    Case("log-log-export-all-entries", "none", LogExport(ref("p"), ()), "FAIL", "no enabled sink"),
    Case("log-log-export-all-entries", "ancestors-unseen", LogExport(ref("p"), U), "UNKNOWN"),
    Case("iam-web-app-managed-identity", "system-assigned", WebApp(ref("app"), False, False, True), "PASS"),
    Case("iam-web-app-managed-identity", "none", WebApp(ref("app"), False, False, False), "FAIL",
         "has no managed identity"),
    Case("iam-web-app-managed-identity", "identity-computed", WebApp(ref("app"), False, False, U), "UNKNOWN"),
    Case("enc-infrastructure-encryption-enabled", "double",
         InfrastructureEncryption(ref("st"), "storage account", True), "PASS"),
    Case("enc-infrastructure-encryption-enabled", "once", InfrastructureEncryption(ref("st"), "storage account", False),
         "FAIL", "the storage account encrypts data at rest once, without infrastructure encryption"),
    Case("enc-infrastructure-encryption-enabled", "unseen", InfrastructureEncryption(ref("st"), "storage account", U),
         "UNKNOWN"),
    Case("iam-instance-os-login", "on", vm_access(), "PASS"),
    Case("iam-instance-os-login", "off", vm_access(os_login=False), "FAIL", "OS Login is off for the VM"),
    Case("iam-instance-os-login", "project-unseen", vm_access(os_login=U), "UNKNOWN"),
    Case("iam-instance-project-ssh-keys-blocked", "blocked", vm_access(), "PASS"),
    Case("iam-instance-project-ssh-keys-blocked", "gke-node",
         vm_access(project_ssh_keys_blocked=False, managed_node=True), "PASS"),
    Case("iam-instance-project-ssh-keys-blocked", "accepted", vm_access(project_ssh_keys_blocked=False), "FAIL",
         "accepts the SSH keys in its project's"),
    Case("iam-instance-project-ssh-keys-blocked", "metadata-computed", vm_access(project_ssh_keys_blocked=U),
         "UNKNOWN"),
    Case("net-instance-serial-port-disabled", "closed", vm_access(), "PASS"),
    Case("net-instance-serial-port-disabled", "open", vm_access(serial_port_enabled=True), "FAIL",
         "interactive serial console is open"),
    Case("net-instance-serial-port-disabled", "project-unseen", vm_access(serial_port_enabled=U), "UNKNOWN"),
    Case(DEFAULT_SA, "own-account", vm_access(full_api_scope=True), "PASS"),
    Case(DEFAULT_SA, "gke-node", vm_access(default_service_account=True, managed_node=True), "PASS"),
    Case(DEFAULT_SA, "default", vm_access(default_service_account=True), "FAIL",
         "runs as the project's Compute Engine default service account"),
    Case(DEFAULT_SA, "email-computed", vm_access(default_service_account=U), "UNKNOWN"),
    Case(FULL_ACCESS, "default-narrow-scopes", vm_access(default_service_account=True), "PASS"),
    Case(FULL_ACCESS, "own-account-full", vm_access(full_api_scope=True), "PASS"),
    Case(FULL_ACCESS, "gke-node", vm_access(default_service_account=True, full_api_scope=True, managed_node=True),
         "PASS"),
    Case(FULL_ACCESS, "default-full", vm_access(default_service_account=True, full_api_scope=True),
         "FAIL", "with the cloud-platform scope"),
    Case(FULL_ACCESS, "email-computed", vm_access(default_service_account=U, full_api_scope=True),
         "UNKNOWN"),
    Case("net-dataset-not-public", "project-only", AnalyticsDataset(ref("ds"), (), None), "PASS"),
    Case("net-dataset-not-public", "all-authenticated",
         AnalyticsDataset(ref("ds"), ("allAuthenticatedUsers (roles/bigquery.dataViewer)",), None), "FAIL",
         "granted to the public: allAuthenticatedUsers (roles/bigquery.dataViewer)"),
    Case("net-dataset-not-public", "acl-unseen", AnalyticsDataset(ref("ds"), U, None), "UNKNOWN"),
    Case("enc-dataset-kms", "cmek", AnalyticsDataset(ref("ds"), (), "projects/p/locations/us/keyRings/r/cryptoKeys/k"),
         "PASS"),
    Case("enc-dataset-kms", "google-managed", AnalyticsDataset(ref("ds"), (), None), "FAIL",
         "no default customer-managed key"),
    Case("enc-dataset-kms", "key-computed", AnalyticsDataset(ref("ds"), (), U), "UNKNOWN"),
    Case("enc-dns-zone-dnssec", "signed", DnsZone(ref("z"), True, True, ()), "PASS"),
    Case("enc-dns-zone-dnssec", "private-unsigned", DnsZone(ref("z"), False, False, ()), "PASS"),
    Case("enc-dns-zone-dnssec", "public-unsigned", DnsZone(ref("z"), True, False, ()), "FAIL", "DNSSEC off"),
    Case("enc-dns-zone-dnssec", "state-computed", DnsZone(ref("z"), True, U, ()), "UNKNOWN"),
    Case("enc-dns-zone-strong-signing", "rsasha256", DnsZone(ref("z"), True, True, (
        "key-signing:RSASHA256", "zone-signing:RSASHA256")), "PASS"),
    Case("enc-dns-zone-strong-signing", "private-rsasha1", DnsZone(ref("z"), False, True, ("zone-signing:RSASHA1",)),
         "PASS"),
    Case("enc-dns-zone-strong-signing", "zsk-rsasha1", DnsZone(ref("z"), True, True, (
        "key-signing:RSASHA256", "zone-signing:RSASHA1")), "FAIL", "signs with a weak algorithm: zone-signing:RSASHA1"),
    Case("enc-dns-zone-strong-signing", "specs-computed", DnsZone(ref("z"), True, True, U), "UNKNOWN"),
    Case("log-log-archive-retention-locked", "locked", LogArchive(ref("s"), "storage.googleapis.com/a", True), "PASS"),
    Case("log-log-archive-retention-locked", "unlocked", LogArchive(ref("s"), "storage.googleapis.com/a", False),
         "FAIL", "exports logs to storage.googleapis.com/a, whose retention policy is not locked"),
    Case("log-log-archive-retention-locked", "other-project", LogArchive(ref("s"), "storage.googleapis.com/a", U),
         "UNKNOWN"),
    Case("log-database-connection-logging", "both-on", pg(), "PASS"),
    Case("log-database-connection-logging", "defaults", pg(log_connections=False, log_disconnections=False), "FAIL",
         "PostgreSQL does not log connections or disconnections: log_connections, log_disconnections off"),
    Case("log-database-connection-logging", "sessions-unlogged", pg(log_disconnections=False),
         "FAIL", "does not log disconnections: log_disconnections off"),
    Case("log-database-connection-logging", "flag-computed", pg(log_connections=U),
         "UNKNOWN"),
    Case("log-database-statements-not-logged", "disabled", pg(), "PASS"),
    Case("log-database-statements-not-logged", "slow-queries", pg(log_min_duration_statement_ms=500),
         "FAIL", "PostgreSQL logs the text of statements running 500 ms or longer (log_min_duration_statement=500)"),
    Case("log-database-statements-not-logged", "all", pg(log_min_duration_statement_ms=0), "FAIL",
         "logs the text of every statement"),
    Case("log-database-statements-not-logged", "flag-computed", pg(log_min_duration_statement_ms=U),
         "UNKNOWN"),
    Case("log-database-audit-extension", "on", pg(), "PASS"),
    Case("log-database-audit-extension", "default", pg(pgaudit=False), "FAIL",
         "the pgAudit extension is not enabled on the server"),
    Case("log-database-audit-extension", "flag-computed", pg(pgaudit=U), "UNKNOWN"),
    Case("iam-database-contained-auth-off", "default", SqlServerSettings(ref("mssql"), False, False, False), "PASS"),
    Case("iam-database-contained-auth-off", "on", SqlServerSettings(ref("mssql"), True, False, False), "FAIL",
         "contained database authentication on"),
    Case("iam-database-contained-auth-off", "flag-computed", SqlServerSettings(ref("mssql"), U, False, False),
         "UNKNOWN"),
    Case("iam-database-cross-db-ownership-chaining-off", "default", SqlServerSettings(ref("mssql"), False, False, True),
         "PASS"),
    Case("iam-database-cross-db-ownership-chaining-off", "on", SqlServerSettings(ref("mssql"), False, True, False),
         "FAIL", "cross db ownership chaining on"),
    Case("iam-database-cross-db-ownership-chaining-off", "flag-computed",
         SqlServerSettings(ref("mssql"), False, U, False), "UNKNOWN"),
    Case("net-database-remote-access-off", "off", SqlServerSettings(ref("mssql"), False, False, False), "PASS"),
    Case("net-database-remote-access-off", "default", SqlServerSettings(ref("mssql"), False, False, True), "FAIL",
         "SQL Server accepts and sends remote stored procedure calls: remote access on"),
    Case("net-database-remote-access-off", "flag-computed", SqlServerSettings(ref("mssql"), False, False, U),
         "UNKNOWN"),
    Case("iam-database-local-infile-off", "off", MySqlSettings(ref("mysql"), False, True), "PASS"),
    Case("iam-database-local-infile-off", "default", MySqlSettings(ref("mysql"), True, True), "FAIL",
         "MySQL accepts LOAD DATA LOCAL from clients: local_infile on"),
    Case("iam-database-local-infile-off", "flag-computed", MySqlSettings(ref("mysql"), U, True), "UNKNOWN"),
    Case("iam-database-show-databases-restricted", "on", MySqlSettings(ref("mysql"), False, True), "PASS"),
    Case("iam-database-show-databases-restricted", "default", MySqlSettings(ref("mysql"), False, False), "FAIL",
         "every MySQL user can list all databases: skip_show_database off"),
    Case("iam-database-show-databases-restricted", "flag-computed", MySqlSettings(ref("mysql"), False, U), "UNKNOWN"),
    Case("log-database-error-logging", "defaults", pg(), "PASS"),
    Case("log-database-error-logging", "debug-and-verbose",
         pg(log_min_messages="debug1", log_error_verbosity="verbose"), "PASS"),
    Case("log-database-error-logging", "errors-only", pg(log_min_messages="error"), "FAIL",
         "warnings are not logged (log_min_messages=error)"),
    Case("log-database-error-logging", "quiet", pg(log_min_error_statement="panic", log_error_verbosity="terse"),
         "FAIL", "failing statements are not logged (log_min_error_statement=panic); errors are logged without "
         "detail, hint or context (log_error_verbosity=terse)"),
    Case("log-database-error-logging", "flag-computed", pg(log_min_messages=U), "UNKNOWN"),
    Case("net-network-default-absent", "custom", Network(ref("phi-vpc"), False, True, False), "PASS"),
    Case("net-network-default-absent", "aws-default-vpc", Network(ref("vpc"), True, False, False), "PASS"),
    Case("net-network-default-absent", "gcp-default", Network(ref("default"), True, False, True), "FAIL",
         "the cloud's default network, created with firewall rules open to the internet, still exists"),
    Case("net-network-default-absent", "unseen", Network(ref("default"), True, False, U), "UNKNOWN"),
    Case("net-instance-ip-forwarding-off", "off", ComputeInstance(ref("vm"), (), True, False), "PASS"),
    Case("net-instance-ip-forwarding-off", "forwards", ComputeInstance(ref("vm"), (), True, True), "FAIL",
         "instance forwards traffic not addressed to it"),
    Case("net-instance-ip-forwarding-off", "nic-unlisted", ComputeInstance(ref("vm"), (), True, U), "UNKNOWN"),
    Case("iam-service-account-duties-separated", "admin-only",
         MemberRoles(ref("projects/p/user:a@x.org"), "user:a@x.org", ("roles/iam.serviceAccountAdmin",)), "PASS"),
    Case("iam-service-account-duties-separated", "both",
         MemberRoles(ref("projects/p/user:a@x.org"), "user:a@x.org",
                     ("roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser")), "FAIL",
         "user:a@x.org holds both roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser"),
    Case("iam-service-account-duties-separated", "policy-denied", MemberRoles(ref("projects/p"), "", U), "UNKNOWN"),
    Case("iam-kms-duties-separated", "user-only", MemberRoles(
        ref("projects/p/group:g@x.org"), "group:g@x.org", ("roles/cloudkms.cryptoKeyEncrypterDecrypter",)), "PASS"),
    Case("iam-kms-duties-separated", "admin-decrypts", MemberRoles(
        ref("projects/p/group:g@x.org"), "group:g@x.org",
        ("roles/cloudkms.admin", "roles/cloudkms.cryptoKeyDecrypter", "roles/viewer")), "FAIL",
         "group:g@x.org holds both roles/cloudkms.admin and roles/cloudkms.cryptoKeyDecrypter"),
    Case("iam-kms-duties-separated", "policy-denied", MemberRoles(ref("projects/p"), "", U), "UNKNOWN"),
    Case("iam-service-account-impersonation-scoped", "viewer",
         MemberRoles(ref("projects/p/user:a@x.org"), "user:a@x.org", ("roles/viewer",)), "PASS"),
    Case("iam-service-account-impersonation-scoped", "token-creator", MemberRoles(
        ref("folders/1/serviceAccount:ci@p.iam.gserviceaccount.com"), "serviceAccount:ci@p.iam.gserviceaccount.com",
        ("roles/iam.serviceAccountTokenCreator",)), "FAIL",
         "serviceAccount:ci@p.iam.gserviceaccount.com holds roles/iam.serviceAccountTokenCreator on the whole scope"),
    Case("iam-service-account-impersonation-scoped", "policy-denied", MemberRoles(ref("projects/p"), "", U),
         "UNKNOWN"),
    Case("iam-service-account-no-user-keys", "google-managed",
         ServiceAccountKey(ref("sa@p/k1"), "sa@p", False, False, False), "PASS"),
    Case("iam-service-account-no-user-keys", "expired", ServiceAccountKey(ref("sa@p/k2"), "sa@p", True, False, True),
         "PASS"),
    Case("iam-service-account-no-user-keys", "user-managed-disabled",
         ServiceAccountKey(ref("sa@p/k3"), "sa@p", True, True, False), "FAIL",
         "sa@p has a user-managed key (disabled, but it can be enabled again)"),
    Case("iam-service-account-no-user-keys", "type-unseen", ServiceAccountKey(ref("sa@p/k4"), "sa@p", U, False, False),
         "UNKNOWN"),
    Case("net-crypto-key-not-public", "private", key(), "PASS"),
    Case("net-crypto-key-not-public", "all-users", key(public_principals=(
        "allUsers (roles/cloudkms.cryptoKeyDecrypter)",)), "FAIL",
         "the key's policy grants the public: allUsers (roles/cloudkms.cryptoKeyDecrypter)"),
    Case("net-crypto-key-not-public", "policy-denied", key(public_principals=U), "UNKNOWN"),
    # AWS shapes of the database audit log: the engine's audit log type exported to CloudWatch Logs
    Case("log-database-auditing", "rds-audit-exported", DatabaseAuditing(ref("mysql-db"), True, None), "PASS"),
    Case("log-database-auditing", "rds-error-log-only", DatabaseAuditing(ref("mysql-db"), False, None), "FAIL",
         "auditing is off"),
    Case("log-database-auditing", "rds-export-unseen", DatabaseAuditing(ref("mysql-db"), U, None), "UNKNOWN"),
    Case("log-request-logging", "logged", RequestLogging(ref("alb"), True), "PASS"),
    Case("log-request-logging", "off", RequestLogging(ref("alb"), False), "FAIL", "access logging is off"),
    Case("log-request-logging", "attributes-denied", RequestLogging(ref("alb"), U), "UNKNOWN"),
    Case("log-config-recording-all-regions", "all-types", ConfigRecording(ref("config/us-east-1"), True, True), "PASS"),
    Case("log-config-recording-all-regions", "stopped", ConfigRecording(ref("config/us-east-1"), False, False), "FAIL",
         "no configuration recorder is recording"),
    Case("log-config-recording-all-regions", "some-types", ConfigRecording(ref("config/us-east-1"), True, False),
         "FAIL", "leaves resource types out"),
    Case("log-config-recording-all-regions", "status-denied", ConfigRecording(ref("config/us-east-1"), U, U),
         "UNKNOWN"),
    Case("log-posture-monitoring-enabled", "on", PostureMonitoring(ref("securityhub/us-east-1"), True), "PASS"),
    Case("log-posture-monitoring-enabled", "not-subscribed", PostureMonitoring(ref("securityhub/us-east-1"), False),
         "FAIL", "Security Hub is not enabled"),
    Case("log-posture-monitoring-enabled", "denied", PostureMonitoring(ref("securityhub/us-east-1"), U), "UNKNOWN"),
    Case("log-cluster-control-plane-logs", "all", ControlPlaneLogging(ref("eks"), ()), "PASS"),
    Case("log-cluster-control-plane-logs", "audit-only", ControlPlaneLogging(ref("eks"), (
        "api", "authenticator", "controllerManager", "scheduler")), "FAIL",
         "control-plane log types off: api, authenticator, controllerManager, scheduler"),
    Case("log-cluster-control-plane-logs", "describe-denied", ControlPlaneLogging(ref("eks"), U), "UNKNOWN"),
    Case("net-instance-metadata-tokens", "imdsv2", InstanceMetadata(ref("i-1"), True, True), "PASS"),
    Case("net-instance-metadata-tokens", "endpoint-off", InstanceMetadata(ref("i-1"), False, U), "PASS"),
    Case("net-instance-metadata-tokens", "imdsv1", InstanceMetadata(ref("i-1"), True, False), "FAIL",
         "instance metadata endpoint answers requests without a session token (IMDSv1)"),
    Case("net-instance-metadata-tokens", "preview", InstanceMetadata(ref("i-1"), U, U), "UNKNOWN"),
    Case("net-subnet-no-auto-public-ip", "private", SubnetAddressing(ref("subnet-1"), False), "PASS"),
    Case("net-subnet-no-auto-public-ip", "maps", SubnetAddressing(ref("subnet-1"), True), "FAIL",
         "subnet assigns a public IPv4 address to every launch (MapPublicIpOnLaunch)"),
    Case("net-subnet-no-auto-public-ip", "preview", SubnetAddressing(ref("subnet-1"), U), "UNKNOWN"),
    Case("net-cluster-endpoint-not-public", "private", ClusterEndpoint(ref("eks"), False, ()), "PASS"),
    Case("net-cluster-endpoint-not-public", "office-only", ClusterEndpoint(ref("eks"), True, ("203.0.113.0/24",)),
         "PASS"),
    Case("net-cluster-endpoint-not-public", "open", ClusterEndpoint(ref("eks"), True, ("0.0.0.0/0",)), "FAIL",
         "public API server endpoint admits 0.0.0.0/0"),
    Case("net-cluster-endpoint-not-public", "denied", ClusterEndpoint(ref("eks"), U, U), "UNKNOWN"),
    Case("net-function-url-auth-required", "iam", FunctionUrl(ref("fn"), True), "PASS"),
    Case("net-function-url-auth-required", "none", FunctionUrl(ref("fn"), False), "FAIL",
         "function URL accepts unauthenticated requests (AuthType NONE)"),
    Case("net-function-url-auth-required", "denied", FunctionUrl(ref("fn"), U), "UNKNOWN"),
    Case("iam-policy-grant-no-service-wildcard", "named-actions", PolicyGrant(
        ref("p"), SCOPED, True, service_wildcards=()), "PASS"),
    Case("iam-policy-grant-no-service-wildcard", "not-judged", PolicyGrant(ref("p"), FULL_ADMIN, True), "PASS"),
    Case("iam-policy-grant-no-service-wildcard", "s3-star", PolicyGrant(
        ref("p"), SCOPED, True, service_wildcards=("s3:*", "sqs:*")), "FAIL",
         "allows every action of s3:*, sqs:* on all resources"),
    Case("iam-policy-grant-no-service-wildcard", "computed", PolicyGrant(
        ref("p"), U, True, service_wildcards=Unknown("computed at preview: policy")), "UNKNOWN"),
    Case("iam-policy-grant-no-kms-decrypt-all-keys", "named-keys", PolicyGrant(
        ref("p"), SCOPED, True, decrypt_all_keys=()), "PASS"),
    Case("iam-policy-grant-no-kms-decrypt-all-keys", "not-judged", PolicyGrant(ref("p"), FULL_ADMIN, True), "PASS"),
    Case("iam-policy-grant-no-kms-decrypt-all-keys", "kms-star", PolicyGrant(
        ref("p"), SCOPED, True, decrypt_all_keys=("kms:Decrypt", "kms:ReEncryptFrom")), "FAIL",
         "allows kms:Decrypt, kms:ReEncryptFrom on every KMS key"),
    Case("iam-policy-grant-no-kms-decrypt-all-keys", "computed", PolicyGrant(
        ref("p"), U, True, decrypt_all_keys=Unknown("computed at preview: policy")), "UNKNOWN"),
    Case("iam-role-trust-not-public", "service", RoleTrust(ref("role"), ()), "PASS"),
    Case("iam-role-trust-not-public", "anyone", RoleTrust(ref("role"), ("* may sts:AssumeRole",)), "FAIL",
         "any principal of any account may assume the role: * may sts:AssumeRole"),
    Case("iam-role-trust-not-public", "preview", RoleTrust(ref("role"), U), "UNKNOWN"),
    Case("net-resource-policy-not-public", "account-only", ResourcePolicy(ref("q"), "queue", ()), "PASS"),
    Case("net-resource-policy-not-public", "anyone", ResourcePolicy(ref("fn"), "lambda function", (
        "* may lambda:InvokeFunction",)), "FAIL",
         "the lambda function's policy grants the public: * may lambda:InvokeFunction"),
    Case("net-resource-policy-not-public", "denied", ResourcePolicy(ref("q"), "queue", U), "UNKNOWN"),
]

# log-alert-*: one ChangeAlerting per account, each rule reading its own category's gap.
ALERT_CATEGORIES = ("unauthorized-api-calls", "console-signin-without-mfa", "root-usage", "iam-policy-changes",
                    "audit-trail-changes", "console-signin-failures", "key-deletion", "storage-policy-changes",
                    "config-recording-changes", "firewall-changes", "network-acl-changes", "network-gateway-changes",
                    "route-changes", "network-changes", "organization-changes")


def _alerting(category: str, gap: Any) -> ChangeAlerting:
    """Every category wired but ``category``, whose gap is ``gap``."""
    return ChangeAlerting(ref("change-alerts"), tuple((c, gap if c == category else None) for c in ALERT_CATEGORIES))


CASES += [case for c in ALERT_CATEGORIES for case in (
    Case(f"log-alert-{c}", "wired", _alerting(c, None), "PASS"),
    Case(f"log-alert-{c}", "no-filter", _alerting(c, "no metric filter on log group trail matches all of them"),
         "FAIL", "raise no alert: no metric filter on log group trail matches all of them"),
    Case(f"log-alert-{c}", "denied", _alerting(c, U), "UNKNOWN"),
)]
CASES += [
    Case("log-alert-root-usage", "unsubscribed", _alerting("root-usage", "alarm root notifies no topic with a "
                                                           "confirmed subscription"), "FAIL",
         "Uses of the root user raise no alert: alarm root notifies no topic with a confirmed subscription"),
    Case("log-alert-route-changes", "not-judged", ChangeAlerting(ref("change-alerts"), ()), "UNKNOWN"),
    Case("log-alert-network-changes", "all-unknown", ChangeAlerting(ref("change-alerts"), U), "UNKNOWN"),
]

# IAM account hygiene from the credential report (CIS AWS v3 1.6, 1.7, 1.12, 1.13)
CASES += [
    Case("iam-credential-unused", "used-recently", Credential(ref("k"), "ci", True, 200, unused_days=3), "PASS"),
    Case("iam-credential-unused", "unused-inactive", Credential(ref("k"), "ci", False, 200, unused_days=300), "PASS"),
    Case("iam-credential-unused", "44-days", Credential(ref("k"), "ci", True, 60, unused_days=44), "PASS"),
    Case("iam-credential-unused", "not-judged", Credential(ref("key1"), "acct", True, 10, unused_days=None), "PASS"),
    Case("iam-credential-unused", "45-days", Credential(ref("k"), "ci", True, 60, unused_days=45), "FAIL",
         "active key unused for 45 days (max 44)"),
    Case("iam-credential-unused", "report-denied", Credential(ref("k"), "ci", True, 60, unused_days=U), "UNKNOWN"),
    Case("iam-identity-console-unused", "signed-in", Identity(ref("alice"), True, True, (), console_unused_days=2),
         "PASS"),
    Case("iam-identity-console-unused", "no-password", Identity(ref("ci"), False, False, (), console_unused_days=None),
         "PASS"),
    Case("iam-identity-console-unused", "stale", Identity(ref("bob"), True, True, (), console_unused_days=120),
         "FAIL", "console password unused for 120 days (max 44)"),
    Case("iam-identity-console-unused", "report-denied", Identity(ref("bob"), True, True, (), console_unused_days=U),
         "UNKNOWN"),
    Case("iam-identity-single-active-key", "one", Identity(ref("ci"), False, False, (), active_keys=1), "PASS"),
    Case("iam-identity-single-active-key", "none", Identity(ref("alice"), True, True, (), active_keys=0), "PASS"),
    Case("iam-identity-single-active-key", "two", Identity(ref("ci"), False, False, (), active_keys=2), "FAIL",
         "2 active access keys"),
    Case("iam-identity-single-active-key", "keys-denied", Identity(ref("ci"), False, False, (), active_keys=U),
         "UNKNOWN"),
    Case("iam-root-account-hardware-mfa", "hardware", replace(root(mfa=True), mfa_virtual=False), "PASS"),
    Case("iam-root-account-hardware-mfa", "no-credentials-central",
         replace(root(password=False, central=True), mfa_virtual=False), "PASS"),
    Case("iam-root-account-hardware-mfa", "virtual", replace(root(mfa=True), mfa_virtual=True), "FAIL",
         "virtual (software) device"),
    Case("iam-root-account-hardware-mfa", "no-mfa", replace(root(), mfa_virtual=False), "FAIL", "no MFA device"),
    Case("iam-root-account-hardware-mfa", "devices-denied", replace(root(mfa=True), mfa_virtual=U), "UNKNOWN"),
    Case("iam-root-account-hardware-mfa", "summary-denied", replace(root(U, U, U, U), mfa_virtual=False), "UNKNOWN"),
    Case("iam-root-account-not-used", "never", replace(root(), last_used_days=None), "PASS"),
    Case("iam-root-account-not-used", "long-ago", replace(root(), last_used_days=400), "PASS"),
    Case("iam-root-account-not-used", "yesterday", replace(root(), last_used_days=1), "FAIL",
         "root user was last used 1 day(s) ago (within 30 days)"),
    Case("iam-root-account-not-used", "report-denied", replace(root(), last_used_days=U), "UNKNOWN"),
]

# the provider's support, for incidents (CIS AWS v3 1.17)
CASES += [
    Case("iam-support-role-exists", "one-role", SupportAccess(ref("support-access"), ("incident-responders",)),
         "PASS"),
    Case("iam-support-role-exists", "none", SupportAccess(ref("support-access"), ()), "FAIL",
         "no role holds AWSSupportAccess"),
    Case("iam-support-role-exists", "denied", SupportAccess(ref("support-access"), U), "UNKNOWN"),
]

