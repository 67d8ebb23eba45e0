"""Each adapter on captured-shape props, including joins while ids are unknown."""

import json

import pytest

from hitrust_policies.model import (
    KMS,
    NEAR_ADMIN,
    PROVIDER_MANAGED,
    SCOPED,
    AuditTrail,
    BlockStorageDefaults,
    BlockVolume,
    CryptoKey,
    DatabaseInstance,
    Identity,
    IngressRule,
    LogGroup,
    Network,
    ObjectStore,
    PasswordPolicy,
    PolicyGrant,
    SecurityGroup,
    TlsListener,
    Unknown,
)
from hitrust_policies.model.facts import same
from hitrust_policies.sources.pulumi import AdapterFailure, Stack, model_values, to_model
from hitrust_policies.sources.pulumi.aws.lb import min_tls_version
from hitrust_policies.sources.pulumi.props import SECRET_SIG, SIG_KEY, UNKNOWN_STRING
from hitrust_policies.sources.pulumi.registry import pulumi_adapter
from tests.sources.pulumi.helpers import res, urn

U = UNKNOWN_STRING
BUCKET = "aws:s3/bucket:Bucket"
SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
LOGGING = "aws:s3/bucketLogging:BucketLogging"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
SG = "aws:ec2/securityGroup:SecurityGroup"
SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"


def one(values, kind):
    (value,) = [v for v in values if isinstance(v, kind)]
    return value


def kms_rules(key):
    return [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key}}]


# ------------------------------------------------------------------ S3


def test_bare_bucket_gets_aws_defaults_sse_s3_and_public_access_blocked():
    """Since 2023 S3 encrypts every new bucket (SSE-S3) and creates it with all four public-access guards on."""
    store = one(to_model([res(BUCKET, "b")]), ObjectStore)
    assert store.encryption == PROVIDER_MANAGED and store.kms_key is None and store.kms_key_customer_managed is False
    assert store.public_access_open == () and store.access_logging is False and store.tls_only is False
    assert store.ref.name == "b" and store.ref.source == "pulumi" and store.ref.native_type == BUCKET
    assert store.ref.native_id == urn(BUCKET, "b")


def test_bucket_joins_through_property_dependencies_while_the_id_is_unknown():
    bucket_urn = urn(BUCKET, "b")
    key_urn = urn("aws:kms/key:Key", "k")
    store = one(to_model([
        res(BUCKET, "b", {"bucket": "phi-b"}),
        res("aws:kms/key:Key", "k"),
        res(SSE, "b-sse", {"bucket": U, "rules": kms_rules(U)}, bucket=[bucket_urn], rules=[key_urn]),
        res(PAB, "b-pab", {"bucket": U, "blockPublicAcls": False, "blockPublicPolicy": True,
                           "ignorePublicAcls": True, "restrictPublicBuckets": True}, bucket=[bucket_urn]),
        res(LOGGING, "b-log", {"bucket": U, "targetBucket": "logs"}, bucket=[bucket_urn]),
    ]), ObjectStore)
    assert (store.encryption, store.kms_key_customer_managed, store.public_access_open, store.access_logging) == (
        KMS, True, ("BlockPublicAcls",), True)
    assert store.ref.name == "phi-b"


def test_bucket_joins_by_value_when_ids_are_known():
    stores = {v.ref.name: v for v in to_model([
        res(BUCKET, "b", {"bucket": "phi-b", "id": "phi-b"}),
        res(SSE, "b-sse", {"bucket": "phi-b", "rules": [
            {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]}),
        res(PAB, "b-pab", {"bucket": "phi-b", "blockPublicAcls": True, "blockPublicPolicy": True,
                           "ignorePublicAcls": True, "restrictPublicBuckets": True}),
        res(BUCKET, "other", {"bucket": "other"}),
    ])}
    store = stores["phi-b"]
    assert store.encryption == PROVIDER_MANAGED and store.public_access_open == ()
    assert stores["other"].public_access_open == ()  # no block resource: the April 2023 default


def test_bucket_child_that_cannot_be_attributed_makes_facts_unknown_not_false():
    store = one(to_model([res(BUCKET, "b"), res(LOGGING, "mystery-log", {"bucket": U, "targetBucket": "x"})]),
                ObjectStore)
    assert isinstance(store.access_logging, Unknown)
    assert store.access_logging.reason == "computed at preview: bucket of mystery-log"


def test_unknown_kms_key_keeps_encryption_known():
    store = one(to_model([
        res(BUCKET, "b"), res(SSE, "s", {"bucket": U, "rules": kms_rules(U)}, bucket=[urn(BUCKET, "b")])
    ]), ObjectStore)
    assert store.encryption == KMS
    reason = "computed at preview: rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId"
    assert same(store.kms_key, Unknown(reason))


def test_inline_deprecated_encryption_and_logging():
    store = one(to_model([res(BUCKET, "b", {
        "serverSideEncryptionConfiguration": {"rule": {"applyServerSideEncryptionByDefault": {
            "sseAlgorithm": "aws:kms:dsse"}}},
        "logging": {"targetBucket": "logs"},
    })]), ObjectStore)
    assert store.encryption == KMS and store.kms_key is None and store.access_logging is True


def tls_deny(bucket="phi-b", **statement):
    """A bucket policy (JSON text, as pulumi-aws sends it) denying s3:* to everyone without TLS."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}, **statement}]})


def test_bucket_policy_joins_while_the_id_is_unknown():
    bucket_urn = urn(BUCKET, "b")
    store = one(to_model([
        res(BUCKET, "b", {"bucket": "phi-b"}),
        res(POLICY, "b-policy", {"bucket": U, "policy": tls_deny()}, bucket=[bucket_urn]),
    ]), ObjectStore)
    assert store.tls_only is True


def test_bucket_policy_joins_by_value_and_judges_each_bucket_by_its_own_policy():
    stores = {v.ref.name: v for v in to_model([
        res(BUCKET, "b", {"bucket": "phi-b", "id": "phi-b"}),
        res(BUCKET, "other", {"bucket": "other", "id": "other"}),
        res(BUCKET, "objects-only", {"bucket": "objects-only", "id": "objects-only"}),
        res(BUCKET, "bare", {"bucket": "bare", "id": "bare"}),
        res(POLICY, "b-policy", {"bucket": "phi-b", "policy": tls_deny()}),
        res(POLICY, "other-policy", {"bucket": "other", "policy": tls_deny()}),  # names phi-b's ARNs
        res(POLICY, "objects-policy", {"bucket": "objects-only", "policy": tls_deny(
            "objects-only", Resource="arn:aws:s3:::objects-only/*")}),
    ])}
    assert {name: store.tls_only for name, store in stores.items()} == {
        "phi-b": True, "other": False, "objects-only": False, "bare": False}


def test_bucket_policy_unknown_at_preview_makes_tls_only_unknown():
    store = one(to_model([
        res(BUCKET, "b", {"bucket": "phi-b"}),
        res(POLICY, "b-policy", {"bucket": U, "policy": U}, bucket=[urn(BUCKET, "b")]),
    ]), ObjectStore)
    assert same(store.tls_only, Unknown("computed at preview: policy"))


def test_bucket_policy_given_as_a_document_object_with_a_value_unknown_at_preview():
    def tls_only(policy):
        return one(to_model([res(BUCKET, "b", {"bucket": "phi-b"}),
                             res(POLICY, "p", {"bucket": U, "policy": policy}, bucket=[urn(BUCKET, "b")])]),
                   ObjectStore).tls_only

    document = json.loads(tls_deny())
    assert tls_only(document) is True
    document["Statement"][0]["Resource"] = U
    assert same(tls_only(document), Unknown("computed at preview: policy.Statement[0].Resource"))
    assert same(tls_only({"Statement": U}), Unknown("computed at preview: policy.Statement"))


def test_bucket_policy_that_cannot_be_attributed_makes_tls_only_unknown_not_false():
    store = one(to_model([res(BUCKET, "b", {"bucket": "phi-b"}),
                          res(POLICY, "mystery-policy", {"bucket": U, "policy": tls_deny()})]), ObjectStore)
    assert same(store.tls_only, Unknown("computed at preview: bucket of mystery-policy"))


def test_bucket_policy_with_unknown_bucket_name():
    """The name decides only when the policy names ARNs: ``arn:aws:s3:::*`` covers any name."""
    def tls_only(resource):
        return one(to_model([res(BUCKET, "b", {"bucket": U}),
                             res(POLICY, "p", {"bucket": U, "policy": tls_deny(**resource)},
                                 bucket=[urn(BUCKET, "b")])]), ObjectStore).tls_only

    assert same(tls_only({}), Unknown("computed at preview: bucket"))
    assert tls_only({"Resource": ["arn:aws:s3:::*"]}) is True


def test_inline_deprecated_bucket_policy():
    def tls_only(props):
        return one(to_model([res(BUCKET, "b", {"bucket": "phi-b", **props})]), ObjectStore).tls_only

    assert tls_only({"policy": tls_deny()}) is True
    assert tls_only({"policy": tls_deny(Condition={"NumericLessThan": {"s3:TlsVersion": "1.2"}})}) is False
    assert same(tls_only({"policy": U}), Unknown("computed at preview: policy"))
    assert same(tls_only({"policy": "{not json"}), Unknown("bucket policy is not valid JSON"))


def test_bucket_name_falls_back_to_name_tag_then_logical_name_and_skips_secrets():
    tagged = one(to_model([res(BUCKET, "b", {"tags": {"Name": "tagged"}})]), ObjectStore)
    secret_name = one(to_model([res(BUCKET, "b2", {"bucket": {SIG_KEY: SECRET_SIG, "value": "hush"}})]),
                      ObjectStore)
    assert tagged.ref.name == "tagged" and secret_name.ref.name == "b2"


# ------------------------------------------------------------------ EC2 / VPC


def test_inline_ingress_expands_to_one_rule_per_source():
    sg = res(SG, "web", {"name": "web-sg", "ingress": [
        {"protocol": "tcp", "fromPort": 22.0, "toPort": 22.0,
         "cidrBlocks": ["10.0.0.0/8", "0.0.0.0/0"], "ipv6CidrBlocks": ["::/0"]},
        {"protocol": "-1", "fromPort": 0.0, "toPort": 0.0, "self": True},
    ]})
    rules = [v for v in to_model([sg]) if isinstance(v, IngressRule)]
    assert [(r.protocol, r.from_port, r.to_port, r.source) for r in rules] == [
        ("tcp", 22, 22, "10.0.0.0/8"), ("tcp", 22, 22, "0.0.0.0/0"), ("tcp", 22, 22, "::/0"),
        ("all", 0, 65535, "self"),
    ]
    assert {r.group for r in rules} == {"web-sg"} and {r.ref.name for r in rules} == {"web-sg"}
    group = one(to_model([sg]), SecurityGroup)
    # counted per permission (protocol + port range), as DescribeSecurityGroups lists them
    assert group.is_default is False and group.ingress_rule_count == 2 and group.egress_rule_count == 0


def test_icmp_has_no_ports_like_the_live_scanner_reports():
    rule = one(to_model([res(SG, "s", {"ingress": [
        {"protocol": "icmp", "fromPort": 8.0, "toPort": 0.0, "cidrBlocks": ["0.0.0.0/0"]}]})]), IngressRule)
    assert (rule.protocol, rule.from_port, rule.to_port) == ("icmp", -1, -1)


def test_three_ways_to_open_ssh_give_the_same_ingress_rule_facts():
    sg_urn = urn(SG, "web")
    values = to_model([
        res(SG, "web", {"name": "web-sg", "ingress": [
            {"protocol": "tcp", "fromPort": 22.0, "toPort": 22.0, "cidrBlocks": ["0.0.0.0/0"]}]}),
        res(SG_RULE, "r1", {"type": "ingress", "securityGroupId": U, "protocol": "6", "fromPort": 22.0,
                            "toPort": 22.0, "cidrBlocks": ["0.0.0.0/0"]}, securityGroupId=[sg_urn]),
        res(VPC_INGRESS, "r2", {"securityGroupId": U, "ipProtocol": "tcp", "fromPort": 22.0, "toPort": 22.0,
                                "cidrIpv4": "0.0.0.0/0"}, securityGroupId=[sg_urn]),
        res(SG_RULE, "out", {"type": "egress", "securityGroupId": U, "protocol": "-1", "fromPort": 0.0,
                             "toPort": 0.0, "cidrBlocks": ["0.0.0.0/0"]}, securityGroupId=[sg_urn]),
    ])
    rules = [v for v in values if isinstance(v, IngressRule)]
    facts = {(r.group, r.protocol, r.from_port, r.to_port, r.source) for r in rules}
    assert facts == {("web-sg", "tcp", 22, 22, "0.0.0.0/0")}
    assert len(rules) == 3
    assert {r.ref.native_type for r in rules} == {SG, SG_RULE, VPC_INGRESS}
    group = one(values, SecurityGroup)
    assert (group.ingress_rule_count, group.egress_rule_count) == (1, 1)  # AWS merges the same permission


def test_unknown_cidr_and_pending_group_sources():
    values = to_model([res(SG, "s", {"ingress": [
        {"protocol": "tcp", "fromPort": 22.0, "toPort": 22.0, "cidrBlocks": [U], "securityGroups": [U]},
        {"protocol": "tcp", "fromPort": 80.0, "toPort": 80.0, "cidrBlocks": U},
    ]})])
    sources = [r.source for r in values if isinstance(r, IngressRule)]
    assert isinstance(sources[0], Unknown) and sources[0].reason == "computed at preview: ingress[0].cidrBlocks[0]"
    assert sources[1] == "sg-(computed at preview)"  # a group, known not to be the internet
    assert sources[2].reason == "computed at preview: ingress[1].cidrBlocks"


def test_rule_for_a_group_outside_the_stack_names_the_group_id():
    rule = one(to_model([res(VPC_INGRESS, "r", {"securityGroupId": "sg-0abc", "ipProtocol": "tcp",
                                                "fromPort": 3389.0, "toPort": 3389.0, "cidrIpv4": "0.0.0.0/0"})]),
               IngressRule)
    assert rule.group == "sg-0abc" and rule.ref.name == "sg-0abc"


def test_default_security_group():
    bare = one(to_model([res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "d", {"vpcId": U})]),
               SecurityGroup)
    assert bare.is_default is True and bare.ref.name == "default"
    assert (bare.ingress_rule_count, bare.egress_rule_count) == (0, 0)


def test_vpc_flow_logs_join_on_vpc_id():
    vpc_urn = urn("aws:ec2/vpc:Vpc", "v")
    logged = one(to_model([res("aws:ec2/vpc:Vpc", "v", {"tags": {"Name": "phi"}}),
                           res("aws:ec2/flowLog:FlowLog", "fl", {"vpcId": U, "trafficType": "ALL"},
                               vpcId=[vpc_urn])]), Network)
    assert logged.flow_logs_enabled is True and logged.ref.name == "phi" and logged.is_default is False
    by_value = one(to_model([res("aws:ec2/vpc:Vpc", "v", {"id": "vpc-1"}),
                             res("aws:ec2/flowLog:FlowLog", "fl", {"vpcId": "vpc-1", "trafficType": "ALL"})]), Network)
    assert by_value.flow_logs_enabled is True
    assert one(to_model([res("aws:ec2/vpc:Vpc", "v")]), Network).flow_logs_enabled is False


# ------------------------------------------------------------------ other services


@pytest.mark.parametrize("props, encrypted, public", [
    ({}, False, False),
    ({"storageEncrypted": True, "publiclyAccessible": True}, True, True),
    ({"snapshotIdentifier": "snap"}, Unknown("x"), False),
])
def test_rds_defaults(props, encrypted, public):
    db = one(to_model([res("aws:rds/instance:Instance", "db", {"identifier": "phi-db", **props})]),
             DatabaseInstance)
    assert db.ref.name == "phi-db" and db.publicly_accessible is public
    assert isinstance(db.storage_encrypted, Unknown) if isinstance(encrypted, Unknown) else (
        db.storage_encrypted is encrypted)


def test_ebs():
    vol = one(to_model([res("aws:ebs/volume:Volume", "v", {"encrypted": True, "kmsKeyId": "arn:k"})]), BlockVolume)
    assert (vol.encrypted, vol.kms_key) == (True, "arn:k")
    implicit = one(to_model([res("aws:ebs/volume:Volume", "v")]), BlockVolume)
    assert isinstance(implicit.encrypted, Unknown)
    defaults = one(to_model([res("aws:ebs/encryptionByDefault:EncryptionByDefault", "d")]), BlockStorageDefaults)
    assert defaults.encrypted_by_default is True


def test_kms_trail_log_group_defaults():
    key = one(to_model([res("aws:kms/key:Key", "k")]), CryptoKey)
    assert (key.customer_managed, key.rotation_supported, key.enabled, key.rotation_enabled) == (
        True, True, True, False)
    trail = one(to_model([res("aws:cloudtrail/trail:Trail", "t", {"name": "org"})]), AuditTrail)
    assert (trail.multi_region, trail.logging, trail.log_file_validation, trail.kms_key) == (
        False, True, False, None)
    # no event selector: CloudTrail's default, every management event read and write
    assert (trail.management_reads, trail.management_writes, trail.management_exclusions) == (True, True, ())
    assert (trail.cloudwatch_logs, trail.cloudwatch_delivery_hours) == (None, None)
    assert trail.ref.name == "org"
    for props, days in (({}, None), ({"retentionInDays": 0.0}, None), ({"retentionInDays": 30.0}, 30)):
        assert one(to_model([res("aws:cloudwatch/logGroup:LogGroup", "g", props)]), LogGroup).retention_days == days


TRAIL = "aws:cloudtrail/trail:Trail"
MANAGEMENT = {"field": "eventCategory", "equals": ["Management"]}


@pytest.mark.parametrize("props, facts", [
    ({"eventSelectors": [{"readWriteType": "All"}]}, (True, True, ())),  # includeManagementEvents defaults to true
    ({"eventSelectors": [{"readWriteType": "WriteOnly", "includeManagementEvents": True}]}, (False, True, ())),
    ({"eventSelectors": [{"includeManagementEvents": False, "dataResources": [
        {"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}]}, (False, False, ())),
    ({"eventSelectors": [{"readWriteType": "All", "excludeManagementEventSources": ["kms.amazonaws.com"]}]},
     (True, True, ("events from kms.amazonaws.com",))),
    ({"advancedEventSelectors": [{"name": "m", "fieldSelectors": [MANAGEMENT]}]}, (True, True, ())),
    ({"advancedEventSelectors": [{"fieldSelectors": [MANAGEMENT, {"field": "readOnly", "equals": ["true"]}]}]},
     (True, False, ())),
    ({"advancedEventSelectors": [{"fieldSelectors": [
        {"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]}]},
     (False, False, ())),
    ({"advancedEventSelectors": [{"fieldSelectors": [MANAGEMENT, {"field": "eventName", "startsWiths": ["Get"]}]}]},
     (True, True, ("events outside eventName startswith Get",))),
])
def test_trail_management_events(props, facts):
    trail = one(to_model([res(TRAIL, "t", {"name": "t", **props})]), AuditTrail)
    assert (trail.management_reads, trail.management_writes, trail.management_exclusions) == facts


def test_trail_selectors_unknown_and_cloudwatch_group():
    trail = one(to_model([res(TRAIL, "t", {"eventSelectors": [{"readWriteType": U}],
                                           "cloudWatchLogsGroupArn": "arn:aws:logs:us-east-1:1:log-group:a:*"})]),
                AuditTrail)
    assert trail.management_reads.reason == "computed at preview: eventSelectors[0].readWriteType"
    assert trail.management_exclusions.reason == trail.management_writes.reason == trail.management_reads.reason
    assert (trail.cloudwatch_logs, trail.cloudwatch_delivery_hours) == ("arn:aws:logs:us-east-1:1:log-group:a:*", None)


GROUP = "aws:cloudwatch/logGroup:LogGroup"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"


def test_log_group_holds_audit_data_joined_from_trails_and_flow_logs():
    def holds(*others, group=None):
        group = group or {"name": "/audit", "arn": U}
        return one(to_model([res(GROUP, "g", group), *others]), LogGroup).holds_audit_data

    g = [urn(GROUP, "g")]
    assert holds() is False
    assert holds(res(TRAIL, "t", {"cloudWatchLogsGroupArn": U}, cloudWatchLogsGroupArn=g)) is True
    assert holds(res(TRAIL, "t", {"cloudWatchLogsGroupArn": "arn:aws:logs:us-east-1:1:log-group:/audit:*"})) is True
    assert holds(res(TRAIL, "t", {"cloudWatchLogsGroupArn": "arn:aws:logs:us-east-1:1:log-group:/other:*"})) is False
    assert holds(res(TRAIL, "t", {"cloudWatchLogsGroupArn": U})).reason == "computed at preview: destination of t"
    assert holds(res(FLOW_LOG, "f", {"logDestination": U}, logDestination=g)) is True  # cloud-watch-logs by default
    assert holds(res(FLOW_LOG, "f", {"logGroupName": "/audit"})) is True
    assert holds(res(FLOW_LOG, "f", {"logDestination": U, "logDestinationType": "s3"}, logDestination=g)) is False
    assert holds(res(FLOW_LOG, "f", {"logDestination": U, "logDestinationType": U},
                     logDestination=g)).reason == "computed at preview: destination of f"
    assert holds(res(FLOW_LOG, "f", {"logDestination": "arn:aws:logs:us-east-1:1:log-group:/audit"}),
                 group={"name": "/audit", "arn": "arn:aws:logs:us-east-1:1:log-group:/audit"}) is True


def test_iam_user_direct_policies_and_live_only_facts():
    user_urn = urn("aws:iam/user:User", "alice")
    policy_urn = urn("aws:iam/policy:Policy", "admin")
    values = to_model([
        res("aws:iam/user:User", "alice", {"name": "alice"}),
        res("aws:iam/policy:Policy", "admin", {"name": "full-admin", "policy": U}),
        res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a", {"user": "alice", "policyArn": U},
            policyArn=[policy_urn], user=[user_urn]),
        res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "b",
            {"user": "alice", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
        res("aws:iam/userPolicy:UserPolicy", "c", {"user": U, "name": "inline", "policy": json.dumps(
            {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})}, user=[user_urn]),
    ])
    user = one(values, Identity)
    assert user.direct_policies == ("full-admin", "ReadOnlyAccess", "inline")
    assert user.console_access.reason == "only visible in a live account"
    grants = {g.ref.name: g for g in values if isinstance(g, PolicyGrant)}
    assert set(grants) == {"full-admin", "user/alice/inline"}  # ReadOnlyAccess grants no admin: no value
    assert grants["full-admin"].access.reason == "computed at preview: policy" and grants["full-admin"].attached
    assert (grants["user/alice/inline"].access, grants["user/alice/inline"].attached) == (SCOPED, True)


def test_policy_document_is_judged_by_the_shared_evaluator():
    grant = one(to_model([res("aws:iam/policy:Policy", "p", {"policy": (
        '{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*",'
        ' "Condition": {"Bool": {"aws:SecureTransport": "true"}}},'
        ' {"Effect": "Deny", "Action": "kms:*", "NotResource": ["arn:x"]}]}')})]), PolicyGrant)
    assert (grant.access, grant.exceptions) == (NEAR_ADMIN, "iam:*, kms:*")
    assert isinstance(grant.attached, Unknown)  # no attachment in this stack: only a live account knows
    bad = one(to_model([res("aws:iam/policy:Policy", "p", {"policy": "{not json"})]), PolicyGrant)
    assert bad.access.reason == "policy document is not valid JSON"


def test_password_policy_defaults():
    p = one(to_model([res("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "pp")]), PasswordPolicy)
    assert (p.present, p.min_length, p.require_symbols, p.max_age_days, p.reuse_prevention) == (
        True, 6, False, None, None)


def test_listeners():
    def listener(props):
        return one(to_model([res("aws:lb/listener:Listener", "l", props)]), TlsListener)

    assert listener({"protocol": "HTTPS"}).min_tls_version == "1.0"  # provider default policy
    assert listener({"protocol": "TLS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}).min_tls_version == "1.3"
    assert isinstance(listener({"protocol": "HTTPS", "sslPolicy": "Custom"}).min_tls_version, Unknown)
    redirect = listener({"protocol": "HTTP", "defaultActions": [
        {"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443"}}]})
    assert (redirect.min_tls_version, redirect.plaintext_routes) == (None, ())
    assert listener({"protocol": "HTTP", "defaultActions": U}).plaintext_routes.reason == (
        "computed at preview: defaultActions")
    assert listener({"protocol": "HTTP", "defaultActions": [{"type": "forward", "targetGroupArn": "arn:tg"}]}
                    ).plaintext_routes == ("default action forwards",)
    tcp = listener({"protocol": "TCP"})
    assert (tcp.plaintext_routes, tcp.min_tls_version) == ((), None)
    assert listener({"protocol": "HTTPS"}).ref.name == "l"
    assert listener({}).protocol.reason.startswith("protocol not set and the load balancer is not in this stack")
    assert min_tls_version(None) == "1.0"


LB = "aws:lb/loadBalancer:LoadBalancer"
LISTENER = "aws:lb/listener:Listener"
LISTENER_RULE = "aws:lb/listenerRule:ListenerRule"
TO_HTTPS = [{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}]
FORWARD = [{"type": "forward", "targetGroupArn": "arn:tg"}]


@pytest.mark.parametrize("lb_props, protocol", [
    ({"name": "web"}, "HTTP"),  # application is the provider's default type
    ({"name": "web", "loadBalancerType": "application"}, "HTTP"),
    ({"name": "web", "loadBalancerType": "network"}, "TCP"),
])
def test_listener_without_protocol_takes_its_load_balancers_default(lb_props, protocol):
    values = to_model([res(LB, "web", {**lb_props, "arn": U}),
                       res(LISTENER, "web-80", {"loadBalancerArn": U, "port": 80, "defaultActions": FORWARD},
                           loadBalancerArn=[urn(LB, "web")])])
    ls = one(values, TlsListener)
    assert (ls.protocol, ls.ref.name) == (protocol, "web:80")


def test_listener_protocol_default_unknown_or_absent():
    lb_type_unknown = to_model([res(LB, "web", {"name": "web", "loadBalancerType": U}),
                                res(LISTENER, "l", {"loadBalancerArn": U, "port": 80},
                                    loadBalancerArn=[urn(LB, "web")])])
    assert one(lb_type_unknown, TlsListener).protocol.reason == "computed at preview: loadBalancerType"
    gateway = to_model([res(LB, "gw", {"name": "gw", "loadBalancerType": "gateway"}),
                        res(LISTENER, "l", {"loadBalancerArn": U}, loadBalancerArn=[urn(LB, "gw")])])
    assert [v for v in gateway if isinstance(v, TlsListener)] == []
    # joined by value too, once the ARN is known
    by_arn = to_model([res(LB, "web", {"name": "web", "arn": "arn:lb/web"}),
                       res(LISTENER, "l", {"loadBalancerArn": "arn:lb/web", "port": 8080})])
    assert (one(by_arn, TlsListener).protocol, one(by_arn, TlsListener).ref.name) == ("HTTP", "web:8080")


def test_listener_rules_are_joined():
    listener_urn = urn(LISTENER, "web-80")

    def routes(*rules):
        return one(to_model([res(LISTENER, "web-80", {"protocol": "HTTP", "defaultActions": TO_HTTPS, "arn": U}),
                             *rules]), TlsListener).plaintext_routes

    def rule(name, actions, priority=10, **deps):
        props = {"listenerArn": U, "actions": actions, **({"priority": priority} if priority else {})}
        return res(LISTENER_RULE, name, props, **(deps or {"listenerArn": [listener_urn]}))

    assert routes() == ()
    assert routes(rule("api", FORWARD)) == ("rule 10 forwards",)
    assert routes(rule("api", FORWARD, priority=None)) == ("rule api forwards",)
    assert routes(rule("ok", TO_HTTPS, 5), rule("legacy", [{"type": "redirect", "redirect": {"protocol": "HTTP"}}],
                                                  20)) == ("rule 20 redirects to HTTP",)
    assert routes(rule("fixed", [{"type": "fixed-response", "fixedResponse": {"contentType": "text/plain"}}])) == ()
    assert routes(rule("late", U)).reason == "computed at preview: actions"
    # a rule whose listener link is unknown and carries no dependency might be this listener's
    assert routes(res(LISTENER_RULE, "orphan", {"listenerArn": U, "actions": FORWARD})).reason == (
        "computed at preview: listenerArn of orphan")
    # another listener's rule does not count
    assert routes(rule("other", FORWARD, listenerArn=[urn(LISTENER, "other")])) == ()
    # a forwarding rule known beside an unknown one already fails the listener
    assert routes(rule("api", FORWARD), rule("late", U)) == ("rule 10 forwards",)


CLASSIC = "aws:elb/loadBalancer:LoadBalancer"


def test_classic_load_balancer_listeners():
    listeners = [{"lbProtocol": "https", "lbPort": 443, "instanceProtocol": "http", "instancePort": 80},
                 {"lbProtocol": "ssl", "lbPort": 8443, "instanceProtocol": "tcp", "instancePort": 8443},
                 {"lbProtocol": "tcp", "lbPort": 5432, "instanceProtocol": "tcp", "instancePort": 5432},
                 {"lbProtocol": "http", "lbPort": 80, "instanceProtocol": "http", "instancePort": 80}]
    lb_urn = urn(CLASSIC, "legacy")
    values = to_model([
        res(CLASSIC, "legacy", {"name": "legacy", "listeners": listeners}),
        res("aws:elb/sslNegotiationPolicy:SslNegotiationPolicy", "tls12", {
            "loadBalancer": U, "lbPort": 443, "attributes": [
                {"name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"}]},
            loadBalancer=[lb_urn]),
    ])
    got = {v.ref.name: (v.protocol, v.min_tls_version, v.plaintext_routes, v.ref.part)
           for v in values if isinstance(v, TlsListener)}
    assert got == {
        "legacy:443": ("HTTPS", "1.2", (), "443"),
        "legacy:8443": ("SSL", "1.0", (), "8443"),  # no policy: ELB's default, ELBSecurityPolicy-2016-08
        "legacy:5432": ("TCP", None, (), "5432"),
        "legacy:80": ("HTTP", None, ("listener forwards to its instances",), "80"),
    }


def test_classic_listener_policy_joined_through_load_balancer_policy():
    lb_urn, policy_urn = urn(CLASSIC, "legacy"), urn("aws:elb/loadBalancerPolicy:LoadBalancerPolicy", "tls11")
    values = to_model([
        res(CLASSIC, "legacy", {"name": "legacy", "listeners": [{"lbProtocol": "HTTPS", "lbPort": 443}]}),
        res("aws:elb/loadBalancerPolicy:LoadBalancerPolicy", "tls11", {
            "loadBalancerName": U, "policyName": "tls11", "policyTypeName": "SSLNegotiationPolicyType",
            "policyAttributes": [{"name": "Protocol-TLSv1", "value": "false"},
                                 {"name": "Protocol-TLSv1.1", "value": "true"},
                                 {"name": "Protocol-TLSv1.2", "value": "true"}]}, loadBalancerName=[lb_urn]),
        res("aws:elb/listenerPolicy:ListenerPolicy", "attach", {
            "loadBalancerName": U, "loadBalancerPort": 443, "policyNames": [U]},
            loadBalancerName=[lb_urn], policyNames=[policy_urn]),
    ])
    assert one(values, TlsListener).min_tls_version == "1.1"


def test_alb_alias_token_uses_the_same_adapter():
    assert isinstance(one(to_model([res("aws:alb/listener:Listener", "l", {"protocol": "HTTP"})]), TlsListener),
                      TlsListener)


def test_an_adapter_that_raises_yields_a_failure_not_a_pass():
    token = "test:index/broken:Broken"

    @pulumi_adapter(token, produces=BlockVolume)
    def broken(res_, stack):
        raise KeyError("boom")
        yield

    (failure,) = model_values(Stack([res(token, "x")]))
    assert isinstance(failure, AdapterFailure) and BlockVolume in failure.kinds
    assert "KeyError" in failure.reason
