"""Parity: each scenario written once as a pulumi-aws program and once as a (moto) AWS account.

The policy pack (a real pack process, driven over the analyzer protocol) and the live
scanner must give the same (rule id, resource, status) multiset - two openings of one group
count twice; so must the Pulumi adapter and the live collectors with PASS included. A
mismatch is a bug in an adapter, not a tolerance.
Resources are named alike on both sides (physical name = Pulumi logical name; Name tags
where AWS has no name), which is the naming convention the two sources share.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto import mock_aws

from hitrust_policies import Status, evaluate
from hitrust_policies.pulumi_pack import pack_rules
from hitrust_policies.sources.live.aws.scan import scan_aws
from hitrust_policies.sources.pulumi import PulumiResource, to_model
from hitrust_policies.testing.pulumi import capture, default_pack_dir, shared_pack
from tests.verdicts import Verdicts, unique_ids

ACCOUNT = "123456789012"
REGION = "us-east-1"
PACK_RULES = {r.id for r in pack_rules()}
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
SCOPED = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::phi-records/*"}]}
TLS_ONLY_RECORDS = {"Version": "2012-10-17", "Statement": [{
    "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
PAB = {flag: True for flag in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}


@dataclass(frozen=True)
class Scenario:
    name: str
    program: Callable[[], None]
    seed: Callable[[Any], None]
    names: frozenset[str]  # the scenario's resources (the live account also has moto's defaults)
    must_fail: frozenset[tuple[str, str]]  # keeps the scenario from being vacuous
    must_pass: frozenset[tuple[str, str]] = frozenset()
    regions: tuple[str, ...] = (REGION,)  # regions the live side scans


# ----------------------------------------------------------------- 1. object storage

def storage_program() -> None:
    import pulumi_aws as aws

    records = aws.s3.Bucket("phi-records", bucket="phi-records")
    logs = aws.s3.Bucket("phi-access-logs", bucket="phi-access-logs")
    aws.s3.Bucket("phi-scratch", bucket="phi-scratch")
    key = aws.kms.Key("records-key")
    aws.s3.BucketServerSideEncryptionConfiguration("records-sse", bucket=records.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}])
    aws.s3.BucketServerSideEncryptionConfiguration("logs-sse", bucket=logs.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}])
    for name, bucket in (("records", records), ("logs", logs)):
        aws.s3.BucketPublicAccessBlock(f"{name}-pab", bucket=bucket.id, block_public_acls=True,
                                       ignore_public_acls=True, block_public_policy=True,
                                       restrict_public_buckets=True)
    aws.s3.BucketLogging("records-logging", bucket=records.id, target_bucket=logs.id, target_prefix="records/")
    aws.s3.BucketPolicy("records-policy", bucket=records.id, policy=json.dumps(TLS_ONLY_RECORDS))


def storage_seed(session: Any) -> None:
    s3, kms = session.client("s3"), session.client("kms")
    key = kms.create_key()["KeyMetadata"]["Arn"]
    for name in ("phi-records", "phi-access-logs", "phi-scratch"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_encryption(Bucket="phi-records", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    s3.put_bucket_encryption(Bucket="phi-access-logs", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    for name in ("phi-records", "phi-access-logs"):
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=PAB)
    s3.put_bucket_acl(Bucket="phi-access-logs", ACL="log-delivery-write")
    s3.put_bucket_logging(Bucket="phi-records", BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": "phi-access-logs", "TargetPrefix": "records/"}})
    s3.put_bucket_policy(Bucket="phi-records", Policy=json.dumps(TLS_ONLY_RECORDS))


# ----------------------------------------------------------------- 2. ingress, three ways

def ingress_program() -> None:
    import pulumi_aws as aws

    aws.ec2.SecurityGroup("bastion", name="bastion", description="bastion", ingress=[
        {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"]},
    ])
    app = aws.ec2.SecurityGroup("app", name="app", description="app")
    aws.ec2.SecurityGroupRule("app-postgres", type="ingress", security_group_id=app.id, protocol="tcp",
                              from_port=5432, to_port=5432, cidr_blocks=["10.0.0.0/8"])
    aws.vpc.SecurityGroupIngressRule("app-rdp", security_group_id=app.id, ip_protocol="tcp",
                                     from_port=3389, to_port=3389, cidr_ipv6="::/0")
    aws.vpc.SecurityGroupIngressRule("app-all", security_group_id=app.id, ip_protocol="-1",
                                     cidr_ipv4="0.0.0.0/0")


def ingress_seed(session: Any) -> None:
    ec2 = session.client("ec2")

    def group(name: str, perms: list[dict[str, Any]]) -> None:
        gid = ec2.create_security_group(GroupName=name, Description=name)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=perms)

    group("bastion", [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8"}]},
    ])
    group("app", [
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    ])


# ----------------------------------------------------------------- 3. volumes and databases

def data_program() -> None:
    import pulumi_aws as aws

    aws.ebs.Volume("enc-disk", availability_zone="us-east-1a", size=50, encrypted=True,
                   tags={"Name": "enc-disk"})
    aws.ebs.Volume("plain-disk", availability_zone="us-east-1a", size=50, encrypted=False,
                   tags={"Name": "plain-disk"})
    aws.rds.Instance("patients-db", identifier="patients-db", engine="postgres", instance_class="db.t3.micro",
                     allocated_storage=20, storage_encrypted=True, publicly_accessible=False,
                     username="app", password="correct-horse-1")
    aws.rds.Instance("reports-db", identifier="reports-db", engine="mysql", instance_class="db.t3.micro",
                     allocated_storage=20, publicly_accessible=True, username="app", password="correct-horse-2")


def data_seed(session: Any) -> None:
    ec2, rds = session.client("ec2"), session.client("rds")
    for name, encrypted in (("enc-disk", True), ("plain-disk", False)):
        ec2.create_volume(Size=50, AvailabilityZone="us-east-1a", Encrypted=encrypted, TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}])
    rds.create_db_instance(DBInstanceIdentifier="patients-db", Engine="postgres", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, StorageEncrypted=True, PubliclyAccessible=False,
                           MasterUsername="app", MasterUserPassword="correct-horse-1")
    rds.create_db_instance(DBInstanceIdentifier="reports-db", Engine="mysql", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, PubliclyAccessible=True, MasterUsername="app",
                           MasterUserPassword="correct-horse-2")


# ----------------------------------------------------------------- 4. audit trails and log retention

def logging_program() -> None:
    import pulumi_aws as aws

    aws.cloudtrail.Trail("org-trail", name="org-trail", s3_bucket_name="audit-bucket", is_multi_region_trail=True,
                         enable_log_file_validation=True, kms_key_id="arn:aws:kms:us-east-1:123456789012:key/k1")
    aws.cloudtrail.Trail("weak-trail", name="weak-trail", s3_bucket_name="audit-bucket")
    aws.cloudwatch.LogGroup("/app/api", name="/app/api", retention_in_days=30)
    aws.cloudwatch.LogGroup("/app/audit", name="/app/audit", retention_in_days=400)
    aws.cloudwatch.LogGroup("/app/forever", name="/app/forever")


def logging_seed(session: Any) -> None:
    session.client("s3").create_bucket(Bucket="audit-bucket")
    ct, logs = session.client("cloudtrail"), session.client("logs")
    ct.create_trail(Name="org-trail", S3BucketName="audit-bucket", IsMultiRegionTrail=True,
                    EnableLogFileValidation=True, KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k1")
    ct.start_logging(Name="org-trail")
    ct.create_trail(Name="weak-trail", S3BucketName="audit-bucket")
    ct.start_logging(Name="weak-trail")
    for name, days in (("/app/api", 30), ("/app/audit", 400), ("/app/forever", None)):
        logs.create_log_group(logGroupName=name)
        if days:
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)


# ----------------------------------------------------------------- 5. identities and grants

def iam_program() -> None:
    import pulumi_aws as aws

    admin = aws.iam.Policy("admin-all", name="admin-all", policy=json.dumps(ADMIN))
    aws.iam.Policy("read-phi", name="read-phi", policy=json.dumps(SCOPED))
    aws.iam.User("alice", name="alice")
    bob = aws.iam.User("bob", name="bob")
    aws.iam.UserPolicyAttachment("bob-admin", user=bob.name, policy_arn=admin.arn)
    aws.iam.AccountPasswordPolicy(f"password-policy-{ACCOUNT}", minimum_password_length=8, require_numbers=True)


def iam_seed(session: Any) -> None:
    iam = session.client("iam")
    arn = iam.create_policy(PolicyName="admin-all", PolicyDocument=json.dumps(ADMIN))["Policy"]["Arn"]
    iam.create_policy(PolicyName="read-phi", PolicyDocument=json.dumps(SCOPED))
    iam.create_user(UserName="alice")
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True)


# ----------------------------------------------------------------- 6. networks, keys and TLS endpoints

def edge_program() -> None:
    import pulumi_aws as aws

    phi = aws.ec2.Vpc("phi-vpc", cidr_block="10.20.0.0/16", tags={"Name": "phi-vpc"})
    aws.ec2.FlowLog("phi-vpc-flows", vpc_id=phi.id, traffic_type="ALL", log_destination_type="s3",
                    log_destination="arn:aws:s3:::flow-logs")
    aws.ec2.Vpc("dark-vpc", cidr_block="10.30.0.0/16", tags={"Name": "dark-vpc"})
    aws.kms.Key("phi-key", enable_key_rotation=True)
    aws.kms.Key("legacy-key")
    lb = aws.lb.LoadBalancer("portal", name="portal", subnets=["subnet-a", "subnet-b"])
    aws.lb.Listener("portal:443", load_balancer_arn=lb.arn, port=443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", certificate_arn="arn:aws:acm:cert",
                    default_actions=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                                                   "status_code": "200"}}])
    aws.lb.Listener("portal:80", load_balancer_arn=lb.arn, port=80, protocol="HTTP", default_actions=[{
        "type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}])
    aws.lb.Listener("portal:8443", load_balancer_arn=lb.arn, port=8443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-2016-08", certificate_arn="arn:aws:acm:cert",
                    default_actions=[{"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                                                   "status_code": "200"}}])


def edge_seed(session: Any) -> None:
    ec2, kms, elb = session.client("ec2"), session.client("kms"), session.client("elbv2")
    vpcs = {}
    for name, cidr in (("phi-vpc", "10.20.0.0/16"), ("dark-vpc", "10.30.0.0/16")):
        vpcs[name] = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]
    session.client("s3").create_bucket(Bucket="flow-logs")
    created = ec2.create_flow_logs(ResourceIds=[vpcs["phi-vpc"]], ResourceType="VPC", TrafficType="ALL",
                                   LogDestinationType="s3", LogDestination="arn:aws:s3:::flow-logs")
    assert not created["Unsuccessful"], created["Unsuccessful"]
    for alias, rotate in (("phi-key", True), ("legacy-key", False)):
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key)
        if rotate:
            kms.enable_key_rotation(KeyId=key)
    subnets = [ec2.create_subnet(VpcId=vpcs["phi-vpc"], CidrBlock=f"10.20.{i}.0/24",
                                 AvailabilityZone=f"us-east-1{az}")["Subnet"]["SubnetId"]
               for i, az in ((1, "a"), (2, "b"))]
    cert = session.client("acm").request_certificate(DomainName="portal.example.com")["CertificateArn"]
    lb = elb.create_load_balancer(Name="portal", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    fixed = [{"Type": "fixed-response", "FixedResponseConfig": {"ContentType": "text/plain", "StatusCode": "200"}}]
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=fixed)
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{
        "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=8443, SslPolicy="ELBSecurityPolicy-2016-08",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=fixed)


# ----------------------------------------------------------------- 7. messages and shared files at rest

def messaging_program() -> None:
    import pulumi_aws as aws

    aws.sqs.Queue("phi-orders", name="phi-orders")  # SSE-SQS, AWS's default for a new queue
    aws.sqs.Queue("phi-results", name="phi-results", kms_master_key_id="alias/aws/sqs")
    aws.sqs.Queue("legacy-intake", name="legacy-intake", sqs_managed_sse_enabled=False)
    aws.sns.Topic("lab-results", name="lab-results", kms_master_key_id="alias/aws/sns")
    aws.sns.Topic("phi-alerts", name="phi-alerts")
    aws.efs.FileSystem("phi-shared", encrypted=True, tags={"Name": "phi-shared"})
    aws.efs.FileSystem("scratch-share", tags={"Name": "scratch-share"})


def messaging_seed(session: Any) -> None:
    sqs, sns, efs = session.client("sqs"), session.client("sns"), session.client("efs")
    sqs.create_queue(QueueName="phi-orders")
    sqs.create_queue(QueueName="phi-results", Attributes={"KmsMasterKeyId": "alias/aws/sqs"})
    sqs.create_queue(QueueName="legacy-intake", Attributes={"SqsManagedSseEnabled": "false"})
    sns.create_topic(Name="lab-results", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    sns.create_topic(Name="phi-alerts")
    efs.create_file_system(CreationToken="phi-shared", Encrypted=True, Tags=[{"Key": "Name", "Value": "phi-shared"}])
    efs.create_file_system(CreationToken="scratch-share", Tags=[{"Key": "Name", "Value": "scratch-share"}])


# ----------------------------------------------------------------- 8. threat detection, per region

def threat_detection_program() -> None:
    import pulumi_aws as aws

    aws.guardduty.Detector("threats-us", enable=True, region="us-east-1")
    aws.guardduty.Detector("threats-eu", enable=False, region="eu-west-1")


def threat_detection_seed(session: Any) -> None:
    session.client("guardduty", region_name="us-east-1").create_detector(Enable=True)
    session.client("guardduty", region_name="eu-west-1").create_detector(Enable=False)


SCENARIOS = [
    Scenario("storage", storage_program, storage_seed,
             frozenset({"phi-records", "phi-access-logs", "phi-scratch"}),
             frozenset({("enc-object-store-kms", "phi-scratch"), ("log-object-store-access-logging", "phi-scratch"),
                        ("net-object-store-public-access-blocked", "phi-scratch"),
                        ("enc-object-store-tls-only", "phi-scratch"),
                        ("enc-object-store-tls-only", "phi-access-logs")}),
             must_pass=frozenset({("enc-object-store-tls-only", "phi-records")})),
    Scenario("ingress", ingress_program, ingress_seed, frozenset({"bastion", "app"}),
             frozenset({("net-ingress-rule-admin-ports", "bastion"), ("net-ingress-rule-admin-ports", "app")})),
    Scenario("data", data_program, data_seed, frozenset({"enc-disk", "plain-disk", "patients-db", "reports-db"}),
             frozenset({("enc-block-volume-encrypted", "plain-disk"), ("net-database-not-public", "reports-db"),
                        ("enc-database-storage-encrypted", "reports-db")})),
    Scenario("logging", logging_program, logging_seed,
             frozenset({"org-trail", "weak-trail", "/app/api", "/app/audit", "/app/forever"}),
             frozenset({("log-audit-trail-validation", "weak-trail"), ("enc-audit-trail-kms", "weak-trail"),
                        ("log-log-group-retention", "/app/api")})),
    Scenario("iam", iam_program, iam_seed,
             frozenset({"admin-all", "read-phi", "alice", "bob", f"password-policy-{ACCOUNT}"}),
             frozenset({("iam-policy-grant-no-admin", "admin-all"), ("iam-identity-no-direct-policies", "bob"),
                        ("iam-password-policy-strong", f"password-policy-{ACCOUNT}")})),
    Scenario("edge", edge_program, edge_seed,
             frozenset({"phi-vpc", "dark-vpc", "phi-key", "legacy-key", "portal:443", "portal:80", "portal:8443"}),
             frozenset({("log-network-flow-logs", "dark-vpc"), ("enc-crypto-key-rotation", "legacy-key"),
                        ("enc-tls-listener-modern", "portal:8443")})),
    Scenario("messaging-and-files", messaging_program, messaging_seed,
             frozenset({"phi-orders", "phi-results", "legacy-intake", "lab-results", "phi-alerts", "phi-shared",
                        "scratch-share"}),
             frozenset({("enc-message-queue-encrypted", "legacy-intake"), ("enc-message-queue-encrypted", "phi-alerts"),
                        ("enc-file-system-encrypted", "scratch-share")}),
             must_pass=frozenset({("enc-message-queue-encrypted", "phi-orders"),
                                  ("enc-message-queue-encrypted", "phi-results"),
                                  ("enc-message-queue-encrypted", "lab-results"),
                                  ("enc-file-system-encrypted", "phi-shared")})),
    Scenario("threat-detection", threat_detection_program, threat_detection_seed,
             frozenset({"guardduty/us-east-1", "guardduty/eu-west-1"}),
             frozenset({("log-threat-detection-enabled", "guardduty/eu-west-1")}),
             must_pass=frozenset({("log-threat-detection-enabled", "guardduty/us-east-1")}),
             regions=("us-east-1", "eu-west-1")),
]


def live_findings(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> Verdicts:
    for var, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                       ("AWS_DEFAULT_REGION", REGION)):
        monkeypatch.setenv(var, value)
    with mock_aws():
        session = boto3.Session(region_name=REGION)
        scenario.seed(session)
        result = scan_aws(session=session, regions=list(scenario.regions), max_workers=4)
    assert result.complete
    return Verdicts((f.rule_id, f.resource.name, f.status.value) for f in unique_ids(result.findings())
                    if f.resource.name in scenario.names and f.rule_id in PACK_RULES)


@pytest.fixture(scope="module")
def pack():
    return shared_pack(default_pack_dir())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_pack_and_scanner_agree(scenario: Scenario, pack, monkeypatch: pytest.MonkeyPatch) -> None:
    live = live_findings(scenario, monkeypatch)
    captured = capture(scenario.program, preview=False)
    values = to_model(PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name,
                                               property_dependencies=r.property_dependencies) for r in captured)

    # The Pulumi adapter and the live collectors: every verdict, PASS included.
    adapted = Verdicts((f.rule_id, f.resource.name, f.status.value) for f in unique_ids(evaluate(values))
                       if f.resource.name in scenario.names and f.rule_id in PACK_RULES)
    assert adapted == live

    # The real pack process: its violations are exactly the live FAIL / UNKNOWN verdicts.
    names_by_urn: dict[str, str] = {v.ref.native_id: v.ref.name for v in values}
    violations = pack.run(captured, config={"all": "mandatory"})
    reported = Verdicts((v.policy, names_by_urn[v.urn],
                         Status.UNKNOWN.value if "could not be known" in v.message else Status.FAIL.value)
                        for v in violations if names_by_urn[v.urn] in scenario.names)
    assert reported == live.where(lambda t: t[2] != Status.PASS.value)

    assert {(rule, name) for rule, name, status in live if status == "FAIL"} >= scenario.must_fail
    assert {(rule, name) for rule, name, status in live if status == "PASS"} >= scenario.must_pass
