"""Every rule the pack checks, on real pulumi-aws programs, through the real pack process.

Each case asserts the exact set of (policy, resource, level) the pack reports for the
whole program: compliant resources must produce nothing, non-compliant ones exactly
their violations. Levels are forced to mandatory so UNKNOWN (advisory) stands out.
"""

import pytest

import tests.pulumi_programs.aws_encryption as aws_encryption
import tests.pulumi_programs.aws_logging as aws_logging
import tests.pulumi_programs.aws_network as aws_network
from tests.packs.helpers import MANDATORY, captured, keys
from tests.pulumi_programs import aws_edge, iam, kms_keys, logging, messaging, network, storage, threat_detection, tls
from tests.verdicts import Verdicts

M, A = "mandatory", "advisory"

CASES = {
    "bucket-compliant": (storage.compliant_bucket, True, set()),
    "buckets-noncompliant": (storage.noncompliant_buckets, True, {
        ("enc-object-store-kms", "bare", M),
        ("enc-object-store-kms", "partial", M),
        ("enc-object-store-tls-only", "bare", M),  # no bucket policy
        ("enc-object-store-tls-only", "partial", M),  # a policy refusing plain-HTTP downloads only
        ("log-object-store-access-logging", "bare", M),
        ("log-object-store-access-logging", "partial", M),
        # "bare" has no block resource: S3 creates it with all four guards on (April 2023)
        ("net-object-store-public-access-blocked", "partial", M),  # two guards left off
    }),
    "buckets-noncompliant-update": (storage.noncompliant_buckets, False, {
        ("enc-object-store-kms", "bare", M),
        ("enc-object-store-kms", "partial", M),
        ("enc-object-store-tls-only", "bare", M),  # no bucket policy
        ("enc-object-store-tls-only", "partial", M),  # a policy refusing plain-HTTP downloads only
        ("log-object-store-access-logging", "bare", M),
        ("log-object-store-access-logging", "partial", M),
        ("net-object-store-public-access-blocked", "partial", M),
    }),
    "stock-template-bucket": (storage.stock_template_bucket, True, {
        ("enc-object-store-kms", "my-bucket", M),  # SSE-S3
        ("enc-object-store-tls-only", "my-bucket", M),
        ("log-object-store-access-logging", "my-bucket", M),
    }),
    "bucket-one-guard-off": (storage.bucket_one_guard_off, True, {
        ("enc-object-store-kms", "website", M),
        ("enc-object-store-tls-only", "website", M),
        ("log-object-store-access-logging", "website", M),
        ("net-object-store-public-access-blocked", "website", M),
    }),
    "bucket-guards-covered-by-account-block": (storage.bucket_guard_covered_by_account_block, True, {
        ("enc-object-store-kms", "shared", M),
        ("enc-object-store-tls-only", "shared", M),
        ("log-object-store-access-logging", "shared", M),
    }),
    "bucket-encryption-keys": (storage.bucket_encryption_keys, True, {
        ("enc-object-store-kms", "default-key", M),  # aws:kms without a key: the AWS-managed aws/s3 key
        ("enc-object-store-kms", "named-aws-key", M),
        ("enc-object-store-kms", "dsse-default-key", M),
        ("enc-object-store-kms", "foreign-key", A),  # not in the stack: customer-managed or not, unknown here
        *((rule, bucket, M) for rule in ("enc-object-store-tls-only", "log-object-store-access-logging")
          for bucket in ("default-key", "named-aws-key", "stack-key", "dsse-stack-key", "dsse-default-key",
                         "foreign-key")),
    }),
    "kms-key-policies": (kms_keys.key_policies, True, {
        ("net-crypto-key-not-public", n, M) for n in ("open-key", "replaced-key")}),
    "kms-key-policies-update": (kms_keys.key_policies, False, {
        ("net-crypto-key-not-public", n, M) for n in ("open-key", "replaced-key")}),
    "kms-keys-that-cannot-rotate": (kms_keys.keys_that_cannot_rotate, True, {
        # keys are judged at stack level (their key policy may be a separate resource): hsm-key's
        # propertyDependencies show its store is the stack's CloudHSM store, whose keys cannot rotate
        ("enc-crypto-key-rotation", "global-static", M),
    }),
    "kms-keys-that-cannot-rotate-update": (kms_keys.keys_that_cannot_rotate, False, {
        ("enc-crypto-key-rotation", "global-static", M),
    }),
    "volumes": (storage.volumes, True, {
        ("enc-block-volume-encrypted", "plain-disk", M),
        ("enc-block-volume-kms", "plain-disk", M),
        ("enc-block-volume-kms", "encrypted-disk", A),  # no kmsKeyId: the region's default key, aws/ebs or not
        ("enc-block-storage-default-encryption", "ebs-default-off", M),
    }),
    "volume-with-default-encryption-on": (storage.volumes_default_on, True, {
        ("enc-block-volume-kms", "implicit-disk", A),
    }),
    "volume-implicit-encryption": (storage.volume_implicit, True, {
        ("enc-block-volume-encrypted", "implicit-disk", A),
        ("enc-block-volume-kms", "implicit-disk", A),
    }),
    "instances": (network.instances, True, {
        ("net-instance-no-public-ip", "bastion", M),  # no subnet: the default subnet maps a public IPv4
        ("net-instance-no-public-ip", "legacy", M),
        ("enc-instance-host-encryption", "legacy", M),  # m3: unencrypted SSD instance store
        ("net-instance-no-public-ip", "elsewhere", A),  # a subnet the stack does not create
        ("net-instance-ip-forwarding-off", "nat", M),  # source/destination check off
        ("log-network-flow-logs", "app-vpc", M),
        # no metadata_options: launched with the default, IMDSv1 answered too
        *(("net-instance-metadata-tokens", name, M) for name in ("bastion", "app", "legacy", "elsewhere", "nat")),
    }),
    "messaging-compliant": (messaging.compliant, True, {
        ("enc-file-system-tls-only", "shared", M),  # no file system policy refuses plaintext mounts
    }),
    "messaging-noncompliant": (messaging.noncompliant, True, {
        ("enc-message-queue-encrypted", "legacy-intake", M),  # SSE-SQS turned off, no KMS key
        ("enc-message-queue-encrypted", "phi-alerts", M),  # a topic without a KMS key
        ("enc-file-system-encrypted", "scratch", M),  # encrypted left to its default, false
        ("enc-file-system-tls-only", "scratch", M),
    }),
    "messaging-noncompliant-update": (messaging.noncompliant, False, {
        ("enc-message-queue-encrypted", "legacy-intake", M),
        ("enc-message-queue-encrypted", "phi-alerts", M),
        ("enc-file-system-encrypted", "scratch", M),
        ("enc-file-system-tls-only", "scratch", M),
    }),
    "messaging-unresolved": (messaging.unresolved, True, {
        ("enc-message-queue-encrypted", "late-queue", A),  # SSE-SQS off, key not created yet
        ("enc-message-queue-encrypted", "late-topic", A),  # key not created yet
    }),
    "messaging-unresolved-update": (messaging.unresolved, False, set()),
    "databases": (storage.databases, True, {
        ("enc-database-storage-encrypted", "bad-db", M),
        ("net-database-not-public", "bad-db", M),
        ("enc-database-storage-kms", "bad-db", M),  # good-db: a key of the stack
        ("iam-database-directory-auth", "bad-db", M),  # good-db: IAM database authentication
        ("log-database-auditing", "bad-db", M),  # good-db exports its postgresql log
        ("enc-database-tls-required", "bad-db", M),  # MySQL on the default group (good-db: PostgreSQL 16)
    }),
    "admin-ports-open": (network.open_admin_ports, True, {
        ("net-ingress-rule-admin-ports", "web", M),  # inline block, SSH
        ("net-ingress-rule-admin-ports", "web-rdp", M),  # aws:ec2/securityGroupRule
        ("net-ingress-rule-admin-ports", "db-postgres", M),  # aws:vpc/securityGroupIngressRule, ::/0
        ("net-ingress-rule-admin-ports", "db-everything", M),  # all protocols
    }),
    "admin-ports-open-update": (network.open_admin_ports, False, {
        ("net-ingress-rule-admin-ports", "web", M),
        ("net-ingress-rule-admin-ports", "web-rdp", M),
        ("net-ingress-rule-admin-ports", "db-postgres", M),
        ("net-ingress-rule-admin-ports", "db-everything", M),
    }),
    "admin-ports-closed": (network.closed_admin_ports, True, set()),
    "admin-ports-udp-and-numeric": (network.udp_and_numeric_ports, True, {
        ("net-ingress-rule-admin-ports", "voip", M),  # inline udp 3389 (RDP over UDP); udp 53 passes
        ("net-ingress-rule-admin-ports", "voip-snmp", M),  # protocol "17", 161 to ::/0
        ("net-ingress-rule-admin-ports", "voip-ssh-half", M),  # ip_protocol "6" to 128.0.0.0/1
    }),
    "network-acls": (network.network_acls, True, {
        ("net-network-acl-admin-ports", "open-acl", M),  # inline allow 22
        ("net-network-acl-admin-ports", "web-acl", M),  # a separate rule allowing everything from ::/0
        ("net-network-acl-admin-ports", "snmp-acl", M),  # udp 161-162
        ("net-network-acl-admin-ports", "legacy-ssh", A),  # ACL outside the stack: its other entries unknown
        ("log-network-flow-logs", "acl-vpc", M),
        # app-acl: its deny 22 (rule 90) shadows the allow 22 (rule 100); adopted-default: no entries left
    }),
    "network-acls-update": (network.network_acls, False, {
        ("net-network-acl-admin-ports", "open-acl", M),
        ("net-network-acl-admin-ports", "web-acl", M),
        ("net-network-acl-admin-ports", "snmp-acl", M),
        ("net-network-acl-admin-ports", "legacy-ssh", A),
        ("log-network-flow-logs", "acl-vpc", M),
    }),
    "vpcs-and-default-groups": (network.vpcs, True, {
        ("log-network-flow-logs", "unlogged", M),
        ("net-security-group-default-closed", "unlogged-default", M),
    }),
    "trails": (logging.trails, False, {
        ("enc-audit-trail-kms", "dev-trail", M),
        ("log-audit-trail-validation", "dev-trail", M),
        ("log-audit-trail-cloudwatch", "dev-trail", M),
    }),
    "audit-log-groups": (logging.audit_log_groups, True, {
        ("enc-log-group-audit-kms", "flow-logs", M),  # a flow log delivers there; no key
    }),
    "audit-log-groups-update": (logging.audit_log_groups, False, {
        ("enc-log-group-audit-kms", "flow-logs", M),
    }),
    "log-groups": (logging.log_groups, True, {("log-log-group-retention", "short-logs", M)}),
    "threat-detectors": (threat_detection.detectors, True, {
        ("log-threat-detection-enabled", "paused", M),
        ("log-threat-detection-enabled", "eu-paused", M),
    }),
    "threat-detectors-update": (threat_detection.detectors, False, {
        ("log-threat-detection-enabled", "paused", M),
        ("log-threat-detection-enabled", "eu-paused", M),
    }),
    "threat-detector-enabled": (threat_detection.detector_enabled, True, set()),
    "threat-detector-computed": (threat_detection.detector_computed, True, {
        ("log-threat-detection-enabled", "threats", A),
    }),
    "users-and-policies": (iam.users_and_policies, True, {
        ("iam-identity-no-direct-policies", "alice", M),
        ("iam-policy-grant-no-admin", "admin", M),
        ("iam-policy-grant-no-admin", "reader", M),  # its second statement: Allow NotAction iam:* on "*"
        ("iam-policy-grant-no-kms-decrypt-all-keys", "admin", M),  # "*" allows kms:Decrypt on every key
        ("iam-policy-grant-no-kms-decrypt-all-keys", "reader", M),
    }),
    "admin-grants": (iam.admin_grants, True, {
        ("iam-policy-grant-no-admin", "ci-deployer-admin", M),  # RolePolicyAttachment of AdministratorAccess
        ("iam-policy-grant-no-admin", "app-all-but-iam", M),  # RolePolicy: Allow NotAction iam:* on *
        ("iam-policy-grant-no-admin", "every-arn", M),  # "*:*" on arn:aws:*:*:*:*
        ("iam-policy-grant-no-admin", "break-glass", M),  # the role's own managedPolicyArns
        ("iam-policy-grant-no-admin", "ops-everything", M),
        ("iam-policy-grant-no-admin", "ops-admin", M),
        ("iam-policy-grant-no-admin", "admins-all-but-iam", M),
        ("iam-policy-grant-no-admin", "admins-admin", M),
        ("iam-policy-grant-no-admin", "oncall-admin", M),  # PolicyAttachment
        ("iam-identity-no-direct-policies", "ops", M),
        ("iam-identity-no-direct-policies", "auditor", M),
        *(("iam-policy-grant-no-kms-decrypt-all-keys", name, M)  # admin documents decrypt with every key too
          for name in ("app-all-but-iam", "every-arn", "ops-everything", "admins-all-but-iam")),
    }),
    "grant-computed": (iam.grant_computed_at_preview, True, {
        (rule, "publish", A) for rule in ("iam-policy-grant-no-admin", "iam-policy-grant-no-service-wildcard",
                                          "iam-policy-grant-no-kms-decrypt-all-keys")}),
    "grant-computed-update": (iam.grant_computed_at_preview, False, set()),
    "password-policy-weak": (iam.password_policies, True, {("iam-password-policy-strong", "weak", M)}),
    "password-policy-strong": (iam.strong_password_policy, True, set()),
    "kms-keys": (iam.keys, True, {("enc-crypto-key-rotation", "static", M)}),
    "listeners": (tls.listeners, True, {
        ("enc-tls-listener-modern", "http-plain", M),
        ("enc-tls-listener-modern", "https-legacy", M),
        ("enc-tls-listener-modern", "https-mystery", A),  # policy name not in the table
    }),
    "listener-defaults-and-rules": (tls.listener_defaults_and_rules, True, {
        ("enc-tls-listener-modern", "implicit-http", M),
        ("log-request-logging", "portal", M),  # access logs left off (the default)
        ("log-request-logging", "db-proxy", M),  # no protocol on an application LB: HTTP
        ("enc-tls-listener-modern", "implicit-tcp", A),  # no protocol on a network LB: TCP pass-through
        ("enc-tls-listener-modern", "leaky-redirect", M),  # redirects by default, rule 10 forwards
        ("net-web-firewall-attached", "portal", M),  # an internet-facing ALB without a web ACL
    }),
    "listener-defaults-and-rules-update": (tls.listener_defaults_and_rules, False, {
        ("enc-tls-listener-modern", "implicit-http", M),
        ("log-request-logging", "portal", M),  # access logs left off (the default)
        ("log-request-logging", "db-proxy", M),
        ("enc-tls-listener-modern", "implicit-tcp", A),
        ("enc-tls-listener-modern", "leaky-redirect", M),
        ("net-web-firewall-attached", "portal", M),
    }),
    "config-recorders": (aws_logging.config_recorders, True, {
        ("log-config-recording-all-regions", "recorder-eu-west-1", M),  # S3 buckets only
        ("log-config-recording-all-regions", "recorder-us-west-2", M),  # never started
    }),
    "eks-control-plane-logs": (aws_logging.eks_clusters, True, {
        ("log-cluster-control-plane-logs", "audit-eks", M),
        ("log-cluster-control-plane-logs", "quiet-eks", M),
        ("log-cluster-control-plane-logs", "late-eks", A),  # log types computed at preview
        # public endpoint left to EKS's default: 0.0.0.0/0
        *(("net-cluster-endpoint-not-public", name, M) for name in ("all-logs-eks", "audit-eks", "quiet-eks",
                                                                     "late-eks")),
    }),
    "instance-metadata": (aws_network.instance_metadata, True, {
        ("net-instance-metadata-tokens", "default-launch", M),
        ("net-instance-metadata-tokens", "late-imds", A),  # token setting computed at preview
        *(("net-instance-no-public-ip", name, M) for name in ("v2-only", "default-launch", "no-imds", "late-imds")),
    }),
    "subnets": (aws_network.subnets, True, {
        ("net-subnet-no-auto-public-ip", "public-a", M),
        ("net-subnet-no-auto-public-ip", "late-subnet", A),  # setting computed at preview
        ("log-network-flow-logs", "net-vpc", M),
    }),
    "eks-endpoints": (aws_network.eks_endpoints, True, {
        ("net-cluster-endpoint-not-public", "open-eks", M),
        ("net-cluster-endpoint-not-public", "default-eks", M),
        ("net-cluster-endpoint-not-public", "late-endpoint-eks", A),  # ranges computed at preview
        *(("log-cluster-control-plane-logs", name, M)
          for name in ("private-eks", "office-eks", "open-eks", "default-eks", "late-endpoint-eks")),
    }),
    "function-urls": (aws_network.function_urls, True, {
        ("net-function-url-auth-required", "open-fn-url", M),
        ("net-function-url-auth-required", "late-fn-url", A),  # auth type computed at preview
        # the functions behind the URLs run in Lambda's own network
        *(("net-function-in-private-network", name, M) for name in ("signed-fn", "open-fn", "late-fn")),
    }),
    "lambda-functions": (aws_network.lambda_functions, True, {
        ("net-function-in-private-network", "public-fn", M),
        ("net-function-in-private-network", "empty-vpc-fn", M),
        ("net-function-in-private-network", "late-vpc-fn", A),  # subnets computed at preview
        ("log-network-flow-logs", "fn-vpc", M),
    }),
    "notebooks": (aws_network.notebooks, True, {
        *((rule, "default-nb", M) for rule in ("enc-notebook-kms", "net-notebook-no-direct-internet",
                                               "iam-notebook-root-access-disabled")),
        ("net-notebook-no-direct-internet", "late-nb", A),  # access settings computed at preview
        ("iam-notebook-root-access-disabled", "late-nb", A),
        ("log-network-flow-logs", "nb-vpc", M),
    }),
    "containers": (aws_network.containers, True, {
        ("net-container-service-no-public-ip", "public-svc", M),
        ("net-container-service-no-public-ip", "late-svc", A),  # assign_public_ip computed at preview
        ("iam-container-not-privileged", "agent", M),
        ("iam-container-not-privileged", "late-td", A),  # container definitions built from an output
        ("log-network-flow-logs", "ecs-vpc", M),
    }),
    "launch-templates": (aws_network.launch_templates, True, {
        ("net-instance-metadata-tokens", "legacy-template", M),  # no metadata_options: IMDSv1 answered too
        ("net-instance-metadata-tokens", "late-template", A),  # token setting computed at preview
    }),
    "narrower-grants": (iam.narrower_grants, True, {
        ("iam-policy-grant-no-service-wildcard", "s3-everything", M),
        ("iam-policy-grant-no-service-wildcard", "etl", M),  # its inline policy: kms:* on "*"
        ("iam-policy-grant-no-kms-decrypt-all-keys", "etl", M),
        ("iam-policy-grant-no-kms-decrypt-all-keys", "etl-decrypt", M),
        ("iam-policy-grant-no-service-wildcard", "etl-one-key", A),  # the key ARN: computed at preview
        ("iam-policy-grant-no-kms-decrypt-all-keys", "etl-one-key", A),
        ("iam-policy-grant-no-admin", "etl-one-key", A),
        ("enc-crypto-key-rotation", "records", M),
    }),
    "role-trusts": (iam.role_trusts, True, {
        ("iam-role-trust-not-public", "open-door", M),
        ("iam-role-trust-not-public", "star-principal", M),
        ("iam-role-trust-not-public", "ops-elevate", A),  # trusts a user whose ARN is computed at preview
    }),
    "resource-policies": (aws_network.resource_policies, True, {
        *(("net-resource-policy-not-public", name, M)
          for name in ("open-fn", "open-queue", "open-topic", "open-repo", "open-secret")),
        ("net-resource-policy-not-public", "late-queue", A),  # its policy is built from the queue's ARN
        ("enc-message-queue-encrypted", "open-topic", M),  # SNS has no default encryption
        ("enc-message-queue-encrypted", "default-topic", M),
        # the secrets neither rotate nor name a key (aws/secretsmanager); the functions run outside any VPC
        *((rule, name, M) for rule in ("enc-secret-kms", "iam-secret-rotation-enabled")
          for name in ("open-secret", "org-secret")),
        *(("net-function-in-private-network", name, M) for name in ("open-fn", "partner-fn", "plain-fn")),
    }),
    # encrypted as their source, shared with all or not; a snapshot of an instance outside the stack cannot be
    # told (advisory), nor the sharing computed at preview; the instances and clusters fail their own rules
    "snapshots": (aws_encryption.snapshots, True, {
        *(("enc-snapshot-encrypted", n, M) for n in ("shared-db-snap", "open-cluster-snap", "plain-vol-snap")),
        ("enc-snapshot-encrypted", "outside-db-snap", A),
        *(("net-snapshot-not-public", n, M) for n in ("shared-db-snap", "open-cluster-snap")),
        ("net-snapshot-not-public", "late-db-snap", A),
        ("enc-block-volume-encrypted", "plain-vol", M), ("enc-block-volume-kms", "plain-vol", M),
        ("enc-block-volume-kms", "phi-vol", A),
        ("enc-database-storage-encrypted", "plain-db", M),
        *((rule, db, M) for rule in ("enc-database-storage-kms", "iam-database-directory-auth")
          for db in ("phi-db", "plain-db")),
        *(("enc-database-tls-required", db, A) for db in ("phi-db", "plain-db")),  # no engine version pinned
        *(("log-database-auditing", db, M) for db in ("phi-db", "plain-db", "phi-cluster", "open-cluster")),
    }),
    "secrets-update": (aws_encryption.secrets, False, {
        ("enc-secret-kms", "legacy-token", M),  # aws/secretsmanager
        *(("iam-secret-rotation-enabled", n, M) for n in ("legacy-token", "partner-api-key")),
    }),
    "replication-instances": (aws_network.replication_instances, True, {
        ("net-replication-instance-not-public", "legacy-migration", M),
        ("net-replication-instance-not-public", "late-migration", A),  # its flag waits on another resource
    }),
    # a distribution is two listeners (its HTTPS and HTTP sides): both fail the TLS rule on legacy and default
    "edge-distributions": (aws_edge.distributions, True, Verdicts({
        **{("enc-tls-listener-modern", name, M): 2 for name in ("legacy", "default")},
        ("enc-tls-listener-modern", "late", A): 2,  # security policy and API viewer policy computed at preview
        ("log-request-logging", "legacy", M): 1,
        **{("net-web-firewall-attached", name, M): 1 for name in ("portal", "legacy", "default", "late")},
    })),
    "edge-stages": (aws_edge.stages, True, {
        ("log-request-logging", "claims-dev", M),
        *(("net-web-firewall-attached", s, M) for s in ("claims-prod", "claims-dev")),
    }),
    "web-firewalls": (aws_edge.web_firewalls, True, {
        ("net-web-firewall-attached", "open-alb", M),
        ("net-web-firewall-attached", "legacy", M),
        ("net-web-firewall-attached", "claims-api-dev", M),
        *(("log-request-logging", name, M) for name in ("guarded-alb", "open-alb", "internal-alb", "claims-api-prod",
                                                          "claims-api-dev", "internal-api-prod")),
    }),
    "search-and-cache": (aws_encryption.search_and_cache, True, {
        ("enc-crypto-key-rotation", "search-key", M),
        *((rule, "open-search", M) for rule in (
            "enc-database-storage-encrypted", "enc-database-storage-kms", "enc-database-tls-required",
            "enc-database-internode-encrypted", "log-database-auditing", "net-database-not-public")),
        ("enc-database-storage-kms", "migrating-cache", M),
        ("enc-database-tls-required", "migrating-cache", M),  # transit in preferred mode: plaintext accepted
        *((rule, "plain-cache", M) for rule in ("enc-database-storage-encrypted", "enc-database-storage-kms",
                                                "enc-database-tls-required", "enc-database-internode-encrypted")),
        *((rule, "valkey-cache", M) for rule in ("enc-database-storage-kms", "enc-database-tls-required",
                                                 "enc-database-internode-encrypted")),  # encrypted at rest only
        ("enc-database-storage-encrypted", "late-cache", M),
        ("enc-database-storage-kms", "late-cache", M),
        ("enc-database-tls-required", "late-cache", A),  # transit flag computed at preview
        ("enc-database-internode-encrypted", "late-cache", A),
    }),
    "database-tls": (aws_encryption.database_tls, True, {
        ("enc-crypto-key-rotation", "tls-key", M),
        *((rule, db, M) for db in ("mysql-open", "mysql-shared", "oracle-db", "pg-late", "pg-unversioned",
                                   "pg14-default", "pg14-forced", "pg16-default")
          for rule in ("enc-database-storage-encrypted", "enc-database-storage-kms", "iam-database-directory-auth",
                       "log-database-auditing")),
        *(("enc-database-storage-kms", w, M) for w in ("tls-warehouse", "tuned-warehouse", "unnamed-warehouse",
                                                         "v1-warehouse")),
        *(("enc-database-tls-required", db, M) for db in ("mysql-open", "pg14-default", "tuned-warehouse",
                                                          "v1-warehouse")),
        *(("enc-database-tls-required", db, A) for db in ("mysql-shared", "pg-late", "pg-unversioned",
                                                          "unnamed-warehouse")),
    }),

}


@pytest.mark.parametrize("case", sorted(CASES))
def test_program_violations(pack, case):
    program, preview, expected = CASES[case]
    assert keys(pack.run(captured(program, preview), MANDATORY)) == expected


def test_every_pack_policy_has_a_failing_case(pack):
    """Each non-live-only rule is caught failing by some program above (or is known not to be able to)."""
    caught = {policy for _, _, expected in CASES.values() for policy, _, level in expected if level == M}
    policies = {p.name for p in pack.info().policies}
    # Since January 2023 S3 encrypts every bucket (SSE-S3): no Pulumi program can produce an unencrypted
    # bucket, so this rule can only pass or be UNKNOWN from this source (see test_unknowns_and_secrets).
    # Only Google Cloud pre-opens a default network: an AWS default VPC passes net-network-default-absent.
    # A program cannot schedule a key's deletion: pulumi-aws keys are never pending deletion.
    assert policies - caught == {"enc-object-store-default-encryption", "net-network-default-absent",
                                 "enc-crypto-key-not-pending-deletion"}


def test_classic_load_balancer_listeners(pack):
    """One classic ELB, four listeners: each judged on its own, named "<load balancer>:<port>"."""
    violations = pack.run(captured(tls.classic_load_balancer), MANDATORY)
    found = sorted((v.resource, v.level, v.message.split("\n", 1)[1].split(" [", 1)[0]) for v in violations)
    assert found == [
        ("legacy", A, "legacy:5432: could not be known: TCP listener passes traffic through without terminating "
                      "it: whether it is TLS end to end is decided by the targets, not visible at the listener "
                      "(UNKNOWN, reported as advisory until it can be checked; it is not a pass)"),
        ("legacy", M, "legacy: access logging is off"),  # no access_logs block
        ("legacy", M, "legacy:80: HTTP listener serves unencrypted requests: listener forwards to its instances"),
        ("legacy", M, "legacy:8443: TLS policy allows TLS 1.0"),  # no negotiation policy: ELB's default
    ]


def test_violation_text_names_resource_and_references(pack):
    (v,) = [v for v in pack.run(captured(storage.databases), MANDATORY) if v.policy == "net-database-not-public"]
    assert v.urn == "urn:pulumi:test::hitrust::aws:rds/instance:Instance::bad-db"
    assert v.phase == "stack"  # joined: whose key encrypts it is told by the stack's propertyDependencies
    detail = v.message.split("\n", 1)[1]
    assert detail == (
        "legacy-db: database has a public endpoint [HITRUST CSF 01.n, 01.o, 01.m, 09.z (derived); "
        "HIPAA 164.312(a)(1), 164.312(e)(1); NIST 800-53 AC-3, SC-7, SC-7(3)]"
    )


def test_stack_policies_attribute_to_the_rule_resource(pack):
    violations = pack.run(captured(network.open_admin_ports), MANDATORY)
    by_resource = {v.resource: v for v in violations}
    assert by_resource["web-rdp"].urn == (
        "urn:pulumi:test::hitrust::aws:ec2/securityGroupRule:SecurityGroupRule::web-rdp"
    )
    assert by_resource["web-rdp"].phase == "stack"
    # the separate rule names its owning group, joined while the group's id is unknown (preview)
    assert "web-sg: 3389/tcp (RDP) open to 0.0.0.0/0" in by_resource["web-rdp"].message
    assert "db-sg: all ports open to 0.0.0.0/0" in by_resource["db-everything"].message


def test_network_acl_violations_name_the_reachable_ports(pack):
    violations = {v.resource: v for v in pack.run(captured(network.network_acls), MANDATORY)
                  if v.policy == "net-network-acl-admin-ports"}
    assert violations["open-acl"].urn == "urn:pulumi:test::hitrust::aws:ec2/networkAcl:NetworkAcl::open-acl"
    assert violations["open-acl"].phase == "stack"
    assert "open-acl: 22/tcp (SSH) reachable from the internet [HITRUST CSF 01.n, 01.m, 09.m (derived);" in (
        violations["open-acl"].message)
    assert "snmp-acl: 161/udp (SNMP), 162/udp (SNMP trap) reachable from the internet" in violations["snmp-acl"].message
    # medium severity: advisory unless configured otherwise
    levels = {v.resource: v.level for v in pack.run(captured(network.network_acls))
              if v.policy == "net-network-acl-admin-ports"}
    assert levels == {"open-acl": A, "web-acl": A, "snmp-acl": A, "legacy-ssh": A}


def test_default_levels_block_critical_and_high_only(pack):
    violations = pack.run(captured(storage.databases))
    assert keys(violations) == {
        ("enc-database-storage-encrypted", "bad-db", M),  # high
        ("net-database-not-public", "bad-db", M),  # critical
        ("enc-database-storage-kms", "bad-db", A),  # medium
        ("iam-database-directory-auth", "bad-db", A),  # medium
        ("log-database-auditing", "bad-db", A),  # medium
        ("enc-database-tls-required", "bad-db", M),  # high
    }
    assert keys(pack.run(captured(logging.log_groups))) == {("log-log-group-retention", "short-logs", A)}


def test_the_pack_makes_no_remediations(pack):
    pack.remediations.clear()
    pack.run(captured(network.open_admin_ports), {"all": "remediate"})
    assert pack.remediations == []
